package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputInMissingFolder checks that an output file in a folder that does
// not exist fails with one line naming the file the user gave (not the
// temporary file it is written through), and leaves nothing behind.
func TestOutputInMissingFolder(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.gpkg")
	if code, _, stderr := run(t, "new", ws); code != 0 {
		t.Fatal(stderr)
	}
	src := filepath.Join(dir, "p.geojson")
	os.WriteFile(src, []byte(`{"type":"Point","coordinates":[1,2]}`), 0o644)
	if code, _, stderr := run(t, "import", ws, src); code != 0 {
		t.Fatal(stderr)
	}
	for _, out := range []string{
		filepath.Join(dir, "nodir", "out.geojson"),
		filepath.Join(dir, "nodir", "out.gpkg"),
		filepath.Join(dir, "nodir", "out.png"),
	} {
		cmd := "export"
		if strings.HasSuffix(out, ".png") {
			cmd = "map"
		}
		code, _, stderr := run(t, cmd, ws, out)
		want := "corridor: " + out + ": no such file or directory\n"
		if code != 1 || stderr != want {
			t.Errorf("%s %s: exit %d, stderr %q; want exit 1, %q", cmd, out, code, stderr, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}
