package transfer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/store"
)

// TestExportFailureLeavesNothing checks that an export that is cancelled, or
// whose folder is missing, writes no output and no temporary file, and that
// the error names the output file the user gave.
func TestExportFailureLeavesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := newWorkspace(t, dir)
	l, err := w.CreateLayer(ctx, store.LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		f := &feature.Feature{Geometry: geom.NewLineStringFlat(geom.XY, []float64{0, 0, float64(i), 1})}
		if err := w.AddFeature(ctx, l.Table, f); err != nil {
			t.Fatal(err)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, ext := range []string{"geojson", "kml", "kmz", "csv", "gpkg"} {
		cases := []struct {
			name string
			ctx  context.Context
			out  string
			want string
		}{
			{"cancelled", cancelled, filepath.Join(dir, "out."+ext), "cancelled"},
			{"missing folder", ctx, filepath.Join(dir, "nodir", "out."+ext), "no such file or directory"},
		}
		for _, c := range cases {
			_, err := Export(c.ctx, w, c.out, ExportOptions{})
			if err == nil || !strings.HasPrefix(err.Error(), c.out+": ") || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), ".tmp") {
				t.Errorf("%s %s: error %v; want %q naming the file", c.name, ext, err, c.want)
			}
			if _, err := os.Stat(c.out); err == nil {
				t.Errorf("%s %s: output written", c.name, ext)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

// TestExportOntoItsWorkspace checks that exporting a workspace to its own
// file, by any path, is refused and leaves the workspace whole.
func TestExportOntoItsWorkspace(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "ws.gpkg")
	w, err := store.Create(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, title := range []string{"Ports", "Routes"} {
		l, err := w.CreateLayer(ctx, store.LayerSpec{Title: title, Kind: feature.KindOther})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.AddFeature(ctx, l.Table, &feature.Feature{Geometry: geom.NewPointFlat(geom.XY, []float64{1, 2})}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(path, filepath.Join(dir, "link.gpkg")); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for _, out := range []string{path, filepath.Join(dir, "sub", "..", "ws.gpkg"), filepath.Join(dir, "link.gpkg")} {
		_, err := Export(ctx, w, out, ExportOptions{Layer: "Ports"})
		if err == nil || !strings.Contains(err.Error(), "is the workspace being exported") {
			t.Errorf("export to %s: error %v; want a refusal", out, err)
		}
	}
	w.Close()
	again, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the workspace after the refused exports: %v", err)
	}
	defer again.Close()
	layers, err := again.Layers(ctx)
	if err != nil || len(layers) != 2 || layers[0].Features != 1 || layers[1].Features != 1 {
		t.Fatalf("after the refused exports: %d layers, %v; want 2 of 1 feature", len(layers), err)
	}
}
