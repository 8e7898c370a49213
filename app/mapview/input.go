package mapview

import (
	"context"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// KeyPanStep is how far, in widget units, an arrow key pans.
const KeyPanStep = 80

// The map turns Fyne's events into the current Tool's Press, Move, Release,
// Tap, DoubleTap and Key; it keeps the wheel, and the keys the tool leaves.

// MouseDown implements desktop.Mouseable: a button goes down.
func (m *Map) MouseDown(e *desktop.MouseEvent) {
	m.press(pointerAt(e.Position, e.Button, e.Modifier))
}

// MouseUp implements desktop.Mouseable: a button comes up.
func (m *Map) MouseUp(e *desktop.MouseEvent) {
	m.release(pointerAt(e.Position, e.Button, e.Modifier))
}

// Dragged hands a drag to the tool (the default tool pans).
func (m *Map) Dragged(e *fyne.DragEvent) {
	p := pointerAt(e.Position, desktop.MouseButtonPrimary, 0)
	p.DX, p.DY, p.Dragging = float64(e.Dragged.DX), float64(e.Dragged.DY), true
	m.mu.Lock()
	pressed := m.pressed
	m.lastDrag = p
	m.mu.Unlock()
	if !pressed { // drivers without MouseDown (and Fyne's test driver)
		start := p
		start.X, start.Y, start.DX, start.DY, start.Dragging = p.X-p.DX, p.Y-p.DY, 0, 0, false
		m.press(start)
	}
	if t := m.Tool(); t != nil {
		t.Move(m, p)
	}
	m.cursorAt(e.Position)
}

// DragEnd ends a drag: the tool's Release, where the drag last was.
func (m *Map) DragEnd() {
	m.mu.Lock()
	p := m.lastDrag
	m.mu.Unlock()
	p.DX, p.DY, p.Dragging = 0, 0, false
	m.release(p)
}

func (m *Map) press(p Pointer) {
	m.mu.Lock()
	m.pressed = true
	t := m.tool
	m.mu.Unlock()
	if t != nil {
		t.Press(m, p)
	}
}

// release calls the tool's Release once per press.
func (m *Map) release(p Pointer) {
	m.mu.Lock()
	was := m.pressed
	m.pressed = false
	t := m.tool
	m.mu.Unlock()
	if was && t != nil {
		t.Release(m, p)
	}
}

func pointerAt(pos fyne.Position, b desktop.MouseButton, mod fyne.KeyModifier) Pointer {
	return Pointer{X: float64(pos.X), Y: float64(pos.Y), Button: b, Modifier: mod}
}

// Scrolled zooms about the pointer: scrolling up zooms in.
func (m *Map) Scrolled(e *fyne.ScrollEvent) {
	d := float64(e.Scrolled.DY)
	if d == 0 {
		return
	}
	m.ZoomAbout(math.Exp2(d/wheelStep), float64(e.Position.X), float64(e.Position.Y))
}

// DoubleTapped goes to the tool; if it declines, the map zooms in one level
// about the pointer.
func (m *Map) DoubleTapped(e *fyne.PointEvent) {
	if t := m.Tool(); t != nil && t.DoubleTap(m, pointerAt(e.Position, desktop.MouseButtonPrimary, 0)) {
		return
	}
	m.ZoomAbout(2, float64(e.Position.X), float64(e.Position.Y))
}

// Tapped takes the keyboard focus and hands the click to the tool (the
// default tool selects the feature under the pointer).
func (m *Map) Tapped(e *fyne.PointEvent) {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(m); c != nil {
			c.Focus(m)
		}
	}
	if t := m.Tool(); t != nil {
		t.Tap(m, pointerAt(e.Position, desktop.MouseButtonPrimary, 0))
	}
}

// PickAt selects the feature at x, y in widget units, asynchronously.
func (m *Map) PickAt(x, y float64) {
	m.mu.Lock()
	pick, vp, do := m.pick, m.vp, m.do
	m.pickSeq++
	seq := m.pickSeq
	m.mu.Unlock()
	if pick == nil {
		return
	}
	m.running.Add(1)
	go func() {
		defer m.running.Done()
		h, err := pick(context.Background(), vp, x, y, PickTolerance)
		do(func() {
			m.mu.Lock()
			stale := seq != m.pickSeq
			m.mu.Unlock()
			if stale {
				return
			}
			if err != nil {
				if m.OnError != nil {
					m.OnError(err)
				}
				return
			}
			m.SetSelection(h)
		})
	}()
}

// MouseIn implements desktop.Hoverable.
func (m *Map) MouseIn(e *desktop.MouseEvent) { m.MouseMoved(e) }

// MouseMoved reports the position under the pointer and hands the move to
// the tool.
func (m *Map) MouseMoved(e *desktop.MouseEvent) {
	if t := m.Tool(); t != nil {
		t.Move(m, pointerAt(e.Position, e.Button, e.Modifier))
	}
	m.cursorAt(e.Position)
}

// MouseOut implements desktop.Hoverable.
func (m *Map) MouseOut() {}

func (m *Map) cursorAt(p fyne.Position) {
	if m.OnCursor == nil {
		return
	}
	lon, lat := m.Viewport().ToLonLat(float64(p.X), float64(p.Y))
	m.OnCursor(lon, lat)
}

// FocusGained implements fyne.Focusable.
func (m *Map) FocusGained() {
	m.mu.Lock()
	m.focused = true
	m.mu.Unlock()
	m.Refresh()
}

// FocusLost implements fyne.Focusable.
func (m *Map) FocusLost() {
	m.mu.Lock()
	m.focused = false
	m.mu.Unlock()
	m.Refresh()
}

// TypedRune zooms with + and -; other characters go to OnRune (tool
// shortcuts).
func (m *Map) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomBy(2)
	case '-', '_':
		m.ZoomBy(0.5)
	default:
		if m.OnRune != nil {
			m.OnRune(r)
		}
	}
}

// TypedKey offers the key to the tool first; else the arrows pan, Home
// fits all and Escape clears the selection.
func (m *Map) TypedKey(e *fyne.KeyEvent) {
	if t := m.Tool(); t != nil && t.Key(m, e) {
		return
	}
	switch e.Name {
	case fyne.KeyLeft:
		m.Pan(KeyPanStep, 0)
	case fyne.KeyRight:
		m.Pan(-KeyPanStep, 0)
	case fyne.KeyUp:
		m.Pan(0, KeyPanStep)
	case fyne.KeyDown:
		m.Pan(0, -KeyPanStep)
	case fyne.KeyHome:
		m.FitAll()
	case fyne.KeyEscape:
		m.SetSelection(nil)
	}
}
