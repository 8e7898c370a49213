package csv

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/internal/formattest"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func sampleLayers(t *testing.T) []formats.LayerData {
	t.Helper()
	g := func(s string) geom.T {
		v, err := wkt.Unmarshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ports := []*feature.Feature{
		{UUID: "p1", Name: "Kingston, JM", Geometry: g("POINT (-76.79 17.97)"), Classification: "UNCLASSIFIED",
			ReleasableTo: []string{"AAA", "BBB"}, Properties: map[string]any{"depth": 12.5, "note": `quote " and; semicolon`}},
		{UUID: "p2", Name: "High", Geometry: g("POINT Z (-76.79 17.97 120.5)"), Properties: map[string]any{"code": "007"}},
		{UUID: "p3", Name: "Nowhere"},
	}
	routes := []*feature.Feature{
		{UUID: "r1", Name: "Route", Geometry: g("LINESTRING (-77.5 18.25, -76 17.125)"), Properties: map[string]any{"name": "shadowed"}},
		{UUID: "r2", Geometry: g("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))")},
		{UUID: "r3", Geometry: g("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))")},
	}
	return []formats.LayerData{
		{Layer: formats.Layer{Name: "Ports"}, Features: formattest.Source(ports)},
		{Layer: formats.Layer{Name: "Routes"}, Features: formattest.Source(routes)},
	}
}

// describe renders what a CSV round trip keeps of a feature; the layer is
// expected back as the "layer" property and a property shadowing a common
// column as "property_<key>".
func describe(t *testing.T, f *feature.Feature, layer string) string {
	var props []string
	for k, v := range f.Properties {
		if k == "name" {
			k = "property_name"
		}
		props = append(props, fmt.Sprintf("%s=%v", k, v))
	}
	if layer != "" {
		props = append(props, "layer="+layer)
	}
	sort.Strings(props)
	return fmt.Sprintf("%s|%s|%s|%s|%v|%s", f.UUID, f.Name, f.Classification, strings.Join(f.ReleasableTo, ","), props, geomText(t, f))
}

func TestRoundTrip(t *testing.T) {
	layers := sampleLayers(t)
	var want []string
	for _, l := range layers {
		_ = l.Features(func(f *feature.Feature) error { want = append(want, describe(t, f, l.Name)); return nil })
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, layers); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.csv")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if g, err := os.ReadFile(golden); err != nil || !bytes.Equal(g, buf.Bytes()) {
		t.Errorf("output differs from %s (%v):\n%s", golden, err, buf.String())
	}
	path := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := Read(context.Background(), path, func(_ *formats.Layer, f *feature.Feature) error {
		got = append(got, describe(t, f, ""))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("round trip:\ngot\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkOgrinfo(t, path, 6)
}

// checkOgrinfo checks that GDAL reads n features from the CSV at path.
func checkOgrinfo(t *testing.T, path string, n int) {
	t.Helper()
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Log("ogrinfo absent: GDAL check skipped")
		return
	}
	out, err := exec.Command("ogrinfo", "-so", "-al", "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("no feature count in ogrinfo output:\n%s", out)
	}
	if c, _ := strconv.Atoi(m[1]); c != n {
		t.Errorf("ogrinfo reads %d features, want %d\n%s", c, n, out)
	}
	if !strings.Contains(string(out), "Geometry: Unknown (any)") {
		t.Errorf("ogrinfo did not take the WKT column as the geometry:\n%s", out)
	}
}

func TestWriteOneLayerHasNoLayerColumn(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, sampleLayers(t)[:1]); err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(buf.String(), "\n")
	if header != "WKT,uuid,name,classification,releasable_to,code,depth,note" {
		t.Errorf("header %q", header)
	}
}

// TestWriteFormulasInert checks that cells and headers a spreadsheet would
// run as formulas are written with a leading ', and numbers are not.
func TestWriteFormulasInert(t *testing.T) {
	f := &feature.Feature{UUID: "u1", Name: "=HYPERLINK(\"http://evil\",\"click\")", Classification: "@SUM(A1:A9)",
		ReleasableTo: []string{"-2+3"}, Properties: map[string]any{
			"=cmd|' /C calc'!A0": "x", "cmd": "=cmd|' /C calc'!A0", "tab": "\t=1", "cr": "\r=1", "plus": "+1+1",
			"neg": -12.5, "negtext": "-12.5", "exp": "+3e5", "plain": "safe", "mail": "a@b",
		}}
	var buf bytes.Buffer
	err := Write(context.Background(), &buf, []formats.LayerData{{Layer: formats.Layer{Name: "@evil"},
		Features: func(fn func(*feature.Feature) error) error { return fn(f) }}})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`"'=HYPERLINK(""http://evil"",""click"")"`, `'@SUM(A1:A9)`, `'-2+3`, ",'=cmd|' /C calc'!A0,",
		"'\t=1", "\"'\r=1\"", "'+1+1", ",-12.5,", ",+3e5,", ",safe,", ",a@b,",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "'-12.5") || strings.Contains(out, "'+3e5") {
		t.Errorf("a number was quoted:\n%s", out)
	}
}
