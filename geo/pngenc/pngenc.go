// Package pngenc writes PNG files fast: rows are filtered, checksummed and
// deflated in parallel bands whose deflate streams are joined at sync-flush
// boundaries (as pigz does), so a 1920x1080 map encodes in a fraction of
// image/png's single-threaded time. The output is a standard PNG.
package pngenc

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Encode writes img as an 8-bit PNG: RGB when every pixel is opaque, else
// RGBA (non-premultiplied, as PNG requires).
func Encode(w io.Writer, img *image.RGBA) error {
	if err := checkSize(img); err != nil {
		return err
	}
	e := NewEncoder(img)
	height := img.Rect.Dy()
	bands := max(1, min(runtime.GOMAXPROCS(0)*2, height))
	y := img.Rect.Min.Y
	errs := make([]error, bands)
	parallel(bands, func(i int) { errs[i] = e.Rows(y+height*i/bands, y+height*(i+1)/bands) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	_, err := e.WriteTo(w)
	return err
}

// checkSize refuses an image with no pixels, which PNG cannot hold.
func checkSize(img *image.RGBA) error {
	if img.Rect.Dx() <= 0 || img.Rect.Dy() <= 0 {
		return fmt.Errorf("pngenc: a PNG needs at least one pixel, the image is %dx%d", max(0, img.Rect.Dx()), max(0, img.Rect.Dy()))
	}
	return nil
}

// Encoder encodes an image band of rows by band, so that a band can be
// compressed as soon as its pixels are final while others are still being
// drawn. Rows may be called for the bands in any order and at the same
// time; WriteTo then writes the PNG. The bands must tile the image.
type Encoder struct {
	img         *image.RGBA
	translucent atomic.Bool
	mu          sync.Mutex
	parts       []part
}

// Stream is an Encoder for an opaque image that writes the PNG as it goes:
// each band's compressed rows are written as soon as the bands above them
// have been, and their buffer serves a later band. The bands may come in
// any order and at the same time, as with Encoder; Close writes the end.
type Stream struct {
	img  *image.RGBA
	w    io.Writer
	mu   sync.Mutex
	wait []part // bands compressed but not written yet
	next int    // the first row not written yet
	sum  uint32 // Adler-32 of the filtered rows written
	err  error  // the first write error
	free [][]byte
}

// NewStream returns a Stream writing img, every pixel of which must be
// opaque (it is written as RGB), to w, starting with the PNG's header. An
// image with no pixels writes nothing: Rows and Close report it.
func NewStream(w io.Writer, img *image.RGBA) *Stream {
	s := &Stream{img: img, w: w, next: img.Rect.Min.Y, sum: 1}
	if s.err = checkSize(img); s.err != nil {
		return s
	}
	var hdr bytes.Buffer
	hdr.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(img.Rect.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(img.Rect.Dy()))
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	writeChunk(&hdr, "IHDR", ihdr[:])
	writeChunk(&hdr, "IDAT", []byte{0x78, 0x01}) // zlib header: deflate, fastest
	_, s.err = w.Write(hdr.Bytes())
	return s
}

// Rows compresses rows [y0, y1) of the image and writes them, with any
// bands below them that were waiting for them.
func (s *Stream) Rows(y0, y1 int) error {
	r := s.img.Rect
	if err := checkSize(s.img); err != nil {
		return err
	}
	if y0 < r.Min.Y || y1 > r.Max.Y || y0 >= y1 {
		return fmt.Errorf("pngenc: rows %d..%d outside the image's %d..%d", y0, y1, r.Min.Y, r.Max.Y)
	}
	s.mu.Lock()
	var buf []byte
	if n := len(s.free); n > 0 {
		buf, s.free = s.free[n-1], s.free[:n-1]
	}
	s.mu.Unlock()
	out, sum, ok := encodeBand(s.img, y0, y1, r.Dx(), 3, y1 == r.Max.Y, nil, buf)
	if !ok {
		return fmt.Errorf("pngenc: rows %d..%d hold a pixel that is not opaque", y0, y1)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wait = append(s.wait, part{y0: y0, y1: y1, out: out, sum: sum})
	rowLen := 1 + 3*r.Dx()
	for s.err == nil {
		i := slices.IndexFunc(s.wait, func(p part) bool { return p.y0 == s.next })
		if i < 0 {
			break
		}
		p := s.wait[i]
		s.wait = slices.Delete(s.wait, i, i+1)
		s.err = writeIDAT(s.w, p.out)
		s.sum = adler32Combine(s.sum, p.sum, (p.y1-p.y0)*rowLen)
		s.next = p.y1
		s.free = append(s.free, p.out)
	}
	return s.err
}

// Close writes the end of the PNG: the Adler-32 of the rows and the end
// chunk. Every row must have been written.
func (s *Stream) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if s.next != s.img.Rect.Max.Y {
		return fmt.Errorf("pngenc: rows %d..%d not encoded", s.next, s.img.Rect.Max.Y)
	}
	var trailer [4]byte
	binary.BigEndian.PutUint32(trailer[:], s.sum)
	var end bytes.Buffer
	writeChunk(&end, "IDAT", trailer[:])
	writeChunk(&end, "IEND", nil)
	_, s.err = s.w.Write(end.Bytes())
	return s.err
}

// writeIDAT writes data as IDAT chunks of at most 1 MiB.
func writeIDAT(w io.Writer, data []byte) error {
	for len(data) > 0 {
		n := min(len(data), 1<<20)
		if err := writeChunk(w, "IDAT", data[:n]); err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

// part is one band's deflate stream and the Adler-32 of its filtered rows.
type part struct {
	y0, y1 int
	out    []byte
	sum    uint32
}

// NewEncoder returns an Encoder for img, whose pixels must not change in
// the rows handed to Rows.
func NewEncoder(img *image.RGBA) *Encoder { return &Encoder{img: img} }

// Rows compresses rows [y0, y1) of the image, as RGB unless a pixel that
// is not opaque has been seen (WriteTo then starts again as RGBA).
func (e *Encoder) Rows(y0, y1 int) error {
	r := e.img.Rect
	if err := checkSize(e.img); err != nil {
		return err
	}
	if y0 < r.Min.Y || y1 > r.Max.Y || y0 >= y1 {
		return fmt.Errorf("pngenc: rows %d..%d outside the image's %d..%d", y0, y1, r.Min.Y, r.Max.Y)
	}
	p := part{y0: y0, y1: y1}
	if !e.translucent.Load() {
		var ok bool
		p.out, p.sum, ok = encodeBand(e.img, y0, y1, r.Dx(), 3, y1 == r.Max.Y, &e.translucent, nil)
		if !ok {
			e.translucent.Store(true)
		}
	}
	e.mu.Lock()
	e.parts = append(e.parts, p)
	e.mu.Unlock()
	return nil
}

// WriteTo writes the PNG of the bands compressed so far, which must tile
// the image.
func (e *Encoder) WriteTo(w io.Writer) (int64, error) {
	if err := checkSize(e.img); err != nil {
		return 0, err
	}
	e.mu.Lock()
	parts := slices.Clone(e.parts)
	e.mu.Unlock()
	slices.SortFunc(parts, func(a, b part) int { return a.y0 - b.y0 })
	r := e.img.Rect
	next := r.Min.Y
	for _, p := range parts {
		if p.y0 != next {
			return 0, fmt.Errorf("pngenc: rows %d..%d not encoded", next, p.y0)
		}
		next = p.y1
	}
	if next != r.Max.Y {
		return 0, fmt.Errorf("pngenc: rows %d..%d not encoded", next, r.Max.Y)
	}
	width := r.Dx()
	channels, colorType := 3, byte(2)
	if e.translucent.Load() {
		channels, colorType = 4, 6
		parallel(len(parts), func(i int) {
			p := &parts[i]
			p.out, p.sum, _ = encodeBand(e.img, p.y0, p.y1, width, 4, p.y1 == r.Max.Y, nil, nil)
		})
	}
	rowLen := 1 + width*channels
	sum := parts[0].sum
	for _, p := range parts[1:] {
		sum = adler32Combine(sum, p.sum, (p.y1-p.y0)*rowLen)
	}
	var trailer [4]byte
	binary.BigEndian.PutUint32(trailer[:], sum)
	// zlib header (deflate, 32K window, fastest), the bands' deflate
	// streams, the Adler-32 of the filtered rows
	streams := make([][]byte, 0, len(parts)+2)
	streams = append(streams, []byte{0x78, 0x01})
	for _, p := range parts {
		streams = append(streams, p.out)
	}
	streams = append(streams, trailer[:])

	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<16)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(r.Dy()))
	ihdr[8], ihdr[9] = 8, colorType // bit depth, colour type; compression, filter, interlace 0
	writeChunk(bw, "IHDR", ihdr[:])
	for _, p := range streams {
		for len(p) > 0 {
			n := min(len(p), 1<<20)
			writeChunk(bw, "IDAT", p[:n])
			p = p[n:]
		}
	}
	writeChunk(bw, "IEND", nil)
	err := bw.Flush()
	return cw.n, err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// encodeBand filters rows [y0, y1) of img with Sub and deflates them as
// one stream: final, or ended with a sync flush when other bands follow.
// It returns the stream and the Adler-32 of the filtered rows. With 3
// channels it reports ok = false, and may stop early, when a pixel is not
// opaque or when stop is set.
func encodeBand(img *image.RGBA, y0, y1, width, channels int, last bool, stop *atomic.Bool, buf []byte) (out []byte, sum uint32, ok bool) {
	rowLen := 1 + width*channels
	rows := max(1, bandChunk/rowLen) // rows per deflate block
	toks := rows*rowLen + 1
	if channels == 3 {
		toks = 0 // the RGB path codes straight to bits
	}
	d := newDeflater(toks)
	defer d.release()
	// room for a map's usual ratio, to spare regrowing (the pages of
	// the unused part are never touched), in buf when it is large enough
	if room := (y1-y0)*rowLen/2 + 1024; cap(buf) >= room {
		d.out = buf[:0]
	} else {
		d.out = make([]byte, 0, room)
	}
	if channels == 3 {
		// filtered, checksummed and tokenized in one pass over the pixels
		a := adler{s1: 1}
		d.cur = *startCode()
		for y := y0; y < y1; y += rows {
			n := min(rows, y1-y)
			if !d.rgbBlock(img, y, n, width, last && y+n == y1, y+n < y1, &a) || (stop != nil && stop.Load()) {
				return nil, 0, false
			}
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

func writeChunk(w io.Writer, kind string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], kind)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc.Sum32())
	for _, b := range [][]byte{hdr[:], data, c[:]} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}
