package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dragHandle is the grip at the start of a layer row: dragging it up or
// down reorders the layer; dropped reports the vertical distance dragged.
type dragHandle struct {
	widget.BaseWidget
	dropped func(dy float32)
	dy      float32
	icon    *widget.Icon
	bg      *canvas.Rectangle
}

var (
	_ fyne.Draggable     = (*dragHandle)(nil)
	_ desktop.Cursorable = (*dragHandle)(nil)
)

func newDragHandle(dropped func(dy float32)) *dragHandle {
	h := &dragHandle{dropped: dropped, icon: widget.NewIcon(theme.MenuIcon()), bg: canvas.NewRectangle(color.Transparent)}
	h.ExtendBaseWidget(h)
	return h
}

// Dragged accumulates the drag and highlights the grip.
func (h *dragHandle) Dragged(e *fyne.DragEvent) {
	h.dy += e.Dragged.DY
	h.bg.FillColor = theme.Color(theme.ColorNameHover)
	h.bg.Refresh()
}

// DragEnd hands the distance to the panel.
func (h *dragHandle) DragEnd() {
	dy := h.dy
	h.dy = 0
	h.bg.FillColor = color.Transparent
	h.bg.Refresh()
	if h.dropped != nil {
		h.dropped(dy)
	}
}

// Cursor shows that the grip can be dragged.
func (h *dragHandle) Cursor() desktop.Cursor { return desktop.VResizeCursor }

// MinSize is one icon.
func (h *dragHandle) MinSize() fyne.Size {
	s := theme.IconInlineSize()
	return fyne.NewSize(s, s)
}

// CreateRenderer draws the highlight under the grip icon.
func (h *dragHandle) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(h.bg, h.icon))
}
