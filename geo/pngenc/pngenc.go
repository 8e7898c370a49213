// Package pngenc writes PNG files fast: rows are filtered, checksummed and
// deflated in parallel bands whose deflate streams are joined at sync-flush
// boundaries (as pigz does), so a 1920x1080 map encodes in a fraction of
// image/png's single-threaded time. The output is a standard PNG.
package pngenc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
)

// Encode writes img as an 8-bit PNG: RGB when every pixel is opaque, else
// RGBA (non-premultiplied, as PNG requires).
func Encode(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	bands := runtime.GOMAXPROCS(0) * 2
	bands = max(1, min(bands, height))
	band := func(i int) (int, int) { return b.Min.Y + height*i/bands, b.Min.Y + height*(i+1)/bands }

	bandOpaque := make([]bool, bands)
	parallel(bands, func(i int) {
		y0, y1 := band(i)
		bandOpaque[i] = img.SubImage(image.Rect(b.Min.X, y0, b.Max.X, y1)).(*image.RGBA).Opaque()
	})
	opaque := true
	for _, o := range bandOpaque {
		opaque = opaque && o
	}
	channels, colorType := 4, byte(6)
	if opaque {
		channels, colorType = 3, 2
	}
	rowLen := 1 + width*channels

	outs := make([][]byte, bands)
	sums := make([]uint32, bands)
	lens := make([]int, bands)
	parallel(bands, func(i int) {
		y0, y1 := band(i)
		raw := make([]byte, (y1-y0)*rowLen)
		for y := y0; y < y1; y++ {
			filterRow(raw[(y-y0)*rowLen:(y-y0+1)*rowLen], img, y, width, channels)
		}
		sums[i], lens[i] = adler32.Checksum(raw), len(raw)
		var buf bytes.Buffer
		buf.Grow(len(raw) / 4)
		fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
		fw.Write(raw)
		if i == bands-1 {
			fw.Close()
		} else {
			fw.Flush() // byte-aligned, non-final: the next band's blocks follow
		}
		outs[i] = buf.Bytes()
	})

	sum := sums[0]
	size := 6
	for i := range outs {
		if i > 0 {
			sum = adler32Combine(sum, sums[i], lens[i])
		}
		size += len(outs[i])
	}
	zdata := make([]byte, 0, size)
	zdata = append(zdata, 0x78, 0x01) // zlib header: deflate, 32K window, fastest
	for _, o := range outs {
		zdata = append(zdata, o...)
	}
	zdata = binary.BigEndian.AppendUint32(zdata, sum)

	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth, colour type; compression, filter, interlace 0
	writeChunk(bw, "IHDR", ihdr[:])
	for len(zdata) > 0 {
		n := min(len(zdata), 1<<20)
		writeChunk(bw, "IDAT", zdata[:n])
		zdata = zdata[n:]
	}
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// parallel runs fn(0..n-1) on up to GOMAXPROCS goroutines and waits.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(i)
		}()
	}
	wg.Wait()
}

// filterRow writes one scanline with filter type Sub (each byte minus the
// byte one pixel to its left) into dst, which is 1 + width*channels long.
func filterRow(dst []byte, img *image.RGBA, y, width, channels int) {
	dst[0] = 1
	row := img.Pix[img.PixOffset(img.Rect.Min.X, y):]
	row = row[: 4*width : 4*width]
	var pr, pg, pb, pa byte
	if channels == 3 {
		d := dst[1 : 1+3*width : 1+3*width]
		for x := 0; x < width; x++ {
			r, g, b := row[4*x], row[4*x+1], row[4*x+2]
			d[3*x], d[3*x+1], d[3*x+2] = r-pr, g-pg, b-pb
			pr, pg, pb = r, g, b
		}
		return
	}
	d := dst[1 : 1+4*width : 1+4*width]
	for x := 0; x < width; x++ {
		r, g, b, a := row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]
		if a != 0 && a != 255 {
			// image.RGBA is premultiplied; PNG wants straight alpha, rounded
			// as image/color's NRGBA model does.
			a16 := uint32(a) * 0x101
			r = byte(uint32(r) * 0x101 * 0xffff / a16 >> 8)
			g = byte(uint32(g) * 0x101 * 0xffff / a16 >> 8)
			b = byte(uint32(b) * 0x101 * 0xffff / a16 >> 8)
		}
		d[4*x], d[4*x+1], d[4*x+2], d[4*x+3] = r-pr, g-pg, b-pb, a-pa
		pr, pg, pb, pa = r, g, b, a
	}
}

// adler32Combine returns the Adler-32 of A||B from those of A and B, where
// B is lenB bytes long (zlib's adler32_combine).
func adler32Combine(a, b uint32, lenB int) uint32 {
	const base = 65521
	rem := uint32(lenB % base)
	sum1 := a & 0xffff
	sum2 := (rem * sum1) % base
	sum1 += (b & 0xffff) + base - 1
	sum2 += (a >> 16) + (b >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

func writeChunk(w *bufio.Writer, kind string, data []byte) {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], kind)
	w.Write(hdr[:])
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc.Sum32())
	w.Write(c[:])
}
