package render

import (
	"image"
	"testing"
)

func TestBlendRowOver(t *testing.T) {
	tests := []struct{ dst, src, want [4]uint8 }{
		{[4]uint8{10, 20, 30, 255}, [4]uint8{0, 0, 0, 0}, [4]uint8{10, 20, 30, 255}},
		{[4]uint8{10, 20, 30, 255}, [4]uint8{200, 100, 50, 255}, [4]uint8{200, 100, 50, 255}},
		// half-transparent white over black
		{[4]uint8{0, 0, 0, 255}, [4]uint8{128, 128, 128, 128}, [4]uint8{128, 128, 128, 255}},
		{[4]uint8{200, 100, 50, 255}, [4]uint8{51, 0, 0, 51}, [4]uint8{211, 80, 40, 255}},
	}
	for _, tt := range tests {
		d := tt.dst
		blendRowOver(d[:], tt.src[:])
		for k := range d {
			if diff := int(d[k]) - int(tt.want[k]); diff > 1 || diff < -1 {
				t.Errorf("%v over %v = %v, want %v", tt.src, tt.dst, d, tt.want)
				break
			}
		}
	}
}

func TestRotateSprite(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, -10, 40, 4)) // pen coordinates
	for i := range src.Pix {
		src.Pix[i] = 255
	}
	var scratch []uint64
	same := rotateSprite(src, 20, -3, 0, &scratch)
	if w, h := same.rect.Dx(), same.rect.Dy(); w < 40 || w > 44 || h < 14 || h > 18 {
		t.Fatalf("unrotated sprite is %d×%d", w, h)
	}
	turned := rotateSprite(src, 20, -3, 3.14159265/2, &scratch)
	if w, h := turned.rect.Dx(), turned.rect.Dy(); h < 40 || h > 44 || w < 14 || w > 18 {
		t.Fatalf("sprite turned a quarter is %d×%d", w, h)
	}
	// the pivot stays at the origin: the middle of the turned bar is opaque
	dst := image.NewRGBA(image.Rect(0, 0, 60, 60))
	turned.blitOver(dst, 30, 30)
	if a := dst.RGBAAt(30, 30).A; a < 200 {
		t.Fatalf("pivot pixel alpha %d", a)
	}
	if dst.RGBAAt(30, 10).A < 200 || dst.RGBAAt(10, 30).A != 0 {
		t.Fatal("turned sprite drawn in the wrong place")
	}
}
