package render

import (
	"context"
	"image"
	"image/color"
	"math"
	"sync"
	"testing"

	"corridor/geo/style"
	"corridor/geo/viewport"

	"github.com/twpayne/go-geom"
)

// ratioScene is every kind of mark the pixel ratio scales: a filled and
// hatched area with a dashed outline, a cased route with arrows, a dashed
// border, anchor and interdiction symbols, and labels.
func ratioScene() []Layer {
	return []Layer{
		land(),
		layer("patrol", style.KindPatrolArea, "", poly(1, "Patrol", []float64{-81, 6.6, -79.2, 6.6, -79.2, 7.6, -81, 7.6, -81, 6.6})),
		layer("border", style.KindBorder, "", line(1, "", -77.9, 7.2, -77.5, 7.9, -77.3, 8.3, -77.4, 8.7, -77.2, 9.0)),
		layer("route", style.KindRoute, `{"width":4}`, line(1, "Coastal run", -82.5, 7.9, -80.8, 8.1, -79.4, 8.7, -78.2, 9.1, -76.6, 9.0)),
		layer("seizures", style.KindInterdiction, "",
			&Feature{ID: 1, Size: 900, Geom: geom.NewPointFlat(geom.XY, []float64{-80.2, 8.0})},
			&Feature{ID: 2, Size: 5, Geom: geom.NewPointFlat(geom.XY, []float64{-78.6, 7.4})}),
		layer("ports", style.KindPort, "", point(1, "Colón", -79.9, 9.35), point(2, "Turbo", -76.73, 8.09)),
		crowdedPorts(),
	}
}

// crowdedPorts is a cluster of ports too close for all their labels: the
// labels placed, and where, depend on the collision boxes.
func crowdedPorts() Layer {
	var fs []*Feature
	for i := 0; i < 16; i++ {
		fs = append(fs, point(int64(i+1), "Puerto "+itoa(i+1), -81.3+0.2*float64(i%4), 9.2-0.18*float64(i/4)))
	}
	return layer("crowd", style.KindPort, "", fs...)
}

// downsample halves img by averaging each 2×2 block.
func downsample(img *image.RGBA) *image.RGBA {
	b := img.Rect
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	for y := 0; y < out.Rect.Dy(); y++ {
		for x := 0; x < out.Rect.Dx(); x++ {
			var s [4]int
			for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				o := img.PixOffset(b.Min.X+2*x+d[0], b.Min.Y+2*y+d[1])
				for c := 0; c < 4; c++ {
					s[c] += int(img.Pix[o+c])
				}
			}
			o := out.PixOffset(x, y)
			for c := 0; c < 4; c++ {
				out.Pix[o+c] = uint8((s[c] + 2) / 4)
			}
		}
	}
	return out
}

// inkDiff compares two images of one size: the share of pixels whose
// channels differ by more than 64, and how the images' "ink" (darkness
// summed over the image) differs, relative to a's.
func inkDiff(a, b *image.RGBA) (bad, ink float64) {
	n, inkA, inkB := 0, 0.0, 0.0
	for i := 0; i+3 < len(a.Pix); i += 4 {
		far := false
		for c := 0; c < 3; c++ {
			d := int(a.Pix[i+c]) - int(b.Pix[i+c])
			if d > 64 || d < -64 {
				far = true
			}
			inkA += 255 - float64(a.Pix[i+c])
			inkB += 255 - float64(b.Pix[i+c])
		}
		if far {
			n++
		}
	}
	return float64(n) / float64(len(a.Pix)/4), math.Abs(inkB-inkA) / inkA
}

// TestPixelRatioGeometry renders each layer of a scene, alone on white,
// at ratio 1 into W×H and at ratio 2 into 2W×2H, halves the second and
// compares: its strokes, symbols, halos and labels must come out at the
// same place and weight. Each layer drawn at 2W×2H without the ratio
// (hairlines, small symbols and text) must fail the same comparison, so
// that the test sees any one kind of mark left unscaled.
func TestPixelRatioGeometry(t *testing.T) {
	const w, h = 360, 240
	vp1 := viewport.New(-79.6, 8.2, 7, w, h)
	vp2 := vp1
	vp2.Width, vp2.Height, vp2.Zoom, vp2.PixelRatio = 2*w, 2*h, vp1.Zoom+1, 2
	vp0 := vp2
	vp0.PixelRatio = 1
	for _, tiles := range []int64{-1, 0} {
		for _, l := range ratioScene() {
			render := func(vp viewport.Viewport) *image.RGBA {
				r := New(Options{TileCacheBytes: tiles, Background: color.White})
				img, err := r.Render(context.Background(), vp, []Layer{l})
				if err != nil {
					t.Fatal(err)
				}
				return img
			}
			one := render(vp1)
			bad, ink := inkDiff(one, downsample(render(vp2)))
			bad0, ink0 := inkDiff(one, downsample(render(vp0)))
			t.Logf("tiles %d, %s: ratio 2: %.4f of pixels differ, ink %.4f; unscaled %.4f, %.4f", tiles, l.ID, bad, ink, bad0, ink0)
			// the ink may differ by 20%: the rasteriser covers whole
			// pixels at a dash's ends, which weighs more in a 2-pixel dash
			// at ratio 1 than in its 4-pixel twin (the border: 14%); text
			// set at twice the size differs at its edges (the crowded
			// ports, whose labels are the same at the same places: 0.43%)
			if bad > 0.006 || ink > 0.2 {
				t.Errorf("tiles %d, %s: at ratio 2, %.2f%% of pixels differ from ratio 1 and the ink by %.1f%% (want <= 0.6%%, 20%%)", tiles, l.ID, 100*bad, 100*ink)
			}
			if l.ID != "land" && bad0 <= 0.006 && ink0 <= 0.2 {
				t.Errorf("tiles %d, %s: drawn unscaled, it passes the comparison (%.4f, %.4f): the test cannot see a missing scale", tiles, l.ID, bad0, ink0)
			}
		}
	}
}

