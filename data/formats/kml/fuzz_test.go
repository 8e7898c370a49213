package kml

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/internal/corpus"

	"github.com/twpayne/go-geom/encoding/wkt"
)

// seedFiles returns the KML files of the shared corpus and of testdata/.
func seedFiles(tb testing.TB) [][]byte {
	tb.Helper()
	return corpus.Seeds(tb, "testdata/*.kml", "kml/*.kml", "valid/kml/*.kml", "invalid/kml/*.kml")
}

// checkDecode decodes data and fails on anything but features or a
// *formats.Error.
func checkDecode(t *testing.T, err error) {
	var fe *formats.Error
	if err != nil && !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *formats.Error", err, err)
	}
}

func emitCheck(t *testing.T) formats.Emit {
	return func(l *formats.Layer, f *feature.Feature) error {
		if l == nil || f == nil {
			t.Fatal("nil layer or feature")
		}
		if f.Geometry != nil {
			if _, err := wkt.Marshal(f.Geometry); err != nil {
				t.Fatalf("emitted a broken geometry: %v", err)
			}
		}
		return nil
	}
}

func FuzzDecode(f *testing.F) {
	for _, b := range seedFiles(f) {
		f.Add(b)
	}
	f.Add([]byte(kmlHead + `<Placemark><MultiGeometry><Point><coordinates>1,2,3,4,5</coordinates></Point></MultiGeometry></Placemark></kml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, Decode(context.Background(), bytes.NewReader(data), "fuzz.kml", emitCheck(t)))
	})
}

func FuzzDecodeKMZ(f *testing.F) {
	for _, b := range seedFiles(f) {
		f.Add(zipOf(f, map[string]string{"doc.kml": string(b)}))
	}
	f.Add(zipOf(f, map[string]string{"a/b.kml": kmlHead + `<Placemark/></kml>`, "x.png": "PNG"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, DecodeKMZ(context.Background(), bytes.NewReader(data), int64(len(data)), "fuzz.kmz", emitCheck(t)))
	})
}
