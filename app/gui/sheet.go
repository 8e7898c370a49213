package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sheet is an opaque panel laid over the map: it paints the theme's
// background and swallows pointer events, so that clicks and drags on it
// never reach the map beneath.
type sheet struct {
	widget.BaseWidget
	bg      *canvas.Rectangle
	edge    *canvas.Rectangle
	content fyne.CanvasObject
	width   float32
}

func newSheet(a fyne.App, content fyne.CanvasObject, width float32) *sheet {
	s := &sheet{content: content, width: width,
		bg: canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), edge: canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))}
	s.ExtendBaseWidget(s)
	a.Settings().AddListener(func(fyne.Settings) { s.Refresh() })
	return s
}

// CreateRenderer implements fyne.Widget.
func (s *sheet) CreateRenderer() fyne.WidgetRenderer { return &sheetRenderer{s: s} }

// Tapped, Dragged, DragEnd, Scrolled and the mouse hooks swallow events.
func (s *sheet) Tapped(*fyne.PointEvent)          {}
func (s *sheet) Dragged(*fyne.DragEvent)          {}
func (s *sheet) DragEnd()                         {}
func (s *sheet) Scrolled(*fyne.ScrollEvent)       {}
func (s *sheet) MouseIn(*desktop.MouseEvent)      {}
func (s *sheet) MouseMoved(*desktop.MouseEvent)   {}
func (s *sheet) MouseOut()                        {}
func (s *sheet) DoubleTapped(*fyne.PointEvent)    {}
func (s *sheet) TappedSecondary(*fyne.PointEvent) {}

type sheetRenderer struct{ s *sheet }

func (r *sheetRenderer) Layout(size fyne.Size) {
	r.s.bg.Resize(size)
	r.s.edge.Resize(fyne.NewSize(1, size.Height))
	r.s.content.Move(fyne.NewPos(1, 0))
	r.s.content.Resize(fyne.NewSize(size.Width-1, size.Height))
}

func (r *sheetRenderer) MinSize() fyne.Size {
	m := r.s.content.MinSize()
	return fyne.NewSize(fyne.Max(m.Width, r.s.width), m.Height)
}

func (r *sheetRenderer) Refresh() {
	r.s.bg.FillColor = theme.Color(theme.ColorNameBackground)
	r.s.edge.FillColor = theme.Color(theme.ColorNameSeparator)
	r.s.bg.Refresh()
	r.s.edge.Refresh()
	r.s.content.Refresh()
}

func (r *sheetRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.s.bg, r.s.edge, r.s.content}
}

func (r *sheetRenderer) Destroy() {}
