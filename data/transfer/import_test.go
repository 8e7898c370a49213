package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"corridor/data/store"
)

// TestLongFolderPathTitle checks that a layer named after a deep KML folder
// path keeps the end of the path, within store.MaxTitleLength characters.
func TestLongFolderPathTitle(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`<kml xmlns="http://www.opengis.net/kml/2.2"><Document>`)
	for i := range 60 { // within kml.MaxNesting
		fmt.Fprintf(&b, "<Folder><name>Folder\n number %d</name>", i)
	}
	b.WriteString(`<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark>`)
	b.WriteString(strings.Repeat("</Folder>", 60) + "</Document></kml>")
	src := filepath.Join(dir, "deep.kml")
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	w := newWorkspace(t, dir)
	res, err := Import(context.Background(), w, src, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	title := res.Order[0]
	if n := utf8.RuneCountInString(title); n > store.MaxTitleLength || n < store.MaxTitleLength-1 || !strings.HasPrefix(title, "...") || !strings.HasSuffix(title, "Folder number 59") {
		t.Fatalf("title %q (%d characters)", title, n)
	}
	// the same file again: a new layer, numbered, still within the limit
	res, err = Import(context.Background(), w, src, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	title = res.Order[0]
	if n := utf8.RuneCountInString(title); n > store.MaxTitleLength || n < store.MaxTitleLength-1 || !strings.HasSuffix(title, "Folder number 59 (2)") {
		t.Fatalf("second title %q (%d characters)", title, n)
	}
}

// TestImportTitles checks the layer a file goes to: a file named after one
// of Corridor's tables gets a free title, and a layer titled with a stray
// space by an older Corridor takes the features of a --layer naming it.
func TestImportTitles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := newWorkspace(t, dir)
	src := filepath.Join(dir, "corridor_meta.geojson")
	os.WriteFile(src, []byte(`{"type":"Point","coordinates":[1,2]}`), 0o644)
	res, err := Import(ctx, w, src, ImportOptions{})
	if err != nil || res.Order[0] != "corridor_meta (2)" {
		t.Fatalf("import corridor_meta.geojson: %v, %v", res, err)
	}
	old, err := w.CreateLayer(ctx, store.LayerSpec{Title: "Ports"})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE corridor_layers SET title = 'Ports ' WHERE table_name = ?`, `UPDATE gpkg_contents SET identifier = 'Ports ' WHERE table_name = ?`} {
		if _, err := w.DB().Exec(q, old.Table); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Import(ctx, w, src, ImportOptions{Layer: "ports"}); err != nil {
		t.Fatal(err)
	}
	ls, _ := w.Layers(ctx)
	if len(ls) != 2 {
		t.Fatalf("%d layers; want the features added to \"Ports \"", len(ls))
	}
	if l, _ := w.Layer(ctx, old.Table); l.Features != 1 {
		t.Fatalf("\"Ports \" has %d features", l.Features)
	}
}

// newWorkspace creates ws.gpkg in dir, closed when the test ends.
func newWorkspace(t *testing.T, dir string) *store.Workspace {
	t.Helper()
	w, err := store.Create(filepath.Join(dir, "ws.gpkg"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}
