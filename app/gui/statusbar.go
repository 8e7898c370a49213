package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"corridor/geo/viewport"
)

// statusBar shows the cursor position (decimal degrees or DMS), the map
// scale, the zoom level and the latest message.
type statusBar struct {
	prefs   fyne.Preferences
	content fyne.CanvasObject
	pos     *widget.Label
	mode    *widget.Button
	scale   *widget.Label
	zoom    *widget.Label
	msg     *widget.Label

	dms      bool
	lon, lat float64
	hasPos   bool
}

func newStatusBar(prefs fyne.Preferences) *statusBar {
	s := &statusBar{prefs: prefs, dms: prefs.Bool(prefDMS)}
	s.pos = widget.NewLabel("")
	s.pos.TextStyle.Monospace = true
	s.mode = widget.NewButton("", s.toggle)
	s.mode.Importance = widget.LowImportance
	s.scale = widget.NewLabel("")
	s.zoom = widget.NewLabel("")
	s.msg = widget.NewLabel("")
	s.msg.Truncation = fyne.TextTruncateEllipsis
	s.content = container.NewBorder(widget.NewSeparator(), nil,
		container.NewHBox(container.NewGridWrap(fyne.NewSize(290, s.pos.MinSize().Height), s.pos), s.mode, widget.NewSeparator()),
		container.NewHBox(widget.NewSeparator(), s.scale, widget.NewSeparator(), s.zoom),
		s.msg)
	s.render()
	return s
}

// toggle switches between decimal degrees and degrees-minutes-seconds.
func (s *statusBar) toggle() {
	s.dms = !s.dms
	s.prefs.SetBool(prefDMS, s.dms)
	s.render()
}

func (s *statusBar) render() {
	if s.dms {
		s.mode.SetText("DMS")
	} else {
		s.mode.SetText("Decimal")
	}
	switch {
	case !s.hasPos:
		s.pos.SetText("—")
	case s.dms:
		s.pos.SetText(formatDMS(s.lon, s.lat))
	default:
		s.pos.SetText(formatDecimal(s.lon, s.lat))
	}
}

// cursor shows the position under the pointer.
func (s *statusBar) cursor(lon, lat float64) {
	s.lon, s.lat, s.hasPos = lon, lat, true
	s.render()
}

// viewport shows the scale and zoom of the view.
func (s *statusBar) viewport(vp viewport.Viewport) {
	_, den := vp.Scale(96)
	s.scale.SetText("Scale " + formatScale(den))
	s.zoom.SetText(fmt.Sprintf("Zoom %.1f", vp.Zoom))
}

// message shows a line of news.
func (s *statusBar) message(text string) {
	s.msg.SetText(text)
}
