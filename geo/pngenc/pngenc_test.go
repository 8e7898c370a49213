package pngenc

import (
	"bytes"
	"errors"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand"
	"strings"
	"testing"
)

func randomImage(w, h int, opaque bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewSource(int64(w*h) + 1))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := uint8(255)
			if !opaque {
				a = uint8(rng.Intn(256))
			}
			// premultiplied: channels never exceed alpha
			c := color.NRGBA{uint8(rng.Intn(256)), uint8(x), uint8(y), a}
			img.Set(x, y, c)
		}
	}
	return img
}

// TestDecodesToTheSameImage checks, with the standard library's decoder,
// that every pixel survives for opaque and translucent images of awkward sizes.
func TestDecodesToTheSameImage(t *testing.T) {
	for _, c := range []struct {
		w, h   int
		opaque bool
	}{{1, 1, true}, {3, 2, false}, {257, 131, true}, {640, 480, false}, {100, 7, true}} {
		img := randomImage(c.w, c.h, c.opaque)
		var buf bytes.Buffer
		if err := Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%dx%d: decode: %v", c.w, c.h, err)
		}
		for y := 0; y < c.h; y++ {
			for x := 0; x < c.w; x++ {
				want := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				have := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
				if want != have {
					t.Fatalf("%dx%d: pixel (%d,%d) = %v, want %v", c.w, c.h, x, y, have, want)
				}
			}
		}
	}
}

func BenchmarkEncode1080p(b *testing.B) {
	img := randomImage(1920, 1080, true)
	// a map-like image: mostly flat colour
	for i := range img.Pix {
		if i%97 != 0 {
			img.Pix[i] = 200
		}
	}
	b.Run("pngenc", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Encode(&bytes.Buffer{}, img)
		}
	})
	b.Run("image/png", func(b *testing.B) {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		for i := 0; i < b.N; i++ {
			enc.Encode(&bytes.Buffer{}, img)
		}
	})
}

func TestAdler32Combine(t *testing.T) {
	data := make([]byte, 200003)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for _, cut := range []int{0, 1, 65521, 100000, 200003} {
		got := adler32Combine(adler32.Checksum(data[:cut]), adler32.Checksum(data[cut:]), len(data)-cut)
		if want := adler32.Checksum(data); got != want {
			t.Fatalf("cut %d: %08x, want %08x", cut, got, want)
		}
	}
}

// mapImage is a map-like image: flat background, thin anti-aliased-ish
// lines, a few noisy patches, optionally with translucent pixels.
func mapImage(w, h int, translucent bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 213, 228, 238, 255
	}
	for k := 0; k < 40; k++ {
		x, y := rng.Intn(w), rng.Intn(h)
		for s := 0; s < 300; s++ {
			x, y = (x+rng.Intn(3)+w-1)%w, (y+rng.Intn(3)+h-1)%h
			a := uint8(128 + rng.Intn(128))
			img.SetRGBA(x, y, color.RGBA{a * 3 / 4, 0, a / 5, 255})
		}
	}
	for y := h / 3; y < h/3+20 && y < h; y++ {
		for x := 0; x < w && x < 50; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(rng.Intn(256)), 255})
		}
	}
	if translucent {
		img.SetRGBA(w/2, h-1, color.RGBA{10, 20, 30, 40})
	}
	return img
}

// TestMapImages checks map-like images (long runs, runs across rows and
// blocks, a translucent pixel found late) round-trip exactly and compress.
func TestMapImages(t *testing.T) {
	for _, c := range []struct {
		w, h        int
		translucent bool
	}{{1920, 1080, false}, {1920, 1080, true}, {300, 1, false}, {2, 900, false}, {1, 1, true}} {
		img := mapImage(c.w, c.h, c.translucent)
		var buf bytes.Buffer
		if err := Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		size := buf.Len()
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%dx%d: decode: %v", c.w, c.h, err)
		}
		if _, isNRGBA := got.(*image.NRGBA); isNRGBA != !img.Opaque() {
			t.Errorf("%dx%d opaque=%v: decoded as %T", c.w, c.h, img.Opaque(), got)
		}
		for y := 0; y < c.h; y++ {
			for x := 0; x < c.w; x++ {
				want := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				have := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
				if want != have {
					t.Fatalf("%dx%d: pixel (%d,%d) = %v, want %v", c.w, c.h, x, y, have, want)
				}
			}
		}
		if raw := c.w * c.h * 3; raw > 1<<16 && size > raw/10 {
			t.Errorf("%dx%d: %d bytes for %d raw: not compressed", c.w, c.h, size, raw)
		}
	}
}

