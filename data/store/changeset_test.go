package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

// TestEditIsOneChangeset groups inserts, an update and a layer change under
// one label; undo and redo apply it whole, and versions only grow.
func TestEditIsOneChangeset(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		t.Fatal(err)
	}
	f1 := &feature.Feature{Name: "one", Geometry: line(0, 0, 1, 1)}
	f2 := &feature.Feature{Name: "two", Geometry: line(2, 2, 3, 3)}
	cs, err := w.Edit(ctx, "Move vertex", func(e *Editor) error {
		if err := e.Add(l.Table, f1); err != nil {
			return err
		}
		if err := e.Add(l.Table, f2); err != nil {
			return err
		}
		moved := f1.Clone()
		moved.Name = "one moved"
		moved.Geometry = line(0, 0, 1, 2)
		if err := e.Update(l.Table, moved); err != nil {
			return err
		}
		hidden := false
		return e.UpdateLayer(l.Table, LayerUpdate{Visible: &hidden})
	})
	if err != nil {
		t.Fatal(err)
	}
	if cs.Label != "Move vertex" || cs.Inserted != 2 || cs.Updated != 1 || cs.LayerChanges != 1 || len(cs.Changes) != 4 {
		t.Fatalf("changeset %+v", cs)
	}
	if b := cs.Changes[2].Before; b == nil || b.Name != "one" || b.Version != 1 {
		t.Fatalf("the update's before: %+v", b)
	}
	if lb := cs.Changes[3].LayerBefore; lb == nil || !lb.Visible {
		t.Fatalf("the layer change's before: %+v", lb)
	}
	un, err := w.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if un.Label != "Undo Move vertex" || un.Reverts != cs.ID {
		t.Fatalf("undo %+v", un)
	}
	if n := count(t, w, l.Table); n != 0 {
		t.Fatalf("%d features after undo", n)
	}
	if lay, _ := w.Layer(ctx, l.Table); !lay.Visible {
		t.Fatal("layer still hidden after undo")
	}
	if _, err := w.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	g1, err := w.Feature(ctx, l.Table, f1.UUID)
	if err != nil {
		t.Fatal(err)
	}
	// v1 insert, v2 update, v3 undo of the update, deleted by the undo of the
	// insert, v4 back by redo, v5 the update redone.
	if g1.Name != "one moved" || g1.Version != 5 {
		t.Fatalf("after redo: %q version %d, want \"one moved\" version 5", g1.Name, g1.Version)
	}
	if g2, _ := w.Feature(ctx, l.Table, f2.UUID); g2 == nil || g2.Version != 2 {
		t.Fatalf("f2 after redo: %+v", g2)
	}
	if lay, _ := w.Layer(ctx, l.Table); lay.Visible {
		t.Fatal("layer visible after redo")
	}
	// A failing Edit leaves nothing.
	before := len(mustChangesets(t, w))
	_, err = w.Edit(ctx, "Broken", func(e *Editor) error {
		if err := e.Add(l.Table, &feature.Feature{Name: "three", Geometry: line(0, 0, 1, 1)}); err != nil {
			return err
		}
		return errors.New("boom")
	})
	if err == nil || len(mustChangesets(t, w)) != before || count(t, w, l.Table) != 2 {
		t.Fatalf("a failed edit left something: %v", err)
	}
}

