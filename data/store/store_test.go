package store

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

func newWorkspace(t *testing.T) (*Workspace, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ws.gpkg")
	w, err := Create(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, path
}

func line(coords ...float64) geom.T {
	return geom.NewLineStringFlat(geom.XY, coords)
}

func TestCreateSetsGeoPackageIdentity(t *testing.T) {
	w, _ := newWorkspace(t)
	var appID, userVersion int64
	if err := w.DB().QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := w.DB().QueryRow(`PRAGMA user_version`).Scan(&userVersion); err != nil {
		t.Fatal(err)
	}
	if appID != 1196444487 || userVersion != 10300 {
		t.Fatalf("application_id %d user_version %d", appID, userVersion)
	}
	var jm string
	if err := w.DB().QueryRow(`PRAGMA journal_mode`).Scan(&jm); err != nil || jm != "wal" {
		t.Fatalf("journal_mode %q %v", jm, err)
	}
}

func TestAddQueryUpdateDelete(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Interdictions", Kind: feature.KindInterdiction})
	if err != nil {
		t.Fatal(err)
	}
	f := &feature.Feature{Name: "Seizure 1", Geometry: geom.NewPointFlat(geom.XY, []float64{-79.5, 9.0}),
		Properties:   map[string]any{"commodity": "cocaine", "quantity": 1200.0, "vessel": "go-fast"},
		ReleasableTo: []string{"USA", "COL"}}
	if err := w.AddFeature(ctx, l.Table, f); err != nil {
		t.Fatal(err)
	}
	if f.UUID == "" || f.FID == 0 || f.Version != 1 || f.Author != "tester" {
		t.Fatalf("store fields not filled: %+v", f)
	}
	// The kind column holds quantity; the rest stays in properties.
	var qty float64
	var props string
	if err := w.DB().QueryRow(`SELECT quantity, properties FROM `+quoteIdent(l.Table)).Scan(&qty, &props); err != nil {
		t.Fatal(err)
	}
	if qty != 1200 || strings.Contains(props, "quantity") || !strings.Contains(props, "go-fast") {
		t.Fatalf("quantity %v properties %s", qty, props)
	}
	var got []*feature.Feature
	collect := func(f *feature.Feature) error { got = append(got, f); return nil }
	if err := w.Query(ctx, l.Table, Bounds{-80, 8, -79, 10}, collect); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "Seizure 1" || got[0].Prop("commodity") != "cocaine" || got[0].Prop("quantity") != 1200.0 {
		t.Fatalf("query got %+v", got)
	}
	got = nil
	if err := w.Query(ctx, l.Table, Bounds{0, 0, 10, 10}, collect); err != nil || len(got) != 0 {
		t.Fatalf("query outside got %d, %v", len(got), err)
	}
	f2 := f.Clone()
	f2.Name = "Seizure 1 (revised)"
	f2.Geometry = geom.NewPointFlat(geom.XY, []float64{10, 10})
	if err := w.UpdateFeature(ctx, l.Table, f2); err != nil {
		t.Fatal(err)
	}
	if f2.Version != 2 {
		t.Fatalf("version %d", f2.Version)
	}
	got = nil
	if err := w.Query(ctx, l.Table, Bounds{9, 9, 11, 11}, collect); err != nil || len(got) != 1 {
		t.Fatalf("moved feature not found by the index: %d %v", len(got), err)
	}
	if err := w.DeleteFeature(ctx, l.Table, f.UUID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Feature(ctx, l.Table, f.UUID); !errors.Is(err, ErrNoFeature) {
		t.Fatalf("after delete: %v", err)
	}
	var n int
	w.DB().QueryRow(`SELECT count(*) FROM ` + quoteIdent(rtreeName(l.Table))).Scan(&n)
	if n != 0 {
		t.Fatalf("R*Tree keeps %d rows after delete", n)
	}
	h, err := w.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, e := range h {
		ops = append(ops, e.Operation)
	}
	if strings.Join(ops, ",") != "layer_create,insert,update,delete" {
		t.Fatalf("journal %v", ops)
	}
}

func TestUndoRedoSurviveReopen(t *testing.T) {
	ctx := context.Background()
	w, path := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	f := &feature.Feature{Name: "A", Geometry: line(0, 0, 1, 1)}
	if err := w.AddFeature(ctx, l.Table, f); err != nil {
		t.Fatal(err)
	}
	g := f.Clone()
	g.Name = "B"
	if err := w.UpdateFeature(ctx, l.Table, g); err != nil {
		t.Fatal(err)
	}
	w.Close()
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	name := func() string {
		f, err := w.Feature(ctx, l.Table, f.UUID)
		if errors.Is(err, ErrNoFeature) {
			return "<none>"
		}
		if err != nil {
			t.Fatal(err)
		}
		return f.Name
	}
	steps := []struct {
		undo bool
		want string
	}{{true, "A"}, {true, "<none>"}, {false, "A"}, {false, "B"}}
	for i, s := range steps {
		var err error
		if s.undo {
			_, err = w.Undo(ctx)
		} else {
			_, err = w.Redo(ctx)
		}
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := name(); got != s.want {
			t.Fatalf("step %d: name %q, want %q", i, got, s.want)
		}
	}
	if _, err := w.Redo(ctx); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo past the end: %v", err)
	}
	// A new edit after an undo discards the redo stack.
	w.Undo(ctx)
	if err := w.AddFeature(ctx, l.Table, &feature.Feature{Name: "C", Geometry: line(2, 2, 3, 3)}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Redo(ctx); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo after a new edit: %v", err)
	}
}

func TestHostileLayerTitle(t *testing.T) {
	ctx := context.Background()
	w, path := newWorkspace(t)
	title := `x"; DROP TABLE gpkg_contents; --`
	l, err := w.CreateLayer(ctx, LayerSpec{Title: title, Kind: feature.KindOther})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddFeature(ctx, l.Table, &feature.Feature{Name: `'); DELETE FROM corridor_layers; --`, Geometry: line(0, 0, 1, 1),
		Properties: map[string]any{`"key"; DROP`: "v"}}); err != nil {
		t.Fatal(err)
	}
	got, err := w.Layer(ctx, title)
	if err != nil || got.Title != title || got.Features != 1 {
		t.Fatalf("layer %+v, %v", got, err)
	}
	w.Close()
	ogrinfoAgrees(t, path, map[string]int{title: 1})
}

func TestBulkIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	w, path := newWorkspace(t)
	before, _ := os.ReadFile(path)
	boom := errors.New("bad feature 3")
	err := w.Bulk(ctx, func(b *Batch) error {
		table, err := b.CreateLayer(LayerSpec{Title: "Imported", Kind: feature.KindRoute})
		if err != nil {
			return err
		}
		for i := 0; i < 5; i++ {
			if i == 3 {
				return boom
			}
			if err := b.Add(table, &feature.Feature{Geometry: line(0, 0, float64(i), 1)}); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("bulk error %v", err)
	}
	ls, _ := w.Layers(ctx)
	if len(ls) != 0 {
		t.Fatalf("failed import left %d layers", len(ls))
	}
	w.Close()
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("failed import changed the file")
	}
}

func TestBulkFillsIndexAndType(t *testing.T) {
	ctx := context.Background()
	w, path := newWorkspace(t)
	var table string
	err := w.Bulk(ctx, func(b *Batch) error {
		var err error
		table, err = b.CreateLayer(LayerSpec{Title: "Imported routes", Kind: feature.KindRoute})
		if err != nil {
			return err
		}
		for i := 0; i < 100; i++ {
			x := float64(i)
			if err := b.Add(table, &feature.Feature{Geometry: line(x, 0, x+0.5, 1)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := w.Query(ctx, table, Bounds{10.1, 0, 20.2, 1}, func(*feature.Feature) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 11 { // lines starting at 10..20 (10 ends at 10.5)
		t.Fatalf("index found %d", n)
	}
	l, _ := w.Layer(ctx, table)
	if l.GeometryType != "LINESTRING" || l.Features != 100 || l.Bounds[2] != 99.5 {
		t.Fatalf("layer %+v", l)
	}
	// The triggers exist again after the bulk load.
	if err := w.AddFeature(ctx, table, &feature.Feature{Geometry: line(170, 50, 171, 51)}); err != nil {
		t.Fatal(err)
	}
	n = 0
	w.Query(ctx, table, Bounds{169, 49, 172, 52}, func(*feature.Feature) error { n++; return nil })
	if n != 1 {
		t.Fatal("trigger did not index the feature added after a bulk load")
	}
	w.Close()
	ogrinfoAgrees(t, path, map[string]int{"Imported routes": 101})
}

// ogrinfoAgrees checks with GDAL that the file opens without a warning and
// that each layer (by identifier) has the given count.
func ogrinfoAgrees(t *testing.T, path string, counts map[string]int) {
	t.Helper()
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Log("ogrinfo not installed: GDAL check skipped")
		return
	}
	out, err := exec.Command("ogrinfo", "-so", "-al", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	s := string(out)
	if strings.Contains(s, "Warning") || strings.Contains(s, "ERROR") {
		t.Fatalf("ogrinfo complains:\n%s", s)
	}
	for name, n := range counts {
		if !strings.Contains(s, "Layer name: "+name+"\n") {
			// GDAL names layers by table name; check the count anyway.
			t.Logf("layer %q not listed by title", name)
		}
		if !strings.Contains(s, "Feature Count: "+strconv.Itoa(n)+"\n") {
			t.Fatalf("ogrinfo does not report %d features:\n%s", n, s)
		}
	}
}

func TestUseAfterCloseIsAnError(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	w.Close()
	if err := w.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
	if _, err := w.Layers(ctx); err == nil {
		t.Fatal("Layers after Close succeeded")
	}
	if err := w.QueryBlobs(ctx, l.Table, Bounds{-180, -90, 180, 90}, func(int64, []byte, string) error { return nil }); err == nil {
		t.Fatal("QueryBlobs after Close succeeded")
	}
	if err := w.AddFeature(ctx, l.Table, &feature.Feature{Geometry: line(0, 0, 1, 1)}); err == nil {
		t.Fatal("AddFeature after Close succeeded")
	}
}

func TestMetaSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	w, path := newWorkspace(t)
	if v, err := w.Meta(ctx, "view.bbox"); err != nil || v != "" {
		t.Fatalf("unset meta: %q %v", v, err)
	}
	if err := w.SetMeta(ctx, "view.bbox", "-90,5,-60,25"); err != nil {
		t.Fatal(err)
	}
	if err := w.SetMeta(ctx, "view.bbox", "-91,5,-60,25"); err != nil {
		t.Fatal(err)
	}
	if err := w.SetMeta(ctx, "schema_version", "0"); err == nil {
		t.Fatal("schema_version was writable as a setting")
	}
	w.Close()
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if v, _ := w.Meta(ctx, "view.bbox"); v != "-91,5,-60,25" {
		t.Fatalf("meta after reopen %q", v)
	}
	if h, _ := w.History(ctx); len(h) != 0 {
		t.Fatalf("settings were journalled: %d entries", len(h))
	}
}
