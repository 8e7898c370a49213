package cli

import (
	"encoding/json"
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
