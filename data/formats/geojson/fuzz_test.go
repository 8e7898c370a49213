package geojson

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/internal/formattest"
	"corridor/data/internal/corpus"
)

// FuzzDecode feeds arbitrary bytes to Decode: it must never panic, must
// fail only with a *formats.Error, and whatever it accepts must survive
// Write and a second Decode with the same feature count.
func FuzzDecode(f *testing.F) {
	var patterns []string
	for _, dir := range []string{"geojson/good", "geojson/bad", "valid/geojson", "invalid/geojson"} {
		patterns = append(patterns, dir+"/*.geojson", dir+"/*.json")
	}
	seeds := corpus.Seeds(f, "testdata/seeds/*.geojson", patterns...)
	seeds = append(seeds, corpus.Seeds(f, "testdata/seeds/*.json")...)
	for _, b := range seeds {
		if len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"coordinates":[[[0,0],[1,0],[1,1]]],"type":"Polygon","crs":{"type":"EPSG","properties":{"code":3857}}}`))
	f.Add([]byte(`{"type":"GeometryCollection","geometries":[{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2,3]}]},{"type":"MultiPoint","coordinates":[]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := countFeatures(data)
		if err != nil {
			var fe *formats.Error
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "fuzz.geojson: ") {
				t.Fatalf("error is not a *formats.Error naming the file: %v", err)
			}
			return
		}
		var fs []*feature.Feature
		_ = Decode(context.Background(), bytes.NewReader(data), "fuzz.geojson", func(_ *formats.Layer, f *feature.Feature) error {
			fs = append(fs, f)
			return nil
		})
		var out bytes.Buffer
		if err := Write(context.Background(), &out, formats.LayerData{Features: formattest.Source(fs)}); err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
		m, err := countFeatures(out.Bytes())
		if err != nil {
			t.Fatalf("cannot read what was written: %v\n%s", err, out.Bytes())
		}
		if m != n {
			t.Fatalf("read %d features, wrote and read back %d", n, m)
		}
	})
}

func countFeatures(data []byte) (int, error) {
	n := 0
	err := Decode(context.Background(), bytes.NewReader(data), "fuzz.geojson", func(*formats.Layer, *feature.Feature) error {
		n++
		return nil
	})
	return n, err
}
