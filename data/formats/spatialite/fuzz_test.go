package spatialite

import (
	"testing"

	"corridor/data/formats/internal/formattest"
)

// seedBlobs returns the real SpatiaLite blobs of testdata/seed_blobs.hex and
// the golden blobs of testdata/blobs.tsv.
func seedBlobs(t testing.TB) [][]byte {
	t.Helper()
	out := formattest.HexLines(t, "testdata/seed_blobs.hex")
	for _, g := range readGolden(t) {
		out = append(out, g.blob)
	}
	return out
}

func TestDecodeSeedBlobs(t *testing.T) {
	for i, b := range seedBlobs(t) {
		g, _, err := DecodeBlob(b)
		if err != nil || g == nil {
			t.Errorf("blob %d: %v, %v", i+1, g, err)
		}
	}
}

func FuzzDecodeSpatialiteBlob(f *testing.F) {
	for _, b := range seedBlobs(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, _, err := DecodeBlob(b)
		if err != nil || g == nil {
			return
		}
		_ = g.Bounds()
		// Every coordinate decoded came from the input: a geometry never
		// holds more numbers than the blob had bytes for.
		if n := countCoords(g); 4*n > len(b) {
			t.Fatalf("%d coordinates from %d bytes", n, len(b))
		}
	})
}
