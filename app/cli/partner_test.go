package cli

import (
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// partnerWorkspace makes a demo-free workspace with one imported layer and
// alters it with plain SQLite.
func partnerWorkspace(t *testing.T, stmts ...string) string {
	t.Helper()
	dir := t.TempDir()
	ws := filepath.Join(dir, "partner.gpkg")
	src := filepath.Join(dir, "routes.geojson")
	os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"a"},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`), 0o644)
	if code, _, stderr := run(t, "new", ws); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := run(t, "import", ws, src, "--layer", "Routes"); code != 0 {
		t.Fatal(stderr)
	}
	db, err := sql.Open("sqlite3", ws)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return ws
}

// TestCommandsRefuseHostileWorkspace: layers, import, export and map all
// refuse a workspace whose schema would run the partner's SQL, quickly,
// with exit 1, a message naming the file and the object, and the file
// unchanged.
func TestCommandsRefuseHostileWorkspace(t *testing.T) {
	ws := partnerWorkspace(t,
		`DROP TABLE corridor_layers`,
		`CREATE VIEW corridor_layers AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 't' AS table_name FROM c WHERE x < 0`,
	)
	b, _ := os.ReadFile(ws)
	before := sha256.Sum256(b)
	dir := t.TempDir()
	src := filepath.Join(dir, "p.geojson")
	os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[]}`), 0o644)
	for _, args := range [][]string{
		{"layers", ws},
		{"import", ws, src},
		{"export", ws, filepath.Join(dir, "out.geojson")},
		{"map", ws, filepath.Join(dir, "out.png")},
	} {
		start := time.Now()
		code, _, stderr := run(t, args...)
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%s: took %v", args[0], took)
		}
		if code != 1 || !strings.Contains(stderr, ws) || !strings.Contains(stderr, `view "corridor_layers"`) || !strings.Contains(stderr, "corridor new clean.gpkg") {
			t.Errorf("%s: exit %d, %s", args[0], code, stderr)
		}
	}
	b, _ = os.ReadFile(ws)
	if sha256.Sum256(b) != before {
		t.Error("the refused workspace changed")
	}
}

// TestCommandsWarnAboutBadCatalogueValues: bounds of 'abc' and -Inf cost
// the layer's bounds and a warning, not the command.
func TestCommandsWarnAboutBadCatalogueValues(t *testing.T) {
	ws := partnerWorkspace(t, `UPDATE gpkg_contents SET min_x = 'abc', max_y = -1e999 WHERE data_type = 'features'`)
	code, stdout, stderr := run(t, "layers", ws, "--json")
	if code != 0 || !strings.Contains(stderr, "corridor: warning: "+ws) || !strings.Contains(stderr, "bounds") {
		t.Fatalf("layers: exit %d: %s", code, stderr)
	}
	var ls []layerJSON
	if err := json.Unmarshal([]byte(stdout), &ls); err != nil || len(ls) != 1 || ls[0].BBox != nil {
		t.Errorf("layers --json: %v %s", err, stdout)
	}
	dir := t.TempDir()
	if code, _, stderr := run(t, "map", ws, filepath.Join(dir, "m.png"), "--size", "200x100"); code != 0 || !strings.Contains(stderr, "warning") {
		t.Errorf("map: exit %d: %s", code, stderr)
	}
	src := filepath.Join(dir, "p.geojson")
	os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}`), 0o644)
	if code, _, stderr := run(t, "import", ws, src); code != 0 || !strings.Contains(stderr, "warning") {
		t.Errorf("import: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "export", ws, filepath.Join(dir, "o.geojson"), "--authors", "strip"); code != 0 {
		t.Errorf("export: exit %d: %s", code, stderr)
	}
	if code, _, _ := run(t, "export", ws, filepath.Join(dir, "o2.geojson"), "--authors", "all"); code != 2 {
		t.Errorf("export --authors all: exit %d, want 2", code)
	}
}

// TestCommandsWarnAboutBadStyle: a corrupt style JSON costs that layer its
// style (the kind's default is used) and a warning.
func TestCommandsWarnAboutBadStyle(t *testing.T) {
	ws := partnerWorkspace(t, `UPDATE corridor_layers SET style = '{"stroke": [1, 2'`)
	dir := t.TempDir()
	if code, _, stderr := run(t, "map", ws, filepath.Join(dir, "m.png"), "--size", "200x100"); code != 0 || !strings.Contains(stderr, "corridor: warning: "+ws) {
		t.Errorf("map: exit %d: %s", code, stderr)
	}
	for _, out := range []string{"o.geojson", "o.kml", "o.gpkg"} {
		if code, _, stderr := run(t, "export", ws, filepath.Join(dir, out)); code != 0 {
			t.Errorf("export %s: exit %d: %s", out, code, stderr)
		}
	}
	if code, _, stderr := run(t, "layers", ws); code != 0 {
		t.Errorf("layers: exit %d: %s", code, stderr)
	}
}
