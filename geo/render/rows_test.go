package render

import (
	"context"
	"errors"
	"image"
	"image/draw"
	"sync"
	"testing"

	"corridor/geo/style"
	"corridor/geo/viewport"
)

// TestRenderRowsMatchesRenderInto checks RenderRows against RenderInto on
// every golden scene (those with annotations draw their labels on the
// whole image first, the others band by band) and on a dense route map
// with rotated labels: each band is handed over once, the bands tile the
// image, and a copy taken of each band as it is handed over is the image
// RenderInto draws, pixel for pixel.
func TestRenderRowsMatchesRenderInto(t *testing.T) {
	all := scenes()
	all = append(all, scene{"dense routes", viewport.New(-80, 5, 7.5, 640, 400), []Layer{
		{ID: "routes", Kind: style.KindRoute, Style: style.Default(style.KindRoute), Visible: true, Source: syntheticRoutes(5, 400, 300)},
	}})
	for _, sc := range all {
		for _, opts := range []Options{{TileCacheBytes: -1}, {TileCacheBytes: -1, NoLabels: true}, {}} {
			want, err := New(opts).Render(context.Background(), sc.vp, sc.layers)
			if err != nil {
				t.Fatal(err)
			}
			dst := image.NewRGBA(image.Rect(0, 0, sc.vp.Width, sc.vp.Height))
			got := image.NewRGBA(dst.Rect)
			var mu sync.Mutex
			seen := make([]int, sc.vp.Height)
			err = New(opts).RenderRows(context.Background(), dst, sc.vp, sc.layers, func(y0, y1 int) error {
				r := image.Rect(0, y0, sc.vp.Width, y1)
				draw.Draw(got, r, dst, r.Min, draw.Src)
				mu.Lock()
				for y := y0; y < y1; y++ {
					seen[y]++
				}
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for y, n := range seen {
				if n != 1 {
					t.Fatalf("%s %+v: row %d handed over %d times", sc.name, opts, y, n)
				}
			}
			if off := pixelsOff(want, got, 0); off != 0 {
				t.Errorf("%s %+v: %d pixels differ from RenderInto", sc.name, opts, off)
			}
		}
	}
}

// TestRenderRowsStopsOnError checks that an error from rows ends the frame
// and is returned.
func TestRenderRowsStopsOnError(t *testing.T) {
	sc := scenes()[0]
	boom := errors.New("disk full")
	dst := image.NewRGBA(image.Rect(0, 0, sc.vp.Width, sc.vp.Height))
	err := New(Options{TileCacheBytes: -1}).RenderRows(context.Background(), dst, sc.vp, sc.layers, func(int, int) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
}
