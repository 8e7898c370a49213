package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Workspace is an open workspace file. Its methods are safe for concurrent use.
type Workspace struct {
	db       *sql.DB
	path     string
	readOnly bool
	schema   int // the workspace's schema version (SchemaVersion once upgraded)
	author   string
	writeMu  sync.Mutex // one writer at a time within this process
	stmtMu   sync.Mutex
	stmts    map[string]*sql.Stmt // see exec
	now      func() time.Time
	closed   sync.Once
	closeErr error
}

// ErrReadOnly is returned by writes to a workspace opened read-only.
var ErrReadOnly = errors.New("workspace is read-only")

// Options tunes Create and Open.
type Options struct {
	// Author is recorded on every edit; defaults to the user's login name.
	Author string
	// Name is the workspace's display name (Create only); defaults to the file's base name.
	Name string
	// ReadOnly opens the workspace without write access even if the file is writable.
	ReadOnly bool
	// Budget bounds the checks made on open (header, schema, catalogue);
	// 0 means DefaultOpenBudget. A file that takes longer is refused.
	Budget time.Duration
}

// DefaultOpenBudget is how long Open may spend checking a workspace before
// it refuses it: a few seconds, ample for any honest file.
const DefaultOpenBudget = 5 * time.Second

func defaultAuthor() string {
	for _, k := range []string{"CORRIDOR_AUTHOR", "USER", "LOGNAME", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// Create makes a new, empty workspace at path. The file is built under a
// temporary name beside it and renamed into place, so a failure leaves nothing.
func Create(path string, opts Options) (*Workspace, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("%s: already exists", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot create: %w", path, unwrapPathError(err))
	}
	tmpName := tmp.Name()
	tmp.Close()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmpName)
			os.Remove(tmpName + "-wal")
			os.Remove(tmpName + "-shm")
		}
	}()
	if err := initFile(tmpName, opts, filepath.Base(path)); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	ok = true
	return Open(path, opts)
}

