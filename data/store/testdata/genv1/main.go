// Command genv1 writes testdata/schema1.gpkg, a schema version 1 workspace,
// with the Corridor of commit 6e6cbb4 (the last to write schema 1):
//
//	git archive 6e6cbb4 | tar -x -C /tmp/v1 && cp -r data/store/testdata/genv1 /tmp/v1/cmd/
//	cd /tmp/v1 && go run ./cmd/genv1 $OLDPWD/data/store/testdata/schema1.gpkg
package main

import (
	"context"
	"log"
	"os"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/store"
)

func main() {
	ctx := context.Background()
	path := os.Args[1]
	w, err := store.Create(path, store.Options{Author: "v1user", NoSpatiaLite: true})
	if err != nil {
		log.Fatal(err)
	}
	r, err := w.CreateLayer(ctx, store.LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		log.Fatal(err)
	}
	s, err := w.CreateLayer(ctx, store.LayerSpec{Title: "Seizures", Kind: feature.KindInterdiction})
	if err != nil {
		log.Fatal(err)
	}
	ln := func(c ...float64) geom.T { return geom.NewLineStringFlat(geom.XY, c) }
	var fs []*feature.Feature
	for i, g := range []geom.T{ln(0, 0, 1, 1), ln(2, 2, 3, 3), ln(4, 4, 5, 5), ln(6, 6, 7, 7)} {
		f := &feature.Feature{Name: []string{"r1", "r2", "r3", "r4"}[i], Geometry: g}
		if err := w.AddFeature(ctx, r.Table, f); err != nil {
			log.Fatal(err)
		}
		fs = append(fs, f)
	}
	fs[1].Name = "r2 edited"
	if err := w.UpdateFeature(ctx, r.Table, fs[1]); err != nil {
		log.Fatal(err)
	}
	// the last fid is deleted: the upgrade must keep the fid sequence
	if err := w.DeleteFeature(ctx, r.Table, fs[3].UUID); err != nil {
		log.Fatal(err)
	}
	z := &feature.Feature{Name: "s1", Geometry: geom.NewPointFlat(geom.XYZ, []float64{-79.5, 9, 12}),
		Properties: map[string]any{"commodity": "cocaine", "quantity": 1200.0, "vessel": "go-fast"}}
	if err := w.AddFeature(ctx, s.Table, z); err != nil {
		log.Fatal(err)
	}
	if _, err := w.Undo(ctx); err != nil { // an undone edit in the old journal
		log.Fatal(err)
	}
	if err := w.AddFeature(ctx, s.Table, z); err != nil {
		log.Fatal(err)
	}
	// a column a user added with another tool
	if _, err := w.DB().Exec(`ALTER TABLE routes ADD COLUMN surveyed_by TEXT`); err != nil {
		log.Fatal(err)
	}
	if _, err := w.DB().Exec(`UPDATE routes SET surveyed_by = 'team a' WHERE name = 'r1'`); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
}
