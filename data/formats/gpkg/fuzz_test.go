package gpkg

import (
	"testing"

	"corridor/data/formats/internal/formattest"
)

// seedBlobs returns the real GeoPackage blobs of testdata/seed_blobs.hex.
func seedBlobs(t testing.TB) [][]byte {
	t.Helper()
	return formattest.HexLines(t, "testdata/seed_blobs.hex")
}

func TestDecodeSeedBlobs(t *testing.T) {
	blobs := seedBlobs(t)
	if len(blobs) < 10 {
		t.Fatalf("%d seed blobs", len(blobs))
	}
	for i, b := range blobs {
		g, _, err := Decode(b)
		if err != nil || g == nil {
			t.Errorf("blob %d: %v, %v", i+1, g, err)
		}
	}
}

func FuzzDecodeBlob(f *testing.F) {
	for _, b := range seedBlobs(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, _, err := Decode(b)
		if err != nil {
			return
		}
		if g != nil {
			_ = g.Bounds()
			// A decoded geometry encodes again.
			if _, err := Encode(g, 4326); err != nil {
				t.Fatalf("decoded %T does not encode: %v", g, err)
			}
		}
		_, _ = EnvelopeOf(b)
	})
}
