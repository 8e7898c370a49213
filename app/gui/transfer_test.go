package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// queue stands for the UI goroutine in tests: work handed over with do
// runs when the test calls next.
type queue chan func()

func (q queue) do(f func()) { q <- f }

// drain runs the work handed over so far.
func (q queue) drain() {
	for {
		select {
		case f := <-q:
			f()
		default:
			return
		}
	}
}

// settle lets the opens, the session's writes and their notices, and the
// map's renders finish, running the notices on the test's goroutine.
func settle(u *ui, q queue) {
	for {
		u.waitOpen()
		if u.sess != nil {
			u.sess.Wait()
		}
		u.m.Wait()
		if len(q) == 0 {
			return
		}
		q.drain()
	}
}

// testUI is a window whose background work (opens, writes, renders) hands
// its results to q, run on the test's goroutine by settle and until.
func testUI(t *testing.T) (*ui, queue) {
	t.Helper()
	a := test.NewTempApp(t)
	u := newUI(a)
	q := make(queue, 1000)
	u.do = q.do
	u.m.SetDo(q.do)
	t.Cleanup(func() {
		settle(u, q)
		u.closeWorkspace()
	})
	return u, q
}

// until runs handed-over work until cond holds.
func (q queue) until(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for !cond() {
		select {
		case f := <-q:
			f()
		case <-deadline:
			t.Fatal("timed out")
		}
	}
}

const testGeoJSON = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Dock A"},"geometry":{"type":"Point","coordinates":[-79.9,9.35]}},
{"type":"Feature","properties":{"name":"Dock B"},"geometry":{"type":"Point","coordinates":[-79.5,8.95]}}]}`

func TestImportAndExport(t *testing.T) {
	u, q := testUI(t)
	ws := panelWorkspace(t)
	path := ws.Path()
	ws.Close()
	u.open(path)
	settle(u, q)

	dir := t.TempDir()
	in := filepath.Join(dir, "docks.geojson")
	if err := os.WriteFile(in, []byte(testGeoJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	u.importFiles([]string{in})
	u.m.Wait() // renders land before the next step (the test driver runs fyne.Do inline)
	q.until(t, func() bool { return strings.HasPrefix(u.status.msg.Text, "Import") })
	if !strings.Contains(u.status.msg.Text, "Imported 2 features") || strings.Contains(u.status.msg.Text, "without a geometry") {
		t.Fatalf("status %q", u.status.msg.Text)
	}
	if len(u.layers.rows) != 4 {
		t.Fatalf("layer panel has %d rows after import", len(u.layers.rows))
	}
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("a dialog is still shown: %s", test.RenderObjectToMarkup(o))
	}

	// a bad file: an error dialog, the workspace unchanged
	bad := filepath.Join(dir, "bad.geojson")
	os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[{`), 0o644)
	u.importFiles([]string{bad})
	u.m.Wait() // renders land before the next step (the test driver runs fyne.Do inline)
	q.until(t, func() bool {
		return u.win.Canvas().Overlays().Top() != nil && !strings.Contains(test.RenderObjectToMarkup(u.win.Canvas().Overlays().Top()), "Reading")
	})
	if !strings.Contains(test.RenderObjectToMarkup(u.win.Canvas().Overlays().Top()), "Error") {
		t.Fatal("no error dialog for a bad file")
	}
	u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	if len(u.sess.Layers().StoreLayers()) != 4 {
		t.Fatal("a failed import changed the layers")
	}

	// a feature without a geometry is kept, and the status says so
	nogeom := filepath.Join(dir, "sightings.geojson")
	os.WriteFile(nogeom, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":null}]}`), 0o644)
	u.status.message("")
	u.importFiles([]string{nogeom})
	u.m.Wait()
	q.until(t, func() bool { return strings.HasPrefix(u.status.msg.Text, "Import") })
	if want := "Imported 1 feature into sightings (1 without a geometry: kept, not drawn)"; u.status.msg.Text != want {
		t.Fatalf("status %q, want %q", u.status.msg.Text, want)
	}

	out := filepath.Join(dir, "out.geojson")
	u.export(out, "docks")
	u.m.Wait() // renders land before the next step (the test driver runs fyne.Do inline)
	q.until(t, func() bool { return strings.HasPrefix(u.status.msg.Text, "Export") })
	if !strings.Contains(u.status.msg.Text, "Exported 2 features") {
		t.Fatalf("status %q", u.status.msg.Text)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "Dock B") {
		t.Fatalf("export wrote %q, %v", b, err)
	}
}
