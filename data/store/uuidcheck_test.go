package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"corridor/data/feature"
)

func TestUUIDInUse(t *testing.T) {
	w, err := Create(filepath.Join(t.TempDir(), "ws.gpkg"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx := context.Background()
	const taken = "00000000-0000-4000-8000-000000000001"
	// more layers than one probe statement holds
	for i := range probeGroup + 3 {
		l, err := w.CreateLayer(ctx, LayerSpec{Title: fmt.Sprintf("L%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if i == probeGroup+1 {
			if err := w.AddFeature(ctx, l.Table, &feature.Feature{UUID: taken}); err != nil {
				t.Fatal(err)
			}
		}
	}
	err = w.Bulk(ctx, func(b *Batch) error {
		for id, want := range map[string]bool{taken: true, "00000000-0000-4000-8000-000000000002": false, "x'--": false} {
			got, err := b.UUIDInUse(id)
			if err != nil || got != want {
				t.Errorf("UUIDInUse(%q) = %v, %v; want %v", id, got, err, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
