package sqlfeature

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestOpenAwkwardPath(t *testing.T) {
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 is not installed")
	}
	dir := filepath.Join(t.TempDir(), "a dir#1 ?x=%41&y")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "db?.sqlite")
	if out, err := exec.Command(sqlite, path, "CREATE TABLE t(a); INSERT INTO t VALUES (42);").CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var a int
	if err := db.QueryRowContext(context.Background(), "SELECT a FROM t").Scan(&a); err != nil || a != 42 {
		t.Fatalf("read %d, %v", a, err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (1)"); err == nil {
		t.Error("a write succeeded on a read-only connection")
	}
	if _, err := os.Stat(filepath.Join(dir, "other.sqlite")); !errors.Is(err, os.ErrNotExist) {
		t.Error("stray file")
	}
	if _, err := Open(filepath.Join(dir, "missing.sqlite")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
