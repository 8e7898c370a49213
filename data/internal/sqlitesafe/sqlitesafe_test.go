package sqlitesafe_test

import (
	"database/sql"
	"strings"
	"sync"
	"testing"

	sqlite3 "github.com/mattn/go-sqlite3"
	"github.com/twpayne/go-geom"

	"corridor/data/formats/gpkg"
	"corridor/data/internal/sqlitesafe"
)

var registerOnce sync.Once

func openHardened(t *testing.T) *sql.DB {
	t.Helper()
	registerOnce.Do(func() {
		sql.Register("sqlitesafe_test", &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if err := sqlitesafe.Harden(c, sqlitesafe.Options{MaxValue: 1 << 20}); err != nil {
				return err
			}
			if err := sqlitesafe.RegisterEnvelopeFuncs(c, gpkgEnvelope); err != nil {
				return err
			}
			// an application function that is not innocuous, as a
			// partner's file might hope to find one
			return c.RegisterFunc("not_innocuous", func(x int64) int64 { return x }, true)
		}})
	})
	db, err := sql.Open("sqlitesafe_test", "file:"+t.TempDir()+"/t.db")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestHardenSettings(t *testing.T) {
	db := openHardened(t)
	var trusted int
	if err := db.QueryRow(`PRAGMA trusted_schema`).Scan(&trusted); err != nil || trusted != 0 {
		t.Fatalf("trusted_schema = %d, %v; want 0", trusted, err)
	}
	for _, q := range []string{
		`ATTACH ':memory:' AS other`,
		`PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = '' WHERE 0`,
		`SELECT load_extension('mod_spatialite')`,
		`SELECT length(zeroblob(2000000))`,
		`SELECT length(printf('%.*c', 2000000, 'x'))`,
	} {
		if _, err := db.Exec(q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
}

func TestEnvelopeFuncsInTriggerUnderUntrustedSchema(t *testing.T) {
	db := openHardened(t)
	for _, s := range []string{
		`CREATE TABLE f (fid INTEGER PRIMARY KEY, geom BLOB)`,
		`CREATE VIRTUAL TABLE rtree_f_geom USING rtree(id, minx, maxx, miny, maxy)`,
		`CREATE TRIGGER rtree_f_geom_insert AFTER INSERT ON f WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN INSERT OR REPLACE INTO rtree_f_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END`,
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	ls := geom.NewLineStringFlat(geom.XY, []float64{-70, 10, -60, 20})
	b, err := gpkg.Encode(ls, 4326)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO f (geom) VALUES (?), (NULL), (x'00'), (42)`, b); err != nil {
		t.Fatalf("insert under trusted_schema=OFF: %v", err)
	}
	var minx, maxx, miny, maxy float64
	if err := db.QueryRow(`SELECT minx, maxx, miny, maxy FROM rtree_f_geom`).Scan(&minx, &maxx, &miny, &maxy); err != nil {
		t.Fatal(err)
	}
	if minx > -70 || maxx < -60 || miny > 10 || maxy < 20 || minx < -70.001 || maxy > 20.001 {
		t.Errorf("R*Tree holds %v %v %v %v", minx, maxx, miny, maxy)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM rtree_f_geom`).Scan(&n); err != nil || n != 1 {
		t.Errorf("R*Tree rows = %d, %v; want 1 (NULL, junk and numbers stay out)", n, err)
	}
}

func TestHostileTriggerRefused(t *testing.T) {
	db := openHardened(t)
	for _, s := range []string{
		`CREATE TABLE f (fid INTEGER PRIMARY KEY, x INTEGER)`,
		`CREATE TABLE loot (v)`,
		`CREATE TRIGGER f_evil AFTER INSERT ON f BEGIN INSERT INTO loot VALUES (not_innocuous(NEW.x)); END`,
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	_, err := db.Exec(`INSERT INTO f (x) VALUES (1)`)
	if err == nil || !strings.Contains(err.Error(), "unsafe use of not_innocuous") {
		t.Fatalf("insert firing a trigger that calls a non-innocuous function: %v; want unsafe use", err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM loot`).Scan(&n); err != nil || n != 0 {
		t.Errorf("loot rows = %d, %v", n, err)
	}
}

func gpkgEnvelope(b []byte) (sqlitesafe.Envelope, error) {
	e, err := gpkg.EnvelopeOf(b)
	return sqlitesafe.Envelope{MinX: e.MinX, MaxX: e.MaxX, MinY: e.MinY, MaxY: e.MaxY, Empty: e.Empty}, err
}
