package gpkg

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/gpkg/sqlfeature"
	"corridor/data/formats/internal/formattest"
	"corridor/data/formats/internal/geomtest"
	"corridor/data/internal/corpus"
)

// makeGeoPackage writes the fixture layers "shapes" and "shapes_z" with
// ogr2ogr into a GeoPackage in srs ("EPSG:4326" or "EPSG:3857").
func makeGeoPackage(t *testing.T, srs string) string {
	t.Helper()
	dir := t.TempDir()
	shapes, shapesZ := geomtest.WriteFixtures(t, dir)
	out := filepath.Join(dir, "out.gpkg")
	geomtest.Ogr2ogr(t, "-f", "GPKG", "-t_srs", srs, "-nln", "shapes", out, shapes)
	geomtest.Ogr2ogr(t, "-update", "-t_srs", srs, "-nln", "shapes_z", out, shapesZ)
	return out
}

func TestReadOgr2ogr(t *testing.T) {
	for _, tt := range []struct {
		srs string
		tol float64
	}{{"EPSG:4326", 0}, {"EPSG:3857", 1e-8}} {
		t.Run(tt.srs, func(t *testing.T) {
			path := makeGeoPackage(t, tt.srs)
			before := formattest.Fingerprint(t, path)
			got, order, err := collect(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if formattest.Fingerprint(t, path) != before {
				t.Error("Read modified the file")
			}
			geomtest.CheckFixtures(t, got, order, tt.tol)
		})
	}
}

// TestReadCorridorColumns checks that a table with a Corridor workspace's
// columns fills the Feature fields, and keeps unknown values as properties.
func TestReadCorridorColumns(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "c.geojson")
	geomtest.WriteGeoJSON(t, src, []geomtest.Case{{
		Geometry: geomtest.Shapes()[0].Geometry,
		Properties: map[string]any{
			"uuid": "6f1c2a9e-4d8b-4a53-9d8e-0b1f5e2c7a10", "name": "Seizure 12",
			"properties":     `{"colour":"red","count":2}`,
			"classification": "RESTRICTED", "releasable_to": "USA, CAN",
			"created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-02T11:30:00Z",
			"author": "analyst", "version": 3, "route_uuid": "r-1", "measure_m": 1250.5,
		},
	}})
	out := filepath.Join(dir, "c.gpkg")
	geomtest.Ogr2ogr(t, "-f", "GPKG", "-nln", "interdictions", out, src)
	got, _, err := collect(t, out)
	if err != nil {
		t.Fatal(err)
	}
	fs := got["interdictions"]
	if len(fs) != 1 {
		t.Fatalf("%d features, want 1", len(fs))
	}
	f := fs[0]
	check := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	check("UUID", f.UUID, "6f1c2a9e-4d8b-4a53-9d8e-0b1f5e2c7a10")
	check("Name", f.Name, "Seizure 12")
	check("Classification", f.Classification, "RESTRICTED")
	check("ReleasableTo", strings.Join(f.ReleasableTo, "|"), "USA|CAN")
	check("CreatedAt", f.CreatedAt.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)), true)
	check("UpdatedAt", f.UpdatedAt.Equal(time.Date(2024, 5, 2, 11, 30, 0, 0, time.UTC)), true)
	check("Author", f.Author, "analyst")
	check("Version", f.Version, 3)
	check("colour", f.Prop("colour"), "red")
	check("count", f.Prop("count"), 2.0)
	check("route_uuid", f.Prop("route_uuid"), "r-1")
	check("measure_m", f.Prop("measure_m"), 1250.5)
	if len(f.Properties) != 4 {
		t.Errorf("properties %v, want colour, count, route_uuid, measure_m", f.Properties)
	}
}

// TestReadKeepsRawValues checks that declared DATE, DATETIME and BOOLEAN
// columns holding other values come through as stored.
func TestReadKeepsRawValues(t *testing.T) {
	path := filepath.Join(makeGeoPackageDir(t), "raw.gpkg")
	copyFile(t, corpus.Path(t, "gdal-written/ne110_countries.gpkg"), path)
	// The R*Tree triggers call ST_IsEmpty, which the sqlite3 shell lacks.
	triggers := geomtest.SQLite(t, path, "SELECT name FROM sqlite_master WHERE type = 'trigger';")
	var drop strings.Builder
	for _, name := range strings.Fields(triggers) {
		drop.WriteString("DROP TRIGGER \"" + name + "\";\n")
	}
	geomtest.SQLite(t, path, drop.String()+`ALTER TABLE countries ADD COLUMN d DATE;
ALTER TABLE countries ADD COLUMN ts DATETIME;
ALTER TABLE countries ADD COLUMN ok BOOLEAN;
UPDATE countries SET d = 'sometime in May', ts = '2024-05-01T10:00:00.000Z', ok = 7 WHERE fid = 1;
UPDATE countries SET ok = 1 WHERE fid = 2;`)
	got, _, err := collect(t, path)
	if err != nil {
		t.Fatal(err)
	}
	fs := got["countries"]
	if v := fs[0].Prop("d"); v != "sometime in May" {
		t.Errorf("DATE column: %#v", v)
	}
	if v := fs[0].Prop("ts"); v != "2024-05-01T10:00:00.000Z" {
		t.Errorf("DATETIME column: %#v", v)
	}
	if v := fs[0].Prop("ok"); v != int64(7) {
		t.Errorf("BOOLEAN column holding 7: %#v", v)
	}
	if v := fs[1].Prop("ok"); v != true {
		t.Errorf("BOOLEAN column holding 1: %#v", v)
	}
	if v, ok := fs[1].Properties["d"]; !ok || v != nil {
		t.Errorf("NULL column: %#v, %v", v, ok)
	}
}

