package gui

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corridor/app/session"
	"corridor/data/feature"
	"corridor/data/store"
	"corridor/geo/style"
)

// layerPanel lists the workspace's layers, topmost first, each with a
// visibility check, its colour, up and down buttons and an opacity slider.
// Every change is written through the session, off the UI goroutine; the
// panel rebuilds from the session's notice of it.
type layerPanel struct {
	win  fyne.Window
	fail func(error)

	sess  *session.Session
	unsub func()

	content *fyne.Container
	list    *fyne.Container
	current string // table of the layer last worked on (keyboard moves)
	rows    map[string]*layerRow
}

// layerRow holds the controls of one layer.
type layerRow struct {
	grip     *dragHandle
	check    *widget.Check
	up, down *widget.Button
	opacity  *widget.Slider
	swatch   *swatch
}

func newLayerPanel(win fyne.Window, fail func(error)) *layerPanel {
	p := &layerPanel{win: win, fail: fail}
	head := widget.NewLabelWithStyle("Layers", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = container.NewVBox()
	p.content = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(p.list))
	p.refresh()
	return p
}

// setSession shows the layers of s (nil: none) and follows its changes.
func (p *layerPanel) setSession(s *session.Session) {
	if p.unsub != nil {
		p.unsub()
		p.unsub = nil
	}
	p.sess, p.current = s, ""
	if s != nil {
		p.unsub = s.Subscribe(func(session.Change) { p.refresh() })
	}
	p.refresh()
}

// readOnly reports whether the workspace cannot be written.
func (p *layerPanel) readOnly() bool { return p.sess == nil || p.sess.Workspace().ReadOnly() }

// refresh rebuilds the rows from the Set's layers.
func (p *layerPanel) refresh() {
	p.list.RemoveAll()
	p.rows = map[string]*layerRow{}
	if p.sess == nil {
		l := widget.NewLabel("No workspace open.\nFile > Open… or New…")
		l.Wrapping = fyne.TextWrapWord
		p.list.Add(l)
		return
	}
	ls := p.sess.Layers().StoreLayers()
	if len(ls) == 0 {
		l := widget.NewLabel("No layers yet.\nFile > Import… or drop a file on the window.")
		l.Wrapping = fyne.TextWrapWord
		p.list.Add(l)
		return
	}
	for i := len(ls) - 1; i >= 0; i-- {
		p.list.Add(p.row(ls, i))
	}
}

// row builds the controls of layer ls[i].
func (p *layerPanel) row(ls []store.Layer, i int) fyne.CanvasObject {
	l := ls[i]
	table := l.Table
	check := widget.NewCheck("", nil)
	check.SetChecked(l.Visible) // before OnChanged: showing is not changing
	check.OnChanged = func(on bool) {
		p.current = table
		p.update(table, store.LayerUpdate{Visible: &on})
	}
	title := widget.NewLabelWithStyle(l.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: p.current == table})
	title.Truncation = fyne.TextTruncateEllipsis
	info := widget.NewLabel(fmt.Sprintf("%s · %s", kindName(l.Kind), plural(l.Features, "feature")))
	info.Truncation = fyne.TextTruncateEllipsis
	info.SizeName = theme.SizeNameCaptionText

	st, _ := p.sess.Layers().Style(table)
	sw := newSwatch(primaryColor(l.Kind, st), func() { p.pickColor(l) })
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { p.current = table; p.move(ls, i, +1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { p.current = table; p.move(ls, i, -1) })
	up.Importance, down.Importance = widget.LowImportance, widget.LowImportance
	if i == len(ls)-1 {
		up.Disable()
	}
	if i == 0 {
		down.Disable()
	}
	opacity := widget.NewSlider(0, 1)
	opacity.Step = 0.05
	opacity.Value = l.Opacity
	opacity.OnChangeEnded = func(v float64) {
		p.current = table
		p.update(table, store.LayerUpdate{Opacity: &v})
	}
	if p.readOnly() {
		check.Disable()
		up.Disable()
		down.Disable()
		opacity.Disable()
	}
	slider := container.NewGridWrap(fyne.NewSize(120, opacity.MinSize().Height), opacity)
	bottom := container.NewBorder(nil, nil, nil, slider, info)
	var rowBox *fyne.Container
	grip := newDragHandle(func(dy float32) {
		// Rows are listed topmost first: dragging down moves the layer down
		// the draw order.
		if h := rowBox.Size().Height; h > 0 && !p.readOnly() {
			p.current = table
			p.moveTo(ls, i, i-int(math.Round(float64(dy/h))))
		}
	})
	p.rows[table] = &layerRow{grip: grip, check: check, up: up, down: down, opacity: opacity, swatch: sw}
	top := container.NewBorder(nil, nil, container.NewHBox(grip, check), container.NewHBox(sw, up, down), title)
	rowBox = container.NewVBox(top, bottom, widget.NewSeparator())
	return rowBox
}

// update writes a layer setting through the session.
func (p *layerPanel) update(table string, u store.LayerUpdate) {
	if p.sess == nil {
		return
	}
	p.sess.UpdateLayer(table, u, func(err error) {
		if err != nil {
			p.fail(fmt.Errorf("layer %s: %w", table, err))
		}
	})
}

