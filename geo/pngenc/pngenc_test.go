package pngenc

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand"
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
