package transfer

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteAtomic checks that out appears whole or not at all: written
// when new, replaced when it exists, left as it was when writing fails,
// and that no temporary file is ever left behind.
func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "map.png")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	check := func(want string) {
		t.Helper()
		got, err := os.ReadFile(out)
		if err != nil || string(got) != want {
			t.Fatalf("out = %q, %v; want %q", got, err, want)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("folder holds %v, want only map.png", names)
		}
	}
	if err := WriteAtomic(out, write("first")); err != nil {
		t.Fatal(err)
	}
	check("first")
	if err := WriteAtomic(out, write("second, longer")); err != nil {
		t.Fatal(err)
	}
	check("second, longer")
	boom := errors.New("disk on fire")
	err := WriteAtomic(out, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), out) {
		t.Fatalf("failed write: err = %v, want it to wrap the cause and name %s", err, out)
	}
	check("second, longer")
	// a folder in the way: refused, nothing left behind
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(sub, write("x")); err == nil || err.Error() != sub+": is a directory" {
		t.Fatalf("writing over a folder: %v; want %q", err, sub+": is a directory")
	}
	if st, err := os.Stat(sub); err != nil || !st.IsDir() {
		t.Fatalf("the folder was replaced: %v", err)
	}
	os.Remove(sub)
	check("second, longer")
}
