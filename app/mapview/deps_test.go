package mapview

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLinksNoSQL: the map widget names no workspace type, so neither
// database/sql nor a SQLite driver is linked into it.
func TestLinksNoSQL(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(strings.ToLower(dep), "sql") {
			t.Errorf("app/mapview depends on %s", dep)
		}
	}
}
