package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/formats"
)

// TestUsageListsFormats checks that the usage lines of import and export,
// made from the format registry, name every registered extension, and that
// an unknown extension's error names them too.
func TestUsageListsFormats(t *testing.T) {
	var out bytes.Buffer
	if code := Run([]string{"--help"}, Env{Stdout: &out, Stderr: &out}); code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "corridor" {
			lines[f[1]] = l
		}
	}
	for cmd, a := range map[string]formats.Abilities{"import": formats.CanRead, "export": formats.CanWrite} {
		exts := formats.Extensions(a)
		if len(exts) < 5 {
			t.Fatalf("%s: only %v registered", cmd, exts)
		}
		for _, e := range exts {
			if !strings.Contains(lines[cmd], strings.TrimPrefix(e, ".")+",") && !strings.Contains(lines[cmd], strings.TrimPrefix(e, ".")+"}") {
				t.Errorf("usage of %s does not name %s: %q", cmd, e, lines[cmd])
			}
		}
	}
	dir := t.TempDir()
	ws := filepath.Join(dir, "w.gpkg")
	if code := Run([]string{"new", ws}, Env{Stdout: &out, Stderr: &out}); code != 0 {
		t.Fatalf("new: %s", out.String())
	}
	for _, tc := range []struct {
		args []string
		a    formats.Abilities
	}{
		{[]string{"import", ws, filepath.Join(dir, "routes.shp")}, formats.CanRead},
		{[]string{"export", ws, filepath.Join(dir, "routes.shp")}, formats.CanWrite},
	} {
		var stderr bytes.Buffer
		Run(tc.args, Env{Stdout: &out, Stderr: &stderr})
		for _, e := range formats.Extensions(tc.a) {
			if !strings.Contains(stderr.String(), e) {
				t.Errorf("%s of a .shp: the error does not name %s: %s", tc.args[0], e, stderr.String())
			}
		}
	}
}
