package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportPartnerWorkspace imports a Corridor workspace from a partner:
// its annotation layer comes in as "other" with a warning on standard
// error (exit 0), and as annotation only with --file-kinds.
func TestImportPartnerWorkspace(t *testing.T) {
	dir := t.TempDir()
	partner := filepath.Join(dir, "partner.gpkg")
	if code, _, stderr := run(t, "new", partner, "--demo"); code != 0 {
		t.Fatalf("new --demo: exit %d: %s", code, stderr)
	}
	kinds := func(ws string) map[string]string {
		code, stdout, stderr := run(t, "layers", ws, "--json")
		if code != 0 {
			t.Fatalf("layers: exit %d: %s", code, stderr)
		}
		var layers []layerJSON
		if err := json.Unmarshal([]byte(stdout), &layers); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, l := range layers {
			out[l.Name] = l.Kind
		}
		return out
	}
	for _, c := range []struct {
		flags []string
		want  string
	}{{nil, "other"}, {[]string{"--file-kinds"}, "annotation"}} {
		ws := filepath.Join(t.TempDir(), "ws.gpkg")
		if code, _, stderr := run(t, "new", ws); code != 0 {
			t.Fatalf("new: exit %d: %s", code, stderr)
		}
		code, stdout, stderr := run(t, append([]string{"import", ws, partner}, c.flags...)...)
		if code != 0 || !strings.Contains(stdout, `into "Annotations"`) {
			t.Fatalf("import %v: exit %d: %s%s", c.flags, code, stdout, stderr)
		}
		warned := strings.Contains(stderr, `corridor: warning: partner.gpkg: layer "Annotations": the file gives it the kind annotation; imported as other`)
		if got := kinds(ws)["Annotations"]; got != c.want || warned != (c.flags == nil) {
			t.Errorf("import %v: kind %s; stderr:\n%s", c.flags, got, stderr)
		}
	}
}

// TestNoEscapeSequencesReachTheTerminal checks that an error naming a file
// and a partner workspace's title, both holding escape sequences, are
// printed escaped.
func TestNoEscapeSequencesReachTheTerminal(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "partner.gpkg")
	if code, _, stderr := run(t, "new", ws); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	raw := func(s string) bool { return strings.ContainsAny(s, "\x1b\u202e") }
	code, stdout, stderr := run(t, "import", ws, filepath.Join(dir, "\x1b]0;owned\x07\u202e.geojson"))
	if code != 1 || raw(stdout+stderr) || !strings.Contains(stderr, `\x1b]0;owned\a\u202e.geojson`) {
		t.Errorf("import: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	src := filepath.Join(dir, "p.geojson")
	os.WriteFile(src, []byte(`{"type":"Point","coordinates":[1,2]}`), 0o644)
	if code, _, stderr := run(t, "import", ws, src); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	db, err := sql.Open("sqlite3", ws)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec("UPDATE corridor_layers SET title = char(27) || '[2J' || char(8238) || 'Suspected routes'")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, "layers", ws)
	if raw(stdout+stderr) || !strings.Contains(stdout, `\x1b[2J\u202eSuspected routes`) {
		t.Errorf("layers: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// an unknown kind leaves the layer out with a warning, escaped too
	_, err = db.Exec("UPDATE corridor_layers SET kind = char(27) || ']0;x' || char(7)")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, "layers", ws)
	if raw(stdout+stderr) || !strings.Contains(stderr, `\x1b]0;x\a`) {
		t.Errorf("layers: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
