package geojson

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

// FuzzDecode feeds arbitrary bytes to Decode: it must never panic, must
// fail only with a *formats.Error, and whatever it accepts must survive
// Write and a second Decode with the same feature count.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{filepath.Join("testdata", "seeds"),
		filepath.Join(sharedTestdata, "geojson", "good"), filepath.Join(sharedTestdata, "geojson", "bad"),
		filepath.Join(sharedTestdata, "valid", "geojson"), filepath.Join(sharedTestdata, "invalid", "geojson")} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if ext := filepath.Ext(e.Name()); ext != ".geojson" && ext != ".json" {
				continue
			}
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
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
		if err := Write(context.Background(), &out, formats.LayerData{Features: source(fs)}); err != nil {
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
