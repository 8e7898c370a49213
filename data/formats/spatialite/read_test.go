package spatialite

import (
	"context"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/twpayne/go-geom/encoding/wkt"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/gpkg/sqlfeature"
	"corridor/data/formats/internal/formattest"
	"corridor/data/formats/internal/geomtest"
	"corridor/data/internal/corpus"
)

// collect reads path with Read and returns the features per layer name.
func collect(t *testing.T, path string) (map[string][]*feature.Feature, []string, error) {
	t.Helper()
	return formattest.Collect(t, Read, path)
}

func TestOracle(t *testing.T) {
	for _, r := range corpus.Rows(t, ".sqlite") {
		t.Run(r.Path, func(t *testing.T) {
			path := r.File(t)
			before := formattest.Fingerprint(t, path)
			got, order, err := collect(t, path)
			if formattest.Fingerprint(t, path) != before {
				t.Errorf("Read modified %s", path)
			}
			formattest.CheckLayers(t, r, path, got, order, err)
		})
	}
}

// TestMatchesGeoPackage checks the countries read from the SpatiaLite file
// against the same countries in the GeoPackage written by GDAL.
func TestMatchesGeoPackage(t *testing.T) {
	got, _, err := collect(t, corpus.Path(t, "gdal-written/ne110_countries.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	if got["countries"][0].Name != "Fiji" || got["countries"][0].Prop("id") != "242" {
		t.Errorf("first country %q %v, want Fiji with id 242", got["countries"][0].Name, got["countries"][0].Properties)
	}
	for i, f := range got["countries"] {
		b := f.Geometry.Bounds()
		if b.Min(0) < -180 || b.Max(0) > 180 || b.Min(1) < -90 || b.Max(1) > 90 {
			t.Fatalf("feature %d (%s): bounds %v", i+1, f.Name, b)
		}
		if _, ok := f.Properties["ogc_fid"]; ok {
			t.Fatalf("ogc_fid is a property")
		}
	}
}

func TestRefuseProjected(t *testing.T) {
	path := corpus.Path(t, "valid/sqlite/gdal_poly_spatialite.sqlite")
	_, _, err := collect(t, path)
	if !errors.Is(err, formats.ErrUnsupportedCRS) {
		t.Fatalf("error %v does not wrap ErrUnsupportedCRS", err)
	}
	want := path + `: table "poly": SRS EPSG:32631 (WGS 84 / UTM zone 31N) is not supported: only EPSG:4326 and EPSG:3857`
	if err.Error() != want {
		t.Errorf("error\n%q, want\n%q", err, want)
	}
}

// TestReadOgr2ogr writes the fixtures with ogr2ogr as SpatiaLite (4326 and
// 3857) and as GDAL's plain SQLite with WKB geometries, and reads them back.
func TestReadOgr2ogr(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		tol  float64
	}{
		{"spatialite 4326", []string{"-dsco", "SPATIALITE=YES", "-t_srs", "EPSG:4326"}, 0},
		{"spatialite 3857", []string{"-dsco", "SPATIALITE=YES", "-t_srs", "EPSG:3857"}, 1e-8},
		{"sqlite WKB 4326", []string{"-t_srs", "EPSG:4326"}, 0},
		{"sqlite WKT 3857", []string{"-lco", "FORMAT=WKT", "-t_srs", "EPSG:3857"}, 1e-6},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			shapes, shapesZ := geomtest.WriteFixtures(t, dir)
			out := filepath.Join(dir, "out.sqlite")
			geomtest.Ogr2ogr(t, append(append([]string{"-f", "SQLite"}, tt.args...), "-nln", "shapes", out, shapes)...)
			geomtest.Ogr2ogr(t, append(append([]string{"-update"}, tt.args[len(tt.args)-2:]...), "-nln", "shapes_z", out, shapesZ)...)
			before := formattest.Fingerprint(t, out)
			got, order, err := collect(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if formattest.Fingerprint(t, out) != before {
				t.Error("Read modified the file")
			}
			geomtest.CheckFixtures(t, got, order, tt.tol)
		})
	}
}

