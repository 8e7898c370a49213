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
	for i := range 100 {
		fmt.Fprintf(&b, "<Folder><name>Folder\n number %d</name>", i)
	}
	b.WriteString(`<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark>`)
	b.WriteString(strings.Repeat("</Folder>", 100) + "</Document></kml>")
	src := filepath.Join(dir, "deep.kml")
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := store.Create(filepath.Join(dir, "ws.gpkg"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res, err := Import(context.Background(), w, src, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	title := res.Order[0]
	if n := utf8.RuneCountInString(title); n != store.MaxTitleLength || !strings.HasPrefix(title, "…") || !strings.HasSuffix(title, "Folder number 99") {
		t.Fatalf("title %q (%d characters)", title, n)
	}
}