// initFile writes the schema into a new file (rollback journal, then WAL).
func initFile(path string, opts Options, base string) error {
	registerDriver()
	db, err := sql.Open(leanDriverName, dsn(path, "rwc", false))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	name := opts.Name
	if name == "" {
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range coreSchema {
		if _, err := tx.Exec(s); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for k, v := range map[string]string{
		"schema_version": strconv.Itoa(SchemaVersion),
		"name":           name,
		"created_at":     now,
		"created_by":     "Corridor",
	} {
		if _, err := tx.Exec(`INSERT INTO corridor_meta(key, value) VALUES (?, ?)`, k, v); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.Exec(`PRAGMA journal_mode=WAL`)
	return err
}

// dsn builds a go-sqlite3 data source name for path.
func dsn(path, mode string, immutable bool) string {
	u := url.URL{Scheme: "file", Opaque: url.PathEscape(path)}
	q := url.Values{}
	q.Set("mode", mode)
	q.Set("_busy_timeout", "10000")
	if mode == "ro" {
		q.Set("_query_only", "1")
		if immutable {
			q.Set("immutable", "1")
		}
	} else {
		q.Set("_txlock", "immediate")
		q.Set("_synchronous", "NORMAL")
		// Workspaces are shared: what was deleted must not stay in free pages.
		q.Set("_secure_delete", "on")
	}
	q.Set("_foreign_keys", "0")
	q.Set("_cache_size", "-65536") // 64 MiB page cache: bulk loads and big reads stay in memory
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens an existing workspace: OpenContext without a deadline of the
// caller's own (the checks are still bounded by opts.Budget).
func Open(path string, opts Options) (*Workspace, error) {
	return OpenContext(context.Background(), path, opts)
}

// OpenContext opens an existing workspace. It refuses, with one clear reason
// and without creating or changing anything, a missing file, a file that is
// not a GeoPackage, a corrupt one, a GeoPackage that is not a Corridor
// workspace, one written by a newer Corridor, and one whose schema holds
// anything a workspace may not (views, foreign triggers, virtual tables
// other than the R*Tree index, computed defaults...: see checkSchema). A
// file the user may not write opens read-only. The checks stop when ctx is
// cancelled or opts.Budget runs out, and the file is refused.
func OpenContext(ctx context.Context, path string, opts Options) (*Workspace, error) {
	registerDriver()
	if err := ctx.Err(); err != nil {
		return nil, &openCancelled{path: path, cause: ctx.Err()}
	}
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a workspace file", path)
	}
	if err := checkHeader(path, st.Size()); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	budget := opts.Budget
	if budget <= 0 {
		budget = DefaultOpenBudget
	}
	cctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	// immutable (no locking, no -shm) only for files nobody here can write:
	// another process may be writing a file we merely chose to read.
	immutable := !writable(path)
	readOnly := opts.ReadOnly || immutable
	// Validate through a read-only connection first, so nothing is written to
	// a file that turns out not to be ours.
	leftovers := absentSideFiles(path)
	probe, err := sql.Open(readerDriverName, dsn(path, "ro", immutable))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	schema, err := checkWorkspace(cctx, probe, path)
	if err != nil {
		probe.Close()
		// A read-only look at a WAL file creates empty -wal/-shm files:
		// remove those we made, so that a refused file is left as it was.
		for _, f := range leftovers {
			os.Remove(f)
		}
		switch {
		case ctx.Err() != nil:
			return nil, &openCancelled{path: path, cause: ctx.Err()}
		case cctx.Err() != nil:
			return nil, fmt.Errorf("%s: refused: checking it took longer than %s (a workspace that never finishes reading is not one Corridor opens); %s", path, budget, safePath(path))
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	w := &Workspace{path: path, readOnly: readOnly, schema: schema, author: opts.Author, now: func() time.Time { return time.Now().UTC() }}
	if w.author == "" {
		w.author = defaultAuthor()
	}
	if readOnly {
		// The probe is already the connection a read-only open wants.
		w.db = probe
		return w, nil
	}
	probe.Close()
	w.db, err = sql.Open(leanDriverName, dsn(path, "rw", immutable))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var jm string
	if err := w.db.QueryRowContext(cctx, `PRAGMA journal_mode=WAL`).Scan(&jm); err != nil {
		w.db.Close()
		return nil, fmt.Errorf("%s: %w", path, describeSQLiteError(err))
	}
	if w.schema < SchemaVersion {
		if err := w.upgrade(); err != nil {
			w.db.Close()
			return nil, fmt.Errorf("%s: upgrade from schema %d: %w", path, w.schema, err)
		}
	}
	return w, nil
}

// absentSideFiles lists the SQLite side files (-wal, -shm) that do not exist now.
func absentSideFiles(path string) []string {
	var out []string
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); errors.Is(err, os.ErrNotExist) {
			out = append(out, path+suffix)
		}
	}
	return out
}

const sqliteMagic = "SQLite format 3\x00"

// checkHeader reads the 100-byte SQLite header: magic, GeoPackage
// application_id and that the file is not shorter than the page count says.
func checkHeader(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return unwrapPathError(err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return errors.New("not a GeoPackage: not an SQLite database (file too short)")
	}
	if !bytes.Equal(h[:16], []byte(sqliteMagic)) {
		return errors.New("not a GeoPackage: not an SQLite database")
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return errors.New("file is corrupt: bad SQLite page size")
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	changeCounter := binary.BigEndian.Uint32(h[24:28])
	validFor := binary.BigEndian.Uint32(h[92:96])
	if pages > 0 && changeCounter == validFor && size < pages*pageSize {
		return fmt.Errorf("file is corrupt: truncated (%d bytes, the header says %d)", size, pages*pageSize)
	}
	if appID := binary.BigEndian.Uint32(h[68:72]); appID != applicationID {
		return errors.New("not a GeoPackage: an SQLite database without the GeoPackage application_id")
	}
	return nil
}

// checkWorkspace verifies the GeoPackage and Corridor tables, the schema
// (before anything but sqlite_master is read) and returns the schema version.
func checkWorkspace(ctx context.Context, db *sql.DB, path string) (ver int, err error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name IN ('gpkg_contents','gpkg_spatial_ref_sys','gpkg_geometry_columns')`).Scan(&n); err != nil {
		return 0, describeSQLiteError(err)
	}
	if n != 3 {
		return 0, errors.New("not a GeoPackage: core tables missing")
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name IN ('corridor_meta','corridor_layers','corridor_history')`).Scan(&n); err != nil {
		return 0, describeSQLiteError(err)
	}
	if n != 3 {
		return 0, errors.New("a GeoPackage but not a Corridor workspace: use `corridor import` to bring its layers into one")
	}
	if err := checkSchema(ctx, db, path); err != nil {
		return 0, err
	}
	var v string
	if err := db.QueryRowContext(ctx, `SELECT value FROM corridor_meta WHERE key = 'schema_version'`).Scan(&v); err != nil {
		return 0, fmt.Errorf("file is corrupt: no schema version: %w", describeSQLiteError(err))
	}
	ver, err = strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("file is corrupt: bad schema version %q", v)
	}
	if ver > SchemaVersion {
		return 0, fmt.Errorf("written by a newer Corridor (workspace schema %d, this Corridor reads up to %d): upgrade Corridor", ver, SchemaVersion)
	}
	// Touch every Corridor table and the feature tables' catalogue so that a
	// corrupt page there shows now rather than halfway through a session.
	for _, q := range []string{
		`SELECT count(*) FROM corridor_layers`,
		`SELECT count(*) FROM gpkg_contents`,
		`SELECT count(*) FROM corridor_history`,
	} {
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return 0, describeSQLiteError(err)
		}
	}
	return ver, nil
}

// describeSQLiteError turns SQLite's terse errors about damaged files into a
// user's words, by the driver's error codes rather than message text.
func describeSQLiteError(err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrCorrupt:
		return fmt.Errorf("file is corrupt: %w", err)
	case sqlite3.ErrNotADB:
		return errors.New("not a GeoPackage: not an SQLite database")
	case sqlite3.ErrReadonly:
		return ErrReadOnly
	case sqlite3.ErrTooBig:
		return fmt.Errorf("a value is larger than %d MiB: %w", MaxValueBytes>>20, err)
	}
	return err
}

