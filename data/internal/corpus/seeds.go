package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Seeds returns, for seeding a fuzz test, the contents of the corpus files
// matching the slash-separated patterns (none when the corpus is absent)
// followed by those of the files matching local, a pattern relative to the
// package folder. It fails the test on a file it cannot read.
func Seeds(tb testing.TB, local string, patterns ...string) [][]byte {
	tb.Helper()
	paths := Glob(patterns...)
	own, err := filepath.Glob(filepath.FromSlash(local))
	if err != nil {
		tb.Fatalf("seed pattern %q: %v", local, err)
	}
	var out [][]byte
	for _, p := range append(paths, own...) {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}
