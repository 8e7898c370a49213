package kml

import (
	"context"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/internal/corpus"
)

func TestOracle(t *testing.T) {
	rows := corpus.Rows(t, ".kml", ".kmz")
	if len(rows) < 40 {
		t.Fatalf("only %d KML rows in oracle.tsv", len(rows))
	}
	for _, row := range rows {
		t.Run(row.Path, func(t *testing.T) {
			path := row.File(t)
			n := 0
			err := Read(context.Background(), path, func(l *formats.Layer, f *feature.Feature) error {
				n++
				return nil
			})
			corpus.Check(t, row, path, n, err)
		})
	}
}
