// Package pngenc writes PNG files fast: rows are filtered, checksummed and
// deflated in parallel bands whose deflate streams are joined at sync-flush
// boundaries (as pigz does), so a 1920x1080 map encodes in a fraction of
// image/png's single-threaded time. The output is a standard PNG.
package pngenc

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// Encode writes img as an 8-bit PNG: RGB when every pixel is opaque, else
// RGBA (non-premultiplied, as PNG requires).
func Encode(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	bands := runtime.GOMAXPROCS(0) * 2
	bands = max(1, min(bands, height))
	band := func(i int) (int, int) { return b.Min.Y + height*i/bands, b.Min.Y + height*(i+1)/bands }

	// encode as RGB, checking the alpha on the way; if any pixel is not
	// opaque, start again as RGBA
	channels, colorType := 3, byte(2)
	outs := make([][]byte, bands)
	sums := make([]uint32, bands)
	lens := make([]int, bands)
	var translucent atomic.Bool
	parallel(bands, func(i int) {
		y0, y1 := band(i)
		var ok bool
		outs[i], sums[i], ok = encodeBand(img, y0, y1, width, 3, i == bands-1, &translucent)
		if !ok {
			translucent.Store(true)
		}
	})
	if translucent.Load() {
		channels, colorType = 4, 6
		parallel(bands, func(i int) {
			y0, y1 := band(i)
			outs[i], sums[i], _ = encodeBand(img, y0, y1, width, 4, i == bands-1, nil)
		})
	}
	rowLen := 1 + width*channels
	for i := range lens {
		y0, y1 := band(i)
		lens[i] = (y1 - y0) * rowLen
	}

	sum := sums[0]
	for i := 1; i < bands; i++ {
		sum = adler32Combine(sum, sums[i], lens[i])
	}
	var trailer [4]byte
	binary.BigEndian.PutUint32(trailer[:], sum)
	// zlib header (deflate, 32K window, fastest), the bands' deflate
	// streams, the Adler-32 of the filtered rows
	parts := make([][]byte, 0, bands+2)
	parts = append(parts, []byte{0x78, 0x01})
	parts = append(parts, outs...)
	parts = append(parts, trailer[:])

	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth, colour type; compression, filter, interlace 0
	writeChunk(bw, "IHDR", ihdr[:])
	for _, p := range parts {
		for len(p) > 0 {
			n := min(len(p), 1<<20)
			writeChunk(bw, "IDAT", p[:n])
			p = p[n:]
		}
	}
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// encodeBand filters rows [y0, y1) of img with Sub and deflates them as
// one stream: final, or ended with a sync flush when other bands follow.
// It returns the stream and the Adler-32 of the filtered rows. With 3
// channels it reports ok = false, and may stop early, when a pixel is not
// opaque or when stop is set.
func encodeBand(img *image.RGBA, y0, y1, width, channels int, last bool, stop *atomic.Bool) (out []byte, sum uint32, ok bool) {
	rowLen := 1 + width*channels
	rows := max(1, bandChunk/rowLen) // rows per deflate block
	d := newDeflater()
	// room for a map's usual ratio, to spare regrowing (the pages of
	// the unused part are never touched)
	d.out = make([]byte, 0, (y1-y0)*rowLen/2+1024)
	if channels == 3 {
		// filtered, checksummed and tokenized in one pass over the pixels
		a := adler{s1: 1}
		for y := y0; y < y1; y += rows {
			n := min(rows, y1-y)
			if !d.rgbRows(img, y, n, width, &a) || (stop != nil && stop.Load()) {
				return nil, 0, false
			}
			d.block(last && y+n == y1)
		}
		sum = a.sum()
	} else {
		buf := make([]byte, rows*rowLen)
		sum = 1 // Adler-32 of nothing
		for y := y0; y < y1; y += rows {
			n := min(rows, y1-y)
			raw := buf[:n*rowLen]
			for k := 0; k < n; k++ {
				filterRGBA(raw[k*rowLen:(k+1)*rowLen], img, y+k, width)
			}
			sum = adler32Update(sum, raw)
			d.tokenize(raw)
			d.block(last && y+n == y1)
		}
	}
	if last {
		d.align()
	} else {
		d.syncFlush()
	}
	return d.out, sum, true
}

// bandChunk is about how many filtered bytes go into one deflate block:
// enough to amortise the block's header, few enough for the codes to
// follow the image's changes.
const bandChunk = 1 << 17

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

// filterRGBA writes one RGBA scanline with filter type Sub (each byte
// minus the byte one pixel to its left) into dst, which is 1 + 4*width
// long, converting premultiplied alpha to PNG's straight alpha.
func filterRGBA(dst []byte, img *image.RGBA, y, width int) {
	dst[0] = 1
	row := img.Pix[img.PixOffset(img.Rect.Min.X, y):]
	row = row[: 4*width : 4*width]
	var pr, pg, pb, pa byte
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
