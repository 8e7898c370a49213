package geojson

import (
	"context"
	"errors"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"

	"corridor/data/feature"
	"corridor/data/formats"
)

// decodeAll decodes doc and returns its layer and features.
func decodeAll(t *testing.T, doc string) (*formats.Layer, []*feature.Feature, error) {
	t.Helper()
	var layer *formats.Layer
	var fs []*feature.Feature
	err := Decode(context.Background(), strings.NewReader(doc), "test.geojson", func(l *formats.Layer, f *feature.Feature) error {
		layer = l
		fs = append(fs, f)
		return nil
	})
	return layer, fs, err
}

// wktOf renders g as WKT with up to 7 decimals, "<nil>" for nil.
func wktOf(t *testing.T, g geom.T) string {
	t.Helper()
	if g == nil {
		return "<nil>"
	}
	s, err := wkt.Marshal(g, wkt.EncodeOptionWithMaxDecimalDigits(7))
	if err != nil {
		t.Fatalf("wkt: %v", err)
	}
	return s
}

func TestDecodeGeometries(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string // WKT of each feature's geometry
	}{
		{"point", `{"type":"Point","coordinates":[1.5,-2]}`, []string{"POINT (1.5 -2)"}},
		{"point z", `{"type":"Point","coordinates":[1,2,3]}`, []string{"POINT Z (1 2 3)"}},
		{"empty point", `{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[]}}`, []string{"POINT EMPTY"}},
		{"linestring", `{"type":"LineString","coordinates":[[0,0],[1,1e1],[2.5E-1,-0.0]]}`, []string{"LINESTRING (0 0, 1 10, 0.25 -0)"}},
		{"mixed z", `{"type":"LineString","coordinates":[[0,0],[1,1,5]]}`, []string{"LINESTRING Z (0 0 0, 1 1 5)"}},
		{"unclosed ring closed", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}`, []string{"POLYGON ((0 0, 1 0, 1 1, 0 0))"}},
		{"polygon with hole", `{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[1,1]]]}`,
			[]string{"POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 1 1))"}},
		{"multipoint", `{"type":"MultiPoint","coordinates":[[1,2],null,[3,4]]}`, []string{"MULTIPOINT (1 2, 3 4)"}},
		{"multilinestring", `{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[],[[2,2],[3,3]]]}`, []string{"MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))"}},
		{"multipolygon", `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[],[[[5,5],[6,5],[6,6]]]]}`,
			[]string{"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"}},
		{"collection", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},null,{"type":"LineString","coordinates":[[0,0],[1,1]]}]}`,
			[]string{"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))"}},
		{"collection widened to z", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"Point","coordinates":[3,4,5]}]}`,
			[]string{"GEOMETRYCOLLECTION Z (POINT Z (1 2 0), POINT Z (3 4 5))"}},
		{"coordinates before type", `{"coordinates":[[0,0],[1,1]],"type":"LineString"}`, []string{"LINESTRING (0 0, 1 1)"}},
		{"feature members in any order", `{"type":"FeatureCollection","features":[{"geometry":{"coordinates":[3,4],"type":"point"},"properties":{},"type":"Feature"}]}`,
			[]string{"POINT (3 4)"}},
		{"null geometry and missing coordinates", `{"type":"FeatureCollection","features":[
			{"type":"Feature","properties":{},"geometry":null},
			{"type":"Feature","properties":{},"geometry":{"type":"Point"}},
			{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2],null]}}]}`,
			[]string{"<nil>", "<nil>", "<nil>"}},
		{"trailing commas", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1,},"geometry":{"type":"Point","coordinates":[1,2,]},},],}`,
			[]string{"POINT (1 2)"}},
		{"web mercator", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},
			"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1113194.9079327357,1118889.9748579594]}}]}`,
			[]string{"POINT (10 10)"}},
		{"crs after a root geometry", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1113194.9079327357,1118889.9748579594]}],
			"crs":{"type":"name","properties":{"name":"EPSG:900913"}}}`, []string{"GEOMETRYCOLLECTION (POINT (10 10))"}},
		{"bom", "\ufeff" + `{"type":"Point","coordinates":[1,2]}`, []string{"POINT (1 2)"}},
		{"escaped keys and strings", `{"type":"Feature","properties":{"n\u0061me":"caf\u00e9 \ud83d\ude00","q":"a\"b\\c\/\n"},"geometry":{"type":"Point","coordinates":[1,2]}}`,
			[]string{"POINT (1 2)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs, err := decodeAll(t, tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != len(tt.want) {
				t.Fatalf("got %d features, want %d", len(fs), len(tt.want))
			}
			for i, f := range fs {
				if got := wktOf(t, f.Geometry); got != tt.want[i] {
					t.Errorf("feature %d: got %s, want %s", i+1, got, tt.want[i])
				}
			}
		})
	}
}

func TestDecodeProperties(t *testing.T) {
	doc := `{"type":"FeatureCollection","name":"routes","features":[
{"type":"Feature","id":"3F2504E0-4F89-11D3-9A0C-0305E82C3301","stac_version":"1.0.0","properties":{
  "NAME":"Route A","classification":"RESTRICTED","releasable_to":"GBR, USA ,","n":42,"x":1.5,"big":12345678901234567890,
  "nested":{"a":[1,"two",true,null]},"created_at":"2024-05-01T10:00:00Z","author":"kim","version":3},
 "geometry":null},
{"type":"Feature","id":7,"properties":{"id":"own","title":"T","releasable_to":["FRA","DEU"]},"geometry":null}
]}`
	layer, fs, err := decodeAll(t, doc)
	if err != nil {
		t.Fatal(err)
	}
	if layer.Name != "routes" {
		t.Errorf("layer name %q, want routes", layer.Name)
	}
	if len(fs) != 2 {
		t.Fatalf("got %d features", len(fs))
	}
	a, b := fs[0], fs[1]
	if a.UUID != "3f2504e0-4f89-11d3-9a0c-0305e82c3301" || a.Name != "Route A" || a.Classification != "RESTRICTED" ||
		!reflect.DeepEqual(a.ReleasableTo, []string{"GBR", "USA"}) || a.Author != "kim" || a.Version != 3 ||
		a.CreatedAt.Year() != 2024 {
		t.Errorf("feature 1 fields: %+v", a)
	}
	wantProps := map[string]any{
		"NAME": "Route A", "n": int64(42), "x": 1.5, "big": 12345678901234567890.0,
		"nested": map[string]any{"a": []any{int64(1), "two", true, nil}}, "stac_version": "1.0.0",
	}
	if !reflect.DeepEqual(a.Properties, wantProps) {
		t.Errorf("feature 1 properties:\n got %#v\nwant %#v", a.Properties, wantProps)
	}
	if b.UUID != "" || b.Name != "T" || !reflect.DeepEqual(b.ReleasableTo, []string{"FRA", "DEU"}) {
		t.Errorf("feature 2 fields: %+v", b)
	}
	if want := map[string]any{"id": "own", "geojson:id": int64(7), "title": "T"}; !reflect.DeepEqual(b.Properties, want) {
		t.Errorf("feature 2 properties: got %#v, want %#v", b.Properties, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		want      string // substring of the error message
		line, col int
		feature   int
		crs       bool // wraps formats.ErrUnsupportedCRS
	}{
		{"short line", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{},\"geometry\":null},\n" +
			"{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\n  \"coordinates\": [[1,2]]}}]}",
			"LineString needs at least 2 positions", 4, 18, 2, false},
		{"truncated", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,`,
			"unexpected end of file", 1, 103, 1, false},
		{"truncated in a number", `{"type":"Point","coordinates":[1,2.`, "unexpected end of file", 1, 36, 0, false},
		{"bad json", `{"type":"Point" "coordinates":[1,2]}`, "expected ',' or '}'", 1, 17, 0, false},
		{"trailing data", `{"type":"Point","coordinates":[1,2]} x`, "more data after the end of the GeoJSON object: found the character 'x'", 1, 38, 0, false},
		{"a second object", `{"type":"Point","coordinates":[1,2]}{}`, "after the end of the GeoJSON object: found an object", 1, 37, 0, false},
		{"four numbers", `{"type":"Point","coordinates":[1,2,3,4]}`, "2 or 3 numbers", 1, 31, 0, false},
		{"string coordinate", `{"type":"Point","coordinates":[1,"2"]}`, "expected a number", 1, 34, 0, false},
		{"wrong nesting", `{"type":"Polygon","coordinates":[[1,2]]}`, "expected a position", 1, 35, 0, false},
		{"short ring", `{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}`, "ring needs at least 3 positions", 1, 34, 0, false},
		{"unknown type", `{"type":"Circle","coordinates":[1,2]}`, `unknown GeoJSON type "Circle"`, 1, 9, 0, false},
		{"unknown geometry type", `{"type":"Feature","geometry":{"type":"Circle"}}`, `unknown geometry type "Circle"`, 1, 38, 0, false},
		{"empty", ``, "empty file", 1, 1, 0, false},
		{"array root", `[]`, "expected a GeoJSON object", 1, 1, 0, false},
		{"utm crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32618"}},"features":[]}`,
			"EPSG:32618", 1, 35, 0, true},
		{"crs after features", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}],"crs":{"type":"name","properties":{"name":"EPSG:3857"}}}`,
			"must come before", 1, 99, 0, false},
		{"deep nesting", `{"type":"Feature","properties":{"a":` + strings.Repeat("[", 10000), "nested more than", 1, 293, 0, false},
		{"bad escape", `{"type":"Feature","properties":{"a":"\x"}}`, "invalid escape", 1, 38, 0, false},
		{"bad literal", `{"type":"Feature","properties":{"a":nul}}`, "invalid literal", 1, 37, 0, false},
		{"huge number", `{"type":"Point","coordinates":[1e999,2]}`, "number 1e999 is out of range", 1, 32, 0, false},
		{"huge number written out", `{"type":"Point","coordinates":[1` + strings.Repeat("0", 5000) + `,2]}`,
			"number 1" + strings.Repeat("0", 39) + "… (5001 characters) is out of range", 1, 32, 0, false},
	}
	for _, tt := range tests {
		for _, small := range []bool{false, true} {
			name := tt.name
			if small {
				name += " one byte reads"
			}
			t.Run(name, func(t *testing.T) {
				var r io.Reader = strings.NewReader(tt.doc)
				if small {
					r = &oneByteReader{s: tt.doc}
				}
				err := Decode(context.Background(), r, "test.geojson", func(*formats.Layer, *feature.Feature) error { return nil })
				checkError(t, err, tt.want, tt.line, tt.col, tt.feature, tt.crs)
			})
		}
	}
}