// TestHuffLengthsLimit checks that codes stay within the length limit for
// a skewed (Fibonacci) distribution whose optimal code is deeper, and that
// they satisfy the Kraft equality (a complete prefix code).
func TestHuffLengthsLimit(t *testing.T) {
	for _, c := range []struct {
		n, limit int
	}{{286, 15}, {19, 7}, {2, 15}, {1, 15}, {30, 15}} {
		freq := make([]uint32, c.n)
		a, b := uint32(1), uint32(1)
		for i := range freq {
			freq[i] = a
			a, b = b, min(a+b, 1<<30)
		}
		lens := make([]uint8, max(c.n, 2))
		var hs huffScratch
		huffLengths(freq, c.limit, lens[:c.n], &hs)
		kraft := 0.0
		for _, l := range lens[:c.n] {
			if int(l) > c.limit {
				t.Fatalf("n=%d: length %d over %d", c.n, l, c.limit)
			}
			if l > 0 {
				kraft += 1 / float64(uint(1)<<l)
			}
		}
		if c.n >= 2 && kraft != 1 {
			t.Errorf("n=%d: Kraft sum %g, want 1", c.n, kraft)
		}
	}
}

func TestAdler32Update(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, n := range []int{0, 1, 7, 8, 9, 63, 1000, 1<<16 - 3, 1 << 16, 1<<16 + 9, 300000} {
		for _, fill := range []string{"random", "ff"} {
			p := make([]byte, n)
			for i := range p {
				if fill == "ff" {
					p[i] = 0xff
				} else {
					p[i] = byte(rng.Intn(256))
				}
			}
			if got, want := adler32Update(1, p), adler32.Checksum(p); got != want {
				t.Errorf("n=%d %s: adler32Update = %08x, want %08x", n, fill, got, want)
			}
			// in two pieces
			k := n / 3
			if got, want := adler32Update(adler32Update(1, p[:k]), p[k:]), adler32.Checksum(p); got != want {
				t.Errorf("n=%d %s split: adler32Update = %08x, want %08x", n, fill, got, want)
			}
		}
	}
}

// TestTranslucentAnywhere checks that one translucent pixel, wherever it
// is in a row (first or second of a pair the filter takes together, or
// the row's last), makes the image RGBA and survives.
func TestTranslucentAnywhere(t *testing.T) {
	for w := 1; w <= 9; w++ {
		for x := 0; x < w; x++ {
			img := image.NewRGBA(image.Rect(0, 0, w, 3))
			for i := range img.Pix {
				img.Pix[i] = 255
			}
			img.SetRGBA(x, 1, color.RGBA{10, 20, 30, 40})
			var buf bytes.Buffer
			if err := Encode(&buf, img); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("w=%d x=%d: decode: %v", w, x, err)
			}
			if _, _, _, a := got.At(x, 1).RGBA(); a>>8 != 40 {
				t.Errorf("w=%d x=%d: alpha %d, want 40", w, x, a>>8)
			}
		}
	}
}

// TestRunLengths checks opaque rows made of runs of every length from 1 to
// 700 equal pixels, each run's colour differing from the last in one
// channel only (so zero bytes of a changed pixel join the run after it),
// round-trip exactly: the fused RGB path tokenizes runs across deflate's
// 258-byte run limit and the Adler-32 of zero runs summed in one step.
func TestRunLengths(t *testing.T) {
	const w, h = 701, 40
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c := color.RGBA{10, 20, 30, 255}
	x, y, run := 0, 0, 1
	for y < h {
		for k := 0; k < run && y < h; k++ {
			img.SetRGBA(x, y, c)
			if x++; x == w {
				x, y = 0, y+1
			}
		}
		switch run % 3 {
		case 0:
			c.R++
		case 1:
			c.G += 7
		default:
			c.B--
		}
		run = run%700 + 1
	}
	var buf bytes.Buffer
	if err := Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if have, want := color.RGBAModel.Convert(got.At(x, y)), img.RGBAAt(x, y); have != want {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, have, want)
			}
		}
	}
}

