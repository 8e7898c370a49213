package gui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corridor/app/mapview"
	"corridor/data/store"
)

// attrPanel shows the selected feature's attributes; it is hidden when
// nothing is selected.
type attrPanel struct {
	content *fyne.Container
	frame   fyne.CanvasObject // what to show and hide: content in its side frame
	title   *widget.Label
	sub     *widget.Label
	scroll  *container.Scroll
	clear   func()
}

func newAttrPanel(clear func()) *attrPanel {
	p := &attrPanel{clear: clear}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.sub = widget.NewLabel("")
	p.sub.Truncation = fyne.TextTruncateEllipsis
	p.scroll = container.NewVScroll(widget.NewForm())
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { p.clear() })
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, p.title)
	p.content = container.NewBorder(container.NewVBox(head, p.sub, widget.NewSeparator()), nil, nil, nil,
		p.scroll)
	p.frame = p.content
	return p
}

// show displays h's attributes, or hides the panel when h is nil.
func (p *attrPanel) show(h *mapview.Selection) {
	if h == nil || h.Feature == nil {
		p.frame.Hide()
		return
	}
	f := h.Feature
	name := f.Name
	if name == "" {
		name = fmt.Sprintf("Feature %d", f.FID)
	}
	p.title.SetText(name)
	p.sub.SetText(fmt.Sprintf("%s · %s", h.LayerTitle, kindName(h.Kind)))
	var items []*widget.FormItem
	add := func(k, v string) {
		if v == "" {
			return
		}
		l := widget.NewLabel(v)
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
		items = append(items, widget.NewFormItem(k, l))
	}
	if f.Geometry != nil {
		add("Geometry", store.TypeName(f.Geometry))
	}
	keys := make([]string, 0, len(f.Properties))
	for k := range f.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(k, propText(f.Properties[k]))
	}
	add("Classification", f.Classification)
	add("Releasable to", strings.Join(f.ReleasableTo, ", "))
	add("Author", f.Author)
	if !f.UpdatedAt.IsZero() {
		add("Updated", f.UpdatedAt.Local().Format(time.DateTime))
	}
	if f.Version > 0 {
		add("Version", fmt.Sprint(f.Version))
	}
	add("UUID", f.UUID)
	// a new form each time: a Form does not rebuild rows whose items changed
	p.scroll.Content = widget.NewForm(items...)
	p.scroll.ScrollToTop()
	p.scroll.Refresh()
	p.frame.Show()
}

// propText writes a property value for reading.
func propText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.6f", x), "0"), ".")
	case bool, int, int64:
		return fmt.Sprint(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.UTC().Format("2006-01-02 15:04:05Z")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
