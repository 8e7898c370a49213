package kml

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestWriteGolden compares the writer's output with testdata/sample.kml.
func TestWriteGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, sampleLayers(t)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.kml")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Write output differs from %s:\n%s", golden, buf.String())
	}
}
