package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func historyJSON(t *testing.T, ws string) []changesetJSON {
	t.Helper()
	code, stdout, stderr := run(t, "history", ws, "--json")
	if code != 0 {
		t.Fatalf("history: exit %d: %s", code, stderr)
	}
	var cs []changesetJSON
	if err := json.Unmarshal([]byte(stdout), &cs); err != nil {
		t.Fatalf("history --json: %v\n%s", err, stdout)
	}
	return cs
}

// row reads one feature's name and version with a plain SQLite connection.
func row(t *testing.T, ws, id string) (name string, version int, ok bool) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+ws+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.QueryRow(`SELECT name, version FROM routes WHERE uuid = ?`, id).Scan(&name, &version)
	if err == sql.ErrNoRows {
		return "", 0, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return name, version, true
}

// TestHistoryUndoRedoCommands imports a file, edits the workspace with
// sqlite3 and GDAL, and walks the journal with `corridor history`, `undo`
// and `redo`: versions only grow, and a redo an outside edit has overtaken
// is refused with exit 1.
func TestHistoryUndoRedoCommands(t *testing.T) {
	for _, tool := range []string{"sqlite3", "ogrinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.gpkg")
	if code, _, stderr := run(t, "new", ws); code != 0 {
		t.Fatalf("new: %s", stderr)
	}
	src := filepath.Join(dir, "routes.geojson")
	if err := os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"a"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
{"type":"Feature","properties":{"name":"b"},"geometry":{"type":"LineString","coordinates":[[2,2],[3,3]]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "import", ws, src, "--layer", "Routes"); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	cs := historyJSON(t, ws)
	if len(cs) != 1 || cs[0].Label != "Import routes.geojson" || cs[0].Inserted != 2 || cs[0].LayerChanges != 1 {
		t.Fatalf("history after import: %+v", cs)
	}
	var id string
	out, err := exec.Command("sqlite3", ws, "SELECT uuid FROM routes WHERE name = 'a'").Output()
	if err != nil {
		t.Fatal(err)
	}
	id = strings.TrimSpace(string(out))
	// A delete with the sqlite3 command (no ST_ function needed).
	if out, err := exec.Command("sqlite3", ws, "DELETE FROM routes WHERE name = 'a'").CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}
	cs = historyJSON(t, ws)
	last := cs[len(cs)-1]
	if last.Label != "Edit outside Corridor (delete)" || last.Deleted != 1 || last.Author != "unknown" || last.State != "done" {
		t.Fatalf("outside delete in history: %+v", last)
	}
	code, stdout, stderr := run(t, "undo", ws)
	if code != 0 || !strings.HasPrefix(stdout, "Undo Edit outside Corridor (delete)") {
		t.Fatalf("undo: exit %d: %s%s", code, stdout, stderr)
	}
	if name, v, ok := row(t, ws, id); !ok || name != "a" || v != 2 {
		t.Fatalf("after undo: %q version %d present %v", name, v, ok)
	}
	// GDAL renames it: the delete's redo is overtaken.
	if out, err := exec.Command("ogrinfo", ws, "-dialect", "SQLite", "-sql", "UPDATE routes SET name = 'a2' WHERE name = 'a'").CombinedOutput(); err != nil {
		t.Fatalf("ogrinfo: %v %s", err, out)
	}
	code, _, stderr = run(t, "redo", ws)
	if code != 1 || !strings.HasPrefix(stderr, "corridor: "+ws+": ") || !strings.Contains(stderr, "conflict") ||
		!strings.Contains(stderr, id) || !strings.Contains(stderr, "expected version 2, found version 3") {
		t.Fatalf("redo over an outside edit: exit %d: %s", code, stderr)
	}
	if name, v, _ := row(t, ws, id); name != "a2" || v != 3 {
		t.Fatalf("a refused redo changed the row: %q version %d", name, v)
	}
	// Undo the rename (version 4), then the import; redo the import.
	if code, stdout, stderr = run(t, "undo", ws); code != 0 || !strings.HasPrefix(stdout, "Undo Edit outside Corridor (update)") {
		t.Fatalf("undo: exit %d: %s%s", code, stdout, stderr)
	}
	if name, v, _ := row(t, ws, id); name != "a" || v != 4 {
		t.Fatalf("after undoing the rename: %q version %d", name, v)
	}
	if code, stdout, stderr = run(t, "undo", ws); code != 0 || !strings.HasPrefix(stdout, "Undo Import routes.geojson") {
		t.Fatalf("undo import: exit %d: %s%s", code, stdout, stderr)
	}
	if code, _, _ := run(t, "layers", ws, "--json"); code != 0 {
		t.Fatal("layers after undoing the import")
	}
	if code, stdout, stderr = run(t, "redo", ws); code != 0 || !strings.HasPrefix(stdout, "Redo Import routes.geojson") {
		t.Fatalf("redo import: exit %d: %s%s", code, stdout, stderr)
	}
	if name, v, ok := row(t, ws, id); !ok || name != "a" || v != 5 {
		t.Fatalf("after redoing the import: %q version %d present %v", name, v, ok)
	}
	if code, _, stderr = run(t, "undo"); code != 2 || !strings.Contains(stderr, "usage: corridor undo WORKSPACE") {
		t.Fatalf("undo without a workspace: exit %d: %s", code, stderr)
	}
	code, stdout, _ = run(t, "history", ws)
	if code != 0 || !strings.Contains(stdout, "LABEL") || !strings.Contains(stdout, "Redo Import routes.geojson") {
		t.Fatalf("history table:\n%s", stdout)
	}
}

// TestUndoNothing: an empty journal is a failure with the usual message.
func TestUndoNothing(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.gpkg")
	if code, _, stderr := run(t, "new", ws); code != 0 {
		t.Fatalf("new: %s", stderr)
	}
	code, _, stderr := run(t, "undo", ws)
	if code != 1 || stderr != "corridor: "+ws+": nothing to undo\n" {
		t.Fatalf("undo: exit %d: %q", code, stderr)
	}
	code, _, stderr = run(t, "redo", ws)
	if code != 1 || stderr != "corridor: "+ws+": nothing to redo\n" {
		t.Fatalf("redo: exit %d: %q", code, stderr)
	}
}
