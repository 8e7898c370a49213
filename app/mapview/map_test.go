package mapview

import (
	"context"
	"image"
	"image/color"
	"math"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/geo/viewport"
)

// fakeRenderer records each render's context and viewport and blocks until
// released or cancelled, like a slow renderer.
type fakeRenderer struct {
	calls   chan call
	release chan struct{}
}

type call struct {
	ctx context.Context
	vp  viewport.Viewport
}

func newFake() *fakeRenderer {
	return &fakeRenderer{calls: make(chan call, 100), release: make(chan struct{}, 100)}
}

func (f *fakeRenderer) render(ctx context.Context, vp viewport.Viewport) (image.Image, error) {
	f.calls <- call{ctx, vp}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-f.release:
	}
	img := image.NewRGBA(image.Rect(0, 0, vp.Width, vp.Height))
	img.Set(0, 0, color.Black)
	return img, nil
}

// uiQueue stands for the UI goroutine: work handed over with do runs when
// the test drains it.
type uiQueue struct{ ch chan func() }

func (q *uiQueue) do(f func()) { q.ch <- f }

func (q *uiQueue) runOne(t *testing.T) {
	t.Helper()
	select {
	case f := <-q.ch:
		f()
	case <-time.After(5 * time.Second):
		t.Fatal("nothing handed to the UI")
	}
}

var testBounds = viewport.Bounds{West: -100, South: -10, East: -60, North: 30}

// newTestMap shows a map in an unpadded 800×600 test window.
func newTestMap(t testing.TB, r RenderFunc, pick PickFunc) (*Map, fyne.Window, *uiQueue) {
	t.Helper()
	test.NewTempApp(t)
	q := &uiQueue{ch: make(chan func(), 100)}
	m := New(r, pick, func() (viewport.Bounds, bool) { return testBounds, true })
	m.do = q.do
	m.SetTool(&panPick{})
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))
	return m, w, q
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestFitsOnFirstSize(t *testing.T) {
	m, _, _ := newTestMap(t, nil, nil)
	vp := m.Viewport()
	if vp.Width != 800 || vp.Height != 600 {
		t.Fatalf("viewport size %dx%d", vp.Width, vp.Height)
	}
	b := vp.Bounds()
	if !b.Contains(testBounds.West+1e-6, testBounds.South+1e-6) || !b.Contains(testBounds.East-1e-6, testBounds.North-1e-6) {
		t.Fatalf("view %+v does not show %+v", b, testBounds)
	}
}

func TestDragPans(t *testing.T) {
	m, w, _ := newTestMap(t, nil, nil)
	before := m.Viewport()
	lon, lat := before.ToLonLat(100, 100)
	test.Drag(w.Canvas(), fyne.NewPos(100, 100), 30, -20)
	after := m.Viewport()
	x, y := after.ToScreen(lon, lat)
	if !near(x, 130, 1e-6) || !near(y, 80, 1e-6) {
		t.Fatalf("point under the pointer moved to (%v,%v), want (130,80)", x, y)
	}
	if after.Zoom != before.Zoom {
		t.Fatal("drag changed the zoom")
	}
}

func TestWheelZoomsAboutCursor(t *testing.T) {
	tests := []struct {
		name     string
		dy       float64
		x, y     float64
		wantZoom float64
	}{
		{"in one level", wheelStep, 200, 150, 1},
		{"out half a level", -wheelStep / 2, 700, 500, -0.5},
		{"one notch", 25, 400, 300, 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _ := newTestMap(t, nil, nil)
			before := m.Viewport()
			lon, lat := before.ToLonLat(tt.x, tt.y)
			m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(float32(tt.x), float32(tt.y))},
				Scrolled: fyne.Delta{DY: float32(tt.dy)}})
			after := m.Viewport()
			if !near(after.Zoom-before.Zoom, tt.wantZoom, 1e-9) {
				t.Fatalf("zoom changed by %v, want %v", after.Zoom-before.Zoom, tt.wantZoom)
			}
			x, y := after.ToScreen(lon, lat)
			if !near(x, tt.x, 1e-6) || !near(y, tt.y, 1e-6) {
				t.Fatalf("point under the cursor moved to (%v,%v)", x, y)
			}
		})
	}
}

func TestScrollThroughCanvas(t *testing.T) {
	m, w, _ := newTestMap(t, nil, nil)
	z := m.Viewport().Zoom
	test.Scroll(w.Canvas(), fyne.NewPos(400, 300), 0, -wheelStep)
	if got := m.Viewport().Zoom; !near(got, z-1, 1e-9) {
		t.Fatalf("zoom %v after scrolling down, want %v", got, z-1)
	}
}

func TestDoubleTapZoomsIn(t *testing.T) {
	m, _, _ := newTestMap(t, nil, nil)
	before := m.Viewport()
	lon, lat := before.ToLonLat(600, 100)
	m.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(600, 100)})
	after := m.Viewport()
	x, y := after.ToScreen(lon, lat)
	if !near(after.Zoom, before.Zoom+1, 1e-9) || !near(x, 600, 1e-6) || !near(y, 100, 1e-6) {
		t.Fatalf("zoom %v→%v, point at (%v,%v)", before.Zoom, after.Zoom, x, y)
	}
}

