package csv

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/internal/corpus"
)

func FuzzDecode(f *testing.F) {
	for _, b := range corpus.Seeds(f, "testdata/*.csv", "valid/csv/*.csv", "invalid/csv/*.csv", "gdal-written/*.csv") {
		if len(b) > 16<<10 {
			b = b[:16<<10]
		}
		f.Add(b)
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