func makeGeoPackageDir(t *testing.T) string {
	corpus.Dir(t) // skips without the corpus
	return t.TempDir()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadWAL reads a GeoPackage in WAL mode without creating -wal or -shm files.
func TestReadWAL(t *testing.T) {
	path := filepath.Join(makeGeoPackageDir(t), "wal.gpkg")
	copyFile(t, corpus.Path(t, "gdal-written/ne110_countries.gpkg"), path)
	geomtest.SQLite(t, path, "PRAGMA journal_mode=WAL;")
	before := formattest.Fingerprint(t, path)
	got, _, err := collect(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got["countries"]) != 177 {
		t.Errorf("%d features, want 177", len(got["countries"]))
	}
	if formattest.Fingerprint(t, path) != before {
		t.Error("Read modified the file")
	}
}

func TestReadRefusesNonGeoPackages(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corpusDir, _ := corpus.Find() // the SpatiaLite case skips without it
	plainDB := filepath.Join(dir, "plain.gpkg")
	geomtest.SQLite(t, plainDB, "CREATE TABLE t(a);")
	noFeatures := filepath.Join(dir, "empty.gpkg")
	geomtest.SQLite(t, noFeatures, `CREATE TABLE gpkg_spatial_ref_sys(srs_name, srs_id, organization, organization_coordsys_id, definition, description);
CREATE TABLE gpkg_contents(table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id);
CREATE TABLE gpkg_geometry_columns(table_name, column_name, geometry_type_name, srs_id, z, m);
INSERT INTO gpkg_contents(table_name, data_type) VALUES ('tiles', 'tiles');`)
	missingTable := filepath.Join(dir, "missing.gpkg")
	geomtest.SQLite(t, missingTable, `CREATE TABLE gpkg_spatial_ref_sys(srs_name, srs_id, organization, organization_coordsys_id, definition, description);
CREATE TABLE gpkg_contents(table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id);
CREATE TABLE gpkg_geometry_columns(table_name, column_name, geometry_type_name, srs_id, z, m);
INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, '', '');
INSERT INTO gpkg_contents(table_name, data_type) VALUES ('gone', 'features');
INSERT INTO gpkg_geometry_columns VALUES ('gone', 'geom', 'POINT', 4326, 0, 0);`)
	tests := []struct {
		name, path string
		is         error
		want       string
	}{
		{"text file", write("notes.gpkg", "hello, this is not a database\n"), sqlfeature.ErrNotSQLite, "not a SQLite database"},
		{"empty file", write("empty-file.gpkg", ""), sqlfeature.ErrNotSQLite, "not a SQLite database"},
		{"missing file", filepath.Join(dir, "nope.gpkg"), os.ErrNotExist, "no such file"},
		{"directory", dir, sqlfeature.ErrNotSQLite, "directory"},
		{"plain SQLite", plainDB, ErrNotGeoPackage, "no gpkg_contents table"},
		{"no feature tables", noFeatures, ErrNoFeatureTables, "no feature tables"},
		{"missing table", missingTable, nil, `table "gone" is listed in gpkg_contents but does not exist`},
		{"SpatiaLite", filepath.Join(corpusDir, "gdal-written/ne110_countries.sqlite"), ErrNotGeoPackage, "SpatiaLite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat(tt.path); tt.name == "SpatiaLite" && err != nil {
				t.Skip("corpus absent")
			}
			got, _, err := collect(t, tt.path)
			if err == nil {
				t.Fatalf("Read accepted it: %v", got)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), tt.path+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q: want %q naming the file", err, tt.want)
			}
		})
	}
}

func TestReadStopsOnEmitError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), corpus.Path(t, "gdal-written/ne110_countries.gpkg"), func(*formats.Layer, *feature.Feature) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("err %v after %d features, want stop after 3", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Read(ctx, corpus.Path(t, "gdal-written/ne110_countries.gpkg"), func(*formats.Layer, *feature.Feature) error {
		return nil
	}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func BenchmarkReadCountries(b *testing.B) {
	path := corpus.Path(b, "gdal-written/ne110_countries.gpkg")
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