func checkError(t *testing.T, err error, want string, line, col, feature int, crs bool) {
	t.Helper()
	var fe *formats.Error
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a *formats.Error", err)
	}
	if !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "test.geojson: ") {
		t.Errorf("error %q does not name the file and say %q", err, want)
	}
	if fe.Line != line || fe.Column != col || fe.Feature != feature {
		t.Errorf("error at line %d, column %d, feature %d; want %d, %d, %d (%v)",
			fe.Line, fe.Column, fe.Feature, line, col, feature, err)
	}
	if got := errors.Is(err, formats.ErrUnsupportedCRS); got != crs {
		t.Errorf("errors.Is(err, ErrUnsupportedCRS) = %v, want %v", got, crs)
	}
}

// TestDecodeSmallReads decodes through a reader that returns one byte at a
// time, so every token straddles a buffer refill.
func TestDecodeSmallReads(t *testing.T) {
	doc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"s":"a\u00e9\"b","n":-12.5e-1},
"geometry":{"type":"LineString","coordinates":[[-100.8984375,39.36827914916011],[20.390625,41.508577,7]]}}]}`
	var got []*feature.Feature
	err := Decode(context.Background(), &oneByteReader{s: doc}, "x", func(_ *formats.Layer, f *feature.Feature) error {
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d features", len(got))
	}
	want := []float64{-100.8984375, 39.36827914916011, 0, 20.390625, 41.508577, 7}
	if !reflect.DeepEqual(got[0].Geometry.FlatCoords(), want) {
		t.Errorf("coords %v, want %v", got[0].Geometry.FlatCoords(), want)
	}
	if p := got[0].Properties; p["s"] != "aé\"b" || p["n"] != -1.25 {
		t.Errorf("properties %v", p)
	}
}

type oneByteReader struct{ s string }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.s[0]
	r.s = r.s[1:]
	return 1, nil
}

func TestDecodeStopsOnEmitError(t *testing.T) {
	stop := errors.New("stop")
	doc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},{"type":"Feature","properties":{},"geometry":null}]}`
	n := 0
	err := Decode(context.Background(), strings.NewReader(doc), "x", func(*formats.Layer, *feature.Feature) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("got %v after %d features, want stop after 1", err, n)
	}
}

func TestDecodeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var sb strings.Builder
	sb.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < 3*ctxEvery; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(`{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}`)
	}
	sb.WriteString("]}")
	n := 0
	err := Decode(ctx, strings.NewReader(sb.String()), "x", func(*formats.Layer, *feature.Feature) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n >= 3*ctxEvery {
		t.Fatalf("got %v after %d features, want context.Canceled early", err, n)
	}
}

func TestParseFloat(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "-1.5", "123456.7890123", "1e10", "1E-7", "0.1", "-100.8984375",
		"39.36827914916011", "1.7976931348623157e308", "5e-324", "12345678901234567890", "0.000000000000000000000001234",
		"9007199254740993", "3.141592653589793238462643383279"} {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := parseFloat([]byte(s))
		if !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseFloat(%s) = %v, %v; want %v", s, got, ok, want)
		}
		if f, _, ok := fastNumber([]byte(s+","), 0); ok && math.Float64bits(f) != math.Float64bits(want) {
			t.Errorf("fastNumber(%s) = %v; want %v", s, f, want)
		}
	}
	for _, s := range []string{"", "-", "+1", ".5", "1.", "1e", "1e+", "0x10", "Infinity", "NaN", "1_0", "--1"} {
		if _, ok := parseFloat([]byte(s)); ok {
			t.Errorf("parseFloat(%q) accepted", s)
		}
	}
}