func count(t *testing.T, w *Workspace, table string) int {
	t.Helper()
	var n int
	if err := w.DB().QueryRow(`SELECT count(*) FROM ` + quoteIdent(table)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustChangesets(t *testing.T, w *Workspace) []*Changeset {
	t.Helper()
	cs, err := w.Changesets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestUndoLayerChanges undoes and redoes title, style, opacity and order.
func TestUndoLayerChanges(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Ports", Kind: feature.KindPort})
	if err != nil {
		t.Fatal(err)
	}
	title, style, opacity, order := "Harbours", `{"color":"#ff0000"}`, 0.5, 7
	for _, u := range []LayerUpdate{{Title: &title}, {Style: &style}, {Opacity: &opacity}, {Order: &order}} {
		if err := w.UpdateLayer(ctx, l.Table, u); err != nil {
			t.Fatal(err)
		}
	}
	var labels []string
	for i := 0; i < 4; i++ {
		cs, err := w.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		labels = append(labels, cs.Label)
	}
	if got := strings.Join(labels, ","); got != "Undo Reorder layers,Undo Change layer opacity,Undo Change layer style,Undo Rename layer" {
		t.Fatalf("undid %s", got)
	}
	back, _ := w.Layer(ctx, l.Table)
	if back.Title != "Ports" || back.Style != "" || back.Opacity != 1 || back.Order != l.Order {
		t.Fatalf("after undo: %+v", back)
	}
	for i := 0; i < 4; i++ {
		if _, err := w.Redo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	back, _ = w.Layer(ctx, l.Table)
	if back.Title != title || back.Style != style || back.Opacity != opacity || back.Order != order {
		t.Fatalf("after redo: %+v", back)
	}
	if _, err := w.Redo(ctx); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo past the end: %v", err)
	}
}

// TestUndoRefusesUnjournalledChange: a change the journal does not know
// (as a sync writes) makes undo refuse, naming the feature and versions.
func TestUndoRefusesUnjournalledChange(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Routes"})
	f := &feature.Feature{Name: "r", Geometry: line(0, 0, 1, 1)}
	if err := w.AddFeature(ctx, l.Table, f); err != nil {
		t.Fatal(err)
	}
	f.Name = "r2"
	if err := w.UpdateFeature(ctx, l.Table, f); err != nil {
		t.Fatal(err)
	}
	// Corridor's own write path (flag row set): the triggers do not journal it.
	err := w.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE `+quoteIdent(l.Table)+` SET name = 'synced', version = 9 WHERE uuid = ?`, f.UUID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Undo(ctx)
	var ce *ConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &ce) || ce.FeatureUUID != f.UUID || ce.Expected != 2 || ce.Found != 9 {
		t.Fatalf("undo over a sync: %v", err)
	}
	if !strings.Contains(err.Error(), "layer "+l.Table+", feature "+f.UUID+": expected version 2, found version 9") {
		t.Fatalf("message: %v", err)
	}
	if g, _ := w.Feature(ctx, l.Table, f.UUID); g.Name != "synced" || g.Version != 9 {
		t.Fatalf("a refused undo changed the feature: %+v", g)
	}
	if cs := mustChangesets(t, w); cs[len(cs)-1].Label != "Edit feature" || cs[len(cs)-1].State != stateDone {
		t.Fatalf("a refused undo left a changeset: %+v", cs[len(cs)-1])
	}
}

// TestZSaysWhatTheLayerHolds: 2D layers declare z = 0; a 3D import sets 1.
func TestZSaysWhatTheLayerHolds(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	var flat, deep string
	err := w.Bulk(ctx, func(b *Batch) error {
		var err error
		if flat, err = b.CreateLayer(LayerSpec{Title: "Flat"}); err != nil {
			return err
		}
		if deep, err = b.CreateLayer(LayerSpec{Title: "Deep"}); err != nil {
			return err
		}
		if err := b.Add(flat, &feature.Feature{Geometry: pt(1, 2)}); err != nil {
			return err
		}
		return b.Add(deep, &feature.Feature{Geometry: geomXYZ(1, 2, 3)})
	})
	if err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int{flat: 0, deep: 1} {
		var z, m int
		w.DB().QueryRow(`SELECT z, m FROM gpkg_geometry_columns WHERE table_name = ?`, table).Scan(&z, &m)
		if z != want || m != 0 {
			t.Errorf("%s: z %d m %d, want z %d", table, z, m, want)
		}
	}
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Later"})
	if err := w.AddFeature(ctx, l.Table, &feature.Feature{Geometry: geomXYZ(1, 2, 3)}); err != nil {
		t.Fatal(err)
	}
	var z int
	w.DB().QueryRow(`SELECT z FROM gpkg_geometry_columns WHERE table_name = ?`, l.Table).Scan(&z)
	if z != 1 {
		t.Errorf("a 3D feature added to a 2D layer: z %d", z)
	}
}

func geomXYZ(x, y, z float64) geom.T { return geom.NewPointFlat(geom.XYZ, []float64{x, y, z}) }

// TestUndoImportIntoExistingLayer: a bulk load into an existing layer is
// one changeset; undo deletes the fid range it added (and journals what it
// deleted), redo brings the features back as new versions.
func TestUndoImportIntoExistingLayer(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	keep := &feature.Feature{Name: "keep", Geometry: line(0, 0, 1, 1)}
	if err := w.AddFeature(ctx, l.Table, keep); err != nil {
		t.Fatal(err)
	}
	var added []*feature.Feature
	err := w.Bulk(ctx, func(b *Batch) error {
		if err := b.SetLabel("Import more.geojson"); err != nil {
			return err
		}
		for i := 0; i < 3; i++ {
			f := &feature.Feature{Name: "new", Geometry: line(float64(i), 0, float64(i)+1, 1)}
			if err := b.Add(l.Table, f); err != nil {
				return err
			}
			added = append(added, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cs := mustChangesets(t, w)
	if last := cs[len(cs)-1]; last.Label != "Import more.geojson" || last.Inserted != 3 || last.LayerChanges != 0 {
		t.Fatalf("import changeset %+v", last)
	}
	un, err := w.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if un.Deleted != 3 || count(t, w, l.Table) != 1 {
		t.Fatalf("undo of the import: %+v, %d features left", un, count(t, w, l.Table))
	}
	if _, err := w.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	for _, f := range added {
		g, err := w.Feature(ctx, l.Table, f.UUID)
		if err != nil || g.Version != 2 {
			t.Fatalf("after redo: %v %+v", err, g)
		}
	}
	if g, _ := w.Feature(ctx, l.Table, keep.UUID); g == nil || g.Version != 1 {
		t.Fatalf("the feature before the import: %+v", g)
	}
}
