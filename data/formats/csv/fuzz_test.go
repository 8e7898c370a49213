package csv

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join(corpus, "valid", "csv", "*.csv"),
		filepath.Join(corpus, "invalid", "csv", "*.csv"),
		filepath.Join(corpus, "gdal-written", "*.csv"),
		filepath.Join("testdata", "*.csv"),
	} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if len(b) > 16<<10 {
				b = b[:16<<10]
			}
			f.Add(b)
		}
	}
	f.Add([]byte("lat;lon;name\n12°34'56.7\"N;77 30 W;x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Decode(context.Background(), bytes.NewReader(data), "fuzz.csv", func(l *formats.Layer, f *feature.Feature) error {
			if l == nil || f == nil {
				t.Fatal("nil layer or feature")
			}
			return nil
		})
		var fe *formats.Error
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("error %v (%T) is not a *formats.Error", err, err)
		}
	})
}
