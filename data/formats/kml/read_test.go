package kml

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"

	"github.com/twpayne/go-geom/encoding/wkt"
)

// got is one emitted feature, flattened for comparison.
type got struct {
	layer, style, name, wkt string
	f                       *feature.Feature
}

// decodeAll decodes src and returns what was emitted.
func decodeAll(t *testing.T, src string) ([]got, error) {
	t.Helper()
	var out []got
	err := Decode(context.Background(), strings.NewReader(src), "test.kml", func(l *formats.Layer, f *feature.Feature) error {
		g := got{layer: l.Name, style: l.Style, name: f.Name, f: f}
		if f.Geometry != nil {
			s, err := wkt.Marshal(f.Geometry)
			if err != nil {
				t.Fatal(err)
			}
			g.wkt = s
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

const kmlHead = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">`

func TestLayersFromFolders(t *testing.T) {
	src := kmlHead + `<Document><name>Doc</name>
<Placemark><name>loose</name></Placemark>
<Folder><name>Routes</name>
  <Folder><name>Maritime</name><Placemark><name>a</name></Placemark></Folder>
  <Placemark><name>b</name></Placemark>
</Folder>
<Folder><Placemark><name>c</name></Placemark></Folder>
</Document></kml>`
	out, err := decodeAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"loose": "Doc", "a": "Routes/Maritime", "b": "Routes", "c": "Doc"}
	if len(out) != len(want) {
		t.Fatalf("got %d features, want %d", len(out), len(want))
	}
	for _, g := range out {
		if g.layer != want[g.name] {
			t.Errorf("feature %q in layer %q, want %q", g.name, g.layer, want[g.name])
		}
	}
}

func TestGeometries(t *testing.T) {
	tests := []struct {
		geom, want string
	}{
		{`<Point><coordinates>1,2</coordinates></Point>`, "POINT (1 2)"},
		{`<kml:Point xmlns:kml="http://earth.google.com/kml/2.1"><kml:coordinates>1,2,3</kml:coordinates></kml:Point>`, "POINT Z (1 2 3)"},
		{`<LineString><coordinates>1,2	3,4</coordinates></LineString>`, "LINESTRING (1 2, 3 4)"},
		{`<LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing>`, "LINESTRING (0 0, 1 0, 1 1, 0 0)"},
		{`<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 4,0 4,4 0,4 0,0</coordinates></LinearRing></outerBoundaryIs>
		  <innerBoundaryIs><LinearRing><coordinates>1,1 2,1 2,2 1,1</coordinates></LinearRing></innerBoundaryIs></Polygon>`,
			"POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))"},
		{`<MultiGeometry><Point><coordinates>1,2</coordinates></Point><Point><coordinates>3,4,5</coordinates></Point></MultiGeometry>`,
			"MULTIPOINT Z (1 2 0, 3 4 5)"},
		{`<MultiGeometry><Point><coordinates>1,2</coordinates></Point><LineString><coordinates>1,2 3,4</coordinates></LineString></MultiGeometry>`,
			"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))"},
		{`<MultiPolygon><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 0,1 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiPolygon>`,
			"MULTIPOLYGON (((0 0, 0 1, 1 1, 0 0)))"},
		{`<gx:Track xmlns:gx="http://www.google.com/kml/ext/2.2"><when>x</when><gx:coord>1 2 3</gx:coord><gx:coord>4 5 6</gx:coord></gx:Track>`,
			"LINESTRING Z (1 2 3, 4 5 6)"},
		{`<Point><coordinates>no,no</coordinates></Point>`, ""},
		{`<LineString><coordinates/></LineString>`, ""},
		{`<LineString><coordinates>1,2</coordinates></LineString>`, ""},
		{`<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,1</coordinates></LinearRing></outerBoundaryIs></Polygon>`, ""},
		{`<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 4,0 4,4 0,0</coordinates></LinearRing></outerBoundaryIs>
		  <innerBoundaryIs><LinearRing><coordinates>1,1 2,1</coordinates></LinearRing></innerBoundaryIs></Polygon>`,
			"POLYGON ((0 0, 4 0, 4 4, 0 0))"},
		{`<MultiGeometry><Point><coordinates>1,2</coordinates></Point><LineString><coordinates>3,4</coordinates></LineString></MultiGeometry>`,
			"MULTIPOINT (1 2)"},
	}
	for _, tt := range tests {
		out, err := decodeAll(t, kmlHead+`<Placemark>`+tt.geom+`</Placemark></kml>`)
		if err != nil {
			t.Errorf("%s: %v", tt.geom, err)
			continue
		}
		if len(out) != 1 || out[0].wkt != tt.want {
			t.Errorf("%s: got %+v, want %q", tt.geom, out, tt.want)
		}
	}
}

func TestExtendedDataAndStyle(t *testing.T) {
	src := kmlHead + `<Document>
<Style id="s"><LineStyle><color>ff0000ff</color><width>3</width></LineStyle><PolyStyle><color>66ff0000</color></PolyStyle></Style>
<StyleMap id="m"><Pair><key>normal</key><styleUrl>#s</styleUrl></Pair><Pair><key>highlight</key><styleUrl>#x</styleUrl></Pair></StyleMap>
<Folder><name>F</name>
<Placemark><name> Port  </name><description><![CDATA[<b>big</b>]]></description><styleUrl>#m</styleUrl>
<ExtendedData><Data name="uuid"><value>u-1</value></Data><Data name="classification"><value>RESTRICTED</value></Data>
<Data name="releasable_to"><value>AAA, BBB</value></Data><SchemaData schemaUrl="#x"><SimpleData name="depth">12</SimpleData></SchemaData></ExtendedData>
<Point><coordinates>1,2</coordinates></Point></Placemark>
</Folder></Document></kml>`
	out, err := decodeAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 {
		t.Fatalf("got %d features", len(out))
	}
	f := out[0].f
	if f.Name != "Port" || f.UUID != "u-1" || f.Classification != "RESTRICTED" ||
		strings.Join(f.ReleasableTo, "|") != "AAA|BBB" || f.Prop("depth") != "12" || f.Prop("description") != "<b>big</b>" {
		t.Errorf("feature = %+v", f)
	}
	want := `{"stroke":"#ff0000","stroke_opacity":1,"width":3,"fill":"#0000ff","fill_opacity":0.4}`
	if out[0].style != want {
		t.Errorf("style = %s, want %s", out[0].style, want)
	}
}

func TestLastTopLevelFeature(t *testing.T) {
	out, err := decodeAll(t, kmlHead+`<Placemark><name>a</name></Placemark><Placemark><name>b</name></Placemark></kml>`)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].name != "b" {
		t.Errorf("got %+v, want only b (libkml keeps the last feature under <kml>)", out)
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		reason    string
	}{
		{"truncated", kmlHead + "\n<Document>\n<Placemark>\n<name>x</name>\n", 5, "unexpected end of file"},
		{"not kml", `<html><body/></html>`, 1, "not a KML document"},
		{"empty", ``, 1, "not a KML document"},
		{"mismatched", kmlHead + "\n<Placemark></Folder></kml>", 2, "invalid XML"},
		{"charset", `<?xml version="1.0" encoding="EBCDIC"?><kml/>`, 1, "encoding"},
	}
	for _, tt := range tests {
		_, err := decodeAll(t, tt.src)
		var fe *formats.Error
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v is not a *formats.Error", tt.name, err)
			continue
		}
		if fe.File != "test.kml" || fe.Line != tt.line || !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("%s: error %q (line %d), want line %d and %q", tt.name, err, fe.Line, tt.line, tt.reason)
		}
	}
}

func TestEmitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Decode(context.Background(), strings.NewReader(kmlHead+`<Document><Placemark/><Placemark/></Document></kml>`), "x.kml",
		func(*formats.Layer, *feature.Feature) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("err = %v after %d features, want the emit error after 1", err, n)
	}
}

func TestDecodeNonSeekableLatin1(t *testing.T) {
	src := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><kml><Placemark><name>S\xe3o Paulo</name></Placemark></kml>"
	var name string
	err := Decode(context.Background(), io.MultiReader(strings.NewReader(src)), "x.kml",
		func(_ *formats.Layer, f *feature.Feature) error { name = f.Name; return nil })
	if err != nil || name != "São Paulo" {
		t.Errorf("name %q, err %v", name, err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Decode(ctx, strings.NewReader(kmlHead+`<Placemark/></kml>`), "x.kml",
		func(*formats.Layer, *feature.Feature) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestNestingRefused checks that containers and geometry collections nested
// deeper than MaxNesting are refused by the first pass, with the line,
// before the second pass recurses; MaxNesting itself is read.
func TestNestingRefused(t *testing.T) {
	nest := func(open, close string, n int, inner string) string {
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	point := "<Point><coordinates>1,2</coordinates></Point>"
	cases := []struct {
		name, doc, want string
	}{
		{"folders", nest("<Folder>\n", "</Folder>", 3_000_000, ""), "Folders nested more than 64 deep"},
		{"documents", nest("<Document>", "</Document>", MaxNesting+1, ""), "nested more than 64 deep"},
		{"multigeometry", "<Placemark>" + nest("<MultiGeometry>\n", "</MultiGeometry>", 2_100_000, point) + "</Placemark>", "MultiGeometry elements nested more than 64 deep"},
		{"elements", "<Placemark>" + nest("<a>", "</a>", MaxDepth+1, "") + "</Placemark>", "elements nested more than 256 deep"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := kmlHead + c.doc + "</kml>"
			err := Decode(context.Background(), strings.NewReader(doc), "deep.kml", func(*formats.Layer, *feature.Feature) error { return nil })
			var fe *formats.Error
			if !errors.As(err, &fe) || fe.File != "deep.kml" || fe.Line == 0 || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v; want a positioned error saying %q", err, c.want)
			}
		})
	}
	ok := kmlHead + "<Document>" + nest("<Folder>", "</Folder>", MaxNesting-1, "<Placemark>"+nest("<MultiGeometry>", "</MultiGeometry>", MaxNesting, point)+"</Placemark>") + "</Document></kml>"
	n := 0
	if err := Decode(context.Background(), strings.NewReader(ok), "ok.kml", func(_ *formats.Layer, f *feature.Feature) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("nesting at the limit: %d features, %v", n, err)
	}
}
