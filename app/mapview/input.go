package mapview

import (
	"context"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// KeyPanStep is how far, in widget units, an arrow key pans.
const KeyPanStep = 80

// Dragged pans the map with the pointer.
func (m *Map) Dragged(e *fyne.DragEvent) {
	m.Pan(float64(e.Dragged.DX), float64(e.Dragged.DY))
	m.cursorAt(e.Position)
}

// DragEnd implements fyne.Draggable.
func (m *Map) DragEnd() {}

// Scrolled zooms about the pointer: scrolling up zooms in.
func (m *Map) Scrolled(e *fyne.ScrollEvent) {
	d := float64(e.Scrolled.DY)
	if d == 0 {
		return
	}
	m.ZoomAbout(math.Exp2(d/wheelStep), float64(e.Position.X), float64(e.Position.Y))
}

// DoubleTapped zooms in one level about the pointer.
func (m *Map) DoubleTapped(e *fyne.PointEvent) {
	m.ZoomAbout(2, float64(e.Position.X), float64(e.Position.Y))
}

// Tapped takes the keyboard focus and selects the feature under the
// pointer (or clears the selection).
func (m *Map) Tapped(e *fyne.PointEvent) {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(m); c != nil {
			c.Focus(m)
		}
	}
	m.PickAt(float64(e.Position.X), float64(e.Position.Y))
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
func (m *Map) MouseIn(e *desktop.MouseEvent) { m.cursorAt(e.Position) }

// MouseMoved reports the position under the pointer.
func (m *Map) MouseMoved(e *desktop.MouseEvent) { m.cursorAt(e.Position) }

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

// TypedRune zooms with + and -.
func (m *Map) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomBy(2)
	case '-', '_':
		m.ZoomBy(0.5)
	}
}

// TypedKey pans with the arrows, fits all with Home, and clears the
// selection with Escape.
func (m *Map) TypedKey(e *fyne.KeyEvent) {
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
