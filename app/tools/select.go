package tools

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"corridor/app/mapview"
)

// Select is the default tool (shortcut V): dragging pans, clicking selects
// the feature under the pointer (or clears the selection), Escape clears
// it, double-clicking zooms in.
type Select struct{ Base }

// NewSelect returns the select tool.
func NewSelect() *Select { return &Select{} }

// Move pans while dragging.
func (*Select) Move(m *mapview.Map, p mapview.Pointer) {
	if p.Dragging {
		m.Pan(p.DX, p.DY)
	}
}

// Tap selects the feature under the pointer.
func (*Select) Tap(m *mapview.Map, p mapview.Pointer) { m.PickAt(p.X, p.Y) }

// Key clears the selection on Escape.
func (*Select) Key(m *mapview.Map, k *fyne.KeyEvent) bool {
	if k.Name == fyne.KeyEscape {
		m.SetSelection(nil)
		return true
	}
	return false
}

// Cursor is a crosshair: pointing picks.
func (*Select) Cursor() desktop.Cursor { return desktop.CrosshairCursor }

var _ mapview.Tool = (*Select)(nil)