// isUniqueViolation reports whether err is SQLite's UNIQUE constraint error.
func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Close checkpoints the write-ahead log and closes the file. Calling it
// again does nothing; any other method called after Close returns an error
// ("sql: database is closed"), never panics.
func (w *Workspace) Close() error {
	w.closed.Do(func() {
		if !w.readOnly {
			_, _ = w.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		}
		w.closeErr = w.db.Close()
	})
	return w.closeErr
}

// Path returns the workspace's file path.
func (w *Workspace) Path() string { return w.path }

// ReadOnly reports whether the workspace was opened without write access.
func (w *Workspace) ReadOnly() bool { return w.readOnly }

// Author returns the name recorded on edits.
func (w *Workspace) Author() string { return w.author }

// Name returns the workspace's display name.
func (w *Workspace) Name() string {
	var v string
	if err := w.db.QueryRow(`SELECT value FROM corridor_meta WHERE key = 'name'`).Scan(&v); err != nil || v == "" {
		b := filepath.Base(w.path)
		return strings.TrimSuffix(b, filepath.Ext(b))
	}
	return v
}

// DB exposes the underlying database for read-only inspection (tests, tools).
func (w *Workspace) DB() *sql.DB { return w.db }

// write runs fn in one immediate transaction, serialised with other writes.
func (w *Workspace) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if w.readOnly {
		return ErrReadOnly
	}
	w.writeMu.Lock()
	defer w.writeMu.Unlock()
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return describeSQLiteError(err)
	}
	// The flag row tells the journal triggers that Corridor journals this
	// write itself; it is gone before commit, so no other connection sees it.
	if _, err := w.exec(ctx, tx, `INSERT INTO `+writingTable+`(id) VALUES (1)`); err != nil {
		tx.Rollback()
		return describeSQLiteError(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if _, err := w.exec(ctx, tx, `DELETE FROM `+writingTable); err != nil {
		tx.Rollback()
		return describeSQLiteError(err)
	}
	if err := tx.Commit(); err != nil {
		return describeSQLiteError(err)
	}
	return nil
}

// openCancelled is the error of an open stopped by its context: it reads
// "PATH: open cancelled" and matches context.Canceled (or DeadlineExceeded).
type openCancelled struct {
	path  string
	cause error
}

func (e *openCancelled) Error() string { return e.path + ": open cancelled" }
func (e *openCancelled) Unwrap() error { return e.cause }
