package store

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/feature"
)

// TestOpenRefusesBadFiles checks every bad-input case: one clear reason, and
// the file untouched (no byte changed, no -wal/-shm created, nothing created
// for a missing file).
func TestOpenRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plainSQLite := filepath.Join(dir, "plain.sqlite")
	db, err := sql.Open("sqlite3", plainSQLite)
	if err == nil {
		_, err = db.Exec(`CREATE TABLE t(x); INSERT INTO t VALUES (1)`)
		db.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	foreignGpkg := filepath.Join(dir, "foreign.gpkg")
	if err := initFile(foreignGpkg, Options{}, "foreign.gpkg"); err != nil {
		t.Fatal(err)
	}
	fdb, _ := sql.Open(leanDriverName, foreignGpkg)
	fdb.Exec(`PRAGMA journal_mode=DELETE`)
	fdb.Exec(`DROP TABLE corridor_layers`)
	fdb.Close()

	newer := filepath.Join(dir, "newer.gpkg")
	w, err := Create(newer, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.DB().Exec(`UPDATE corridor_meta SET value = '99' WHERE key = 'schema_version'`)
	w.Close()

	good := filepath.Join(dir, "good.gpkg")
	w, err = Create(good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		l, _ := w.CreateLayer(context.Background(), LayerSpec{Title: "L" + string(rune('a'+i)), Kind: feature.KindRoute})
		for j := 0; j < 200; j++ {
			w.AddFeature(context.Background(), l.Table, &feature.Feature{Name: strings.Repeat("x", 200), Geometry: line(0, 0, float64(j), 1)})
		}
	}
	w.Close()
	goodBytes, _ := os.ReadFile(good)
	truncated := write("truncated.gpkg", goodBytes[:len(goodBytes)/2])
	garbled := append([]byte(nil), goodBytes...)
	for i := 4096; i < len(garbled); i++ {
		garbled[i] ^= 0x5A
	}
	corrupt := write("corrupt.gpkg", garbled)

	cases := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "missing.gpkg"), "no such file"},
		{"directory", dir, "is a directory"},
		{"empty", write("empty.gpkg", nil), "not a GeoPackage"},
		{"text", write("notes.gpkg", []byte("these are my notes, not a map\n")), "not a GeoPackage: not an SQLite database"},
		{"plain sqlite", plainSQLite, "not a GeoPackage"},
		{"foreign geopackage", foreignGpkg, "not a Corridor workspace"},
		{"newer corridor", newer, "written by a newer Corridor"},
		{"truncated", truncated, "corrupt"},
		{"corrupt", corrupt, "corrupt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(c.path)
			w, err := Open(c.path, Options{})
			if err == nil {
				w.Close()
				t.Fatalf("opened %s", c.path)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.path+": ") || !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Fatalf("message %q: want %q after the path", msg, c.want)
			}
			after, _ := os.ReadFile(c.path)
			if string(before) != string(after) {
				t.Fatal("the refused file was changed")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(c.path + suffix); err == nil {
					t.Fatalf("%s%s was created", c.path, suffix)
				}
			}
			if c.name == "missing" {
				if _, err := os.Stat(c.path); err == nil {
					t.Fatal("opening a missing workspace created it")
				}
			}
		})
	}
}

func TestReadOnlyWorkspaceOpensReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores file permissions; simulate the user's view with the option.
		t.Log("running as root: checking the ReadOnly option instead of file modes")
	}
	ctx := context.Background()
	w, path := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Ports", Kind: feature.KindPort})
	w.Close()
	os.Chmod(path, 0o444)
	defer os.Chmod(path, 0o644)
	ro, err := Open(path, Options{ReadOnly: os.Geteuid() == 0})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Fatal("a read-only file opened read-write")
	}
	if _, err := ro.Layers(ctx); err != nil {
		t.Fatal(err)
	}
	err = ro.AddFeature(ctx, l.Table, &feature.Feature{Geometry: line(0, 0, 1, 1)})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("write to read-only workspace: %v", err)
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	_, path := newWorkspace(t)
	if _, err := Create(path, Options{}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("create over an existing file: %v", err)
	}
}

// TestCrashMidWriteLeavesFileConsistent kills a child process in the middle
// of a big write transaction, then checks that the workspace opens, passes
// SQLite's integrity check, and holds exactly what was committed before.
func TestCrashMidWriteLeavesFileConsistent(t *testing.T) {
	if os.Getenv("CORRIDOR_CRASH_CHILD") != "" {
		crashChild(os.Getenv("CORRIDOR_CRASH_CHILD"))
		return
	}
	ctx := context.Background()
	w, path := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	for i := 0; i < 10; i++ {
		if err := w.AddFeature(ctx, l.Table, &feature.Feature{Geometry: line(0, 0, float64(i), 1)}); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCrashMidWriteLeavesFileConsistent$")
	cmd.Env = append(os.Environ(), "CORRIDOR_CRASH_CHILD="+path)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "about to crash") {
		t.Fatalf("child did not crash mid-write: %v\n%s", err, out)
	}
	w, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var check string
	if err := w.DB().QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check %q %v", check, err)
	}
	got, err := w.Layer(ctx, "Routes")
	if err != nil {
		t.Fatal(err)
	}
	if got.Features != 10 {
		t.Fatalf("after the crash the layer has %d features, want the 10 committed", got.Features)
	}
	var idx int
	w.DB().QueryRow(`SELECT count(*) FROM ` + quoteIdent(rtreeName(got.Table))).Scan(&idx)
	if idx != 10 {
		t.Fatalf("R*Tree has %d rows, want 10", idx)
	}
}

// crashChild starts a bulk write and exits the process abruptly halfway.
func crashChild(path string) {
	w, err := Open(path, Options{})
	if err != nil {
		os.Exit(3)
	}
	_ = w.Bulk(context.Background(), func(b *Batch) error {
		for i := 0; i < 5000; i++ {
			if err := b.Add("routes", &feature.Feature{Geometry: line(0, 0, float64(i%360), 2)}); err != nil {
				os.Exit(4)
			}
			if i == 2500 {
				os.Stdout.WriteString("about to crash\n")
				os.Exit(7) // no rollback, no close: as if the power went
			}
		}
		return nil
	})
	os.Exit(5)
}

// TestReadOnlyOpenMapsFile checks that a lean read-only open reads the file
// through a memory map and that a writable open does not.
func TestReadOnlyOpenMapsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.gpkg")
	w, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	mmapSize := func(opts Options) int64 {
		t.Helper()
		w, err := Open(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		var n int64
		if err := w.db.QueryRow(`PRAGMA mmap_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := mmapSize(Options{ReadOnly: true}); n != readerMmapBytes {
		t.Errorf("read-only open: mmap_size %d, want %d", n, readerMmapBytes)
	}
	if n := mmapSize(Options{}); n != 0 {
		t.Errorf("writable open: mmap_size %d, want 0", n)
	}
}
