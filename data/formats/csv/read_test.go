package csv

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/internal/corpus"

	"github.com/twpayne/go-geom/encoding/wkt"
)

func decodeString(t *testing.T, src string, opts Options) ([]*feature.Feature, error) {
	t.Helper()
	var out []*feature.Feature
	err := DecodeWith(context.Background(), strings.NewReader(src), "ports.csv", opts, func(l *formats.Layer, f *feature.Feature) error {
		out = append(out, f)
		return nil
	})
	return out, err
}

func geomText(t *testing.T, f *feature.Feature) string {
	t.Helper()
	if f.Geometry == nil {
		return "nil"
	}
	s, err := wkt.Marshal(f.Geometry)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, src string
		wkt       []string
	}{
		{"comma lat lon", "name,lat,lon\nA,12.5,-70\nB,,\n", []string{"POINT (-70 12.5)", "nil"}},
		{"semicolon decimal comma", "Name;Latitude;Longitude\nA;12,5;-70,25\n", []string{"POINT (-70.25 12.5)"}},
		{"tab x y", "X\tY\tid\n1\t2\t3\n", []string{"POINT (1 2)"}},
		{"pipe dms", "lng|lat\n77 30 00 W|12°30'N\n", []string{"POINT (-77.5 12.5)"}},
		{"bom wkt", "\xef\xbb\xbfid,WKT\n1,\"POINT (1 2)\"\n2,\n", []string{"POINT (1 2)", "nil"}},
		{"geometry over lat", "lat,lon,geometry\n1,2,POINT(5 6)\n", []string{"POINT (5 6)"}},
		{"ewkt", "the_geom\n\"SRID=4326;LINESTRING(1 2,3 4)\"\n", []string{"LINESTRING (1 2, 3 4)"}},
		{"crlf and short rows", "lat,lon,name,extra\r\n1,2\r\n", []string{"POINT (2 1)"}},
		{"trailing empty fields", "lat,lon\n1,2,,\n", []string{"POINT (2 1)"}},
	}
	for _, tt := range tests {
		fs, err := decodeString(t, tt.src, Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, f := range fs {
			got = append(got, geomText(t, f))
		}
		if strings.Join(got, ";") != strings.Join(tt.wkt, ";") {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.wkt)
		}
	}
}