// TestRenderIntoPage draws a map into a sub-rectangle of a larger image
// (a page): the pixels inside are those of the same map rendered on its
// own, the page outside is untouched, and the bands handed over are in
// the page's coordinates and cover the frame once.
func TestRenderIntoPage(t *testing.T) {
	const w, h = 300, 200
	vp := viewport.New(-79.6, 8.2, 7, w, h)
	vp.PixelRatio = 1.5
	for _, tiles := range []int64{-1, 0} {
		want, err := New(Options{TileCacheBytes: tiles}).Render(context.Background(), vp, ratioScene())
		if err != nil {
			t.Fatal(err)
		}
		page := image.NewRGBA(image.Rect(0, 0, 2*w, 3*h))
		for i := range page.Pix {
			page.Pix[i] = 0xEE
		}
		frameRect := image.Rect(w/3, h+7, w/3+w, 2*h+7)
		sub := page.SubImage(frameRect).(*image.RGBA)
		covered := make([]int, frameRect.Max.Y)
		var mu sync.Mutex
		err = New(Options{TileCacheBytes: tiles}).RenderRows(context.Background(), sub, vp, ratioScene(), func(y0, y1 int) error {
			mu.Lock()
			for y := y0; y < y1; y++ {
				covered[y]++
			}
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for y := 0; y < frameRect.Max.Y; y++ {
			if n, in := covered[y], y >= frameRect.Min.Y; (in && n != 1) || (!in && n != 0) {
				t.Fatalf("tiles %d: row %d handed over %d times", tiles, y, n)
			}
		}
		b := page.Rect
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				got := page.RGBAAt(x, y)
				if (image.Point{x, y}).In(frameRect) {
					if exp := want.RGBAAt(x-frameRect.Min.X, y-frameRect.Min.Y); got != exp {
						t.Fatalf("tiles %d: page pixel %d,%d is %v, the map's %v", tiles, x, y, got, exp)
					}
				} else if got != (color.RGBA{0xEE, 0xEE, 0xEE, 0xEE}) {
					t.Fatalf("tiles %d: page pixel %d,%d outside the frame was drawn: %v", tiles, x, y, got)
				}
			}
		}
	}
	bad := image.NewRGBA(image.Rect(5, 5, w+5, h+4))
	if err := New(Options{}).RenderInto(context.Background(), bad, vp, nil); err == nil {
		t.Error("an image of another size than the viewport's was accepted")
	}
}

// TestDrawText draws text into a sub-image of a page with the map's
// fonts: it lands at the pen position, stays inside the sub-image, and
// its measure scales with the size.
func TestDrawText(t *testing.T) {
	r := New(Options{})
	ts := TextStyle{Size: 12, Color: color.Black, Halo: color.White, HaloWidth: 2}
	w12, asc12, _ := r.MeasureText("Corridor", ts)
	ts2 := ts
	ts2.Size = 24
	w24, asc24, _ := r.MeasureText("Corridor", ts2)
	if w12 <= 0 || math.Abs(w24/w12-2) > 0.05 || math.Abs(asc24/asc12-2) > 0.1 {
		t.Errorf("width %v at 12 px and %v at 24 px, ascent %v and %v: want twice", w12, w24, asc12, asc24)
	}
	page := image.NewRGBA(image.Rect(0, 0, 200, 100))
	sub := page.SubImage(image.Rect(50, 40, 120, 70)).(*image.RGBA)
	r.DrawText(sub, "Corridor", 55, 60, ts2) // runs past the sub-image's right edge
	ink := image.Rectangle{}
	for y := 0; y < 100; y++ {
		for x := 0; x < 200; x++ {
			if page.RGBAAt(x, y).A != 0 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if !ink.In(sub.Rect) || ink.Empty() {
		t.Fatalf("text drawn over %v, want inside %v", ink, sub.Rect)
	}
	if ink.Min.X > 55 || ink.Min.X < 50 || ink.Max.Y < 60 {
		t.Errorf("text drawn over %v, want from about x 55 (less the halo) down past the baseline at y 60", ink)
	}
	r.DrawText(sub, "nothing", math.NaN(), 60, ts) // no panic, no ink
}
