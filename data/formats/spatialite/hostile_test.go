package spatialite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // "sqlite3": the partner's tool, unprotected

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/gpkg/sqlfeature"
)

// TestReadHostileSpatiaLite: a SpatiaLite source whose catalogue or table
// is an endless view, or calls a function, is an error naming the file,
// quickly, and the file is not changed.
func TestReadHostileSpatiaLite(t *testing.T) {
	oldStall, oldBudget := sqlfeature.StallLimit, sqlfeature.CatalogueBudget
	sqlfeature.StallLimit, sqlfeature.CatalogueBudget = 500*time.Millisecond, 500*time.Millisecond
	t.Cleanup(func() { sqlfeature.StallLimit, sqlfeature.CatalogueBudget = oldStall, oldBudget })
	endless := `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)`
	for _, tc := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"endless catalogue", []string{
			`CREATE VIEW geometry_columns AS ` + endless + ` SELECT 't' AS f_table_name, 'geom' AS f_geometry_column, 4326 AS srid, 1 AS rowid FROM c WHERE x < 0`,
		}, "listing its tables took longer than"},
		{"endless table", []string{
			`CREATE TABLE geometry_columns (f_table_name TEXT, f_geometry_column TEXT, geometry_type INTEGER, coord_dimension INTEGER, srid INTEGER, spatial_index_enabled INTEGER)`,
			`INSERT INTO geometry_columns VALUES ('t', 'geom', 1, 2, 4326, 0)`,
			`CREATE TABLE spatial_ref_sys (srid INTEGER PRIMARY KEY, auth_name TEXT, auth_srid INTEGER, ref_sys_name TEXT, proj4text TEXT, srtext TEXT)`,
			`INSERT INTO spatial_ref_sys VALUES (4326, 'epsg', 4326, 'WGS 84', '', '')`,
			`CREATE VIEW t AS ` + endless + ` SELECT x AS pk, NULL AS geom FROM c WHERE x < 0`,
		}, "no row came for too long"},
		{"view loading an extension", []string{
			`CREATE TABLE geometry_columns (f_table_name TEXT, f_geometry_column TEXT, geometry_type INTEGER, coord_dimension INTEGER, srid INTEGER, spatial_index_enabled INTEGER)`,
			`INSERT INTO geometry_columns VALUES ('t', 'geom', 1, 2, 4326, 0)`,
			`CREATE TABLE spatial_ref_sys (srid INTEGER PRIMARY KEY, auth_name TEXT, auth_srid INTEGER, ref_sys_name TEXT, proj4text TEXT, srtext TEXT)`,
			`INSERT INTO spatial_ref_sys VALUES (4326, 'epsg', 4326, 'WGS 84', '', '')`,
			`CREATE VIEW t AS SELECT 1 AS pk, load_extension('mod_spatialite') AS geom`,
		}, "load_extension"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "partner.sqlite")
			db, err := sql.Open("sqlite3", path)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.stmts {
				if _, err := db.Exec(s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			db.Close()
			b, _ := os.ReadFile(path)
			before := sha256.Sum256(b)
			start := time.Now()
			err = Read(context.Background(), path, func(*formats.Layer, *feature.Feature) error { return nil })
			took := time.Since(start)
			t.Logf("%v in %v", err, took)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v; want one naming the file and saying %q", err, tc.want)
			}
			if took > 3*time.Second {
				t.Errorf("took %v", took)
			}
			b, _ = os.ReadFile(path)
			if sha256.Sum256(b) != before {
				t.Error("the file changed")
			}
		})
	}
}