func TestFields(t *testing.T) {
	fs, err := decodeString(t, "NAME,lat,lon,uuid,classification,releasable_to,depth,code,,depth\n"+
		"Kingston,17.97,-76.79,u1,RESTRICTED,\"AAA, BBB\",12.5,007,x,\n", Options{})
	if err != nil || len(fs) != 1 {
		t.Fatalf("%v, %d features", err, len(fs))
	}
	f := fs[0]
	if f.Name != "Kingston" || f.UUID != "u1" || f.Classification != "RESTRICTED" || strings.Join(f.ReleasableTo, "|") != "AAA|BBB" {
		t.Errorf("fields: %+v", f)
	}
	want := map[string]any{"depth": "12.5", "code": "007", "field_9": "x"}
	if len(f.Properties) != len(want) {
		t.Errorf("properties %v, want %v", f.Properties, want)
	}
	for k, v := range want {
		if f.Properties[k] != v {
			t.Errorf("property %s = %v, want %v", k, f.Properties[k], v)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string
	}{
		{"lat out of range", "name,lat,lon\n" + strings.Repeat("a,1,2\n", 15) + "b,91.5,2\n",
			`ports.csv: line 17: column "lat": "91.5" is out of range`},
		{"bad longitude", "lat,lon\n1,east\n", `ports.csv: line 2: column "lon": "east" is not a longitude`},
		{"lon out of range", "y,x\n1,-180.5\n", `ports.csv: line 2: column "x": "-180.5" is out of range`},
		{"half empty", "lat,lon\n1,\n", `ports.csv: line 2: column "lon": empty longitude`},
		{"bad wkt", "wkt\nPOINT(1\n", `ports.csv: line 2: column "wkt": not valid WKT`},
		{"projected wkt", "wkt\nPOINT(500000 4649776)\n", `ports.csv: line 2: column "wkt": coordinates outside`},
		{"other srid", "wkt\nSRID=32618;POINT(1 2)\n", `unsupported coordinate reference system`},
		{"no geometry", "a,b\n1,2\n", `ports.csv: line 1: no geometry column`},
		{"lat only", "lat,b\n1,2\n", `no longitude`},
		{"unbalanced quote", "id,lat,lon\n1,\"2,3\n4,5,6\n", `ports.csv: line 3, column 7: extraneous or missing " in quoted-field (in the record starting on line 2)`},
		{"too many fields", "lat,lon\n1,2,3\n", `ports.csv: line 2: 3 fields but the header has 2`},
		{"empty", "", `ports.csv: empty file`},
	}
	for _, tt := range tests {
		_, err := decodeString(t, tt.src, Options{})
		var fe *formats.Error
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want a *formats.Error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestAllowNoGeometry(t *testing.T) {
	fs, err := decodeString(t, "a,b\n1,2\n3,4\n", Options{AllowNoGeometry: true})
	if err != nil || len(fs) != 2 || fs[0].Geometry != nil || fs[1].Prop("a") != "3" {
		t.Errorf("got %v, %v", fs, err)
	}
	// GDAL reads the corpus's attribute-only table as 4 features.
	path := corpus.Path(t, "valid/csv/gdal_prime_meridian_no_geometry.csv")
	r, err := os.Open(path)
	if err != nil {
		t.Skipf("shared test corpus absent (%v)", err)
	}
	defer r.Close()
	n := 0
	err = DecodeWith(context.Background(), r, path, Options{AllowNoGeometry: true},
		func(*formats.Layer, *feature.Feature) error { n++; return nil })
	if err != nil || n != 4 {
		t.Errorf("%s: %d features, %v; want 4", path, n, err)
	}
}

func TestEmitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Decode(context.Background(), strings.NewReader("lat,lon\n1,2\n3,4\n"), "x.csv",
		func(*formats.Layer, *feature.Feature) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("err = %v after %d rows, want the emit error after 1", err, n)
	}
}

// TestOracle reads every CSV file of the shared corpus and checks the
// outcome the oracle expects.
func TestOracle(t *testing.T) {
	rows := corpus.Rows(t, ".csv")
	if len(rows) < 8 {
		t.Errorf("only %d CSV rows in oracle.tsv", len(rows))
	}
	for _, row := range rows {
		t.Run(row.Path, func(t *testing.T) {
			path := row.File(t)
			n := 0
			err := Read(context.Background(), path, func(*formats.Layer, *feature.Feature) error { n++; return nil })
			corpus.Check(t, row, path, n, err)
		})
	}
}

// TestNestedWKTRefused checks that deeply nested WKT is refused by a scan
// of its parentheses, before the WKT parser allocates for it.
func TestNestedWKTRefused(t *testing.T) {
	const n = 2_000_000
	cell := strings.Repeat("GEOMETRYCOLLECTION(", n) + "POINT(1 2)" + strings.Repeat(")", n)
	doc := "name,wkt\nx,\"" + cell + "\"\n"
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	err := Decode(context.Background(), strings.NewReader(doc), "nested.csv", func(*formats.Layer, *feature.Feature) error { return nil })
	runtime.ReadMemStats(&ms1)
	if err == nil || !strings.Contains(err.Error(), "nested more than 19 deep") || !strings.Contains(err.Error(), "nested.csv") {
		t.Fatalf("got %v", err)
	}
	if alloc := ms1.TotalAlloc - ms0.TotalAlloc; alloc > 20*uint64(len(doc)) {
		t.Errorf("allocated %d MB for a %d MB file", alloc>>20, len(doc)>>20)
	}
	ok := "name,wkt\nx,\"" + strings.Repeat("GEOMETRYCOLLECTION(", 15) + "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))" + strings.Repeat(")", 15) + "\"\n"
	if err := Decode(context.Background(), strings.NewReader(ok), "ok.csv", func(*formats.Layer, *feature.Feature) error { return nil }); err != nil {
		t.Fatal(err)
	}
}

// TestLongRecordRefused checks that a row longer than MaxRecord is refused
// while it is read, and that rows together longer than it are not.
func TestLongRecordRefused(t *testing.T) {
	doc := "name,lat,lon\na,1,2\n\"" + strings.Repeat("x\n", MaxRecord/2+1<<19) + "\",1,2\n"
	err := Decode(context.Background(), strings.NewReader(doc), "long.csv", func(*formats.Layer, *feature.Feature) error { return nil })
	var fe *formats.Error
	if !errors.As(err, &fe) || fe.Line != 3 || !strings.Contains(err.Error(), "a record longer than 64 MiB") {
		t.Fatalf("got %v", err)
	}
	var b strings.Builder
	b.WriteString("name,lat,lon\n")
	row := strings.Repeat("n", 1<<20) + ",1,2\n"
	for b.Len() < MaxRecord+(4<<20) {
		b.WriteString(row)
	}
	n := 0
	if err := Decode(context.Background(), strings.NewReader(b.String()), "many.csv", func(*formats.Layer, *feature.Feature) error { n++; return nil }); err != nil || n != 68 {
		t.Fatalf("%d rows: %v", n, err)
	}
}
