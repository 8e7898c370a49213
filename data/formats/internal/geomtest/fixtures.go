package geomtest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"
)

// Case is one feature of a fixture layer.
type Case struct {
	Geometry   geom.T
	Properties map[string]any
}

// Shapes are 2D features of every geometry type, with properties of every
// GeoJSON value type. Latitudes stay inside the Web Mercator band.
func Shapes() []Case {
	return []Case{
		{geom.NewPointFlat(geom.XY, []float64{-77.0365, 38.8977}),
			map[string]any{"name": "Washington", "count": 3, "ratio": 0.5, "flag": true, "note": `a, "quoted" note`}},
		{geom.NewLineStringFlat(geom.XY, []float64{-80.1, 25.7, -79.5, 24.9, -78.25, 24.1}),
			map[string]any{"name": "Route 1", "count": -7, "ratio": 1.25, "flag": false, "note": nil}},
		{geom.NewPolygonFlat(geom.XY, []float64{-70, 10, -60, 10, -60, 20, -70, 20, -70, 10, -68, 12, -68, 14, -66, 14, -66, 12, -68, 12}, []int{10, 20}),
			map[string]any{"name": "Box with hole", "count": 0, "ratio": 0.0, "flag": true, "note": "ünïcødé"}},
		{geom.NewMultiPointFlat(geom.XY, []float64{-1.5, 50.25, 2.35, 48.85}),
			map[string]any{"name": "Ports", "count": 2, "ratio": 2.5, "flag": false, "note": ""}},
		{geom.NewMultiLineStringFlat(geom.XY, []float64{0, 0, 1, 1, 2, 0, 10, 10, 11, 12}, []int{6, 10}),
			map[string]any{"name": "Two lines", "count": 1, "ratio": -0.75, "flag": true, "note": "x"}},
		{geom.NewMultiPolygonFlat(geom.XY, []float64{
			100, -10, 110, -10, 110, 0, 100, -10,
			120, -40, 130, -40, 130, -30, 120, -30, 120, -40, 122, -38, 122, -36, 124, -36, 122, -38,
		}, [][]int{{8}, {18, 26}}),
			map[string]any{"name": "Islands", "count": 5, "ratio": 3.0, "flag": false, "note": "y"}},
	}
}

// ShapesZ are 3D features.
func ShapesZ() []Case {
	return []Case{
		{geom.NewPointFlat(geom.XYZ, []float64{-77.0365, 38.8977, 25}), map[string]any{"name": "Tower"}},
		{geom.NewLineStringFlat(geom.XYZ, []float64{-80.1, 25.7, 10, -79.5, 24.9, -5.5, -78.25, 24.1, 0}), map[string]any{"name": "Dive"}},
		{geom.NewPolygonFlat(geom.XYZ, []float64{-70, 10, 1, -60, 10, 2, -60, 20, 3, -70, 10, 1}, []int{12}), map[string]any{"name": "Slope"}},
		{geom.NewMultiPolygonFlat(geom.XYZ, []float64{100, -10, 5, 110, -10, 6, 110, 0, 7, 100, -10, 5}, [][]int{{12}}), map[string]any{"name": "Plateau"}},
	}
}

// WriteGeoJSON writes cases as a GeoJSON FeatureCollection file.
func WriteGeoJSON(t testing.TB, path string, cases []Case) {
	t.Helper()
	fc := geojson.FeatureCollection{}
	for _, c := range cases {
		fc.Features = append(fc.Features, &geojson.Feature{Geometry: c.Geometry, Properties: c.Properties})
	}
	b, err := json.Marshal(&fc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Ogr2ogr runs ogr2ogr with args, skipping the test when it is not installed.
func Ogr2ogr(t testing.TB, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Skip("ogr2ogr is not installed")
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogr2ogr %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// SQLite runs the sqlite3 shell on db with the given SQL, skipping the test
// when it is not installed, and returns its output.
func SQLite(t testing.TB, db, sql string) string {
	t.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 is not installed")
	}
	cmd := exec.Command(bin, db)
	cmd.Stdin = strings.NewReader(sql)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %s: %v\n%s", db, err, out)
	}
	return string(out)
}

// PropDiff compares a property value read back with the one written,
// allowing for JSON numbers read as integers.
func PropDiff(got, want any) string {
	switch w := want.(type) {
	case int:
		if g, ok := got.(int64); ok && g == int64(w) {
			return ""
		}
	case float64:
		if g, ok := got.(float64); ok && g == w {
			return ""
		}
		if g, ok := got.(int64); ok && float64(g) == w {
			return ""
		}
	default:
		if got == want {
			return ""
		}
	}
	return fmt.Sprintf("got %#v, want %#v", got, want)
}
