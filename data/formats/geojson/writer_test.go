package geojson

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/internal/formattest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sampleFeatures covers every geometry type, Z, a null geometry and
// Corridor's columns.
func sampleFeatures() []*feature.Feature {
	t0 := time.Date(2024, 5, 1, 10, 30, 0, 0, time.UTC)
	return []*feature.Feature{
		{
			UUID: "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e01", Name: "Port of Callao", Classification: "UNCLASSIFIED",
			ReleasableTo: []string{"PER", "USA"}, CreatedAt: t0, UpdatedAt: t0.Add(time.Hour), Author: "analyst", Version: 2,
			Geometry:   geom.NewPointFlat(geom.XY, []float64{-77.1428571, -12.0464}),
			Properties: map[string]any{"depth_m": 14.5, "berths": int64(12), "notes": "tab\there \"quoted\" ü", "open": true, "tags": []any{"a", int64(1)}},
		},
		{
			UUID: "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e02", Name: "Route 1",
			Geometry: geom.NewLineStringFlat(geom.XYZ, []float64{-80, 0, 10, -79.5, 0.5, 20.25, -79, 1.123456789, 0}),
		},
		{
			UUID: "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e03", Name: "Patrol box (clockwise input)",
			// Exterior clockwise and hole counter-clockwise: the writer reverses both.
			Geometry: geom.NewPolygonFlat(geom.XY, []float64{0, 0, 0, 4, 4, 4, 4, 0, 0, 0, 1, 1, 2, 1, 2, 2, 1, 1}, []int{10, 18}),
		},
		{
			UUID:     "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e04",
			Geometry: geom.NewMultiPointFlat(geom.XY, []float64{1, 2, 3, 4}),
		},
		{
			UUID:     "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e05",
			Geometry: geom.NewMultiLineStringFlat(geom.XY, []float64{0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, []int{4, 10}),
		},
		{
			UUID: "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e06",
			Geometry: geom.NewMultiPolygonFlat(geom.XY, []float64{0, 0, 1, 0, 1, 1, 0, 0, 10, 10, 11, 10, 11, 11, 10, 10},
				[][]int{{8}, {16}}),
		},
		{
			UUID: "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e07",
			Geometry: geom.NewGeometryCollection().MustPush(geom.NewPointFlat(geom.XY, []float64{5, 5}),
				geom.NewLineStringFlat(geom.XY, []float64{5, 5, 6, 6})),
		},
		{
			UUID: "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e08", Name: "no geometry",
			Properties: map[string]any{"name": "ignored: Name wins", "other": nil},
		},
	}
}

func writeSample(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	layer := formats.LayerData{Layer: formats.Layer{Name: "sample"}, Features: formattest.Source(sampleFeatures())}
	if err := Write(context.Background(), &buf, layer); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteGolden(t *testing.T) {
	got := writeSample(t)
	golden := filepath.Join("testdata", "golden", "sample.geojson")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s:\n%s", golden, got)
	}
}

// TestRoundTrip writes the sample and reads it back: the same fields,
// properties and geometries (polygons reoriented to the right-hand rule,
// coordinates rounded to 7 decimals).
func TestRoundTrip(t *testing.T) {
	var got []*feature.Feature
	err := Decode(context.Background(), bytes.NewReader(writeSample(t)), "sample.geojson", func(l *formats.Layer, f *feature.Feature) error {
		if l.Name != "sample" {
			t.Errorf("layer name %q", l.Name)
		}
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := sampleFeatures()
	if len(got) != len(want) {
		t.Fatalf("read %d features, wrote %d", len(got), len(want))
	}
	wantGeom := map[int]geom.T{
		1: geom.NewLineStringFlat(geom.XYZ, []float64{-80, 0, 10, -79.5, 0.5, 20.25, -79, 1.1234568, 0}),
		2: geom.NewPolygonFlat(geom.XY, []float64{0, 0, 4, 0, 4, 4, 0, 4, 0, 0, 1, 1, 2, 2, 2, 1, 1, 1}, []int{10, 18}),
	}
	for i, w := range want {
		g := got[i]
		wg := w.Geometry
		if r, ok := wantGeom[i]; ok {
			wg = r
		}
		if wktOf(t, g.Geometry) != wktOf(t, wg) {
			t.Errorf("feature %d geometry: got %s, want %s", i+1, wktOf(t, g.Geometry), wktOf(t, wg))
		}
		wantProps := w.Properties
		if w.Name != "" {
			// Name is written as the property "name" and kept there on reading.
			wantProps = map[string]any{"name": w.Name}
			for k, v := range w.Properties {
				if k != "name" {
					wantProps[k] = v
				}
			}
		}
		if !reflect.DeepEqual(g.Properties, wantProps) {
			t.Errorf("feature %d properties: got %#v, want %#v", i+1, g.Properties, wantProps)
		}
		g.Properties, g.Geometry, w.Properties, w.Geometry = nil, nil, nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("feature %d fields: got %+v, want %+v", i+1, g, w)
		}
	}
}

func TestWriteCoordinates(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {-0.0000000001, "0"}, {1.5, "1.5"}, {-77.14285714, "-77.1428571"}, {180, "180"}, {1e-7, "0.0000001"}, {12345678.9, "12345678.9"}} {
		got, err := appendCoord(nil, tt.v)
		if err != nil || string(got) != tt.want {
			t.Errorf("appendCoord(%v) = %s, %v; want %s", tt.v, got, err, tt.want)
		}
	}
	var buf bytes.Buffer
	bad := []*feature.Feature{{Geometry: geom.NewPointFlat(geom.XY, []float64{0, nan()})}}
	if err := Write(context.Background(), &buf, formats.LayerData{Features: formattest.Source(bad)}); err == nil {
		t.Error("a NaN coordinate was written")
	}
}

func nan() float64 { v, _ := strconv.ParseFloat("NaN", 64); return v }

// TestWriteOgrinfo checks that GDAL reads what the writer writes.
func TestWriteOgrinfo(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo (GDAL) not installed")
	}
	path := filepath.Join(t.TempDir(), "sample.geojson")
	if err := os.WriteFile(path, writeSample(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogrinfo, "-so", "-al", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no feature count in ogrinfo output:\n%s", out)
	}
	if n, _ := strconv.Atoi(string(m[1])); n != len(sampleFeatures()) {
		t.Errorf("ogrinfo counts %d features, want %d\n%s", n, len(sampleFeatures()), out)
	}
	if bytes.Contains(out, []byte("ERROR")) || bytes.Contains(out, []byte("Warning")) {
		t.Errorf("ogrinfo complains:\n%s", out)
	}
}
