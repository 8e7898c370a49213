package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"corridor/data/feature"
	"corridor/data/internal/sqlitesafe"
)

// Hostile workspaces, generated here: each is a good workspace a partner
// has altered with plain SQLite (or SpatiaLite) so that opening, listing
// or editing it would run the partner's SQL. Every one must be refused on
// open with an error naming the file and the object, quickly, in little
// memory, and with the file's bytes unchanged.

var hostileDriversOnce sync.Once

// hostileDB opens path with a connection that has none of Corridor's
// protections (as the partner's tool would), with SpatiaLite if asked.
func hostileDB(t *testing.T, path string, withSpatiaLite bool) *sql.DB {
	t.Helper()
	hostileDriversOnce.Do(func() {
		// evil stands for any function of the partner's tool; the tool
		// has the GeoPackage functions too, as GDAL has
		evil := func(c *sqlite3.SQLiteConn) error {
			if err := sqlitesafe.RegisterEnvelopeFuncs(c, envelopeOf); err != nil {
				return err
			}
			return c.RegisterFunc("evil", func(x any) any { return x }, true)
		}
		sql.Register("hostile", &sqlite3.SQLiteDriver{ConnectHook: evil})
		sql.Register("hostile_spatialite", &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if err := c.LoadExtension("mod_spatialite", "sqlite3_modspatialite_init"); err != nil {
				return err
			}
			return evil(c)
		}})
	})
	drv := "hostile"
	if withSpatiaLite {
		drv = "hostile_spatialite"
	}
	db, err := sql.Open(drv, path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		if withSpatiaLite {
			t.Skipf("mod_spatialite is not installed: %v", err)
		}
		t.Fatal(err)
	}
	return db
}

