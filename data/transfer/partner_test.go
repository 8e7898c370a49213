package transfer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/store"
)

// TestExportAuthors: a shared file carries the analysts' names only when
// asked; the default pseudonymises them, in features and in a GeoPackage's
// journal alike.
func TestExportAuthors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := store.Create(filepath.Join(dir, "ws.gpkg"), store.Options{Author: "jdoe.analyst"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	l, err := w.CreateLayer(ctx, store.LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"jdoe.analyst", "msmith.partner", "jdoe.analyst"} {
		f := &feature.Feature{Name: "r", Author: a, Geometry: geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1, 1})}
		if err := w.AddFeature(ctx, l.Table, f); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		policy     AuthorPolicy
		want, gone []string
	}{
		{"", []string{"author-1", "author-2"}, []string{"jdoe", "msmith"}},
		{AuthorsPseudonymise, []string{"author-1", "author-2"}, []string{"jdoe", "msmith"}},
		{AuthorsStrip, []string{"redacted"}, []string{"jdoe", "msmith", "author-"}},
		{AuthorsKeep, []string{"jdoe.analyst", "msmith.partner"}, nil},
	} {
		for _, ext := range []string{".geojson", ".gpkg"} {
			out := filepath.Join(t.TempDir(), "share"+ext)
			if _, err := Export(ctx, w, out, ExportOptions{Authors: tc.policy}); err != nil {
				t.Fatalf("%q %s: %v", tc.policy, ext, err)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.want {
				if !bytes.Contains(b, []byte(s)) {
					t.Errorf("%q %s: %q missing", tc.policy, ext, s)
				}
			}
			for _, s := range tc.gone {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("%q %s: the file still holds %q", tc.policy, ext, s)
				}
			}
		}
	}
	if _, err := Export(ctx, w, filepath.Join(dir, "x.geojson"), ExportOptions{Authors: "everyone"}); err == nil {
		t.Error("an unknown policy was accepted")
	}
}

// TestSecureDelete: what an analyst deletes does not stay in the file's
// free pages, where a partner given the file could read it.
func TestSecureDelete(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ws.gpkg")
	w, err := store.Create(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.CreateLayer(ctx, store.LayerSpec{Title: "Sources", Kind: feature.KindOther})
	if err != nil {
		t.Fatal(err)
	}
	secret := "INFORMANT-" + strings.Repeat("Z", 3000)
	f := &feature.Feature{Name: secret, Geometry: geom.NewPointFlat(geom.XY, []float64{1, 2})}
	if err := w.AddFeature(ctx, l.Table, f); err != nil {
		t.Fatal(err)
	}
	if err := w.DeleteLayer(ctx, l.Table); err != nil {
		t.Fatal(err)
	}
	// the journal keeps deleted features for undo: clear it as a user
	// preparing a file for sharing would
	if _, err := w.DB().Exec(`DELETE FROM corridor_history`); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("INFORMANT-ZZZZ")) {
		t.Error("the deleted text is still in the file")
	}
}

// TestImportFromHostileGeoPackageLeavesBothUnchanged: a partner's
// GeoPackage whose feature table is a view calling a function the importer
// does not allow fails the import, naming the file, and neither the source
// nor the workspace changes.
func TestImportFromHostileGeoPackageLeavesBothUnchanged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "partner.gpkg")
	pw, err := store.Create(src, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := pw.CreateLayer(ctx, store.LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		t.Fatal(err)
	}
	pw.AddFeature(ctx, pl.Table, &feature.Feature{Name: "r", Geometry: geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1, 1})})
	pw.Close()
	db, err := sql.Open("sqlite3", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`CREATE VIEW v AS SELECT fid, geom, load_extension('mod_spatialite') AS name FROM "` + pl.Table + `"`,
		`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('v', 'features', 'v', 4326)`,
		`INSERT INTO gpkg_geometry_columns VALUES ('v', 'geom', 'GEOMETRY', 4326, 0, 0)`,
		`PRAGMA journal_mode=DELETE`,
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db.Close()
	w := newWorkspace(t, dir)
	hash := func(p string) [32]byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	srcBefore := hash(src)
	before, err := w.Layers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(ctx, w, src, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), src) || !strings.Contains(err.Error(), "load_extension") {
		t.Fatalf("import: %v; want an error naming the file and load_extension", err)
	}
	after, err := w.Layers(ctx)
	if err != nil || len(after) != len(before) {
		t.Errorf("the workspace changed: %d layers, then %d (%v)", len(before), len(after), err)
	}
	if hash(src) != srcBefore {
		t.Error("the source changed")
	}
}
