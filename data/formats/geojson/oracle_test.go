package geojson

import (
	"context"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/internal/corpus"
)

// TestOracle reads every GeoJSON file of the shared corpus and checks the
// outcome oracle.tsv expects: import with GDAL's count, refuse with a
// *formats.Error naming the file, or either.
func TestOracle(t *testing.T) {
	for _, row := range corpus.Rows(t, ".geojson", ".json") {
		t.Run(row.Path, func(t *testing.T) {
			path := row.File(t)
			n := 0
			err := Read(context.Background(), path, func(_ *formats.Layer, f *feature.Feature) error {
				n++
				return nil
			})
			corpus.Check(t, row, path, n, err)
		})
	}
}
