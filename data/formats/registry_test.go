package formats_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	_ "corridor/data/formats/csv"
	_ "corridor/data/formats/geojson"
	_ "corridor/data/formats/gpkg"
	_ "corridor/data/formats/kml"
	_ "corridor/data/formats/spatialite"
)

func TestRegistry(t *testing.T) {
	for _, tc := range []struct{ ext, name string }{
		{"routes.GeoJSON", "GeoJSON"}, {".kmz", "KMZ"}, {"a/b.CSV", "CSV"}, {"x.tsv", "Delimited text"},
		{"w.gpkg", "GeoPackage"}, {"w.sqlite3", "SpatiaLite"},
	} {
		if f, ok := formats.ByExtension(tc.ext); !ok || f.Name != tc.name {
			t.Errorf("ByExtension(%q) = %q, %v; want %s", tc.ext, f.Name, ok, tc.name)
		}
	}
	if _, ok := formats.ByExtension("x.shp"); ok {
		t.Error("ByExtension(.shp) found a format")
	}
	for _, f := range formats.All() {
		if f.Abilities&formats.CanRead != 0 && f.Read == nil {
			t.Errorf("%s can read without a reader", f.Name)
		}
		if f.Abilities&formats.CanWrite != 0 && f.Write == nil && f.Name != "GeoPackage" {
			t.Errorf("%s can write without a writer", f.Name)
		}
	}
	if w := formats.Extensions(formats.CanWrite); slices.Contains(w, ".tsv") || !slices.Contains(w, ".kmz") {
		t.Errorf("written extensions %v", w)
	}
	// CSV ranks last: its sniffer is the loosest
	if all := formats.All(); all[0].Name != "GeoJSON" || all[len(all)-1].Rank < all[0].Rank {
		t.Errorf("order %v", all)
	}
}

func TestRegisterRefuses(t *testing.T) {
	for name, f := range map[string]formats.Format{
		"taken extension": {Name: "Other GeoJSON", Extensions: []string{".GEOJSON"}},
		"no extension":    {Name: "Nothing"},
		"no reader":       {Name: "Shapefile", Extensions: []string{".shp"}, Abilities: formats.CanRead},
		"bad extension":   {Name: "Shapefile", Extensions: []string{"shp"}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Register did not panic", name)
				}
			}()
			formats.Register(f)
		}()
	}
}

func TestReaderForErrors(t *testing.T) {
	_, err := formats.ReaderFor("/nowhere/routes.shp")
	if !errors.Is(err, formats.ErrUnsupportedFormat) || !strings.Contains(err.Error(), `unknown file type ".shp"`) {
		t.Fatalf("ReaderFor(.shp): %v", err)
	}
	for _, e := range formats.Extensions(formats.CanRead) {
		if !strings.Contains(err.Error(), e) {
			t.Errorf("%v does not list %s", err, e)
		}
	}
	_, err = formats.WriterFor("out.sqlite")
	if err == nil || !strings.Contains(err.Error(), `unknown output type ".sqlite"`) {
		t.Fatalf("WriterFor(.sqlite): %v", err)
	}
	for _, e := range formats.Extensions(formats.CanWrite) {
		if !strings.Contains(err.Error(), e) {
			t.Errorf("%v does not list %s", err, e)
		}
	}
}

func TestSniff(t *testing.T) {
	gpkgHead := append([]byte("SQLite format 3\x00"), make([]byte, 80)...)
	copy(gpkgHead[68:], "GPKG")
	liteHead := append([]byte("SQLite format 3\x00"), make([]byte, 80)...)
	kmz := append([]byte("PK\x03\x04"), make([]byte, 22)...)
	kmz = append(kmz, 7, 0, 0, 0)
	kmz = append(kmz, "doc.kml"...)
	for _, tc := range []struct {
		head, want string
	}{
		{"\xEF\xBB\xBF  {\"type\": \"FeatureCollection\", \"features\": []}", "GeoJSON"},
		{`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"lat":1}}`, "GeoJSON"},
		{`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">`, "KML"},
		{string(kmz), "KMZ"},
		{string(gpkgHead), "GeoPackage"},
		{string(liteHead), "SpatiaLite"},
		{"name;lat;lon\nColón;9.35;-79.9\n", "CSV"},
		{"just some words, and commas\n", ""},
		{"", ""},
	} {
		f, ok := formats.Sniff([]byte(tc.head))
		if f.Name != tc.want || ok != (tc.want != "") {
			t.Errorf("Sniff(%.30q) = %q, %v; want %q", tc.head, f.Name, ok, tc.want)
		}
	}
}

// TestReaderForSniffs reads a GeoJSON file whose extension says nothing.
func TestReaderForSniffs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.dat")
	if err := os.WriteFile(path, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"name":"A"}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := formats.ReaderFor(path)
	if err != nil || f.Name != "GeoJSON" {
		t.Fatalf("ReaderFor(export.dat) = %q, %v", f.Name, err)
	}
	n := 0
	if err := f.Read(context.Background(), path, func(*formats.Layer, *feature.Feature) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("read %d features: %v", n, err)
	}
}