// goodWorkspace makes a closed workspace with one route layer and a feature.
func goodWorkspace(t *testing.T) (path, table string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "partner.gpkg")
	w, err := Create(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.CreateLayer(context.Background(), LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddFeature(context.Background(), l.Table, &feature.Feature{Name: "r", Geometry: line(0, 0, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path, l.Table
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenRefusesHostileSchema(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("a,b\n1,2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		spatialite bool
		sql        []string // %T is the layer's table
		want       string
	}{
		{"endless view as catalogue", false, []string{
			`DROP TABLE corridor_layers`,
			`CREATE VIEW corridor_layers AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 't' AS table_name, 't' AS title, 'other' AS kind, '' AS style, 1 AS visible, x AS draw_order, 1 AS opacity, '' AS classification, '' AS releasable_to FROM c WHERE x < 0`,
		}, `view "corridor_layers"`},
		{"trigger on corridor_layers", false, []string{
			`CREATE TABLE loot (v)`,
			`CREATE TRIGGER mark AFTER UPDATE ON corridor_layers BEGIN UPDATE corridor_layers SET classification = 'UNCLASSIFIED'; END`,
		}, `trigger "mark" on "corridor_layers"`},
		{"trigger on corridor_history", false, []string{
			`CREATE TRIGGER h AFTER INSERT ON corridor_history BEGIN DELETE FROM corridor_history WHERE id < NEW.id; END`,
		}, `trigger "h" on "corridor_history"`},
		{"trigger on corridor_meta", false, []string{
			`CREATE TRIGGER m BEFORE UPDATE ON corridor_meta BEGIN SELECT 1; END`,
		}, `trigger "m" on "corridor_meta"`},
		{"R*Tree trigger with an extra statement", false, []string{
			`DROP TRIGGER "rtree_%T_geom_insert"`,
			`CREATE TRIGGER "rtree_%T_geom_insert" AFTER INSERT ON "%T" WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN INSERT OR REPLACE INTO "rtree_%T_geom" VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); UPDATE corridor_layers SET releasable_to = 'ALL'; END`,
		}, `trigger "rtree_%T_geom_insert"`},
		{"view and a trigger on Corridor's tables: both named", false, []string{
			`CREATE VIEW evil AS SELECT 1`,
			`CREATE TRIGGER t1 AFTER INSERT ON corridor_layers BEGIN UPDATE corridor_meta SET value = 'x'; END`,
		}, `view "evil", trigger "t1" on "corridor_layers"`},
		{"view calling an unknown function", false, []string{
			`CREATE VIEW v AS SELECT CloneTable('main', 'corridor_history', 'copy', 1)`,
		}, `view "v"`},
		{"foreign virtual table", false, []string{
			`CREATE VIRTUAL TABLE notes USING fts4(body)`,
		}, `virtual table "notes"`},
		{"R*Tree not named for a geometry column", false, []string{
			`CREATE VIRTUAL TABLE rtree_nothing_geom USING rtree(id, minx, maxx, miny, maxy)`,
		}, `virtual table "rtree_nothing_geom"`},
		{"unregistered table", false, []string{
			`CREATE TABLE loot (v)`,
		}, `table "loot"`},
		{"computed default", false, []string{
			`CREATE TABLE corridor_extra (a, b DEFAULT (load_extension('x')))`,
		}, `default of "corridor_extra"."b" calling load_extension()`},
		{"generated column", false, []string{
			`CREATE TABLE corridor_extra (a, b AS (a * 2))`,
		}, `generated column "corridor_extra"."b"`},
		{"CHECK calling a function", false, []string{
			`CREATE TABLE corridor_extra (a CHECK (evil(a)))`,
		}, `CHECK of "corridor_extra" calling evil()`},
		{"expression index calling a function", false, []string{
			`CREATE INDEX i ON corridor_meta (evil(value))`,
		}, `index "i" calling evil()`},
		{"SpatiaLite VirtualText and a copying trigger", true, []string{
			`CREATE VIRTUAL TABLE leak USING VirtualText('` + secret + `', 'UTF-8', 1, POINT, DOUBLEQUOTE, ',')`,
			`CREATE TABLE hidden (v)`,
			`CREATE TRIGGER steal AFTER UPDATE ON corridor_meta BEGIN INSERT INTO hidden SELECT * FROM leak; END`,
		}, `virtual table "leak"`},
		{"SpatiaLite SqlProc_Execute in a view", true, []string{
			`CREATE VIEW crash AS SELECT SqlProc_Execute(x'00', 1)`,
		}, `view "crash"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, table := goodWorkspace(t)
			db := hostileDB(t, path, tc.spatialite)
			for _, s := range tc.sql {
				if _, err := db.Exec(strings.ReplaceAll(s, "%T", table)); err != nil {
					db.Close()
					t.Fatalf("%s: %v", s, err)
				}
			}
			db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			db.Close()
			before := fileHash(t, path)
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			start := time.Now()
			for _, ro := range []bool{false, true} {
				w, err := Open(path, Options{ReadOnly: ro})
				if err == nil {
					w.Close()
					t.Fatalf("read-only %v: opened", ro)
				}
				msg := err.Error()
				for _, want := range []string{path, strings.ReplaceAll(tc.want, "%T", table), "corridor new clean.gpkg; corridor import clean.gpkg " + path} {
					if !strings.Contains(msg, want) {
						t.Errorf("read-only %v: %q does not say %q", ro, msg, want)
					}
				}
			}
			took := time.Since(start)
			runtime.ReadMemStats(&ms1)
			t.Logf("refused in %v, %d KiB allocated", took, (ms1.TotalAlloc-ms0.TotalAlloc)>>10)
			if took > 3*time.Second {
				t.Errorf("took %v", took)
			}
			if fileHash(t, path) != before {
				t.Error("the refused file changed")
			}
		})
	}
}

// TestOpenBudgetAndCancel: a cancelled context or a spent budget refuses the
// file rather than waiting.
func TestOpenBudgetAndCancel(t *testing.T) {
	path, _ := goodWorkspace(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := OpenContext(ctx, path, Options{}); err == nil || !strings.Contains(err.Error(), path+": open cancelled") {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := OpenContext(context.Background(), path, Options{Budget: time.Nanosecond}); err == nil || !strings.Contains(err.Error(), "took longer than") {
		t.Errorf("budget: %v", err)
	}
	w, err := OpenContext(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
}

// TestWorkspaceConnectionsAreHardened: the settings are on every
// connection, writable or not, and the R*Tree is still kept by its triggers.
func TestWorkspaceConnectionsAreHardened(t *testing.T) {
	path, table := goodWorkspace(t)
	for _, ro := range []bool{false, true} {
		w, err := Open(path, Options{ReadOnly: ro})
		if err != nil {
			t.Fatal(err)
		}
		var trusted, secure, rtree int
		if err := w.DB().QueryRow(`PRAGMA trusted_schema`).Scan(&trusted); err != nil || trusted != 0 {
			t.Errorf("read-only %v: trusted_schema %d, %v", ro, trusted, err)
		}
		if err := w.DB().QueryRow(`PRAGMA secure_delete`).Scan(&secure); err != nil || secure != 1 && !ro {
			t.Errorf("read-only %v: secure_delete %d, %v", ro, secure, err)
		}
		for _, q := range []string{`ATTACH ':memory:' AS x`, `SELECT load_extension('mod_spatialite')`, `SELECT spatialite_version()`, `SELECT length(zeroblob(100000000))`} {
			if _, err := w.DB().Exec(q); err == nil {
				t.Errorf("read-only %v: %s worked", ro, q)
			}
		}
		if !ro {
			if err := w.AddFeature(context.Background(), table, &feature.Feature{Name: "s", Geometry: line(5, 5, 6, 7)}); err != nil {
				t.Fatal(err)
			}
			if err := w.DB().QueryRow(`SELECT count(*) FROM "rtree_` + table + `_geom" WHERE minx >= 4.9 AND maxy <= 7.1`).Scan(&rtree); err != nil || rtree != 1 {
				t.Errorf("R*Tree rows for the new feature: %d, %v", rtree, err)
			}
		}
		w.Close()
	}
}

// TestOpenAdmitsGDALAndQGISAdditions: a layer appended by ogr2ogr (its
// R*Tree and feature-count triggers, gpkg_ogr_contents, metadata tables),
// an edit by ogr2ogr of Corridor's own layer, and QGIS's layer_styles.
func TestOpenAdmitsGDALAndQGISAdditions(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	path, table := goodWorkspace(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "p.geojson")
	os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"a"},"geometry":{"type":"Point","coordinates":[1,2]}}]}`), 0o644)
	own := filepath.Join(dir, "own.geojson")
	os.WriteFile(own, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"uuid":"6f1c1a52-5d8e-4c11-9a43-0b6f3f0f6a01","name":"by GDAL","version":1},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`), 0o644)
	for _, args := range [][]string{
		{"-append", "-f", "GPKG", path, src, "-nln", "GDAL's Layer"},
		{"-append", "-f", "GPKG", path, src, "-nln", "plain"},
		{"-append", "-f", "GPKG", path, own, "-nln", table},
	} {
		if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
		}
	}
	// a tile pyramid, as gdal_translate adds one (with its checks)
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	var buf bytes.Buffer
	png.Encode(&buf, img)
	os.WriteFile(filepath.Join(dir, "t.png"), buf.Bytes(), 0o644)
	if out, err := exec.Command("gdal_translate", "-q", "-a_srs", "EPSG:3857", "-a_ullr", "0", "1000", "1000", "0",
		filepath.Join(dir, "t.png"), path, "-of", "GPKG", "-co", "APPEND_SUBDATASET=YES", "-co", "RASTER_TABLE=basemap").CombinedOutput(); err != nil {
		t.Fatalf("gdal_translate: %v\n%s", err, out)
	}
	db := hostileDB(t, path, false)
	var n int
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'basemap'`).Scan(&n)
	if n == 0 {
		t.Error("gdal_translate wrote no tile triggers: the test no longer tests them")
	}
	_, err := db.Exec(`CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_name TEXT, styleQML TEXT, update_time DATETIME DEFAULT CURRENT_TIMESTAMP)`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("a workspace GDAL and QGIS edited is refused: %v", err)
	}
	defer w.Close()
	if err := w.AddFeature(context.Background(), table, &feature.Feature{Name: "after GDAL", Geometry: line(3, 3, 4, 4)}); err != nil {
		t.Fatal(err)
	}
}

// TestLayersSkipBadCatalogueValues: one bad value in a layer's catalogue
// rows costs that layer (or its bounds) and a warning, never the list.
func TestLayersSkipBadCatalogueValues(t *testing.T) {
	cases := []struct {
		name, sql, want string
		skipped         bool
	}{
		{"text bounds", `UPDATE gpkg_contents SET min_x = 'abc' WHERE table_name = '%T'`, `bounds in gpkg_contents hold "abc"`, false},
		{"infinite bounds", `UPDATE gpkg_contents SET max_y = -1e999 WHERE table_name = '%T'`, `bounds in gpkg_contents hold -Inf`, false},
		{"NaN bounds", `UPDATE gpkg_contents SET min_y = 0.0/0 WHERE table_name = '%T'`, `bounds in gpkg_contents hold NULL`, false},
		{"inverted bounds", `UPDATE gpkg_contents SET min_x = 10, max_x = -10 WHERE table_name = '%T'`, `inverted`, false},
		{"unknown kind", `UPDATE corridor_layers SET kind = 'weird' WHERE table_name = '%T'`, `unknown kind "weird"`, true},
		{"text draw order", `UPDATE corridor_layers SET draw_order = 'top' WHERE table_name = '%T'`, `draw_order is "top"`, true},
		{"null title", `UPDATE corridor_layers SET title = '' WHERE table_name = '%T'`, `no title`, true},
		{"missing table", `DROP TABLE "%T"`, `no such table`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, bad := goodWorkspace(t)
			w, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			good, err := w.CreateLayer(context.Background(), LayerSpec{Title: "Ports", Kind: feature.KindPort})
			if err != nil {
				t.Fatal(err)
			}
			w.Close()
			db := hostileDB(t, path, false)
			_, err = db.Exec(strings.ReplaceAll(tc.sql, "%T", bad))
			if tc.name == "missing table" && err == nil {
				_, err = db.Exec(`DROP TABLE "rtree_` + bad + `_geom"`)
			}
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			w, err = Open(path, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			ls, problems, err := w.LayersWithProblems(context.Background())
			if err != nil {
				t.Fatalf("one bad value failed the list: %v", err)
			}
			if len(problems) != 1 || problems[0].Table != bad || problems[0].Skipped != tc.skipped || !strings.Contains(problems[0].Error(), tc.want) {
				t.Fatalf("problems %v; want one for %q saying %q (skipped %v)", problems, bad, tc.want, tc.skipped)
			}
			var tables []string
			for _, l := range ls {
				tables = append(tables, l.Table)
				if l.Table == bad && l.Bounds != nil {
					t.Errorf("bad bounds kept: %v", l.Bounds)
				}
			}
			want := []string{bad, good.Table}
			if tc.skipped {
				want = want[1:]
			}
			if strings.Join(tables, ",") != strings.Join(want, ",") {
				t.Errorf("layers %v, want %v", tables, want)
			}
		})
	}
}

// TestHugeCellIsAnError: a cell over MaxValueBytes, written by the
// partner's own tool, is an error on reading, not an allocation.
func TestHugeCellIsAnError(t *testing.T) {
	path, table := goodWorkspace(t)
	db := hostileDB(t, path, false)
	_, err := db.Exec(`UPDATE "`+table+`" SET properties = printf('%.*c', ?, 'x')`, MaxValueBytes+1)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	w, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Layers(context.Background()); err != nil {
		t.Fatalf("layers: %v", err)
	}
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	err = w.Features(context.Background(), table, func(*feature.Feature) error { return nil })
	runtime.ReadMemStats(&ms1)
	t.Logf("%v in %v, Go %d MiB allocated", err, time.Since(start), (ms1.TotalAlloc-ms0.TotalAlloc)>>20)
	if err == nil || !strings.Contains(err.Error(), "too big") {
		t.Fatalf("reading a %d-byte cell: %v", MaxValueBytes+1, err)
	}
}

// BenchmarkOpenChecked200Layers is what the schema check costs an honest
// workspace of 200 layers (about 1,600 schema objects), opened read-only.
func BenchmarkOpenChecked200Layers(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.gpkg")
	w, err := Create(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	err = w.Bulk(context.Background(), func(bt *Batch) error {
		for i := 0; i < 200; i++ {
			if _, err := bt.CreateLayer(LayerSpec{Title: "Layer " + strconv.Itoa(i), Kind: feature.KindRoute}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	w.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		w.Close()
	}
}
