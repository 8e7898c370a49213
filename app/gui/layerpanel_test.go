package gui

import (
	"context"
	"encoding/json"
	"fyne.io/fyne/v2"
	"image/color"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/twpayne/go-geom"

	"corridor/app/session"
	"corridor/data/feature"
	"corridor/data/store"
)

// panelWorkspace makes a workspace with three layers, bottom to top:
// Countries, Routes, Ports.
func panelWorkspace(t *testing.T) *store.Workspace {
	t.Helper()
	ctx := context.Background()
	ws, err := store.Create(filepath.Join(t.TempDir(), "p.gpkg"), store.Options{Author: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	for _, spec := range []store.LayerSpec{
		{Title: "Countries", Kind: feature.KindOther},
		{Title: "Routes", Kind: feature.KindRoute},
		{Title: "Ports", Kind: feature.KindPort},
	} {
		l, err := ws.CreateLayer(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		if err := ws.AddFeature(ctx, l.Table, &feature.Feature{Name: "x", Geometry: geom.NewPointFlat(geom.XY, []float64{-70, 10})}); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

// testSession runs a session's writes and then their notices on the
// test's goroutine.
type testSession struct {
	*session.Session
	q queue
}

// Wait lets the writes asked so far finish and runs their notices.
func (s testSession) Wait() {
	s.Session.Wait()
	s.q.drain()
}

// newTestPanel shows the layers of ws through a session; after a tap, Wait
// on the returned session for the write and its notice.
func newTestPanel(t *testing.T, ws *store.Workspace) (*layerPanel, *int, testSession) {
	t.Helper()
	test.NewTempApp(t)
	q := make(queue, 100)
	s, err := session.New(context.Background(), ws, q.do)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	changes := new(int)
	s.Subscribe(func(session.Change) { *changes++ })
	w := test.NewTempWindow(t, nil)
	p := newLayerPanel(w, func(err error) { t.Errorf("panel error: %v", err) })
	w.SetContent(p.content)
	p.setSession(s)
	return p, changes, testSession{s, q}
}

func layerState(t *testing.T, ws *store.Workspace) map[string]store.Layer {
	t.Helper()
	ls, err := ws.Layers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Layer{}
	for _, l := range ls {
		out[l.Table] = *l
	}
	return out
}

func TestPanelToggleVisibility(t *testing.T) {
	ws := panelWorkspace(t)
	p, changes, s := newTestPanel(t, ws)
	if len(p.rows) != 3 {
		t.Fatalf("%d rows", len(p.rows))
	}
	test.Tap(p.rows["routes"].check)
	s.Wait()
	st := layerState(t, ws)
	if st["routes"].Visible || !st["ports"].Visible || !st["countries"].Visible {
		t.Fatalf("after unchecking Routes: %+v", st)
	}
	if *changes != 1 {
		t.Fatalf("%d change reports", *changes)
	}
	// the Set's render layers follow
	for _, l := range s.Layers().Layers() {
		if l.ID == "routes" {
			t.Fatal("hidden layer still drawn")
		}
	}
	test.Tap(p.rows["routes"].check)
	s.Wait()
	if st := layerState(t, ws); !st["routes"].Visible {
		t.Fatal("re-checking did not show the layer")
	}
}

func TestPanelReorder(t *testing.T) {
	tests := []struct {
		name  string
		table string
		up    bool
		want  []string // bottom first
	}{
		{"countries up", "countries", true, []string{"routes", "countries", "ports"}},
		{"ports down", "ports", false, []string{"countries", "ports", "routes"}},
		{"routes up", "routes", true, []string{"countries", "ports", "routes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := panelWorkspace(t)
			p, _, s := newTestPanel(t, ws)
			r := p.rows[tt.table]
			if tt.up {
				test.Tap(r.up)
			} else {
				test.Tap(r.down)
			}
			s.Wait()
			ls, err := ws.Layers(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range ls {
				got = append(got, l.Table)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("order %v", got)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("order %v, want %v", got, tt.want)
				}
			}
			// the panel lists them top first and disables the ends
			if !p.rows[tt.want[2]].up.Disabled() || !p.rows[tt.want[0]].down.Disabled() {
				t.Fatal("end buttons not disabled after reorder")
			}
		})
	}
}

func TestPanelKeyboardMove(t *testing.T) {
	ws := panelWorkspace(t)
	p, _, s := newTestPanel(t, ws)
	test.Tap(p.rows["countries"].check) // works on Countries (and hides it)
	s.Wait()
	p.moveCurrent(+1)
	s.Wait()
	p.moveCurrent(+1)
	s.Wait()
	ls, _ := ws.Layers(context.Background())
	if ls[2].Table != "countries" {
		t.Fatalf("countries not on top: %v, %v, %v", ls[0].Table, ls[1].Table, ls[2].Table)
	}
}

func TestPanelOpacity(t *testing.T) {
	ws := panelWorkspace(t)
	p, _, sess := newTestPanel(t, ws)
	s := p.rows["ports"].opacity
	s.SetValue(0.4)
	s.OnChangeEnded(0.4)
	sess.Wait()
	if got := layerState(t, ws)["ports"].Opacity; got != 0.4 {
		t.Fatalf("opacity %v", got)
	}
}

func TestWithColor(t *testing.T) {
	red := color.NRGBA{R: 255, A: 255}
	tests := []struct {
		in   string
		kind feature.Kind
		want map[string]string
	}{
		{"", feature.KindRoute, map[string]string{"stroke": "#FF0000", "label_color": "#FF0000"}},
		{`{"width":3}`, feature.KindInterdiction, map[string]string{"fill": "#FF0000"}},
		{`{"fill":"#000000"}`, feature.KindPatrolArea, map[string]string{"fill": "#FF0000", "stroke": "#FF0000", "hatch": "#FF000096"}},
		{`not json`, feature.KindOther, map[string]string{"fill": "#FF0000"}},
	}
	for _, tt := range tests {
		js, err := withColor(tt.in, tt.kind, red)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(js), &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range tt.want {
			if m[k] != v {
				t.Errorf("%s %q: %s = %v, want %v (%s)", tt.kind, tt.in, k, m[k], v, js)
			}
		}
		if tt.in == `{"width":3}` && m["width"] != 3.0 {
			t.Errorf("other keys lost: %s", js)
		}
	}
}

// TestPanelDragReorder drags the top row's grip down by two rows: Ports
// (top of the map) goes to the bottom of the draw order.
func TestPanelDragReorder(t *testing.T) {
	ws := panelWorkspace(t)
	p, changes, s := newTestPanel(t, ws)
	p.win.Resize(fyne.NewSize(300, 600))
	grip := p.rows["ports"].grip
	rowHeight := p.list.Objects[0].Size().Height
	if rowHeight <= 0 {
		t.Fatal("rows not laid out")
	}
	// Two drag events, as the driver sends while the mouse moves.
	grip.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: rowHeight}})
	grip.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: rowHeight + 3}})
	grip.DragEnd()
	s.Wait()
	ls, _ := ws.Layers(context.Background())
	if got := []string{ls[0].Table, ls[1].Table, ls[2].Table}; got[0] != "ports" || got[1] != "countries" || got[2] != "routes" {
		t.Fatalf("order after dragging Ports down two rows: %v", got)
	}
	if *changes != 1 {
		t.Fatalf("a move over two rows made %d changes, want one", *changes)
	}
	// A short drag (less than half a row) changes nothing.
	grip = p.rows["routes"].grip
	grip.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: rowHeight / 3}})
	grip.DragEnd()
	s.Wait()
	ls, _ = ws.Layers(context.Background())
	if ls[2].Table != "routes" {
		t.Fatalf("a short drag moved the layer: %v", ls[2].Table)
	}
}
