package gui

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"corridor/app/tools"
)

// TestCommandTable: the menu, the shortcuts and the toolbar (with its
// tooltips) all come from the one command table.
func TestCommandTable(t *testing.T) {
	u, _ := testUI(t)
	u.win.Resize(fyne.NewSize(1000, 700))
	cmds := u.commands()

	menuItems := map[string]*fyne.MenuItem{}
	for _, m := range u.menu().Items {
		for _, it := range m.Items {
			menuItems[it.Label] = it
		}
	}
	var buttons []*toolButton
	for _, it := range u.toolbar().Items {
		if b, ok := it.(*toolButton); ok {
			buttons = append(buttons, b)
		}
	}
	nIcons := 0
	for _, c := range cmds {
		if c.menu != "" {
			label := c.name
			if c.key != 0 {
				label += " (" + string(c.key) + ")"
			}
			it := menuItems[label]
			if it == nil {
				t.Errorf("%s is not in the menu", c.name)
			} else if len(c.keys) > 0 && (it.Shortcut == nil || it.Shortcut.ShortcutName() != c.keys[0].ShortcutName()) {
				t.Errorf("%s: menu shortcut %v, table %v", c.name, it.Shortcut, c.keys[0])
			}
		}
		if c.icon != nil {
			if nIcons >= len(buttons) || !strings.HasPrefix(buttons[nIcons].tip, c.name) {
				t.Errorf("toolbar button %d is not %s", nIcons, c.name)
			}
			nIcons++
		}
	}
	if nIcons != len(buttons) {
		t.Errorf("%d toolbar buttons, %d commands with an icon", len(buttons), nIcons)
	}

	// a shortcut from the table works on the window
	z := u.m.Viewport().Zoom
	u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(shortcut(fyne.KeyEqual, false))
	if math.Abs(u.m.Viewport().Zoom-(z+1)) > 1e-9 {
		t.Fatalf("Ctrl+= zoomed %v -> %v", z, u.m.Viewport().Zoom)
	}
	// a toolbar button shows its tooltip on hover and runs its command
	var zoomOut *toolButton
	for _, b := range buttons {
		if strings.HasPrefix(b.tip, "Zoom out") {
			zoomOut = b
		}
	}
	if zoomOut == nil || zoomOut.tip != "Zoom out (Ctrl+-)" {
		t.Fatalf("zoom out button %+v", zoomOut)
	}
	zoomOut.MouseIn(&desktop.MouseEvent{})
	if !u.tips.text.Visible() || u.tips.text.Text != "Zoom out (Ctrl+-)" {
		t.Fatalf("tooltip %q shown %v", u.tips.text.Text, u.tips.text.Visible())
	}
	test.Tap(zoomOut)
	if math.Abs(u.m.Viewport().Zoom-z) > 1e-9 || u.tips.text.Visible() {
		t.Fatalf("zoom out: zoom %v, tooltip shown %v", u.m.Viewport().Zoom, u.tips.text.Visible())
	}
	// tool keys typed on the map
	u.m.TypedRune('h')
	if _, ok := u.m.Tool().(*tools.Pan); !ok || !strings.Contains(u.status.msg.Text, "pan") {
		t.Fatalf("H: status %q", u.status.msg.Text)
	}
}
