package render

import (
	"context"
	"errors"
	"image"
	"math"
	"testing"
	"time"

	"corridor/geo/style"
	"corridor/geo/viewport"

	"github.com/twpayne/go-geom"
)

func TestCancelStopsQuickly(t *testing.T) {
	src := syntheticRoutes(7, 2000, 1000)
	layers := []Layer{{ID: "r", Kind: style.KindRoute, Style: style.Default(style.KindRoute), Visible: true, Source: src}}
	vp := fullExtent()
	r := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := r.Render(ctx, vp, layers)
		done <- err
	}()
	time.Sleep(2 * time.Millisecond)
	cancel()
	start := time.Now()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("render did not stop within 5 s of cancel")
	}
	t.Logf("stopped %v after cancel", time.Since(start))
}

func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(Options{}).Render(ctx, viewport.New(0, 0, 2, 64, 64), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// countingSource records the boxes it is asked for.
type countingSource struct {
	MemSource
	boxes [][4]float64
}

func (c *countingSource) Query(ctx context.Context, w, s, e, n float64, fn func(*Feature) error) error {
	c.boxes = append(c.boxes, [4]float64{w, s, e, n})
	return c.MemSource.Query(ctx, w, s, e, n, fn)
}

func TestQueriesOnlyTheView(t *testing.T) {
	src := &countingSource{}
	src.Add(line(1, "", -80, 8, -79, 9))
	vp := viewport.New(-79.5, 8.5, 8, 200, 100)
	l := Layer{ID: "q", Kind: style.KindRoute, Style: style.Default(style.KindRoute), Visible: true, Source: src}
	if _, err := New(Options{}).Render(context.Background(), vp, []Layer{l}); err != nil {
		t.Fatal(err)
	}
	if len(src.boxes) != 1 {
		t.Fatalf("%d queries", len(src.boxes))
	}
	b := src.boxes[0]
	vb := vp.Bounds()
	if b[0] > vb.West || b[2] < vb.East || b[2]-b[0] > 2*(vb.East-vb.West) {
		t.Fatalf("query box %v for view %+v", b, vb)
	}
	// a view across the antimeridian asks two boxes and draws a feature
	// returned by both once
	src.boxes = nil
	src2 := &countingSource{}
	src2.Add(line(1, "", 179, 0, -179, 0))
	l.Source, l.ID = src2, "q2"
	img, err := New(Options{}).Render(context.Background(), viewport.New(180, 0, 6, 200, 100), []Layer{l})
	if err != nil {
		t.Fatal(err)
	}
	if len(src2.boxes) != 2 {
		t.Fatalf("%d queries across the antimeridian", len(src2.boxes))
	}
	// the line is continuous through the centre
	if c := img.RGBAAt(100, 50); c.R < 120 || c.G > 90 {
		t.Fatalf("centre pixel %v is not route red", c)
	}
}

func TestHiddenAndEmptyLayers(t *testing.T) {
	vp := viewport.New(-79.5, 8.5, 8, 64, 64)
	bg := New(Options{})
	want, err := bg.Render(context.Background(), vp, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := layer("h", style.KindRoute, "", line(1, "x", -80, 8, -79, 9))
	l.Visible = false
	empty := Layer{ID: "e", Kind: style.KindRoute, Visible: true, Source: NewMemSource(&Feature{ID: 1, Geom: geom.NewLineString(geom.XY)})}
	got, err := New(Options{}).Render(context.Background(), vp, []Layer{l, empty, {ID: "nil", Visible: true}})
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Pix) != string(want.Pix) {
		t.Fatal("hidden or empty layers drew something")
	}
}

func TestOpacity(t *testing.T) {
	vp := viewport.New(-79.5, 8.5, 8, 64, 64)
	sq := poly(1, "", []float64{-80, 8, -79, 8, -79, 9, -80, 9, -80, 8})
	l := layer("o", style.KindOther, `{"fill":"#000000","fill_opacity":1,"width":0}`, sq)
	full, _ := New(Options{}).Render(context.Background(), vp, []Layer{l})
	l.Opacity = 0.5
	half, _ := New(Options{}).Render(context.Background(), vp, []Layer{l})
	a, b := full.RGBAAt(32, 32), half.RGBAAt(32, 32)
	if a.R != 0 || b.R < 90 || b.R > 130 {
		t.Fatalf("opaque %v, half %v", a, b)
	}
}

func TestCacheBounded(t *testing.T) {
	src := syntheticRoutes(3, 300, 200)
	l := Layer{ID: "c", Kind: style.KindRoute, Style: style.Default(style.KindRoute), Visible: true, Source: src}
	r := New(Options{CacheBytes: 64 << 10, NoLabels: true})
	for z := 3.0; z < 6; z++ {
		vp := fullExtent().WithSize(256, 256)
		vp.Zoom = z
		if _, err := r.Render(context.Background(), vp, []Layer{l}); err != nil {
			t.Fatal(err)
		}
	}
	if _, b := r.CacheStats(); b > 64<<10+300*8*200*2 {
		t.Fatalf("cache holds %d bytes over a 64 KiB budget", b)
	}
	// a warm cache hits: same view twice gives the same pixels
	vp := fullExtent().WithSize(256, 256)
	a, _ := r.Render(context.Background(), vp, []Layer{l})
	b, _ := r.Render(context.Background(), vp, []Layer{l})
	if string(a.Pix) != string(b.Pix) {
		t.Fatal("warm frame differs from cold frame")
	}
}

func TestSourceError(t *testing.T) {
	l := Layer{ID: "e", Kind: style.KindRoute, Visible: true, Source: failing{}}
	_, err := New(Options{}).Render(context.Background(), viewport.New(0, 0, 2, 32, 32), []Layer{l})
	if err == nil || !errors.Is(err, errBoom) {
		t.Fatalf("err = %v", err)
	}
}

var errBoom = errors.New("boom")

type failing struct{}

func (failing) Query(context.Context, float64, float64, float64, float64, func(*Feature) error) error {
	return errBoom
}

func TestRenderIntoChecksSize(t *testing.T) {
	dst := image.NewRGBA(image.Rect(0, 0, 10, 10))
	if err := New(Options{}).RenderInto(context.Background(), dst, viewport.New(0, 0, 2, 20, 10), nil); err == nil {
		t.Fatal("size mismatch accepted")
	}
}

func TestSimplifyKeepsEnds(t *testing.T) {
	b := builder{proj: projector{world: 256}, tol: 0.5}
	pts := []float64{0, 0, 1, 0.1, 2, -0.1, 3, 0, 10, 0, 10.2, 5, 20, 5}
	out := b.simplify(append([]float64(nil), pts...))
	if out[0] != 0 || out[1] != 0 || out[len(out)-2] != 20 || out[len(out)-1] != 5 {
		t.Fatalf("ends lost: %v", out)
	}
	if len(out) >= len(pts) {
		t.Fatalf("nothing simplified: %v", out)
	}
}

func TestBadCoordinatesDoNotHang(t *testing.T) {
	nan := math.NaN()
	src := NewMemSource(
		&Feature{ID: 1, Geom: geom.NewPointFlat(geom.XY, []float64{nan, 10})},
		&Feature{ID: 2, Geom: geom.NewLineStringFlat(geom.XY, []float64{0, 0, math.Inf(1), 5, 1e9, 1, -1e9, 2})},
		&Feature{ID: 3, Geom: geom.NewPolygonFlat(geom.XY, []float64{0, 0, nan, nan, 1, 1, 0, 0}, []int{8})},
		&Feature{ID: 4, Geom: geom.NewLineStringFlat(geom.XY, []float64{0, 95, 10, -95})},
	)
	for _, kind := range []style.Kind{style.KindRoute, style.KindPatrolArea, style.KindPort} {
		l := Layer{ID: string(kind), Kind: kind, Style: style.Default(kind), Visible: true, Source: src}
		for _, vp := range []viewport.Viewport{viewport.New(0, 0, 0, 300, 200), viewport.New(0, 0, -2, 300, 200), viewport.New(5, 5, 20, 300, 200)} {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if _, err := New(Options{}).Render(ctx, vp, []Layer{l}); err != nil {
				t.Fatalf("%s at %+v: %v", kind, vp, err)
			}
			cancel()
		}
	}
}

// TestMercYMatchesFormula checks the interpolated Mercator ordinate
// against the closed form across the whole latitude range.
func TestMercYMatchesFormula(t *testing.T) {
	worst := 0.0
	for i := 0; i <= 2000000; i++ {
		lat := -maxLatDeg + 2*maxLatDeg*float64(i)/2000000
		got, want := mercY(lat), mercExact(lat*math.Pi/180)
		worst = math.Max(worst, math.Abs(got-want))
	}
	// 1e-10 in these units is 0.004 pixels at zoom 20
	if worst > 1e-10 {
		t.Fatalf("worst error %g", worst)
	}
	for _, lat := range []float64{-maxLatDeg, 0, maxLatDeg, 45, -60.5} {
		if got, want := mercY(lat), mercExact(lat*math.Pi/180); math.Abs(got-want) > 1e-11 {
			t.Errorf("mercY(%g) = %.15g, want %.15g", lat, got, want)
		}
	}
}
