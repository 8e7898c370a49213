package transfer

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corridor/data/store"
)

// testdata is the shared corpus of files written by other tools.
var testdata = filepath.Join("..", "..", "..", "shared", "testdata")

type oracleRow struct {
	path     string
	features int64 // -1 when GDAL refuses
	expect   string
}

func readOracle(t *testing.T) []oracleRow {
	t.Helper()
	f, err := os.Open(filepath.Join(testdata, "oracle.tsv"))
	if err != nil {
		t.Skipf("shared test corpus absent (%v): oracle tests skipped", err)
	}
	defer f.Close()
	var rows []oracleRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 || cols[0] == "path" {
			continue
		}
		n, err := strconv.ParseInt(cols[2], 10, 64)
		if err != nil {
			n = -1
		}
		rows = append(rows, oracleRow{path: cols[0], features: n, expect: cols[4]})
	}
	return rows
}

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
	for _, row := range readOracle(t) {
		t.Run(row.path, func(t *testing.T) {
			file := filepath.Join(testdata, row.path)
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
				if row.expect == "import" {
					t.Fatalf("refused a file GDAL reads with %d features: %v", row.features, err)
				}
				if !strings.Contains(err.Error(), filepath.Base(row.path)) {
					t.Errorf("refusal does not name the file: %v", err)
				}
				if string(before) != string(after) {
					t.Error("a refused import changed the workspace")
				}
				t.Logf("refused: %v", err)
			default:
				if row.expect == "refuse" {
					t.Fatalf("imported %d features from a file to refuse", res.Total)
				}
				if res.Total != row.features {
					t.Fatalf("imported %d features, GDAL reads %d", res.Total, row.features)
				}
			}
		})
	}
}
