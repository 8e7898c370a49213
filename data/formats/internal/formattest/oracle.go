package formattest

import (
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/internal/corpus"
)

// CheckLayers checks a multi-layer reader's outcome on the row's file at
// path (got and order from Collect, err) against the row's expectation:
// "import" wants GDAL's feature and layer counts, "refuse" an error
// starting with the path and no feature emitted before it.
func CheckLayers(tb testing.TB, row corpus.Row, path string, got map[string][]*feature.Feature, order []string, err error) {
	tb.Helper()
	n := 0
	for _, fs := range got {
		n += len(fs)
	}
	switch row.Expect {
	case "import":
		if err != nil {
			tb.Fatalf("Read: %v", err)
		}
		if n != row.Features || len(order) != row.Layers {
			tb.Errorf("got %d features in %d layers, want %d in %d", n, len(order), row.Features, row.Layers)
		}
	case "refuse":
		if err == nil {
			tb.Fatalf("Read accepted the file (%d features)", n)
		}
		if n != 0 {
			tb.Errorf("Read emitted %d features before refusing", n)
		}
		if !strings.HasPrefix(err.Error(), path+": ") {
			tb.Errorf("error %q does not name the file", err)
		}
		tb.Logf("refused: %v", err)
	default:
		tb.Fatalf("unknown expectation %q", row.Expect)
	}
}
