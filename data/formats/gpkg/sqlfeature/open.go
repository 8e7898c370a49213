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

	// The SQLite driver registers itself as "sqlite3".
	_ "github.com/mattn/go-sqlite3"
)

// ErrNotSQLite is wrapped when a file is not a SQLite 3 database.
var ErrNotSQLite = errors.New("not a SQLite database")

// sqliteMagic is the first 16 bytes of every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the SQLite database at path for reading only: the file is
// opened with mode=ro and immutable=1 (no lock, no journal, no -wal or -shm
// file is created) and every connection is query-only, so the input is never
// modified. A file that is not a SQLite database is refused before SQLite
// sees it. Errors do not name the file; callers wrap them with it.
func Open(path string) (*sql.DB, error) {
	if err := checkMagic(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", uri(abs))
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
// and immutable, with go-sqlite3's query_only pragma on every connection.
func uri(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") { // a Windows drive path: C:/...
		p = "/" + p
	}
	// Characters that end the path part of a URI, or start an escape.
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file://" + p + "?mode=ro&immutable=1&_query_only=1"
}
