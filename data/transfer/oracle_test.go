package transfer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/internal/corpus"
	"corridor/data/store"
)

// freshWorkspace returns a closed, empty workspace file and its bytes.
func freshWorkspace(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ws.gpkg")
	w, err := store.Create(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

// TestOracle imports every file of the shared corpus and checks the outcome
// against GDAL's: `import` files with GDAL's feature count, `refuse` files
// refused with a message naming the file and the workspace byte-for-byte
// unchanged, `either` files one or the other.
func TestOracle(t *testing.T) {
	for _, row := range corpus.Rows(t) {
		t.Run(row.Path, func(t *testing.T) {
			file := row.File(t)
			wsPath, before := freshWorkspace(t)
			w, err := store.Open(wsPath, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(context.Background(), w, file, ImportOptions{})
			w.Close()
			after, _ := os.ReadFile(wsPath)
			switch {
			case err != nil:
				if row.Expect == "import" {
					t.Fatalf("refused a file GDAL reads with %d features: %v", row.Features, err)
				}
				if !strings.Contains(err.Error(), filepath.Base(row.Path)) {
					t.Errorf("refusal does not name the file: %v", err)
				}
				if string(before) != string(after) {
					t.Error("a refused import changed the workspace")
				}
				t.Logf("refused: %v", err)
			default:
				if row.Expect == "refuse" {
					t.Fatalf("imported %d features from a file to refuse", res.Total)
				}
				if res.Total != int64(row.Features) {
					t.Fatalf("imported %d features, GDAL reads %d", res.Total, row.Features)
				}
			}
		})
	}
}