// TestReadLegacyLayout reads a database with the SpatiaLite 2/3 layout of
// geometry_columns (type as text) built by hand, with blobs of every kind
// from the golden file, a table with two geometry columns, and Corridor's
// columns.
func TestReadLegacyLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "legacy.sqlite")
	var sql strings.Builder
	sql.WriteString(`CREATE TABLE spatial_ref_sys (srid INTEGER PRIMARY KEY, auth_name TEXT, auth_srid INTEGER, ref_sys_name TEXT, proj4text TEXT);
INSERT INTO spatial_ref_sys VALUES (4326, 'epsg', 4326, 'WGS 84', ''), (3857, 'epsg', 3857, 'WGS 84 / Pseudo-Mercator', '');
CREATE TABLE geometry_columns (f_table_name TEXT, f_geometry_column TEXT, type TEXT, coord_dimension TEXT, srid INTEGER, spatial_index_enabled INTEGER);
INSERT INTO geometry_columns VALUES ('things', 'geom', 'GEOMETRY', 'XY', 4326, 0), ('things', 'alt', 'GEOMETRY', 'XY', 4326, 0), ('stale', 'geom', 'POINT', 'XY', 4326, 0);
CREATE TABLE things (PK_UID INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT, Name TEXT, releasable_to TEXT, version INTEGER, geom BLOB, alt BLOB);
`)
	var want []string
	for i, g := range readGolden(t) {
		if g.srid != 4326 {
			continue
		}
		sql.WriteString("INSERT INTO things (uuid, Name, releasable_to, version, geom, alt) VALUES ('u-" + strconv.Itoa(i) + "', 'thing " + strconv.Itoa(i) +
			`', '["USA","GBR"]', 2, X'` + hex.EncodeToString(g.blob) + `', NULL);` + "\n")
		want = append(want, g.wkt)
	}
	sql.WriteString("INSERT INTO things (uuid, geom) VALUES ('no-geometry', NULL);\n")
	geomtest.SQLite(t, path, sql.String())
	got, order, err := collect(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, ",") != "things.geom,things.alt" {
		t.Fatalf("layers %v", order)
	}
	fs := got["things.geom"]
	if len(fs) != len(want)+1 {
		t.Fatalf("%d features, want %d", len(fs), len(want)+1)
	}
	for i, f := range fs[:len(want)] {
		w, err := wkt.Unmarshal(want[i])
		if err != nil {
			t.Fatal(err)
		}
		if d := geomtest.Diff(f.Geometry, w, 1e-5); d != "" {
			t.Errorf("feature %d (%s): %s", i+1, want[i], d)
		}
		if !strings.HasPrefix(f.UUID, "u-") || !strings.HasPrefix(f.Name, "thing ") || f.Prop("Name") != f.Name ||
			strings.Join(f.ReleasableTo, ",") != "USA,GBR" || f.Version != 2 || len(f.Properties) != 1 {
			t.Errorf("feature %d: %+v", i+1, f)
		}
	}
	if last := fs[len(fs)-1]; last.Geometry != nil || last.UUID != "no-geometry" {
		t.Errorf("last feature: %+v", last)
	}
}

func TestReadRefusesNonSpatiaLite(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.sqlite")
	if err := os.WriteFile(text, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	corpusDir, _ := corpus.Find() // the GeoPackage case skips without it
	plain := filepath.Join(dir, "plain.sqlite")
	geomtest.SQLite(t, plain, "CREATE TABLE t(a);")
	bad := filepath.Join(dir, "bad.sqlite")
	geomtest.SQLite(t, bad, `CREATE TABLE geometry_columns (f_table_name TEXT, f_geometry_column TEXT, geometry_type INTEGER, coord_dimension INTEGER, srid INTEGER, spatial_index_enabled INTEGER);
INSERT INTO geometry_columns VALUES ('t', 'geom', 1, 2, 4326, 0);
CREATE TABLE t (ogc_fid INTEGER PRIMARY KEY, geom BLOB);
INSERT INTO t (geom) VALUES (X'0001E610000000'), (X'00');`)
	tests := []struct {
		name, path string
		is         error
		want       string
	}{
		{"text file", text, sqlfeature.ErrNotSQLite, "not a SQLite database"},
		{"plain SQLite", plain, ErrNotSpatiaLite, "no geometry_columns table"},
		{"GeoPackage", filepath.Join(corpusDir, "gdal-written/ne110_countries.gpkg"), ErrNotSpatiaLite, "looks like a GeoPackage"},
		{"bad blob", bad, ErrNotBlob, `feature 1: table "t": geometry column "geom"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat(tt.path); err != nil {
				t.Skip(err)
			}
			got, _, err := collect(t, tt.path)
			if err == nil {
				t.Fatalf("Read accepted it: %v", got)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), tt.path+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q: want %q naming the file", err, tt.want)
			}
		})
	}
}

func BenchmarkReadCountries(b *testing.B) {
	path := corpus.Path(b, "gdal-written/ne110_countries.sqlite")
	if _, err := os.Stat(path); err != nil {
		b.Skip("corpus absent")
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Read(context.Background(), path, func(*formats.Layer, *feature.Feature) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
