package sqlfeature

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"

	"corridor/data/internal/sqlitesafe"
)

// driverName is the database/sql driver for foreign files: a partner's
// file is untrusted, so its connections are hardened (defensive mode,
// trusted_schema off: a view or trigger may call only SQLite's innocuous
// built-ins; no ATTACH, no extension loading, no SpatiaLite) and one value
// is capped at MaxValueBytes, so that a view of huge cells is an error, not
// an allocation.
const driverName = "corridor_sqlite3_foreign"

// MaxValueBytes caps one string or blob read from a foreign file.
const MaxValueBytes = sqlitesafe.DefaultMaxValue

var registerOnce sync.Once

func registerDriver() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			return sqlitesafe.Harden(c, sqlitesafe.Options{MaxValue: MaxValueBytes})
		}})
	})
}

// ErrNotSQLite is wrapped when a file is not a SQLite 3 database.
var ErrNotSQLite = errors.New("not a SQLite database")

// sqliteMagic is the first 16 bytes of every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the SQLite database at path for reading only: the file is
// opened with mode=ro and immutable=1 (no lock, no journal, no -wal or -shm
// file is created) and every connection is query-only, so the input is never
// modified. A database with a non-empty write-ahead log (another program
// has it open in WAL mode, or stopped before checkpointing) is opened
// read-only but not immutable, so that the commits still in the log are
// read too. A file that is not a SQLite database is refused before SQLite
// sees it. Connections are hardened (see driverName). Errors do not name
// the file; callers wrap them with it.
func Open(path string) (*sql.DB, error) {
	registerDriver()
	if err := checkMagic(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs + "-wal"); err == nil && st.Size() > 0 {
		if db, err := open(uri(abs, false)); err == nil {
			// The log is read on the first query, not on open.
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n); err == nil {
				return db, nil
			}
			db.Close()
		}
		// The log cannot be read here (no permission for its -shm file):
		// fall back to the main file alone.
	}
	return open(uri(abs, true))
}

func open(dsn string) (*sql.DB, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open SQLite database: %w", err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open SQLite database: %w", err)
	}
	return db, nil
}

func checkMagic(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%w: it is a directory", ErrNotSQLite)
	}
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return ErrNotSQLite
	}
	return nil
}

// uri returns the SQLite URI filename of an absolute path, opened read-only
// (and immutable when asked), with go-sqlite3's query_only pragma on every
// connection.
func uri(abs string, immutable bool) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") { // a Windows drive path: C:/...
		p = "/" + p
	}
	// Characters that end the path part of a URI, or start an escape.
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	if !immutable {
		return "file://" + p + "?mode=ro&_query_only=1"
	}
	return "file://" + p + "?mode=ro&immutable=1&_query_only=1"
}
