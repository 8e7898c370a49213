package kml

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

// corpus is the shared test corpus, reached from the package directory.
const corpus = "../../../../shared/testdata"

// oracleRow is one line of the corpus's oracle.tsv.
type oracleRow struct {
	path     string
	features int // -1 when GDAL gives none
	expect   string
}

// readOracle returns the oracle rows whose path keep accepts; it skips the
// test when the corpus is absent.
func readOracle(t *testing.T, keep func(path string) bool) []oracleRow {
	t.Helper()
	f, err := os.Open(filepath.Join(corpus, "oracle.tsv"))
	if err != nil {
		t.Skipf("shared test corpus absent (%v)", err)
	}
	defer f.Close()
	var rows []oracleRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 || cols[0] == "path" || !keep(cols[0]) {
			continue
		}
		n, err := strconv.Atoi(cols[2])
		if err != nil {
			n = -1
		}
		rows = append(rows, oracleRow{path: cols[0], features: n, expect: cols[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func isKMLPath(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".kml" || ext == ".kmz"
}

func TestOracle(t *testing.T) {
	rows := readOracle(t, isKMLPath)
	if len(rows) < 40 {
		t.Fatalf("only %d KML rows in oracle.tsv", len(rows))
	}
	for _, row := range rows {
		t.Run(row.path, func(t *testing.T) {
			path := filepath.Join(corpus, row.path)
			n := 0
			err := Read(context.Background(), path, func(l *formats.Layer, f *feature.Feature) error {
				n++
				return nil
			})
			checkOracle(t, row, path, n, err)
		})
	}
}

// checkOracle checks a read's outcome against the oracle's expectation.
func checkOracle(t *testing.T, row oracleRow, path string, n int, err error) {
	t.Helper()
	var fe *formats.Error
	refused := err != nil
	if refused {
		if !errors.As(err, &fe) {
			t.Fatalf("error %v (%T) is not a *formats.Error", err, err)
		}
		if !strings.Contains(err.Error(), filepath.Base(path)) {
			t.Errorf("error %q does not name the file", err)
		}
	}
	switch row.expect {
	case "import":
		if refused {
			t.Fatalf("refused: %v", err)
		}
		if n != row.features {
			t.Errorf("read %d features, GDAL reads %d", n, row.features)
		}
	case "refuse":
		if !refused {
			t.Fatalf("read %d features, want a refusal", n)
		}
	case "either":
		if !refused && row.features >= 0 && n != row.features {
			t.Errorf("read %d features, GDAL reads %d", n, row.features)
		}
	default:
		t.Fatalf("unknown expectation %q", row.expect)
	}
}
