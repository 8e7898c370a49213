package tools

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"corridor/app/mapview"
	"corridor/geo/viewport"
)

// Base does nothing with any event: tools embed it and override what they
// use.
type Base struct{}

// Activate implements mapview.Tool.
func (Base) Activate(*mapview.Map) {}

// Deactivate implements mapview.Tool.
func (Base) Deactivate(*mapview.Map) {}

// Press implements mapview.Tool.
func (Base) Press(*mapview.Map, mapview.Pointer) {}

// Release implements mapview.Tool.
func (Base) Release(*mapview.Map, mapview.Pointer) {}

// Move implements mapview.Tool.
func (Base) Move(*mapview.Map, mapview.Pointer) {}

// Tap implements mapview.Tool.
func (Base) Tap(*mapview.Map, mapview.Pointer) {}

// DoubleTap implements mapview.Tool: the map zooms in.
func (Base) DoubleTap(*mapview.Map, mapview.Pointer) bool { return false }

// Key implements mapview.Tool: the map handles every key.
func (Base) Key(*mapview.Map, *fyne.KeyEvent) bool { return false }

// Overlay implements mapview.Tool: nothing drawn.
func (Base) Overlay(viewport.Viewport) []fyne.CanvasObject { return nil }

// Cursor implements mapview.Tool.
func (Base) Cursor() desktop.Cursor { return desktop.DefaultCursor }

var _ mapview.Tool = Base{}