func TestKeyboard(t *testing.T) {
	tests := []struct {
		name  string
		key   fyne.KeyName
		r     rune
		dx    float64 // expected screen shift of the centre point
		dy    float64
		dzoom float64
	}{
		{name: "left", key: fyne.KeyLeft, dx: KeyPanStep},
		{name: "right", key: fyne.KeyRight, dx: -KeyPanStep},
		{name: "up", key: fyne.KeyUp, dy: KeyPanStep},
		{name: "down", key: fyne.KeyDown, dy: -KeyPanStep},
		{name: "plus", r: '+', dzoom: 1},
		{name: "equals", r: '=', dzoom: 1},
		{name: "minus", r: '-', dzoom: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, w, _ := newTestMap(t, nil, nil)
			w.Canvas().Focus(m)
			before := m.Viewport()
			lon, lat := before.ToLonLat(400, 300)
			if tt.key != "" {
				w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: tt.key})
			} else {
				test.Type(m, string(tt.r))
			}
			after := m.Viewport()
			x, y := after.ToScreen(lon, lat)
			if !near(x, 400+tt.dx, 1e-6) || !near(y, 300+tt.dy, 1e-6) || !near(after.Zoom-before.Zoom, tt.dzoom, 1e-9) {
				t.Fatalf("centre point at (%v,%v), zoom %+v", x, y, after.Zoom-before.Zoom)
			}
		})
	}
}

func TestHomeFitsAll(t *testing.T) {
	m, w, _ := newTestMap(t, nil, nil)
	fit := m.Viewport()
	m.ZoomBy(8)
	m.Pan(500, 500)
	w.Canvas().Focus(m)
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if got := m.Viewport(); got != fit {
		t.Fatalf("Home gave %+v, want %+v", got, fit)
	}
}

func TestRenderCancelsStale(t *testing.T) {
	f := newFake()
	m, _, q := newTestMap(t, f.render, nil)
	var first call
	select {
	case first = <-f.calls:
	case <-time.After(5 * time.Second):
		t.Fatal("no render started")
	}
	for len(f.calls) > 0 { // renders of intermediate sizes, if any
		first = <-f.calls
	}
	m.Pan(10, 0)
	var second call
	select {
	case second = <-f.calls:
	case <-time.After(5 * time.Second):
		t.Fatal("no render after pan")
	}
	select {
	case <-first.ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the stale render was not cancelled")
	}
	if second.ctx.Err() != nil {
		t.Fatal("the current render is cancelled")
	}
	if second.vp != m.Viewport() {
		t.Fatalf("render for %+v, view is %+v", second.vp, m.Viewport())
	}
	if !m.Rendering() {
		t.Fatal("Rendering() false while a render runs")
	}
	f.release <- struct{}{}
	q.runOne(t)
	if m.Rendering() {
		t.Fatal("Rendering() true after the image arrived")
	}
	m.mu.Lock()
	img, imgVP := m.img, m.imgVP
	m.mu.Unlock()
	if img == nil || imgVP != m.Viewport() {
		t.Fatalf("image %v for %+v", img != nil, imgVP)
	}
}

func TestOldImageNotShownOverNewer(t *testing.T) {
	m, _, _ := newTestMap(t, nil, nil)
	vp := m.Viewport()
	a := image.NewRGBA(image.Rect(0, 0, 1, 1))
	b := image.NewRGBA(image.Rect(0, 0, 2, 2))
	m.finish(5, vp, b, nil)
	m.finish(4, vp, a, nil)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.img != image.Image(b) {
		t.Fatal("an older render replaced a newer image")
	}
}

func TestPlacement(t *testing.T) {
	from := viewport.New(-80, 10, 5, 800, 600)
	tests := []struct {
		name string
		to   viewport.Viewport
	}{
		{"same", from},
		{"panned", from.Pan(30, -20)},
		{"zoomed in", from.ZoomAbout(2, 100, 500)},
		{"zoomed out", from.ZoomAbout(0.3, 700, 20)},
		{"across the antimeridian", viewport.New(179.9, 0, 6, 800, 600)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := from
			if tt.name == "across the antimeridian" {
				from = viewport.New(-179.9, 0, 6, 800, 600)
			}
			pos, size := placement(tt.to, from)
			// a point on the image must land where the new view puts it
			for _, p := range [][2]float64{{0, 0}, {800, 600}, {123, 456}} {
				lon, lat := from.ToLonLat(p[0], p[1])
				wx, wy := tt.to.ToScreen(lon, lat)
				k := float64(size.Width) / 800
				gx, gy := float64(pos.X)+p[0]*k, float64(pos.Y)+p[1]*k
				if !near(gx, wx, 0.01) || !near(gy, wy, 0.01) {
					t.Fatalf("image point %v placed at (%v,%v), want (%v,%v)", p, gx, gy, wx, wy)
				}
			}
		})
	}
}