// TestLongStringRefused checks that a string longer than MaxString, plain
// or escaped, is refused with its position before it is gathered whole.
func TestLongStringRefused(t *testing.T) {
	for name, body := range map[string]string{
		"plain":   strings.Repeat("a", MaxString+1),
		"escaped": strings.Repeat(`\n`, MaxString/2+1) + strings.Repeat("é", MaxString/4),
		"key":     "",
	} {
		doc := `{"type":"Feature","geometry":null,"properties":{"name":"` + body + `"}}`
		if name == "key" {
			doc = `{"type":"Feature","geometry":null,"properties":{"` + strings.Repeat("k", MaxString+1) + `":1}}`
		}
		err := Decode(context.Background(), strings.NewReader(doc), "long.geojson", func(*formats.Layer, *feature.Feature) error { return nil })
		var fe *formats.Error
		if !errors.As(err, &fe) || fe.Line != 1 || !strings.Contains(err.Error(), "longer than 16 MiB") {
			t.Errorf("%s: %v", name, err)
		}
	}
	ok := `{"type":"Feature","geometry":null,"properties":{"name":"` + strings.Repeat("a", MaxString) + `"}}`
	if err := Decode(context.Background(), strings.NewReader(ok), "ok.geojson", func(*formats.Layer, *feature.Feature) error { return nil }); err != nil {
		t.Fatal(err)
	}
}

// TestLongNumberRefused checks that a number token of 200 MB is refused
// while it is scanned.
func TestLongNumberRefused(t *testing.T) {
	doc := `{"type":"Point","coordinates":[1` + strings.Repeat("0", 200<<20) + `,2]}`
	err := Decode(context.Background(), strings.NewReader(doc), "long.geojson", func(*formats.Layer, *feature.Feature) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "a number longer than 64 KiB") {
		t.Fatalf("got %v", err)
	}
}
