package gpkg

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/formats/internal/geomtest"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	gc := geom.NewGeometryCollection()
	if err := gc.Push(geom.NewPointFlat(geom.XY, []float64{1, 2}),
		geom.NewLineStringFlat(geom.XY, []float64{0, 0, 3, 4})); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		g    geom.T
	}{
		{"point", geom.NewPointFlat(geom.XY, []float64{-77.5, 38.25})},
		{"point Z", geom.NewPointFlat(geom.XYZ, []float64{-77.5, 38.25, 12})},
		{"polygon with hole", geom.NewPolygonFlat(geom.XY, []float64{0, 0, 10, 0, 10, 10, 0, 0, 2, 2, 3, 2, 3, 3, 2, 2}, []int{8, 16})},
		{"multipolygon ZM", geom.NewMultiPolygonFlat(geom.XYZM, []float64{0, 0, 1, 2, 1, 0, 1, 2, 1, 1, 1, 2, 0, 0, 1, 2}, [][]int{{16}})},
		{"geometry collection", gc},
		{"empty linestring", geom.NewLineString(geom.XY)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Encode(tt.g, 4326)
			if err != nil {
				t.Fatal(err)
			}
			got, srs, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if srs != 4326 {
				t.Errorf("SRS %d", srs)
			}
			if d := geomtest.Diff(got, tt.g, 0); d != "" {
				t.Error(d)
			}
			env, err := EnvelopeOf(b)
			if err != nil {
				t.Fatal(err)
			}
			if tt.g.Empty() != env.Empty {
				t.Errorf("envelope %+v for empty=%v", env, tt.g.Empty())
			}
			if !env.Empty {
				bd := tt.g.Bounds()
				if env.MinX != bd.Min(0) || env.MaxX != bd.Max(0) || env.MinY != bd.Min(1) || env.MaxY != bd.Max(1) {
					t.Errorf("envelope %+v, bounds %v", env, bd)
				}
			}
		})
	}
}

func TestEncodeNil(t *testing.T) {
	b, err := Encode(nil, 4326)
	if b != nil || err != nil {
		t.Errorf("Encode(nil) = %v, %v", b, err)
	}
	g, _, err := Decode(nil)
	if g != nil || err != nil {
		t.Errorf("Decode(nil) = %v, %v", g, err)
	}
}

// wkbBlob wraps WKB in a GeoPackage header without envelope.
func wkbBlob(wkb []byte) []byte {
	return append([]byte{'G', 'P', 0, 1, 0xE6, 0x10, 0, 0}, wkb...)
}

// wkbLE builds little-endian WKB from a type and uint32 or float64 values.
func wkbLE(typ uint32, vals ...any) []byte {
	b := []byte{1}
	b = binary.LittleEndian.AppendUint32(b, typ)
	for _, v := range vals {
		switch v := v.(type) {
		case uint32:
			b = binary.LittleEndian.AppendUint32(b, v)
		case float64:
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		case []byte:
			b = append(b, v...)
		}
	}
	return b
}

func TestDecodeOldZFlag(t *testing.T) {
	// LINESTRING Z with the 0x80000000 flag GDAL writes outside GeoPackages.
	b := wkbBlob(wkbLE(0x80000002, uint32(2), 1.0, 2.0, 3.0, 4.0, 5.0, 6.0))
	g, _, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	want := geom.NewLineStringFlat(geom.XYZ, []float64{1, 2, 3, 4, 5, 6})
	if d := geomtest.Diff(g, want, 0); d != "" {
		t.Error(d)
	}
	if binary.LittleEndian.Uint32(b[9:]) != 0x80000002 {
		t.Error("Decode modified its input")
	}
}

func TestDecodeRefuses(t *testing.T) {
	nested := wkbLE(1, 1.0, 2.0)
	for range MaxCollectionDepth + 2 {
		nested = wkbLE(7, uint32(1), nested)
	}
	tests := []struct {
		name string
		blob []byte
		want string
	}{
		{"not GP", []byte("XX\x00\x01\x00\x00\x00\x00"), "not a GeoPackage geometry blob"},
		{"short header", []byte("GP\x00"), "not a GeoPackage geometry blob"},
		{"extended", []byte("GP\x00\x21\x00\x00\x00\x00"), "extended"},
		{"bad envelope code", []byte("GP\x00\x0b\x00\x00\x00\x00"), "envelope code"},
		{"truncated envelope", []byte("GP\x00\x03\x00\x00\x00\x00\x00"), "truncated"},
		{"lying point count", wkbBlob(wkbLE(2, uint32(0xFFFFFFFF), 1.0, 2.0)), "larger than"},
		{"lying ring count", wkbBlob(wkbLE(3, uint32(0x7FFFFFFF))), "larger than"},
		{"lying part count", wkbBlob(wkbLE(6, uint32(0x10000000), wkbLE(3, uint32(0)))), "larger than"},
		{"deep nesting", wkbBlob(nested), "nested"},
		{"curve", wkbBlob(wkbLE(8, uint32(0))), "unsupported WKB geometry type"},
		{"bad byte order", wkbBlob([]byte{7, 1, 0, 0, 0}), "byte order"},
		{"truncated point", wkbBlob(wkbLE(1, 1.0)), "truncated"},
		{"SRID flag", wkbBlob(wkbLE(0x20000001, uint32(4326), 1.0, 2.0)), "unsupported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _, err := Decode(tt.blob)
			if err == nil {
				t.Fatalf("Decode accepted it: %v", g)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
	if _, _, err := Decode([]byte("XX\x00\x01\x00\x00\x00\x00")); !errors.Is(err, ErrNotBlob) {
		t.Errorf("not GP: %v does not wrap ErrNotBlob", err)
	}
}

func BenchmarkDecode(b *testing.B) {
	var blob []byte
	for _, s := range seedBlobs(b) {
		if len(s) > len(blob) {
			blob = s
		}
	}
	b.SetBytes(int64(len(blob)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Decode(blob); err != nil {
			b.Fatal(err)
		}
	}
}