// TestEncoderBandsAnyOrder checks the band encoder: bands compressed
// concurrently and in any order make the same image, a translucent pixel
// in one band turns the whole file RGBA, and a missing band is refused.
func TestEncoderBandsAnyOrder(t *testing.T) {
	for _, translucent := range []bool{false, true} {
		img := mapImage(640, 333, translucent)
		e := NewEncoder(img)
		bands := [][2]int{{200, 333}, {0, 7}, {7, 120}, {120, 200}}
		done := make(chan error)
		for _, b := range bands {
			go func() { done <- e.Rows(b[0], b[1]) }()
		}
		for range bands {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if _, err := e.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("translucent=%v: decode: %v", translucent, err)
		}
		if _, isNRGBA := got.(*image.NRGBA); isNRGBA != translucent {
			t.Errorf("translucent=%v: decoded as %T", translucent, got)
		}
		for y := 0; y < 333; y++ {
			for x := 0; x < 640; x++ {
				want := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				have := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
				if want != have {
					t.Fatalf("translucent=%v: pixel (%d,%d) = %v, want %v", translucent, x, y, have, want)
				}
			}
		}
	}
	e := NewEncoder(mapImage(64, 64, false))
	e.Rows(0, 30)
	e.Rows(40, 64)
	if _, err := e.WriteTo(io.Discard); err == nil || !strings.Contains(err.Error(), "30..40") {
		t.Fatalf("missing rows 30..40: err = %v", err)
	}
	if err := e.Rows(60, 70); err == nil {
		t.Fatal("rows past the image accepted")
	}
}

// TestStreamBandsAnyOrder checks the streaming encoder: bands compressed
// concurrently and in any order are written in order and make the same
// image; a translucent pixel, a missing band and a failing writer are
// each reported.
func TestStreamBandsAnyOrder(t *testing.T) {
	img := mapImage(640, 333, false)
	var buf bytes.Buffer
	s := NewStream(&buf, img)
	bands := [][2]int{{200, 333}, {120, 200}, {0, 7}, {7, 120}}
	done := make(chan error)
	for _, b := range bands {
		go func() { done <- s.Rows(b[0], b[1]) }()
	}
	for range bands {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for y := 0; y < 333; y++ {
		for x := 0; x < 640; x++ {
			if have, want := color.RGBAModel.Convert(got.At(x, y)), img.RGBAAt(x, y); have != want {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, have, want)
			}
		}
	}

	s = NewStream(io.Discard, mapImage(64, 64, true)) // translucent at (32, 63)
	if err := s.Rows(0, 64); err == nil || !strings.Contains(err.Error(), "not opaque") {
		t.Fatalf("translucent rows: err = %v", err)
	}
	s = NewStream(io.Discard, mapImage(64, 64, false))
	s.Rows(0, 30)
	s.Rows(40, 64)
	if err := s.Close(); err == nil || !strings.Contains(err.Error(), "30..64") {
		t.Fatalf("missing rows 30..40: err = %v", err)
	}
	boom := errors.New("disk full")
	s = NewStream(&failAfter{n: 100, err: boom}, mapImage(64, 64, false))
	s.Rows(0, 64)
	if err := s.Close(); !errors.Is(err, boom) {
		t.Fatalf("failing writer: err = %v", err)
	}
}

// failAfter is a writer that fails once n bytes have been written.
type failAfter struct {
	n   int
	err error
}

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n < len(p) {
		return 0, f.err
	}
	f.n -= len(p)
	return len(p), nil
}

// TestEmptyImages checks that an image with no pixels, which PNG cannot
// hold, is refused with an error by every entry point, and writes nothing.
func TestEmptyImages(t *testing.T) {
	for _, r := range []image.Rectangle{image.Rect(0, 0, 0, 10), image.Rect(0, 0, 10, 0), image.Rect(5, 5, 5, 5), {}} {
		img := image.NewRGBA(r)
		var buf bytes.Buffer
		if err := Encode(&buf, img); err == nil || !strings.Contains(err.Error(), "at least one pixel") {
			t.Errorf("Encode %v: err = %v", r, err)
		}
		e := NewEncoder(img)
		if err := e.Rows(r.Min.Y, r.Max.Y); err == nil {
			t.Errorf("Encoder.Rows %v: no error", r)
		}
		if _, err := e.WriteTo(&buf); err == nil {
			t.Errorf("Encoder.WriteTo %v: no error", r)
		}
		s := NewStream(&buf, img)
		if err := s.Rows(r.Min.Y, r.Max.Y); err == nil {
			t.Errorf("Stream.Rows %v: no error", r)
		}
		if err := s.Close(); err == nil {
			t.Errorf("Stream.Close %v: no error", r)
		}
		if buf.Len() != 0 {
			t.Errorf("%v: %d bytes written", r, buf.Len())
		}
	}
}
