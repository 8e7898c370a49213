package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tooltips is a layer over the window's content that shows one tip at a
// time. Its objects take no input, so that clicks pass through to what is
// beneath (a pop-up would swallow the click on the button it describes).
type tooltips struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	text  *canvas.Text
}

func newTooltips() *tooltips {
	t := &tooltips{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = 3
	t.text.TextSize = theme.CaptionTextSize()
	t.layer = container.NewWithoutLayout(t.bg, t.text)
	t.hide()
	return t
}

// show shows text below o.
func (t *tooltips) show(o fyne.CanvasObject, text string) {
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(t.layer))
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.text.Text = text
	pad := theme.Padding()
	sz := t.text.MinSize()
	pos := fyne.NewPos(at.X, at.Y+o.Size().Height+pad)
	t.bg.Move(pos)
	t.bg.Resize(fyne.NewSize(sz.Width+2*pad, sz.Height+pad))
	t.text.Move(pos.Add(fyne.NewPos(pad, pad/2)))
	t.text.Resize(sz)
	t.bg.Show()
	t.text.Show()
	t.layer.Refresh()
}

func (t *tooltips) hide() {
	t.bg.Hide()
	t.text.Hide()
}

// toolButton is a toolbar button that shows its command's name and
// shortcut as a tooltip while the pointer is over it.
type toolButton struct {
	widget.Button
	tip  string
	tips *tooltips
}

// newToolButton makes c's toolbar button.
func newToolButton(c command, tips *tooltips) *toolButton {
	b := &toolButton{tip: c.name, tips: tips}
	if len(c.keys) > 0 {
		b.tip += " (" + shortcutText(c.keys[0]) + ")"
	}
	b.Icon, b.OnTapped, b.Importance = c.icon, c.action, widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// ToolbarObject implements widget.ToolbarItem.
func (b *toolButton) ToolbarObject() fyne.CanvasObject { return b }

// MouseIn shows the tooltip.
func (b *toolButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.tips != nil {
		b.tips.show(b, b.tip)
	}
}

// MouseOut hides it.
func (b *toolButton) MouseOut() {
	b.Button.MouseOut()
	if b.tips != nil {
		b.tips.hide()
	}
}

// Tapped hides the tooltip and runs the command.
func (b *toolButton) Tapped(e *fyne.PointEvent) {
	if b.tips != nil {
		b.tips.hide()
	}
	b.Button.Tapped(e)
}

// shortcutText writes a shortcut for reading: "Ctrl+Shift+Z".
func shortcutText(s fyne.Shortcut) string {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return s.ShortcutName()
	}
	out := ""
	m := cs.Modifier
	if m&fyne.KeyModifierShortcutDefault != 0 && fyne.KeyModifierShortcutDefault == fyne.KeyModifierSuper {
		out += "Cmd+"
	} else if m&fyne.KeyModifierControl != 0 {
		out += "Ctrl+"
	}
	if m&fyne.KeyModifierAlt != 0 {
		out += "Alt+"
	}
	if m&fyne.KeyModifierShift != 0 {
		out += "Shift+"
	}
	k := string(cs.KeyName)
	switch cs.KeyName {
	case fyne.KeyEqual:
		k = "="
	case fyne.KeyMinus:
		k = "-"
	case fyne.KeyPlus:
		k = "+"
	}
	return out + k
}

var (
	_ widget.ToolbarItem = (*toolButton)(nil)
	_ desktop.Hoverable  = (*toolButton)(nil)
)
