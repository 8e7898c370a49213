package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

func TestEditMarks(t *testing.T) {
	ctx := context.Background()
	ws, err := Create(filepath.Join(t.TempDir(), "m.gpkg"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for _, title := range []string{"A", "B"} {
		if _, err := ws.CreateLayer(ctx, LayerSpec{Title: title, Kind: feature.KindPort}); err != nil {
			t.Fatal(err)
		}
	}
	add := func(table string) {
		t.Helper()
		if err := ws.AddFeature(ctx, table, &feature.Feature{Geometry: geom.NewPointFlat(geom.XY, []float64{1, 2})}); err != nil {
			t.Fatal(err)
		}
	}
	add("a")
	m0, err := ws.EditMarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	add("b")
	m1, _ := ws.EditMarks(ctx)
	if m1["a"] != m0["a"] || m1["b"] <= m0["b"] {
		t.Fatalf("marks %v then %v after editing b", m0, m1)
	}
	if _, err := ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if m2, _ := ws.EditMarks(ctx); m2["b"] == m1["b"] || m2["a"] != m1["a"] {
		t.Fatalf("undo on b: marks %v then %v", m1, m2)
	}
}
