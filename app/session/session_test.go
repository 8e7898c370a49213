package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/store"
	"corridor/data/transfer"
)

// ui stands for the UI goroutine: work handed over with do waits in a
// queue until the test runs it.
type ui chan func()

func (q ui) do(f func()) { q <- f }

func (q ui) next(t *testing.T) {
	t.Helper()
	select {
	case f := <-q:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("nothing handed to the UI")
	}
}

// workspace makes a workspace of three layers, bottom first: a, b, c, each
// with one point.
func workspace(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.gpkg")
	ws, err := store.Create(path, store.Options{Author: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for _, title := range []string{"A", "B", "C"} {
		l, err := ws.CreateLayer(ctx, store.LayerSpec{Title: title, Kind: feature.KindPort})
		if err != nil {
			t.Fatal(err)
		}
		if err := ws.AddFeature(ctx, l.Table, &feature.Feature{Name: "x", Geometry: geom.NewPointFlat(geom.XY, []float64{-70, 10})}); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func open(t *testing.T) (*Session, ui, *[]Change) {
	t.Helper()
	q := make(ui, 100)
	s, err := Open(context.Background(), workspace(t), store.Options{}, q.do)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var got []Change
	s.Subscribe(func(c Change) { got = append(got, c) })
	return s, q, &got
}

func TestWriteAnnouncesChange(t *testing.T) {
	s, q, got := open(t)
	off := false
	var doneErr = errors.New("not called")
	s.UpdateLayer("b", store.LayerUpdate{Visible: &off}, func(err error) { doneErr = err })
	s.Wait() // the write ran on the session's goroutine; the notice waits for the UI
	if len(*got) != 0 {
		t.Fatal("a subscriber ran off the UI goroutine")
	}
	for _, l := range s.Layers().StoreLayers() { // the set is reloaded before the notice
		if l.Table == "b" && l.Visible {
			t.Fatal("layer set not reloaded")
		}
	}
	q.next(t)
	if doneErr != nil {
		t.Fatalf("done: %v", doneErr)
	}
	want := Change{Label: "Hide layer B", Layers: []string{"b"}, Meta: true}
	if len(*got) != 1 || (*got)[0].Label != want.Label || !slices.Equal((*got)[0].Layers, want.Layers) || !(*got)[0].Meta {
		t.Fatalf("changes %+v, want %+v", *got, want)
	}
}

func TestSetLayerOrderIsOneWrite(t *testing.T) {
	s, q, got := open(t)
	s.SetLayerOrder([]string{"c", "b", "a"}, func(err error) {
		if err != nil {
			t.Error(err)
		}
	})
	s.Wait()
	q.next(t)
	var order []string
	for _, l := range s.Layers().StoreLayers() {
		order = append(order, l.Table)
	}
	if !slices.Equal(order, []string{"c", "b", "a"}) {
		t.Fatalf("order %v", order)
	}
	if len(*got) != 1 || (*got)[0].Label != "Reorder layers" {
		t.Fatalf("changes %+v", *got)
	}
	// a bad order: an error, no change announced
	var err error
	s.SetLayerOrder([]string{"a"}, func(e error) { err = e })
	s.Wait()
	q.next(t)
	if err == nil || len(*got) != 1 {
		t.Fatalf("bad order: err %v, %d changes", err, len(*got))
	}
}

func TestUndoRedoAndImport(t *testing.T) {
	s, q, got := open(t)
	var entry *store.Changeset
	s.Undo(func(e *store.Changeset, err error) {
		if err != nil {
			t.Error(err)
		}
		entry = e
	})
	s.Wait()
	q.next(t)
	if entry == nil || len(*got) != 1 || (*got)[0].Label != "Undo Add feature" || !(*got)[0].Touches("c") {
		t.Fatalf("undo: %+v, changes %+v", entry, *got)
	}
	// the map redraws only where the undone feature was
	if b := (*got)[0].Bounds; b == nil || b.West != -70 || b.East != -70 || b.South != 10 || b.North != 10 {
		t.Errorf("undo's bounds %+v, want the point at -70, 10", b)
	}
	in := filepath.Join(t.TempDir(), "docks.geojson")
	os.WriteFile(in, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"D"},"geometry":{"type":"Point","coordinates":[-79.9,9.35]}}]}`), 0o644)
	var n int64
	s.Import(context.Background(), []string{in}, nil, func(rs []*transfer.ImportResult, err error) {
		if err != nil || len(rs) != 1 {
			t.Errorf("import: %v, %d results", err, len(rs))
			return
		}
		n = rs[0].Total
	})
	s.Wait()
	q.next(t)
	if n != 1 || len(*got) != 2 || (*got)[1].Label != "Import docks.geojson" || !(*got)[1].Touches("docks") {
		t.Fatalf("import: %d features, changes %+v", n, *got)
	}
}

func TestOpenFailsAndCancels(t *testing.T) {
	q := make(ui, 10)
	bad := filepath.Join(t.TempDir(), "bad.gpkg")
	os.WriteFile(bad, []byte("not a GeoPackage"), 0o644)
	if s, err := Open(context.Background(), bad, store.Options{}, q.do); err == nil || s != nil {
		t.Fatalf("opened a bad file: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, workspace(t), store.Options{}, q.do); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled open: %v", err)
	}
}

func TestClosedRefusesWrites(t *testing.T) {
	s, q, _ := open(t)
	s.Close()
	var err error
	on := true
	s.UpdateLayer("a", store.LayerUpdate{Visible: &on}, func(e error) { err = e })
	q.next(t)
	if !errors.Is(err, ErrClosed) {
		t.Fatalf("write after close: %v", err)
	}
}
