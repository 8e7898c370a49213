package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/store"
)

// writeFile writes s to name in dir and returns its path.
func writeFile(tb testing.TB, dir, name, s string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// pointsGeoJSON is a FeatureCollection of n named points with a few
// properties and a uuid each, as Corridor exports them.
func pointsGeoJSON(n int) string {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Feature","id":"%08x-0000-4000-8000-000000000000","geometry":{"type":"Point","coordinates":[%g,%g]},"properties":{"name":"Point %d","agency":"Coast guard","quantity":%d,"notes":"seen at dawn"}}`,
			i, float64(i%360)-180+0.5, float64(i%170)-85+0.25, i, i%97)
	}
	b.WriteString(`]}`)
	return b.String()
}

// foldersKML is a KML document of n Folders of one placemark each.
func foldersKML(n int) string {
	var b strings.Builder
	b.WriteString(`<kml xmlns="http://www.opengis.net/kml/2.2"><Document>`)
	for i := range n {
		fmt.Fprintf(&b, `<Folder><name>F%d</name><Placemark><name>P%d</name><Point><coordinates>1,2</coordinates></Point></Placemark></Folder>`, i, i)
	}
	b.WriteString(`</Document></kml>`)
	return b.String()
}

func benchImport(b *testing.B, src string) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "ws.gpkg")
		w, err := store.Create(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Import(ctx, w, src, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		w.Close()
		b.StartTimer()
	}
}

// BenchmarkImportGeoJSON imports 20,000 points with uuids and properties.
func BenchmarkImportGeoJSON(b *testing.B) {
	benchImport(b, writeFile(b, b.TempDir(), "points.geojson", pointsGeoJSON(20000)))
}

// BenchmarkImportKMLFolders imports a KML document of 5,000 folders.
func BenchmarkImportKMLFolders(b *testing.B) {
	benchImport(b, writeFile(b, b.TempDir(), "folders.kml", foldersKML(5000)))
}

// BenchmarkImportGeoJSONAgain imports 20,000 points into a workspace that
// holds them already (and 20 other layers): every uuid is looked up, and
// renewed.
func BenchmarkImportGeoJSONAgain(b *testing.B) {
	src := writeFile(b, b.TempDir(), "points.geojson", pointsGeoJSON(20000))
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "ws.gpkg")
		w, err := store.Create(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range 20 {
			l, err := w.CreateLayer(ctx, store.LayerSpec{Title: fmt.Sprintf("Other %d", i)})
			if err != nil {
				b.Fatal(err)
			}
			if err := w.AddFeature(ctx, l.Table, &feature.Feature{Name: "x"}); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := Import(ctx, w, src, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := Import(ctx, w, src, ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if len(res.Warnings) != 1 {
			b.Fatalf("warnings %q", res.Warnings)
		}
		w.Close()
		b.StartTimer()
	}
}
