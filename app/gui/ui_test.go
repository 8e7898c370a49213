package gui

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"corridor/app/mapview"
	"corridor/data/feature"
	"corridor/data/store"
)

func TestOpenWorkspaceAndErrors(t *testing.T) {
	u, q := testUI(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.gpkg")
	if err := os.WriteFile(bad, []byte("this is not a GeoPackage"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
	}{
		{"not a GeoPackage", bad},
		{"missing", filepath.Join(dir, "nope.gpkg")},
	}
	for _, tt := range tests {
		u.open(tt.path)
		settle(u, q) // renders land before the next step (the test driver runs fyne.Do inline)
		if u.sess != nil {
			t.Fatalf("%s: a workspace is open", tt.name)
		}
		if u.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: no error dialog", tt.name)
		}
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	}

	ws := panelWorkspace(t)
	path := ws.Path()
	ws.Close()
	u.open(path)
	settle(u, q)
	if u.sess == nil {
		t.Fatal("workspace not open")
	}
	if got := u.win.Title(); got != "Corridor - p" {
		t.Errorf("title %q", got)
	}
	if len(u.layers.rows) != 3 {
		t.Errorf("layer panel has %d rows", len(u.layers.rows))
	}
	if got := u.prefs.String(prefLast); got != path {
		t.Errorf("last workspace %q", got)
	}
	if r := u.prefs.StringList(prefRecent); len(r) == 0 || r[0] != path {
		t.Errorf("recent %v", r)
	}
	// a failed open keeps the current workspace
	u.open(bad)
	settle(u, q)
	if u.sess == nil || u.ws().Path() != path {
		t.Fatal("a failed open closed the workspace")
	}
	u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	// per layer, newest first: its feature's insert, then its creation
	for i, want := range []string{"Undo Add feature", "Undo Create layer Ports", "Undo Add feature", "Undo Create layer Routes", "Undo Add feature", "Undo Create layer Countries"} {
		u.undo()
		settle(u, q) // renders land before the next step (the test driver runs fyne.Do inline)
		if u.status.msg.Text != want {
			t.Fatalf("undo %d: status %q, want %q", i, u.status.msg.Text, want)
		}
	}
	if ls := u.sess.Layers().StoreLayers(); len(ls) != 0 {
		t.Errorf("%d layers after undoing everything", len(ls))
	}
	u.undo()     // nothing to undo: a message, not a dialog
	settle(u, q) // renders land before the next step (the test driver runs fyne.Do inline)
	if !strings.Contains(u.status.msg.Text, "Nothing to undo") {
		t.Errorf("status %q", u.status.msg.Text)
	}
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog is shown: %s", test.RenderObjectToMarkup(o))
	}
	u.redo()
	settle(u, q) // renders land before the next step (the test driver runs fyne.Do inline)
	if u.status.msg.Text != "Redo Create layer Countries" {
		t.Errorf("redo: status %q", u.status.msg.Text)
	}
}

func TestDemoPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data/x")
	if p, _ := demoPath(); p != "/data/x/corridor/demo.gpkg" {
		t.Errorf("with XDG_DATA_HOME: %s", p)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/u")
	if p, _ := demoPath(); p != "/home/u/.local/share/corridor/demo.gpkg" {
		t.Errorf("without: %s", p)
	}
}

func TestAttrPanelShowsFeature(t *testing.T) {
	test.NewTempApp(t)
	p := newAttrPanel(func() {})
	w := test.NewTempWindow(t, p.content)
	w.Resize(fyne.NewSize(400, 800))
	show := func(name string, props map[string]any) string {
		p.show(&mapview.Selection{LayerTitle: "L", Kind: feature.KindPort,
			Feature: &feature.Feature{Name: name, Properties: props}})
		return test.RenderObjectToMarkup(p.scroll.Content)
	}
	first := show("A", map[string]any{"country": "JM", "port_type": "seaport"})
	if !strings.Contains(first, ">JM<") || !strings.Contains(first, ">seaport<") {
		t.Fatalf("first feature not shown:\n%s", first)
	}
	second := show("B", map[string]any{"agency": "Navy", "quantity": 1200.5})
	for _, want := range []string{">agency<", ">Navy<", ">quantity<", ">1200.5<"} {
		if !strings.Contains(second, want) {
			t.Errorf("second feature lacks %s", want)
		}
	}
	for _, stale := range []string{">JM<", ">seaport<"} {
		if strings.Contains(second, stale) {
			t.Errorf("second feature shows the first's %s", stale)
		}
	}
	if !p.frame.Visible() {
		t.Error("panel hidden")
	}
	p.show(nil)
	if p.frame.Visible() {
		t.Error("panel shown with no selection")
	}
}

func TestPropText(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, ""},
		{"x", "x"},
		{2565595.6, "2565595.6"},
		{12.0, "12"},
		{int64(7), "7"},
		{true, "true"},
		{time.Date(2025, 7, 29, 3, 0, 0, 0, time.UTC), "2025-07-29 03:00:00Z"},
		{time.Date(2025, 7, 29, 0, 0, 0, 0, time.UTC), "2025-07-29"},
		{[]any{"a", 1.0}, `["a",1]`},
	}
	for _, tt := range tests {
		if got := propText(tt.v); got != tt.want {
			t.Errorf("propText(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestViewSavedAndRestored: a workspace opens on its saved view, and closing
// it saves the view the user left.
func TestViewSavedAndRestored(t *testing.T) {
	u, q := testUI(t)
	u.win.Resize(fyne.NewSize(1000, 700))
	ws := panelWorkspace(t)
	path := ws.Path()
	if err := ws.SetMeta(context.Background(), viewKey, "-90,5,-60,25"); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	u.open(path)
	settle(u, q)
	b := u.m.Viewport().Bounds()
	// The saved box fits inside the view and fills one of its dimensions.
	if b.West > -89.99 || b.East < -60.01 || b.South > 5.01 || b.North < 24.99 {
		t.Fatalf("view %+v does not show the saved box", b)
	}
	if (b.East-b.West) > 31 && (b.North-b.South) > 21 {
		t.Fatalf("view %+v is much wider than the saved box", b)
	}
	u.m.Pan(200, 0) // the user moves the map
	u.m.Wait()
	moved := u.m.Viewport().Bounds()
	u.closeWorkspace()
	w, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	got, ok := savedView(w)
	if !ok || math.Abs(got.West-moved.West) > 1e-3 || math.Abs(got.North-moved.North) > 1e-3 {
		t.Fatalf("saved view %+v, want %+v", got, moved)
	}
}
