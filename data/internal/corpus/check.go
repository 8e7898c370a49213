package corpus

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/formats"
)

// Check checks a reader's outcome on the row's file at path (n features
// read, err) against the row's expectation. A refusal must be a
// *formats.Error naming the file; "import" wants GDAL's feature count,
// "refuse" a refusal, and "either" GDAL's count when the file is read.
func Check(tb testing.TB, row Row, path string, n int, err error) {
	tb.Helper()
	var fe *formats.Error
	if err != nil && (!errors.As(err, &fe) || !strings.Contains(err.Error(), filepath.Base(path))) {
		tb.Fatalf("error %v (%T) is not a *formats.Error naming the file", err, err)
	}
	switch row.Expect {
	case "import":
		if err != nil {
			tb.Fatalf("refused: %v", err)
		}
		if n != row.Features {
			tb.Fatalf("read %d features, GDAL reads %d", n, row.Features)
		}
	case "refuse":
		if err == nil {
			tb.Fatalf("read %d features, want a refusal", n)
		}
	case "either":
		if err == nil && row.Features >= 0 && n != row.Features {
			tb.Fatalf("read %d features, GDAL reads %d", n, row.Features)
		}
	default:
		tb.Fatalf("unknown expectation %q", row.Expect)
	}
	if err != nil {
		tb.Logf("refused: %v", err)
	}
}
