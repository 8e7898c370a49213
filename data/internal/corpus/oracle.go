package corpus

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Row is one line of oracle.tsv: a corpus file and what GDAL makes of it.
type Row struct {
	Path     string // slash-separated, relative to the corpus folder
	GDAL     string // "opens" or "refuses"
	Features int    // GDAL's feature count; -1 when GDAL gives none
	Layers   int    // GDAL's layer count; -1 when GDAL gives none
	Expect   string // "import", "refuse" or "either"
}

// Rows returns the oracle rows whose path ends in one of exts (compared
// without regard to case; all rows when exts is empty). It skips the test
// when the corpus is absent and fails it when no row matches.
func Rows(tb testing.TB, exts ...string) []Row {
	tb.Helper()
	f, err := os.Open(filepath.Join(Dir(tb), "oracle.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rows []Row
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 || cols[0] == "path" || !hasExt(cols[0], exts) {
			continue
		}
		rows = append(rows, Row{Path: cols[0], GDAL: cols[1], Features: count(cols[2]), Layers: count(cols[3]), Expect: cols[4]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("oracle.tsv: %v", err)
	}
	if len(rows) == 0 {
		tb.Fatalf("oracle.tsv lists no %s file", strings.Join(exts, " or "))
	}
	return rows
}

// File returns the row's file in the corpus.
func (r Row) File(tb testing.TB) string {
	tb.Helper()
	return Path(tb, r.Path)
}

func hasExt(path string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	ext := filepath.Ext(path)
	for _, e := range exts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// count reads a count column, -1 for "-" or anything not a number.
func count(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
