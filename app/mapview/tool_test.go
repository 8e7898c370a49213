package mapview

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"corridor/geo/viewport"
)

// panPick is the default tool's behaviour, for the widget's own tests
// (app/tools holds the real one, which imports this package).
type panPick struct{ nopTool }

func (panPick) Move(m *Map, p Pointer) {
	if p.Dragging {
		m.Pan(p.DX, p.DY)
	}
}
func (panPick) Tap(m *Map, p Pointer) { m.PickAt(p.X, p.Y) }

type nopTool struct{}

func (nopTool) Activate(*Map)                                 {}
func (nopTool) Deactivate(*Map)                               {}
func (nopTool) Press(*Map, Pointer)                           {}
func (nopTool) Release(*Map, Pointer)                         {}
func (nopTool) Move(*Map, Pointer)                            {}
func (nopTool) Tap(*Map, Pointer)                             {}
func (nopTool) DoubleTap(*Map, Pointer) bool                  { return false }
func (nopTool) Key(*Map, *fyne.KeyEvent) bool                 { return false }
func (nopTool) Overlay(viewport.Viewport) []fyne.CanvasObject { return nil }
func (nopTool) Cursor() desktop.Cursor                        { return desktop.CrosshairCursor }

// sketchTool records what it receives, as a line tool would: it takes
// double-clicks, Enter and Escape, and shows a line overlay.
type sketchTool struct {
	log  []string
	line *canvas.Line
}

func (s *sketchTool) add(format string, a ...any) { s.log = append(s.log, fmt.Sprintf(format, a...)) }
func (s *sketchTool) Activate(*Map)               { s.add("activate") }
func (s *sketchTool) Deactivate(*Map)             { s.add("deactivate") }
func (s *sketchTool) Press(_ *Map, p Pointer)     { s.add("press %v,%v", p.X, p.Y) }
func (s *sketchTool) Release(_ *Map, p Pointer)   { s.add("release %v,%v", p.X, p.Y) }
func (s *sketchTool) Tap(_ *Map, p Pointer)       { s.add("tap %v,%v", p.X, p.Y) }
func (s *sketchTool) Cursor() desktop.Cursor      { return desktop.CrosshairCursor }
func (s *sketchTool) DoubleTap(_ *Map, p Pointer) bool {
	s.add("double %v,%v", p.X, p.Y)
	return true
}
func (s *sketchTool) Move(_ *Map, p Pointer) {
	if p.Dragging {
		s.add("drag %v,%v", p.DX, p.DY)
	}
}
func (s *sketchTool) Key(_ *Map, k *fyne.KeyEvent) bool {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEscape {
		s.add("key %s", k.Name)
		return true
	}
	return false
}
func (s *sketchTool) Overlay(vp viewport.Viewport) []fyne.CanvasObject {
	if s.line == nil {
		s.line = canvas.NewLine(color.Black)
	}
	x0, y0 := vp.ToScreen(-90, 0)
	x1, y1 := vp.ToScreen(-70, 20)
	s.line.Position1, s.line.Position2 = fyne.NewPos(float32(x0), float32(y0)), fyne.NewPos(float32(x1), float32(y1))
	return []fyne.CanvasObject{s.line}
}

// TestToolGetsInput: the current tool receives presses, drags, releases,
// taps, double-taps and keys, may keep the map from zooming, and its
// overlay is drawn over the map and follows the view.
func TestToolGetsInput(t *testing.T) {
	m, w, _ := newTestMap(t, nil, nil)
	s := &sketchTool{}
	m.SetTool(s)
	vp := m.Viewport()
	test.Drag(w.Canvas(), fyne.NewPos(100, 100), 30, -20)
	m.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(5, 6)}, Button: desktop.MouseButtonPrimary})
	m.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(5, 6)}, Button: desktop.MouseButtonPrimary})
	test.TapAt(m, fyne.NewPos(7, 8))
	m.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(9, 10)})
	w.Canvas().Focus(m)
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // not taken: the map pans
	// Fyne's test driver gives a drag its start as position (the real one
	// gives where the pointer is).
	want := "activate|press 70,120|drag 30,-20|release 100,100|press 5,6|release 5,6|tap 7,8|double 9,10|key Return|key Escape"
	if got := strings.Join(s.log, "|"); got != want {
		t.Fatalf("tool got\n%s\nwant\n%s", got, want)
	}
	if after := m.Viewport(); after.Zoom != vp.Zoom || after == vp {
		t.Fatalf("the tool's drag or double-tap moved the map, or the arrow key did not: %+v -> %+v", vp, after)
	}
	r := test.WidgetRenderer(m).(*mapRenderer)
	found := false
	for _, o := range r.Objects() {
		found = found || o == s.line
	}
	if !found {
		t.Fatal("the tool's overlay is not drawn")
	}
	x, _ := m.Viewport().ToScreen(-90, 0)
	if !near(float64(s.line.Position1.X), x, 0.01) {
		t.Fatalf("overlay at %v, want x %v", s.line.Position1, x)
	}
	m.SetTool(nil)
	if s.log[len(s.log)-1] != "deactivate" {
		t.Fatal("the replaced tool was not deactivated")
	}
	for _, o := range r.Objects() {
		if o == s.line {
			t.Fatal("the old tool's overlay is still drawn")
		}
	}
}
