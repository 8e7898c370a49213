package geojson

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

// The benchmark file: a FeatureCollection of LineStrings, 5 million vertices
// in all, written once per test binary run to a temporary directory.
const (
	benchLines    = 5000
	benchVertices = 1000 // per line
)

var bench5M struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// benchFile returns the 5M-vertex file, generating it on first use.
func benchFile(b *testing.B) string {
	b.Helper()
	bench5M.once.Do(func() {
		bench5M.dir, bench5M.err = os.MkdirTemp("", "geojson-bench")
		if bench5M.err != nil {
			return
		}
		bench5M.path = filepath.Join(bench5M.dir, "routes5m.geojson")
		bench5M.err = writeRoutes(bench5M.path, benchLines, benchVertices)
	})
	if bench5M.err != nil {
		b.Fatal(bench5M.err)
	}
	return bench5M.path
}

// TestMain removes the benchmark file after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench5M.dir != "" {
		os.RemoveAll(bench5M.dir)
	}
	os.Exit(code)
}

// writeRoutes writes lines random-walk LineStrings of n vertices each, with
// coordinates of 6 decimals as ogr2ogr writes them.
func writeRoutes(path string, lines, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewSource(1))
	fmt.Fprintf(w, "{\n\"type\": \"FeatureCollection\",\n\"name\": \"routes\",\n\"features\": [\n")
	for i := 0; i < lines; i++ {
		if i > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `{ "type": "Feature", "properties": { "name": "route %d", "kind": "maritime", "risk": %d }, "geometry": { "type": "LineString", "coordinates": [ `, i, i%5)
		x, y := -100+rng.Float64()*60, -30+rng.Float64()*60
		for j := 0; j < n; j++ {
			if j > 0 {
				w.WriteString(", ")
			}
			x += rng.Float64()*0.02 - 0.01
			y += rng.Float64()*0.02 - 0.01
			fmt.Fprintf(w, "[ %.6f, %.6f ]", x, y)
		}
		w.WriteString(" ] } }")
	}
	w.WriteString("\n]\n}\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// BenchmarkDecode5M decodes a 5-million-vertex FeatureCollection of
// LineStrings from a file, reporting MB/s and vertices/s.
func BenchmarkDecode5M(b *testing.B) {
	path := benchFile(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		vertices := 0
		err := Read(context.Background(), path, func(_ *formats.Layer, f *feature.Feature) error {
			vertices += len(f.Geometry.FlatCoords()) / f.Geometry.Stride()
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if vertices != benchLines*benchVertices {
			b.Fatalf("decoded %d vertices, want %d", vertices, benchLines*benchVertices)
		}
	}
	b.ReportMetric(float64(benchLines*benchVertices)*float64(b.N)/b.Elapsed().Seconds(), "vertices/s")
}
