package gpkg

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
	"github.com/twpayne/go-geom/encoding/wkbcommon"
)

// TestFastDecoderAgreesWithGoGeom decodes each geometry with the fast path
// and with go-geom's reader, in both byte orders, and compares.
func TestFastDecoderAgreesWithGoGeom(t *testing.T) {
	geoms := []geom.T{
		geom.NewPointFlat(geom.XY, []float64{1, 2}),
		geom.NewPointFlat(geom.XYZ, []float64{1, 2, 3}),
		geom.NewPointEmpty(geom.XY),
		geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1, 1, 2, 0}),
		geom.NewLineStringFlat(geom.XYZM, []float64{0, 0, 1, 2, 1, 1, 3, 4}),
		geom.NewPolygonFlat(geom.XY, []float64{0, 0, 4, 0, 4, 4, 0, 0, 1, 1, 2, 1, 2, 2, 1, 1}, []int{8, 16}),
		geom.NewMultiLineStringFlat(geom.XYZ, []float64{0, 0, 0, 1, 1, 1, 5, 5, 5, 6, 6, 6}, []int{6, 12}),
		geom.NewMultiPolygonFlat(geom.XY, []float64{0, 0, 1, 0, 1, 1, 0, 0, 5, 5, 6, 5, 6, 6, 5, 5}, [][]int{{8}, {16}}),
		geom.NewLineStringFlat(geom.XY, nil),
	}
	for _, g := range geoms {
		for _, order := range []binary.ByteOrder{wkb.NDR, wkb.XDR} {
			var buf bytes.Buffer
			if err := wkb.Write(&buf, order, g, wkbcommon.WKBOptionEmptyPointHandling(wkbcommon.EmptyPointHandlingNaN)); err != nil {
				t.Fatal(err)
			}
			fast, ok := decodeWKBFast(buf.Bytes())
			if !ok {
				t.Fatalf("%T: fast path refused", g)
			}
			slow, err := wkb.Unmarshal(buf.Bytes(), wkbcommon.WKBOptionEmptyPointHandling(wkbcommon.EmptyPointHandlingNaN))
			if err != nil {
				t.Fatal(err)
			}
			if fast.Layout() != slow.Layout() || fast.Empty() != slow.Empty() {
				t.Fatalf("%T: layout/empty differ", g)
			}
			if !fast.Empty() && !equalFlat(fast.FlatCoords(), slow.FlatCoords()) {
				t.Fatalf("%T: coords %v vs %v", g, fast.FlatCoords(), slow.FlatCoords())
			}
			if e1, e2 := fast.Ends(), slow.Ends(); len(e1) != len(e2) {
				t.Fatalf("%T: ends %v vs %v", g, e1, e2)
			}
			if e1, e2 := fast.Endss(), slow.Endss(); len(e1) != len(e2) {
				t.Fatalf("%T: endss %v vs %v", g, e1, e2)
			}
		}
	}
}

func equalFlat(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(a[i] != a[i] && b[i] != b[i]) {
			return false
		}
	}
	return true
}

func BenchmarkDecodeLineString1000(b *testing.B) {
	flat := make([]float64, 2000)
	for i := range flat {
		flat[i] = float64(i) * 0.001
	}
	blob, _ := Encode(geom.NewLineStringFlat(geom.XY, flat), 4326)
	b.SetBytes(int64(len(blob)))
	for i := 0; i < b.N; i++ {
		if _, _, err := Decode(blob); err != nil {
			b.Fatal(err)
		}
	}
}
