package kml

import (
	"archive/zip"
	"bytes"
	"context"
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

// sampleLayers returns two layers covering every geometry type.
func sampleLayers(t *testing.T) []formats.LayerData {
	t.Helper()
	mustWKT := func(s string) geom.T {
		g, err := wkt.Unmarshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	routes := []*feature.Feature{
		{UUID: "u1", Name: "Route <A> & \"B\"", Geometry: mustWKT("LINESTRING (-77.5 18.25, -76 17.125)"),
			Classification: "RESTRICTED", ReleasableTo: []string{"AAA", "BBB"},
			Properties: map[string]any{"description": "fast boats", "speed": 32.5, "note": "línea\nnueva"}},
		{UUID: "u2", Name: "Zone", Geometry: mustWKT("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))")},
		{UUID: "u3", Name: "no geometry", Properties: map[string]any{"n": 7}},
		{UUID: "u4", Geometry: mustWKT("MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))")},
		{UUID: "u5", Geometry: mustWKT("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")},
		{UUID: "u6", Geometry: mustWKT("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))")},
	}
	ports := []*feature.Feature{
		{UUID: "p1", Name: "Kingston", Geometry: mustWKT("POINT (-76.79 17.97)")},
		{UUID: "p2", Name: "High", Geometry: mustWKT("POINT Z (-76.79 17.97 120.5)")},
		{UUID: "p3", Name: "Pair", Geometry: mustWKT("MULTIPOINT (1 2, 3 4)")},
	}
	return []formats.LayerData{
		{Layer: formats.Layer{Name: "Routes/Maritime", Style: `{"stroke":"#00ff00","width":3,"fill_opacity":0.2}`}, Color: "#ff8800", Features: formattest.Source(routes)},
		{Layer: formats.Layer{Name: "Ports"}, Color: "#0000ff", Features: formattest.Source(ports)},
	}
}

// describe renders a feature for comparison: every field a KML round trip
// keeps, with property values as text.
func describe(t *testing.T, layer string, f *feature.Feature) string {
	t.Helper()
	g := "nil"
	if f.Geometry != nil {
		var err error
		if g, err = wkt.Marshal(f.Geometry); err != nil {
			t.Fatal(err)
		}
	}
	var props []string
	for k, v := range f.Properties {
		props = append(props, fmt.Sprintf("%s=%v", k, v))
	}
	sort.Strings(props)
	return fmt.Sprintf("%s|%s|%s|%s|%s|%v|%s", layer, f.UUID, f.Name, f.Classification,
		strings.Join(f.ReleasableTo, ","), props, g)
}

func wantDescriptions(t *testing.T, layers []formats.LayerData) []string {
	var want []string
	for _, l := range layers {
		_ = l.Features(func(f *feature.Feature) error {
			want = append(want, describe(t, l.Name, f))
			return nil
		})
	}
	return want
}

func TestRoundTrip(t *testing.T) {
	layers := sampleLayers(t)
	want := wantDescriptions(t, layers)
	dir := t.TempDir()
	for _, ext := range []string{".kml", ".kmz"} {
		path := filepath.Join(dir, "out"+ext)
		var buf bytes.Buffer
		write := Write
		if ext == ".kmz" {
			write = WriteKMZ
		}
		if err := write(context.Background(), &buf, layers); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		var gotDesc []string
		styles := map[string]string{}
		err := Read(context.Background(), path, func(l *formats.Layer, f *feature.Feature) error {
			gotDesc = append(gotDesc, describe(t, l.Name, f))
			styles[l.Name] = l.Style
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		if strings.Join(gotDesc, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s round trip:\ngot\n%s\nwant\n%s", ext, strings.Join(gotDesc, "\n"), strings.Join(want, "\n"))
		}
		if s := styles["Routes/Maritime"]; s != `{"stroke":"#00ff00","stroke_opacity":1,"width":3,"fill":"#ff8800","fill_opacity":0.2}` {
			t.Errorf("%s: routes style %s", ext, s)
		}
		if s := styles["Ports"]; s != `{"stroke":"#0000ff","stroke_opacity":1,"width":2,"fill":"#0000ff","fill_opacity":0.4}` {
			t.Errorf("%s: ports style %s", ext, s)
		}
		checkOgrinfo(t, path, 9)
	}
}

// checkOgrinfo checks that GDAL reads n features from path.
func checkOgrinfo(t *testing.T, path string, n int) {
	t.Helper()
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Log("ogrinfo absent: GDAL check skipped")
		return
	}
	out, err := exec.Command("ogrinfo", "-so", "-al", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", path, err, out)
	}
	total := 0
	for _, m := range regexp.MustCompile(`Feature Count: (\d+)`).FindAllStringSubmatch(string(out), -1) {
		c, _ := strconv.Atoi(m[1])
		total += c
	}
	if total != n {
		t.Errorf("ogrinfo reads %d features from %s, want %d\n%s", total, filepath.Base(path), n, out)
	}
}

func TestWriteStopsOnSourceError(t *testing.T) {
	boom := fmt.Errorf("boom")
	layers := []formats.LayerData{{Layer: formats.Layer{Name: "x"}, Features: func(func(*feature.Feature) error) error { return boom }}}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, layers); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v, want the source's error", err)
	}
}

// zipOf returns a zip archive holding the named files.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestKMZ(t *testing.T) {
	one := kmlHead + `<Document><Placemark><name>one</name></Placemark></Document></kml>`
	two := kmlHead + `<Document><Placemark><name>two</name></Placemark></Document></kml>`
	tests := []struct {
		name  string
		data  []byte
		want  string // name of the feature read, or "" for a refusal
		error string
	}{
		{"doc.kml first", zipOf(t, map[string]string{"a.kml": two, "doc.kml": one}), "one", ""},
		{"root kml", zipOf(t, map[string]string{"files/x.kml": two, "b.kml": one}), "one", ""},
		{"nested only", zipOf(t, map[string]string{"../../evil/x.kml": one}), "one", ""},
		{"no kml", zipOf(t, map[string]string{"image.png": "x"}), "", "no .kml"},
		{"bomb", zipOf(t, map[string]string{"doc.kml": kmlHead + strings.Repeat(" ", BombSize) + "</kml>"}), "", "zip bomb"},
		{"highly compressed but small", zipOf(t, map[string]string{"doc.kml": kmlHead + "<Document>" +
			"<Placemark><name>one</name></Placemark>" + strings.Repeat(" ", 4<<20) + "</Document></kml>"}), "one", ""},
		{"small bomb", zipOf(t, map[string]string{"doc.kml": kmlHead + "<Document>" +
			"<Placemark><name>one</name></Placemark>" + strings.Repeat(" ", AlikeSize) + "</Document></kml>"}), "", "zip bomb"},
		{"not zip", []byte("PK\x03\x04garbage"), "", "not a valid KMZ"},
	}
	for _, tt := range tests {
		var names []string
		err := DecodeKMZ(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), "t.kmz",
			func(_ *formats.Layer, f *feature.Feature) error { names = append(names, f.Name); return nil })
		if tt.want != "" {
			if err != nil || len(names) != 1 || names[0] != tt.want {
				t.Errorf("%s: got %v, %v; want %q", tt.name, names, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.error) || !strings.Contains(err.Error(), "t.kmz") {
			t.Errorf("%s: err = %v, want one naming t.kmz and saying %q", tt.name, err, tt.error)
		}
	}
}

// TestKMZAlikePlacemarks checks that a 34 MB document of generated, alike
// placemarks is read whole: compressed 165 times by Go's deflate, as a
// generator's KMZ of 294 times is, under MaxAlikeRatio.
func TestKMZAlikePlacemarks(t *testing.T) {
	if testing.Short() {
		t.Skip("34 MB document")
	}
	var b strings.Builder
	b.WriteString(kmlHead + "<Document><Folder><name>Generated</name>\n")
	n := 0
	for b.Len() < 34_000_000 {
		fmt.Fprintf(&b, "<Placemark><name>Waypoint %d</name><styleUrl>#wp</styleUrl><Point><coordinates>-80.000000,10.%06d,0</coordinates></Point></Placemark>\n", n%2, 0)
		n++
	}
	b.WriteString("</Folder></Document></kml>")
	data := zipOf(t, map[string]string{"doc.kml": b.String()})
	t.Logf("%d bytes compressed %d times", b.Len(), b.Len()/len(data))
	got := 0
	err := DecodeKMZ(context.Background(), bytes.NewReader(data), int64(len(data)), "alike.kmz",
		func(*formats.Layer, *feature.Feature) error { got++; return nil })
	if err != nil || got != n {
		t.Fatalf("read %d of %d placemarks: %v", got, n, err)
	}
}