// move shifts layer ls[i] dir places up (+1, towards the top of the map)
// or down (-1), renumbering the draw order.
func (p *layerPanel) move(ls []store.Layer, i, dir int) { p.moveTo(ls, i, i+dir) }

// moveTo moves layer ls[i] to draw position j (clamped), shifting the layers
// between: the whole order is written in one transaction.
func (p *layerPanel) moveTo(ls []store.Layer, i, j int) {
	j = max(0, min(j, len(ls)-1))
	if p.sess == nil || i == j || i < 0 || i >= len(ls) {
		return
	}
	order := make([]string, 0, len(ls))
	for k, l := range ls {
		if k != i {
			order = append(order, l.Table)
		}
	}
	order = append(order[:j], append([]string{ls[i].Table}, order[j:]...)...)
	p.sess.SetLayerOrder(order, func(err error) {
		if err != nil {
			p.fail(fmt.Errorf("reorder layers: %w", err))
		}
	})
}

// moveCurrent moves the layer last worked on (keyboard: Alt+Up, Alt+Down).
func (p *layerPanel) moveCurrent(dir int) {
	if p.sess == nil || p.current == "" {
		return
	}
	ls := p.sess.Layers().StoreLayers()
	for i, l := range ls {
		if l.Table == p.current {
			p.move(ls, i, dir)
			return
		}
	}
}

// pickColor asks for the layer's colour and writes it into its style.
func (p *layerPanel) pickColor(l store.Layer) {
	p.current = l.Table
	if p.readOnly() {
		p.fail(store.ErrReadOnly)
		return
	}
	d := dialog.NewColorPicker("Colour of "+l.Title, "Choose the layer's colour", func(c color.Color) {
		js, err := withColor(l.Style, l.Kind, c)
		if err != nil {
			p.fail(fmt.Errorf("layer %s: %w", l.Title, err))
			return
		}
		p.update(l.Table, store.LayerUpdate{Style: &js})
	}, p.win)
	d.Advanced = true
	if st, ok := p.sess.Layers().Style(l.Table); ok {
		d.SetColor(primaryColor(l.Kind, st))
	}
	d.Show()
}

// colorKeys are the style keys a layer's colour sets, by kind.
func colorKeys(k feature.Kind) []string {
	switch k {
	case feature.KindRoute, feature.KindBorder:
		return []string{"stroke", "label_color"}
	case feature.KindPatrolArea:
		return []string{"stroke", "fill", "hatch", "label_color"}
	case feature.KindPort:
		return []string{"stroke", "label_color"}
	case feature.KindInterdiction:
		return []string{"fill"}
	case feature.KindAnnotation:
		return []string{"label_color", "stroke"}
	}
	return []string{"fill"}
}

// primaryColor is the colour a layer's swatch shows.
func primaryColor(k feature.Kind, s style.Style) color.Color {
	switch colorKeys(k)[0] {
	case "stroke":
		return s.Stroke
	case "label_color":
		return s.LabelColor
	}
	return s.Fill
}

// withColor returns the style JSON with the kind's colour keys set to c,
// other keys kept. A hatch keeps its translucency.
func withColor(styleJSON string, k feature.Kind, c color.Color) (string, error) {
	m := map[string]any{}
	if strings.TrimSpace(styleJSON) != "" {
		if err := json.Unmarshal([]byte(styleJSON), &m); err != nil {
			m = map[string]any{} // an unreadable style is replaced
		}
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	for _, key := range colorKeys(k) {
		v := style.Color{R: n.R, G: n.G, B: n.B, A: 255}
		if key == "hatch" {
			v.A = 150
		}
		m[key] = v.String()
	}
	b, err := json.Marshal(m)
	return string(b), err
}

// kindName is a layer kind for reading: "patrol area".
func kindName(k feature.Kind) string { return strings.ReplaceAll(string(k), "_", " ") }

func plural(n int64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// swatch is a small tappable colour square.
type swatch struct {
	widget.BaseWidget
	rect  *canvas.Rectangle
	onTap func()
}

func newSwatch(c color.Color, onTap func()) *swatch {
	s := &swatch{onTap: onTap}
	s.rect = canvas.NewRectangle(c)
	s.rect.StrokeColor = color.NRGBA{R: 128, G: 128, B: 128, A: 255} // visible on light and dark themes
	s.rect.StrokeWidth = 1
	s.rect.CornerRadius = 3
	s.ExtendBaseWidget(s)
	return s
}

// Tapped opens the colour picker.
func (s *swatch) Tapped(*fyne.PointEvent) { s.onTap() }

// CreateRenderer implements fyne.Widget.
func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	return &swatchRenderer{s: s}
}

type swatchRenderer struct{ s *swatch }

func (r *swatchRenderer) Layout(size fyne.Size) {
	const side = 20
	r.s.rect.Resize(fyne.NewSize(side, side))
	r.s.rect.Move(fyne.NewPos((size.Width-side)/2, (size.Height-side)/2))
}
func (r *swatchRenderer) MinSize() fyne.Size           { return fyne.NewSize(28, 28) }
func (r *swatchRenderer) Refresh()                     { r.s.rect.Refresh() }
func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.rect} }
func (r *swatchRenderer) Destroy()                     {}
