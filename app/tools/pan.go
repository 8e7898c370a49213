package tools

import (
	"fyne.io/fyne/v2/driver/desktop"

	"corridor/app/mapview"
)

// Pan only moves the map (shortcut H): dragging pans, clicking selects
// nothing, so that a briefer can move about without losing the selection.
type Pan struct{ Base }

// NewPan returns the pan tool.
func NewPan() *Pan { return &Pan{} }

// Move pans while dragging.
func (*Pan) Move(m *mapview.Map, p mapview.Pointer) {
	if p.Dragging {
		m.Pan(p.DX, p.DY)
	}
}

// Cursor is the pointer: nothing is picked.
func (*Pan) Cursor() desktop.Cursor { return desktop.PointerCursor }

var _ mapview.Tool = (*Pan)(nil)
