// Package store is the Corridor workspace: one GeoPackage 1.3 file holding the
// layers, their features, an R*Tree per feature table and the edit journal.
package store

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"

	"corridor/data/formats/gpkg"
)

// driverName is the database/sql driver that registers the GeoPackage SQL
// functions on every connection and loads SpatiaLite when it is installed;
// leanDriverName registers the functions only, for connections that never
// run spatial SQL (validation probes, read-only command-line use), where
// loading SpatiaLite and its libraries would only cost start-up time;
// readerDriverName is the lean driver that also memory-maps the file, for
// read-only connections only.
const (
	driverName       = "corridor_sqlite3"
	leanDriverName   = "corridor_sqlite3_lean"
	readerDriverName = "corridor_sqlite3_reader"
)

// readerMmapBytes is how much of a file a read-only connection maps. SQLite
// then reads pages in place instead of copying each through read(2): a
// full-extent map of millions of vertices reads a fifth faster. Only
// read-only connections map the file: SQLite's own advice is that a mapped
// file truncated by another process faults instead of failing a read,
// which a short-lived reader may risk and the editing window should not.
const readerMmapBytes = 1 << 30

var (
	registerOnce sync.Once
	spatialiteMu sync.Mutex
	spatialite   string // version of the loaded mod_spatialite, "" if absent
)

func registerDriver() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			loadSpatiaLite(c)
			return registerFuncs(c)
		}})
		sql.Register(leanDriverName, &sqlite3.SQLiteDriver{ConnectHook: registerFuncs})
		sql.Register(readerDriverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if _, err := c.Exec(fmt.Sprintf("PRAGMA mmap_size=%d", readerMmapBytes), nil); err != nil {
				return err
			}
			return registerFuncs(c)
		}})
	})
}

// loadSpatiaLite loads mod_spatialite into c when it is installed.
func loadSpatiaLite(c *sqlite3.SQLiteConn) {
	if err := c.LoadExtension("mod_spatialite", "sqlite3_modspatialite_init"); err == nil {
		if v := querySpatialiteVersion(c); v != "" {
			spatialiteMu.Lock()
			spatialite = v
			spatialiteMu.Unlock()
		}
	}
}

// registerFuncs registers Go versions of the functions the gpkg_rtree_index
// triggers call. They are registered after SpatiaLite, so they win over its
// own: SpatiaLite's ST_MinX and friends do not read GeoPackage blobs unless
// its GPKG mode is on.
func registerFuncs(c *sqlite3.SQLiteConn) error {
	funcs := map[string]any{
		"ST_IsEmpty": stIsEmpty,
		"ST_MinX":    envelopeFunc(func(e gpkg.Envelope) float64 { return e.MinX }),
		"ST_MaxX":    envelopeFunc(func(e gpkg.Envelope) float64 { return e.MaxX }),
		"ST_MinY":    envelopeFunc(func(e gpkg.Envelope) float64 { return e.MinY }),
		"ST_MaxY":    envelopeFunc(func(e gpkg.Envelope) float64 { return e.MaxY }),
	}
	for name, fn := range funcs {
		if err := c.RegisterFunc(name, fn, true); err != nil {
			return err
		}
	}
	return nil
}

func querySpatialiteVersion(c *sqlite3.SQLiteConn) string {
	rows, err := c.Query("SELECT spatialite_version()", nil)
	if err != nil {
		return ""
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		return ""
	}
	if s, ok := dest[0].(string); ok {
		return s
	}
	if b, ok := dest[0].([]byte); ok {
		return string(b)
	}
	return ""
}

// SpatiaLiteVersion returns the version of mod_spatialite loaded into
// connections, or "" when it is not installed. It opens a scratch in-memory
// connection if no workspace has been opened yet.
func SpatiaLiteVersion() string {
	registerDriver()
	spatialiteMu.Lock()
	v := spatialite
	spatialiteMu.Unlock()
	if v != "" {
		return v
	}
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return ""
	}
	defer db.Close()
	_ = db.Ping()
	spatialiteMu.Lock()
	defer spatialiteMu.Unlock()
	return spatialite
}

// stIsEmpty reports whether a blob is an empty geometry; NULL and blobs that
// are not GeoPackage geometries count as empty, so they stay out of the index.
func stIsEmpty(b []byte) bool {
	if b == nil {
		return true
	}
	e, err := gpkg.EnvelopeOf(b)
	return err != nil || e.Empty
}

func envelopeFunc(get func(gpkg.Envelope) float64) func([]byte) any {
	return func(b []byte) any {
		e, err := gpkg.EnvelopeOf(b)
		if err != nil || e.Empty {
			return nil
		}
		return get(e)
	}
}
