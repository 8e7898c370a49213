package store

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corridor/data/feature"
)

// copySchema1 copies the schema version 1 fixture (written by the Corridor
// of commit 6e6cbb4, see testdata/genv1) to a scratch file.
func copySchema1(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "schema1.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.gpkg")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func notNull(t *testing.T, w *Workspace, table, col string) bool {
	t.Helper()
	var n int
	if err := w.DB().QueryRow(`SELECT "notnull" FROM pragma_table_info(?) WHERE name = ?`, table, col).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// TestReadOnlyOpenKeepsSchema1 checks that a read-only open neither
// upgrades an old workspace nor fails on it.
func TestReadOnlyOpenKeepsSchema1(t *testing.T) {
	ctx := context.Background()
	path := copySchema1(t)
	w, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if v, _ := w.Meta(ctx, "schema_version"); v != "1" {
		t.Fatalf("schema_version %q after a read-only open", v)
	}
	ls, err := w.Layers(ctx)
	if err != nil || len(ls) != 2 {
		t.Fatalf("layers %d %v", len(ls), err)
	}
	n := 0
	if err := w.Query(ctx, "routes", Bounds{-180, -90, 180, 90}, func(*feature.Feature) error { n++; return nil }); err != nil || n != 3 {
		t.Fatalf("query: %d %v", n, err)
	}
	cs, err := w.Changesets(ctx)
	if err != nil || len(cs) != 9 {
		t.Fatalf("changesets of an old journal: %d %v", len(cs), err)
	}
	if _, err := w.Undo(ctx); err == nil {
		t.Fatal("undo on a read-only workspace")
	}
}

// TestUpgradeSchema1 opens an old workspace writable: it is upgraded in
// place, keeping fids, the fid sequence, a column a user added, the R*Tree
// and the registrations; uuid and version take NULL; z says what it holds;
// the old journal reads as changesets and can be undone.
func TestUpgradeSchema1(t *testing.T) {
	ctx := context.Background()
	path := copySchema1(t)
	w, err := Open(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if v, _ := w.Meta(ctx, "schema_version"); v != "2" {
		t.Fatalf("schema_version %q after upgrade", v)
	}
	for _, tbl := range []string{"routes", "seizures"} {
		if notNull(t, w, tbl, "uuid") || notNull(t, w, tbl, "version") {
			t.Errorf("%s: uuid or version still NOT NULL", tbl)
		}
		var n int
		w.DB().QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`, tbl).Scan(&n)
		if n != 9 {
			t.Errorf("%s: %d triggers, want 6 R*Tree + 3 journal", tbl, n)
		}
	}
	rows, err := w.DB().Query(`SELECT fid, name, version, coalesce(surveyed_by, '') FROM routes ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var fid, version int
		var name, by string
		rows.Scan(&fid, &name, &version, &by)
		got = append(got, strings.TrimSpace(strings.Join([]string{itoa(fid), name, itoa(version), by}, " ")))
	}
	rows.Close()
	if want := "1 r1 1 team a|2 r2 edited 2|3 r3 1"; strings.Join(got, "|") != want {
		t.Fatalf("routes after upgrade %q, want %q", strings.Join(got, "|"), want)
	}
	var seq int
	w.DB().QueryRow(`SELECT seq FROM sqlite_sequence WHERE name = 'routes'`).Scan(&seq)
	if seq != 4 {
		t.Errorf("fid sequence %d, want 4 (a deleted fid is never reused)", seq)
	}
	var found []string
	if err := w.Query(ctx, "routes", Bounds{3.5, 3.5, 5.5, 5.5}, func(f *feature.Feature) error { found = append(found, f.Name); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(found, ",") != "r3" {
		t.Errorf("R*Tree query after upgrade: %q", found)
	}
	var zr, zs int
	w.DB().QueryRow(`SELECT z FROM gpkg_geometry_columns WHERE table_name = 'routes'`).Scan(&zr)
	w.DB().QueryRow(`SELECT z FROM gpkg_geometry_columns WHERE table_name = 'seizures'`).Scan(&zs)
	if zr != 0 || zs != 1 {
		t.Errorf("z: routes %d (want 0), seizures %d (want 1: a 3D point)", zr, zs)
	}
	// An insert by another client (no flag row) now gets a uuid and a version.
	if _, err := w.DB().Exec(`INSERT INTO routes (name) VALUES ('from outside')`); err != nil {
		t.Fatal(err)
	}
	var id string
	var version int
	w.DB().QueryRow(`SELECT uuid, version FROM routes WHERE name = 'from outside'`).Scan(&id, &version)
	if !uuidV4.MatchString(id) || version != 1 {
		t.Fatalf("outside insert after upgrade: uuid %q version %d", id, version)
	}
	// Undo walks the outside insert, then the old journal's last edit.
	for _, want := range []string{"Undo Edit outside Corridor (insert)", "Undo Add feature"} {
		cs, err := w.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cs.Label != want {
			t.Fatalf("undid %q, want %q", cs.Label, want)
		}
	}
	var n int
	w.DB().QueryRow(`SELECT count(*) FROM seizures`).Scan(&n)
	if n != 0 {
		t.Fatalf("seizures after undoing its insert: %d", n)
	}
	w.Close()
	ogrinfoAgrees(t, path, map[string]int{"Routes": 3, "Seizures": 0})
	// Opening again changes nothing.
	w2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w2.Close()
}

func itoa(i int) string { return strconv.Itoa(i) }
