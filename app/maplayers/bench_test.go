package maplayers

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/store"
	"corridor/geo/render"
	"corridor/geo/viewport"
)

// benchWorkspace holds one route layer of n random 20-vertex lines over
// the Caribbean.
func benchWorkspace(b *testing.B, n int) *Set {
	b.Helper()
	ctx := context.Background()
	ws, err := store.Create(filepath.Join(b.TempDir(), "bench.gpkg"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	r := rand.New(rand.NewPCG(1, 2))
	err = ws.Bulk(ctx, func(bt *store.Batch) error {
		table, err := bt.CreateLayer(store.LayerSpec{Title: "Lines", Kind: feature.KindRoute})
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			x, y := -90+r.Float64()*30, 5+r.Float64()*20
			flat := make([]float64, 0, 40)
			for k := 0; k < 20; k++ {
				x, y = x+r.Float64()*0.2-0.1, y+r.Float64()*0.2-0.1
				flat = append(flat, x, y)
			}
			if err := bt.Add(table, &feature.Feature{Geometry: geom.NewLineStringFlat(geom.XY, flat)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(ctx, ws)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkBlobSourceQuery reads a quarter of 20,000 lines through the
// R*Tree, decoding every blob: the per-frame cost of a line layer.
func BenchmarkBlobSourceQuery(b *testing.B) {
	s := benchWorkspace(b, 20000)
	src := s.Layers()[0].Source
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		if err := src.Query(ctx, -90, 5, -75, 15, func(*render.Feature) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "features/op")
}

// BenchmarkPick is one click's hit test on 20,000 lines.
func BenchmarkPick(b *testing.B) {
	s := benchWorkspace(b, 20000)
	vp := viewport.Fit(viewport.Bounds{West: -90, South: 5, East: -60, North: 25}, 1024, 768)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Pick(ctx, vp, 500, 400, 5); err != nil {
			b.Fatal(err)
		}
	}
}
