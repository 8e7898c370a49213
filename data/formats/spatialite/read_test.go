package spatialite

import (
	"bufio"
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
	"corridor/data/formats/gpkg/sqlfeature/geomtest"
)

// corpus is the shared test corpus of files written by other tools.
const corpus = "../../../../shared/testdata"

type oracleRow struct {
	path           string
	features, lays int
	expect         string
}

// readOracle returns the .sqlite rows of the corpus oracle; it skips the
// test when the corpus is absent.
func readOracle(t *testing.T) []oracleRow {
	t.Helper()
	f, err := os.Open(filepath.Join(corpus, "oracle.tsv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("test corpus %s is absent", corpus)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []oracleRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 5 || !strings.HasSuffix(fields[0], ".sqlite") {
			continue
		}
		r := oracleRow{path: fields[0], expect: fields[4]}
		r.features, _ = strconv.Atoi(fields[2])
		r.lays, _ = strconv.Atoi(fields[3])
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatal("oracle.tsv has no .sqlite rows")
	}
	return rows
}

func collect(t *testing.T, path string) (map[string][]*feature.Feature, []string, error) {
	t.Helper()
	got := map[string][]*feature.Feature{}
	var order []string
	err := Read(context.Background(), path, func(l *formats.Layer, f *feature.Feature) error {
		if _, ok := got[l.Name]; !ok {
			order = append(order, l.Name)
		}
		got[l.Name] = append(got[l.Name], f)
		return nil
	})
	return got, order, err
}

func fileState(t *testing.T, path string) string {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			t.Errorf("%s%s exists", path, s)
		}
	}
	return st.ModTime().String() + "/" + string(b)
}

func TestOracle(t *testing.T) {
	for _, r := range readOracle(t) {
		t.Run(r.path, func(t *testing.T) {
			path := filepath.Join(corpus, r.path)
			before := fileState(t, path)
			got, order, err := collect(t, path)
			if fileState(t, path) != before {
				t.Errorf("Read modified %s", path)
			}
			n := 0
			for _, fs := range got {
				n += len(fs)
			}
			switch r.expect {
			case "import":
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				if n != r.features || len(order) != r.lays {
					t.Errorf("got %d features in %d layers, want %d in %d", n, len(order), r.features, r.lays)
				}
			case "refuse":
				if err == nil {
					t.Fatalf("Read accepted the file (%d features)", n)
				}
				if n != 0 {
					t.Errorf("Read emitted %d features before refusing", n)
				}
				if !strings.HasPrefix(err.Error(), path+": ") {
					t.Errorf("error %q does not name the file", err)
				}
				t.Logf("refused: %v", err)
			default:
				t.Fatalf("unknown expectation %q", r.expect)
			}
		})
	}
}

// TestMatchesGeoPackage checks the countries read from the SpatiaLite file
// against the same countries in the GeoPackage written by GDAL.
func TestMatchesGeoPackage(t *testing.T) {
	readOracle(t)
	got, _, err := collect(t, filepath.Join(corpus, "gdal-written/ne110_countries.sqlite"))
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
	readOracle(t)
	path := filepath.Join(corpus, "valid/sqlite/gdal_poly_spatialite.sqlite")
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
			shapes, shapesZ := filepath.Join(dir, "shapes.geojson"), filepath.Join(dir, "shapes_z.geojson")
			geomtest.WriteGeoJSON(t, shapes, geomtest.Shapes())
			geomtest.WriteGeoJSON(t, shapesZ, geomtest.ShapesZ())
			out := filepath.Join(dir, "out.sqlite")
			geomtest.Ogr2ogr(t, append(append([]string{"-f", "SQLite"}, tt.args...), "-nln", "shapes", out, shapes)...)
			geomtest.Ogr2ogr(t, append(append([]string{"-update"}, tt.args[len(tt.args)-2:]...), "-nln", "shapes_z", out, shapesZ)...)
			before := fileState(t, out)
			got, order, err := collect(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if fileState(t, out) != before {
				t.Error("Read modified the file")
			}
			if strings.Join(order, ",") != "shapes,shapes_z" {
				t.Fatalf("layers %v, want shapes,shapes_z", order)
			}
			for layer, want := range map[string][]geomtest.Case{"shapes": geomtest.Shapes(), "shapes_z": geomtest.ShapesZ()} {
				fs := got[layer]
				if len(fs) != len(want) {
					t.Fatalf("%s: %d features, want %d", layer, len(fs), len(want))
				}
				for i, f := range fs {
					if d := geomtest.Diff(f.Geometry, want[i].Geometry, tt.tol); d != "" {
						t.Errorf("%s feature %d: geometry: %s", layer, i+1, d)
					}
					if f.Name != want[i].Properties["name"] {
						t.Errorf("%s feature %d: Name %q", layer, i+1, f.Name)
					}
					for k, w := range want[i].Properties {
						if k == "name" {
							continue
						}
						if d := geomtest.PropDiff(f.Properties[k], w); d != "" {
							t.Errorf("%s feature %d: property %s: %s", layer, i+1, k, d)
						}
					}
					if len(f.Properties) != len(want[i].Properties)-1 {
						t.Errorf("%s feature %d: properties %v", layer, i+1, f.Properties)
					}
				}
			}
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
		{"GeoPackage", filepath.Join(corpus, "gdal-written/ne110_countries.gpkg"), ErrNotSpatiaLite, "looks like a GeoPackage"},
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
	path := filepath.Join(corpus, "gdal-written/ne110_countries.sqlite")
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