func TestDeviceViewport(t *testing.T) {
	vp := viewport.New(-80, 10, 5, 800, 600)
	d := deviceViewport(vp, 2)
	if d.Width != 1600 || d.Height != 1200 || !near(d.Zoom, 6, 1e-12) || d.Ratio() != 2 {
		t.Fatalf("device viewport %+v", d)
	}
	if b, db := vp.Bounds(), d.Bounds(); !near(b.West, db.West, 1e-9) || !near(b.North, db.North, 1e-9) {
		t.Fatalf("device view shows %+v, view %+v", db, b)
	}
}

func TestTapSelects(t *testing.T) {
	hit := &Selection{Layer: "routes", Feature: &feature.Feature{Name: "Alpha",
		Geometry: geom.NewLineStringFlat(geom.XY, []float64{-90, 0, -70, 20})}}
	var mu sync.Mutex
	var asked [2]float64
	pick := func(ctx context.Context, vp viewport.Viewport, x, y, tol float64) (*Selection, error) {
		mu.Lock()
		asked = [2]float64{x, y}
		mu.Unlock()
		if x < 400 {
			return hit, nil
		}
		return nil, nil
	}
	m, w, q := newTestMap(t, nil, pick)
	var got []*Selection
	m.OnSelect = func(h *Selection) { got = append(got, h) }
	test.TapAt(m, fyne.NewPos(100, 200))
	q.runOne(t)
	if len(got) != 1 || got[0] != hit || m.Selection() != hit {
		t.Fatalf("selection %v", got)
	}
	mu.Lock()
	if asked != [2]float64{100, 200} {
		t.Errorf("picked at %v", asked)
	}
	mu.Unlock()
	if w.Canvas().Focused() != m {
		t.Error("tap did not focus the map")
	}
	// the overlay draws the selection, in a raster of its bounds only
	r := test.WidgetRenderer(m).(*mapRenderer)
	if !r.sel.Visible() {
		t.Fatal("selection raster hidden")
	}
	sz := r.sel.Size()
	x0, y0 := m.Viewport().ToScreen(-90, 20)
	x1, y1 := m.Viewport().ToScreen(-70, 0)
	if sz.Width >= 800 || sz.Height >= 600 || float64(sz.Width) < x1-x0 || float64(sz.Height) < y1-y0 {
		t.Fatalf("selection raster %v for a %vx%v feature in an 800x600 map", sz, x1-x0, y1-y0)
	}
	img := r.selection(int(sz.Width), int(sz.Height)).(*image.RGBA)
	drawn := 0
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 0 {
			drawn++
		}
	}
	if drawn < 500 {
		t.Fatalf("selection overlay has %d pixels", drawn)
	}
	test.TapAt(m, fyne.NewPos(700, 200))
	q.runOne(t)
	if len(got) != 2 || got[1] != nil || m.Selection() != nil {
		t.Fatalf("tap on nothing did not clear: %v", got)
	}
	if r.sel.Visible() {
		t.Fatal("selection raster shown with no selection")
	}
}

// TestSelectionNotRedrawnOnPan: panning at the same zoom moves the
// selection's raster instead of drawing it again; zooming draws it again.
func TestSelectionNotRedrawnOnPan(t *testing.T) {
	m, _, _ := newTestMap(t, nil, nil)
	m.SetSelection(&Selection{Feature: &feature.Feature{Geometry: geom.NewPointFlat(geom.XY, []float64{-80, 10})}})
	r := test.WidgetRenderer(m).(*mapRenderer)
	gens := func() int { // how often the raster was refreshed (its texture dropped)
		r.selMu.Lock()
		defer r.selMu.Unlock()
		return r.selDraws
	}
	before := r.sel.Position()
	g := gens()
	if g == 0 {
		t.Fatal("the selection was not drawn")
	}
	for i := 0; i < 10; i++ {
		m.Pan(3, 2)
	}
	if got := gens(); got != g {
		t.Fatalf("the selection was drawn %d times for 10 pan frames", got-g)
	}
	if p := r.sel.Position(); !near(float64(p.X-before.X), 30, 0.01) || !near(float64(p.Y-before.Y), 20, 0.01) {
		t.Fatalf("selection moved from %v to %v, want +30,+20", before, p)
	}
	if sz := r.sel.Size(); sz.Width > 2*float32(selPad)+1 || sz.Height > 2*float32(selPad)+1 {
		t.Fatalf("a point's selection raster is %v", sz)
	}
	m.ZoomBy(2)
	if gens() == g {
		t.Fatal("zooming did not draw the selection again")
	}
}

func TestCursorCallback(t *testing.T) {
	m, w, _ := newTestMap(t, nil, nil)
	var lon, lat float64
	m.OnCursor = func(x, y float64) { lon, lat = x, y }
	test.MoveMouse(w.Canvas(), fyne.NewPos(250, 350))
	wl, wt := m.Viewport().ToLonLat(250, 350)
	if !near(lon, wl, 1e-9) || !near(lat, wt, 1e-9) {
		t.Fatalf("cursor %v,%v want %v,%v", lon, lat, wl, wt)
	}
}
