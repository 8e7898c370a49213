package store

import (
	"context"
	"math/rand"
	"path/filepath"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

// BenchmarkQueryBBox1Percent measures a bounding-box query that returns
// about 1% of a 100,000-feature route layer, through the R*Tree.
func BenchmarkQueryBBox1Percent(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.gpkg")
	w, err := Create(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	rng := rand.New(rand.NewSource(1))
	var table string
	err = w.Bulk(ctx, func(bt *Batch) error {
		table, err = bt.CreateLayer(LayerSpec{Title: "Routes", Kind: feature.KindRoute})
		if err != nil {
			return err
		}
		for i := 0; i < 100000; i++ {
			// Short routes spread over a 100°x100° area.
			x, y := -120+rng.Float64()*100, -50+rng.Float64()*100
			coords := make([]float64, 0, 20)
			for v := 0; v < 10; v++ {
				coords = append(coords, x, y)
				x += rng.Float64()*0.2 - 0.1
				y += rng.Float64()*0.2 - 0.1
			}
			if err := bt.Add(table, &feature.Feature{Geometry: geom.NewLineStringFlat(geom.XY, coords)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	box := Bounds{West: -70, South: 0, East: -60, North: 10} // 1% of the area
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n = 0
		if err := w.Query(ctx, table, box, func(*feature.Feature) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "features/op")
	if n < 800 || n > 1300 {
		b.Fatalf("query returned %d features, want about 1,000", n)
	}
}

// BenchmarkAppendToLayer measures a bulk load appending features to an
// existing layer (whose journal triggers are in place and must skip
// Corridor's own inserts cheaply): one op is one feature.
func BenchmarkAppendToLayer(b *testing.B) {
	ctx := context.Background()
	w, err := Create(filepath.Join(b.TempDir(), "bench.gpkg"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	b.ResetTimer()
	err = w.Bulk(ctx, func(bt *Batch) error {
		for i := 0; i < b.N; i++ {
			x, y := -120+rng.Float64()*100, -50+rng.Float64()*100
			g := geom.NewLineStringFlat(geom.XY, []float64{x, y, x + 0.1, y + 0.1, x + 0.2, y})
			if err := bt.Add(l.Table, &feature.Feature{Name: "r", Geometry: g}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAddFeature measures one journalled single-feature edit (one
// transaction each) on an existing layer.
func BenchmarkAddFeature(b *testing.B) {
	ctx := context.Background()
	w, err := Create(filepath.Join(b.TempDir(), "bench.gpkg"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Ports", Kind: feature.KindPort})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := w.AddFeature(ctx, l.Table, &feature.Feature{Name: "p", Geometry: geom.NewPointFlat(geom.XY, []float64{float64(i % 180), 0})}); err != nil {
			b.Fatal(err)
		}
	}
}
