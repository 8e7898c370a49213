package transfer

import (
	"context"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/store"
)

// TestLayerRouter routes a file's layers: each to a new layer titled after
// it (the unnamed one after the file, a taken title numbered, the file's
// kind hint kept), or all to the layer the user named, existing or not.
func TestLayerRouter(t *testing.T) {
	ctx := context.Background()
	w := newWorkspace(t, t.TempDir())
	if _, err := w.CreateLayer(ctx, store.LayerSpec{Title: "Ports", Kind: feature.KindPort}); err != nil {
		t.Fatal(err)
	}
	existing, err := w.Layers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	routes := &formats.Layer{Name: "Routes", Kind: feature.KindRoute}
	ports := &formats.Layer{Name: "ports"}
	err = w.Bulk(ctx, func(b *store.Batch) error {
		res := &ImportResult{KindHints: map[string]feature.Kind{}}
		r := newLayerRouter(b, ImportOptions{FileKinds: true}, "file", existing, res)
		t1, title1, err := r.route(routes)
		if err != nil || title1 != "Routes" {
			t.Fatalf("route(Routes) = %q, %q, %v", t1, title1, err)
		}
		if t2, _, _ := r.route(&formats.Layer{Name: "Routes"}); t2 != t1 {
			t.Errorf("the same file layer went to %q, then %q", t1, t2)
		}
		if _, title, _ := r.route(ports); title != "ports (2)" {
			t.Errorf("a file layer named after a layer of the workspace went to %q, want a new \"ports (2)\"", title)
		}
		if _, title, _ := r.route(nil); title != "file" {
			t.Errorf("the file's unnamed layer went to %q, want \"file\"", title)
		}
		named := newLayerRouter(b, ImportOptions{Layer: " ports"}, "file", existing, res)
		ta, ta1, _ := named.route(routes)
		tb, _, _ := named.route(nil)
		if ta != tb || ta1 != "Ports" {
			t.Errorf("with --layer ports: %q (%q) and %q, want both in the existing \"Ports\"", ta, ta1, tb)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ls, _ := w.Layers(ctx)
	kinds := map[string]feature.Kind{}
	for _, l := range ls {
		kinds[l.Title] = l.Kind
	}
	if len(ls) != 4 || kinds["Routes"] != feature.KindRoute || kinds["file"] != feature.KindOther {
		t.Errorf("layers %v", kinds)
	}
}
