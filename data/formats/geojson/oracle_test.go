package geojson

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

// sharedTestdata is the shared corpus of files written by other tools.
const sharedTestdata = "../../../../shared/testdata"

// oracleRow is one GeoJSON line of oracle.tsv.
type oracleRow struct {
	path     string
	features int // -1 when GDAL refuses the file
	expect   string
}

func oracleRows(t *testing.T) []oracleRow {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedTestdata, "oracle.tsv"))
	if err != nil {
		t.Skipf("shared test corpus not available (%v)", err)
	}
	defer f.Close()
	var rows []oracleRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 || cols[0] == "path" {
			continue
		}
		ext := strings.ToLower(filepath.Ext(cols[0]))
		if ext != ".geojson" && ext != ".json" {
			continue
		}
		n, err := strconv.Atoi(cols[2])
		if err != nil {
			n = -1
		}
		rows = append(rows, oracleRow{cols[0], n, cols[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("oracle.tsv lists no GeoJSON file")
	}
	return rows
}

// TestOracle reads every GeoJSON file of the shared corpus and checks the
// outcome oracle.tsv expects: import with GDAL's count, refuse with a
// *formats.Error naming the file, or either.
func TestOracle(t *testing.T) {
	for _, row := range oracleRows(t) {
		t.Run(row.path, func(t *testing.T) {
			path := filepath.Join(sharedTestdata, row.path)
			n := 0
			err := Read(context.Background(), path, func(_ *formats.Layer, f *feature.Feature) error {
				n++
				return nil
			})
			var fe *formats.Error
			if err != nil && (!errors.As(err, &fe) || !strings.Contains(err.Error(), filepath.Base(path))) {
				t.Fatalf("error is not a *formats.Error naming the file: %v", err)
			}
			switch row.expect {
			case "import":
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if n != row.features {
					t.Fatalf("decoded %d features, GDAL reads %d", n, row.features)
				}
			case "refuse":
				if err == nil {
					t.Fatalf("imported %d features, want a refusal", n)
				}
				t.Logf("refused: %v", err)
			case "either":
				if err == nil && n != row.features {
					t.Fatalf("imported %d features, GDAL reads %d", n, row.features)
				}
				if err != nil {
					t.Logf("refused: %v", err)
				}
			default:
				t.Fatalf("unknown expectation %q", row.expect)
			}
		})
	}
}
