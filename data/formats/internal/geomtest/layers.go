package geomtest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/feature"
)

// WriteFixtures writes Shapes and ShapesZ as GeoJSON files into dir and
// returns their paths, to feed ogr2ogr.
func WriteFixtures(t testing.TB, dir string) (shapes, shapesZ string) {
	t.Helper()
	shapes, shapesZ = filepath.Join(dir, "shapes.geojson"), filepath.Join(dir, "shapes_z.geojson")
	WriteGeoJSON(t, shapes, Shapes())
	WriteGeoJSON(t, shapesZ, ShapesZ())
	return shapes, shapesZ
}

// CheckFixtures checks features read back from the layers "shapes" and
// "shapes_z" written from WriteFixtures' files: the layers in that order,
// geometries within tol, "name" as Feature.Name and the other properties
// as properties, with nothing else (no fid).
func CheckFixtures(t testing.TB, got map[string][]*feature.Feature, order []string, tol float64) {
	t.Helper()
	if strings.Join(order, ",") != "shapes,shapes_z" {
		t.Fatalf("layers %v, want shapes,shapes_z", order)
	}
	for layer, want := range map[string][]Case{"shapes": Shapes(), "shapes_z": ShapesZ()} {
		fs := got[layer]
		if len(fs) != len(want) {
			t.Fatalf("%s: %d features, want %d", layer, len(fs), len(want))
		}
		for i, f := range fs {
			if d := Diff(f.Geometry, want[i].Geometry, tol); d != "" {
				t.Errorf("%s feature %d: geometry: %s", layer, i+1, d)
			}
			for _, d := range PropsDiff(f, want[i].Properties) {
				t.Errorf("%s feature %d: %s", layer, i+1, d)
			}
		}
	}
}

// PropsDiff compares a feature read back with the properties written and
// describes each difference: "name" fills Feature.Name, the rest are
// properties (no fid).
func PropsDiff(f *feature.Feature, want map[string]any) []string {
	var out []string
	if f.Name != want["name"] {
		out = append(out, fmt.Sprintf("Name %q, want %q", f.Name, want["name"]))
	}
	if _, ok := f.Properties["fid"]; ok {
		out = append(out, fmt.Sprintf("fid is a property: %v", f.Properties))
	}
	if len(f.Properties) != len(want)-1 {
		out = append(out, fmt.Sprintf("properties %v, want %v without name", f.Properties, want))
	}
	for k, w := range want {
		if k == "name" {
			continue
		}
		if d := PropDiff(f.Properties[k], w); d != "" {
			out = append(out, fmt.Sprintf("property %s: %s", k, d))
		}
	}
	return out
}
