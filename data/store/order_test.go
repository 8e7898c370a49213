package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"corridor/data/feature"
)

func TestSetLayerOrder(t *testing.T) {
	ctx := context.Background()
	ws, err := Create(filepath.Join(t.TempDir(), "o.gpkg"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for _, title := range []string{"A", "B", "C"} {
		if _, err := ws.CreateLayer(ctx, LayerSpec{Title: title, Kind: feature.KindOther}); err != nil {
			t.Fatal(err)
		}
	}
	order := func() []string {
		ls, err := ws.Layers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range ls {
			out = append(out, l.Table)
		}
		return out
	}
	if err := ws.SetLayerOrder(ctx, []string{"c", "a", "b"}); err != nil {
		t.Fatal(err)
	}
	if got := order(); !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Fatalf("order %v", got)
	}
	for _, bad := range [][]string{{"a", "b"}, {"a", "a", "b"}, {"a", "b", "nope"}} {
		err := ws.SetLayerOrder(ctx, bad)
		if err == nil {
			t.Fatalf("%v accepted", bad)
		}
		if got := order(); !slices.Equal(got, []string{"c", "a", "b"}) {
			t.Fatalf("a refused order %v changed the order to %v", bad, got)
		}
	}
	if err := ws.SetLayerOrder(ctx, []string{"a", "b", "nope"}); !errors.Is(err, ErrNoLayer) {
		t.Fatalf("unknown layer: %v", err)
	}
	// one changeset, undone whole: the order before it comes back
	cs, err := ws.Undo(ctx)
	if err != nil || cs.Label != "Undo Reorder layers" {
		t.Fatalf("undo: %+v, %v", cs, err)
	}
	if got := order(); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("order after undo %v", got)
	}
	if _, err := ws.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := order(); !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Fatalf("order after redo %v", got)
	}
}
