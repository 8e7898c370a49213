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
	"corridor/data/internal/sqlitesafe"
)

// A workspace may come from a partner, so every connection to one runs only
// Corridor's SQL: no SpatiaLite (nothing in Corridor uses it, and its
// functions can read and write local files or crash the process), defensive
// mode, trusted_schema off, no ATTACH, no views, no extension loading and a
// cap on one value (see package sqlitesafe). The GeoPackage R*Tree
// functions are registered as innocuous Go functions, so the standard
// triggers run.
//
// leanDriverName opens workspaces for writing (and creates them);
// readerDriverName is the same for read-only connections and also
// memory-maps the file; spatialiteProbeDriverName only ever opens a scratch
// in-memory database, to tell `corridor version` whether SpatiaLite is
// installed.
const (
	leanDriverName            = "corridor_sqlite3_lean"
	readerDriverName          = "corridor_sqlite3_reader"
	spatialiteProbeDriverName = "corridor_sqlite3_spatialite_probe"
)

// MaxValueBytes caps one string or blob read from or written to a workspace
// (SQLITE_LIMIT_LENGTH): a bigger cell is an error, never an allocation.
const MaxValueBytes = sqlitesafe.DefaultMaxValue

// readerMmapBytes is how much of a file a read-only connection maps. SQLite
// then reads pages in place instead of copying each through read(2): a
// full-extent map of millions of vertices reads a fifth faster. Only
// read-only connections map the file: SQLite's own advice is that a mapped
// file truncated by another process faults instead of failing a read,
// which a short-lived reader may risk and the editing window should not.
const readerMmapBytes = 1 << 30

var registerOnce sync.Once

func registerDriver() {
	registerOnce.Do(func() {
		sql.Register(leanDriverName, &sqlite3.SQLiteDriver{ConnectHook: prepareConn})
		sql.Register(readerDriverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if err := prepareConn(c); err != nil {
				return err
			}
			_, err := c.Exec(fmt.Sprintf("PRAGMA mmap_size=%d", readerMmapBytes), nil)
			return err
		}})
		sql.Register(spatialiteProbeDriverName, &sqlite3.SQLiteDriver{})
	})
}

// prepareConn hardens a workspace connection and registers the functions
// the gpkg_rtree_index triggers call.
func prepareConn(c *sqlite3.SQLiteConn) error {
	if err := sqlitesafe.Harden(c, sqlitesafe.Options{MaxValue: MaxValueBytes, NoViews: true}); err != nil {
		return err
	}
	return sqlitesafe.RegisterEnvelopeFuncs(c, envelopeOf)
}

func envelopeOf(b []byte) (sqlitesafe.Envelope, error) {
	e, err := gpkg.EnvelopeOf(b)
	return sqlitesafe.Envelope{MinX: e.MinX, MaxX: e.MaxX, MinY: e.MinY, MaxY: e.MaxY, Empty: e.Empty}, err
}

var (
	spatialiteOnce sync.Once
	spatialite     string
)

// SpatiaLiteVersion returns the version of mod_spatialite when it is
// installed, else "". It is only reported: SpatiaLite is never loaded into a
// workspace connection. The answer comes from a throwaway in-memory
// connection, made once per process.
func SpatiaLiteVersion() string {
	spatialiteOnce.Do(func() {
		registerDriver()
		db, err := sql.Open(spatialiteProbeDriverName, ":memory:")
		if err != nil {
			return
		}
		defer db.Close()
		conn, err := db.Driver().Open(":memory:")
		if err != nil {
			return
		}
		defer conn.Close()
		c, ok := conn.(*sqlite3.SQLiteConn)
		if !ok || c.LoadExtension("mod_spatialite", "sqlite3_modspatialite_init") != nil {
			return
		}
		spatialite = querySpatialiteVersion(c)
	})
	return spatialite
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
	switch v := dest[0].(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}
