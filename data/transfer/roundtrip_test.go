package transfer

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"corridor/data/internal/corpus"
	"corridor/data/store"
)

// ogrCount returns GDAL's total feature count of a file (with open options).
func ogrCount(t *testing.T, path string, opts ...string) int64 {
	t.Helper()
	args := append([]string{"-ro", "-so", "-al"}, opts...)
	out, err := exec.Command("ogrinfo", append(args, path)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", path, err, out)
	}
	var total int64
	for _, m := range regexp.MustCompile(`(?m)^Layer name: (.*)\n(?:.*\n)*?Feature Count: (\d+)`).FindAllStringSubmatch(string(out), -1) {
		if slices.Contains(store.OwnTables, m[1]) {
			continue
		}
		n, _ := strconv.ParseInt(m[2], 10, 64)
		total += n
	}
	return total
}

// TestNaturalEarthRoundTrip converts Natural Earth countries with ogr2ogr into
// every format Corridor reads, imports each with GDAL's count, then exports
// the workspace through every writer and checks GDAL reads back the same count.
func TestNaturalEarthRoundTrip(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr (GDAL) not installed: round trip skipped")
	}
	src := corpus.Path(t, "naturalearth/ne50m_countries.geojson")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("shared corpus absent: %v", err)
	}
	dir := t.TempDir()
	want := ogrCount(t, src)
	conversions := []struct {
		file string
		args []string
	}{
		{"countries.geojson", []string{"-f", "GeoJSON"}},
		{"countries.gpkg", []string{"-f", "GPKG"}},
		{"countries_3857.gpkg", []string{"-f", "GPKG", "-t_srs", "EPSG:3857"}},
		{"countries.sqlite", []string{"-f", "SQLite", "-dsco", "SPATIALITE=YES"}},
		{"countries.kml", []string{"-f", "KML"}},
		{"countries.csv", []string{"-f", "CSV", "-lco", "GEOMETRY=AS_WKT"}},
	}
	ctx := context.Background()
	for _, c := range conversions {
		t.Run("import "+c.file, func(t *testing.T) {
			out := filepath.Join(dir, c.file)
			args := append(append([]string{}, c.args...), out, src)
			if b, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
				t.Fatalf("ogr2ogr: %v\n%s", err, b)
			}
			ws, _ := freshWorkspace(t)
			w, err := store.Open(ws, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			res, err := Import(ctx, w, out, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != want {
				t.Fatalf("imported %d features, GDAL wrote %d", res.Total, want)
			}
		})
	}

	ws, _ := freshWorkspace(t)
	w, err := store.Open(ws, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := Import(ctx, w, src, ImportOptions{Layer: "Countries"}); err != nil {
		t.Fatal(err)
	}
	writers := []struct {
		file string
		opts []string
	}{
		{"out.geojson", nil},
		{"out.kml", nil},
		{"out.kmz", nil},
		{"out.gpkg", nil},
		{"out.csv", []string{"-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO"}},
	}
	for _, wr := range writers {
		t.Run("export "+wr.file, func(t *testing.T) {
			out := filepath.Join(dir, wr.file)
			res, err := Export(ctx, w, out, ExportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Features != want {
				t.Fatalf("exported %d features, want %d", res.Features, want)
			}
			if got := ogrCount(t, out, wr.opts...); got != want {
				t.Fatalf("GDAL reads %d features back from %s, want %d", got, wr.file, want)
			}
			// And Corridor reads its own output back.
			ws2, _ := freshWorkspace(t)
			w2, err := store.Open(ws2, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w2.Close()
			back, err := Import(ctx, w2, out, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if back.Total != want {
				t.Fatalf("re-imported %d features from %s, want %d", back.Total, wr.file, want)
			}
		})
	}
}

// TestImportCancelledLeavesWorkspaceUnchanged: cancelling is the same as failing.
func TestImportCancelledLeavesWorkspaceUnchanged(t *testing.T) {
	src := corpus.Path(t, "naturalearth/ne50m_countries.geojson")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("shared corpus absent: %v", err)
	}
	ws, before := freshWorkspace(t)
	w, err := store.Open(ws, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var calls int
	_, err = Import(ctx, w, src, ImportOptions{Progress: func(n int64) {
		calls++
		if n >= 100 {
			cancel() // halfway through the 241 countries
		}
	}})
	w.Close()
	if err == nil {
		t.Fatal("a cancelled import succeeded")
	}
	if calls == 0 {
		t.Fatal("no progress reported before the cancel")
	}
	after, _ := os.ReadFile(ws)
	if string(before) != string(after) {
		t.Fatal("a cancelled import changed the workspace")
	}
}
