package sqlfeature

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestOpenSeesLiveWAL checks that a database another program has open in
// WAL mode, with commits not yet checkpointed into the main file (QGIS
// editing a GeoPackage, a Corridor window on a workspace), is read whole:
// an immutable open would ignore the -wal file and silently miss them.
func TestOpenSeesLiveWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.gpkg")
	w, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetMaxOpenConns(1)
	for _, s := range []string{
		"PRAGMA wal_autocheckpoint=0",
		"CREATE TABLE t(a)",
		"INSERT INTO t VALUES (1)",
		"PRAGMA wal_checkpoint(TRUNCATE)",
		"INSERT INTO t VALUES (2)",
		"INSERT INTO t VALUES (3)",
	} {
		if _, err := w.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM t").Scan(&n); err != nil || n != 3 {
		t.Fatalf("read %d rows, %v; want 3", n, err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (4)"); err == nil {
		t.Error("a write succeeded on a read-only connection")
	}
}
