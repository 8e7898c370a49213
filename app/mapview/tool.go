package mapview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"corridor/geo/viewport"
)

// Pointer is a pointer event on the map, in the widget's units.
type Pointer struct {
	// X, Y is where the pointer is.
	X, Y float64
	// DX, DY is how far it moved since the last event (drags only).
	DX, DY float64
	// Button is the button pressed or held (0 when hovering).
	Button desktop.MouseButton
	// Modifier holds the modifier keys down.
	Modifier fyne.KeyModifier
	// Dragging is set on the moves of a drag.
	Dragging bool
}

// Tool receives the map's input: one tool is current at a time (Map.SetTool)
// and the map passes it every press, move, release, tap and key before its
// own defaults. The map keeps the wheel (zoom about the cursor) and, unless
// the tool takes them, the arrows, + and - and Home.
//
// A drawing tool builds its sketch from Press/Move/Release or Tap, finishes
// it on DoubleTap or Enter and cancels it on Escape (Key), and shows it
// through Overlay. Methods run on the UI goroutine.
type Tool interface {
	// Activate is called when the tool becomes current; Deactivate when
	// another replaces it (drop any sketch then).
	Activate(m *Map)
	Deactivate(m *Map)
	// Press is a button going down; Release is it coming up (also the end of
	// a drag).
	Press(m *Map, p Pointer)
	Release(m *Map, p Pointer)
	// Move is the pointer moving: hovering, or dragging with p.Dragging set.
	Move(m *Map, p Pointer)
	// Tap is a click without a drag.
	Tap(m *Map, p Pointer)
	// DoubleTap is a double click; it returns false to let the map zoom in.
	DoubleTap(m *Map, p Pointer) bool
	// Key is a key typed while the map has the focus (Enter, Escape,
	// Backspace, ...); it returns false to let the map handle it.
	Key(m *Map, k *fyne.KeyEvent) bool
	// Overlay returns the tool's light canvas objects (a sketch, a rubber
	// band, a measure label) laid out for vp, in the widget's units; nil for
	// none. The map calls it on every refresh: keep it cheap, and call
	// Map.RefreshOverlay when the objects change.
	Overlay(vp viewport.Viewport) []fyne.CanvasObject
	// Cursor is the pointer's shape over the map.
	Cursor() desktop.Cursor
}

// SetTool makes t the current tool (nil: none, the map only zooms and
// pans with the keyboard).
func (m *Map) SetTool(t Tool) {
	m.mu.Lock()
	old := m.tool
	m.tool = t
	m.mu.Unlock()
	if old != nil {
		old.Deactivate(m)
	}
	if t != nil {
		t.Activate(m)
	}
	m.Refresh()
}

// Tool returns the current tool.
func (m *Map) Tool() Tool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tool
}

// RefreshOverlay redraws the light overlay objects (the tool's and the
// selection) without rendering the map again.
func (m *Map) RefreshOverlay() { m.Refresh() }
