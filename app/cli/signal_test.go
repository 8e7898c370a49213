//go:build unix

package cli

import (
	"bufio"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestTerminateExport checks that SIGTERM in the middle of an export
// cancels it like Ctrl-C: exit 1 with "cancelled", no output and no
// temporary file left.
func TestTerminateExport(t *testing.T) {
	// the test's own handler keeps a late signal from killing the test
	keep := make(chan os.Signal, 1)
	signal.Notify(keep, syscall.SIGTERM)
	defer signal.Stop(keep)

	dir := t.TempDir()
	src := filepath.Join(dir, "points.geojson")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	b := bufio.NewWriter(f)
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < 100000; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(b, `{"type":"Feature","properties":{"name":"p%d","note":"%s"},"geometry":{"type":"Point","coordinates":[%.5f,%.5f]}}`,
			i, strings.Repeat("x", 200), -80+float64(i%1000)/100, 10+float64(i/1000)/100)
	}
	b.WriteString("]}\n")
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ws := filepath.Join(dir, "ws.gpkg")
	run(t, "new", ws)
	if code, _, stderr := run(t, "import", ws, src); code != 0 {
		t.Fatalf("import: %s", stderr)
	}

	out := filepath.Join(dir, "out", "points.geojson")
	os.Mkdir(filepath.Dir(out), 0o755)
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := run(t, "export", ws, out)
		done <- result{code, stderr}
	}()
	// wait for the export's temporary file, then terminate
	deadline := time.Now().Add(30 * time.Second)
	for {
		entries, _ := os.ReadDir(filepath.Dir(out))
		if len(entries) > 0 {
			break
		}
		select {
		case r := <-done:
			t.Skipf("the export ended (exit %d) before it could be interrupted", r.code)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no temporary file in 30 s")
		}
		time.Sleep(time.Millisecond)
	}
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	r := <-done // 100,000 features: far from written when the signal comes
	if r.code != 1 || !strings.Contains(r.stderr, "cancelled") || !strings.Contains(r.stderr, out) {
		t.Fatalf("exit %d, %q; want 1 naming %s, cancelled", r.code, r.stderr, out)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}
