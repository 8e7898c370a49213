package gpkg

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // "sqlite3": the partner's tool, unprotected

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/gpkg/sqlfeature"
	"corridor/data/internal/sqlitesafe"
)

// hostileGeoPackage writes a minimal GeoPackage whose one feature "table"
// t is made by the statements given, with a plain SQLite connection.
func hostileGeoPackage(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "partner.gpkg")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	base := []string{
		`PRAGMA application_id = 1196444487`,
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', '')`,
		`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL)`,
		`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('t', 'features', 't', 4326)`,
		`INSERT INTO gpkg_geometry_columns VALUES ('t', 'geom', 'GEOMETRY', 4326, 0, 0)`,
	}
	for _, s := range append(base, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestReadHostileGeoPackage: importing from a partner's GeoPackage runs
// none of its SQL that could write, read files or call extensions, and a
// view that is endless or holds huge cells is an error, quickly and in
// little memory. The file is never changed.
func TestReadHostileGeoPackage(t *testing.T) {
	oldStall, oldBudget, oldRows := sqlfeature.StallLimit, sqlfeature.CatalogueBudget, sqlfeature.MaxViewRows
	sqlfeature.StallLimit, sqlfeature.CatalogueBudget, sqlfeature.MaxViewRows = 500*time.Millisecond, 500*time.Millisecond, 10000
	t.Cleanup(func() {
		sqlfeature.StallLimit, sqlfeature.CatalogueBudget, sqlfeature.MaxViewRows = oldStall, oldBudget, oldRows
	})
	endless := `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)`
	cases := []struct {
		name  string
		stmts []string
		want  string
	}{
		{"view of huge cells", []string{
			`CREATE VIEW t AS SELECT 1 AS fid, zeroblob(900000000) AS geom`,
		}, "string or blob too big"},
		{"view of a huge string", []string{
			`CREATE VIEW t AS SELECT 1 AS fid, NULL AS geom, printf('%.*c', 900000000, 'x') AS name`,
		}, "string or blob too big"},
		{"endless view", []string{
			`CREATE VIEW t AS ` + endless + ` SELECT x AS fid, NULL AS geom FROM c WHERE x < 0`,
		}, "no row came for too long"},
		{"view of endless rows", []string{
			`CREATE VIEW t AS ` + endless + ` SELECT x AS fid, NULL AS geom FROM c`,
		}, "yields more than 10000 rows"},
		{"endless catalogue", []string{
			`ALTER TABLE gpkg_geometry_columns RENAME TO real_columns`,
			`CREATE VIEW gpkg_geometry_columns AS ` + endless + ` SELECT r.* FROM real_columns r, c WHERE x < 0`,
		}, "listing its tables took longer than"},
		{"view loading an extension", []string{
			`CREATE VIEW t AS SELECT 1 AS fid, load_extension('mod_spatialite') AS geom`,
		}, "unsafe use of load_extension()"},
		{"view calling SpatiaLite", []string{
			`CREATE VIEW t AS SELECT 1 AS fid, CloneTable('main', 'gpkg_contents', 'copy', 1) AS geom`,
		}, "no such function: CloneTable"},
		{"plain view", []string{
			`CREATE TABLE t0 (fid INTEGER PRIMARY KEY, geom BLOB)`,
			`CREATE VIEW t AS SELECT fid, geom FROM t0`,
			`INSERT INTO t0 VALUES (1, NULL)`,
		}, ""}, // a plain view reads fine
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := hostileGeoPackage(t, tc.stmts...)
			before := sum(t, path)
			var ms0, ms1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms0)
			sqlitesafe.MemoryHighwater(true)
			start := time.Now()
			n := 0
			err := Read(context.Background(), path, func(*formats.Layer, *feature.Feature) error { n++; return nil })
			took := time.Since(start)
			runtime.ReadMemStats(&ms1)
			sqliteMem := sqlitesafe.MemoryHighwater(false)
			t.Logf("%v in %v, Go %d MiB allocated, SQLite peak %d MiB", err, took, (ms1.TotalAlloc-ms0.TotalAlloc)>>20, sqliteMem>>20)
			if sqliteMem > 256<<20 {
				t.Errorf("SQLite held %d MiB", sqliteMem>>20)
			}
			if tc.want == "" {
				if err != nil || n != 1 {
					t.Fatalf("read %d features, %v", n, err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("error %v; want one naming the file and saying %q", err, tc.want)
			}
			if took > 3*time.Second {
				t.Errorf("took %v", took)
			}
			if a := ms1.TotalAlloc - ms0.TotalAlloc; a > 256<<20 {
				t.Errorf("allocated %d MiB", a>>20)
			}
			if sum(t, path) != before {
				t.Error("the file changed")
			}
		})
	}
}

// TestReadDoesNotFireTriggers: a partner's triggers never run on import
// (the file is opened read-only and query-only), and the file is unchanged.
func TestReadDoesNotFireTriggers(t *testing.T) {
	path := hostileGeoPackage(t,
		`CREATE TABLE t (fid INTEGER PRIMARY KEY, geom BLOB, name TEXT)`,
		`INSERT INTO t VALUES (1, NULL, 'a')`,
		`CREATE TABLE loot (v)`,
		`CREATE TRIGGER grab AFTER UPDATE ON t BEGIN INSERT INTO loot VALUES (1); END`,
	)
	before := sum(t, path)
	db, err := sqlfeature.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`UPDATE t SET name = 'b'`, `ATTACH ':memory:' AS x`, `PRAGMA writable_schema = ON; DELETE FROM sqlite_master`} {
		if _, err := db.Exec(q); err == nil {
			t.Errorf("%s worked on an import source", q)
		}
	}
	var trusted int
	if err := db.QueryRow(`PRAGMA trusted_schema`).Scan(&trusted); err != nil || trusted != 0 {
		t.Errorf("trusted_schema %d, %v", trusted, err)
	}
	if err := Read(context.Background(), path, func(*formats.Layer, *feature.Feature) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if sum(t, path) != before {
		t.Error("the file changed")
	}
}
