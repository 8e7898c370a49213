package tools

import (
	"context"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/twpayne/go-geom"

	"corridor/app/mapview"
	"corridor/data/feature"
	"corridor/geo/viewport"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// testMap shows a map whose pick finds one feature left of x = 400, with
// tool t, in an unpadded 800×600 window.
func testMap(t *testing.T, tool mapview.Tool) (*mapview.Map, fyne.Window, *mapview.Selection, chan *mapview.Selection) {
	t.Helper()
	test.NewTempApp(t)
	hit := &mapview.Selection{Layer: "ports", Feature: &feature.Feature{Name: "A", Geometry: geom.NewPointFlat(geom.XY, []float64{-80, 10})}}
	pick := func(ctx context.Context, vp viewport.Viewport, x, y, tol float64) (*mapview.Selection, error) {
		if x < 400 {
			return hit, nil
		}
		return nil, nil
	}
	m := mapview.New(nil, pick, nil)
	m.SetTool(tool)
	sel := make(chan *mapview.Selection, 10)
	m.OnSelect = func(s *mapview.Selection) { sel <- s }
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))
	return m, w, hit, sel
}

func TestSelectPansAndPicks(t *testing.T) {
	m, w, hit, sel := testMap(t, NewSelect())
	before := m.Viewport()
	lon, lat := before.ToLonLat(100, 100)
	test.Drag(w.Canvas(), fyne.NewPos(100, 100), 30, -20)
	if x, y := m.Viewport().ToScreen(lon, lat); !near(x, 130) || !near(y, 80) {
		t.Fatalf("drag moved the point to %v,%v, want 130,80", x, y)
	}
	test.TapAt(m, fyne.NewPos(100, 100))
	select {
	case s := <-sel:
		if s != hit {
			t.Fatalf("selected %v", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("tap selected nothing")
	}
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Selection() != nil {
		t.Fatal("Escape kept the selection")
	}
	z := m.Viewport().Zoom
	m.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(400, 300)})
	if !near(m.Viewport().Zoom, z+1) {
		t.Fatal("double-click did not zoom in")
	}
}

func TestPanOnlyPans(t *testing.T) {
	m, w, _, sel := testMap(t, NewPan())
	before := m.Viewport()
	test.Drag(w.Canvas(), fyne.NewPos(100, 100), 30, -20)
	if m.Viewport() == before {
		t.Fatal("drag did not pan")
	}
	test.TapAt(m, fyne.NewPos(100, 100))
	m.Wait()
	select {
	case s := <-sel:
		t.Fatalf("the pan tool selected %v", s)
	default:
	}
}
