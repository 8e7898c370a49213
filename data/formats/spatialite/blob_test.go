package spatialite

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"

	"corridor/data/formats/internal/geomtest"
)

// golden is one blob written by mod_spatialite, with the WKT it came from.
type golden struct {
	kind string
	srid int32
	wkt  string
	blob []byte
}

func readGolden(t testing.TB) []golden {
	t.Helper()
	f, err := os.Open("testdata/blobs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []golden
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") || sc.Text() == "" {
			continue
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 4 {
			t.Fatalf("bad golden line %q", sc.Text())
		}
		srid, err := strconv.Atoi(fields[1])
		if err != nil {
			t.Fatal(err)
		}
		b, err := hex.DecodeString(fields[3])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, golden{fields[0], int32(srid), fields[2], b})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDecodeBlobGolden(t *testing.T) {
	for _, g := range readGolden(t) {
		t.Run(g.kind+" "+g.wkt, func(t *testing.T) {
			want, err := wkt.Unmarshal(g.wkt)
			if err != nil {
				t.Fatalf("parse WKT: %v", err)
			}
			got, srid, err := DecodeBlob(g.blob)
			if err != nil {
				t.Fatalf("DecodeBlob: %v", err)
			}
			if srid != g.srid {
				t.Errorf("SRID %d, want %d", srid, g.srid)
			}
			tol := 0.0
			if g.kind == "compressed" {
				tol = 1e-5 // float32 deltas
			}
			if d := geomtest.Diff(got, want, tol); d != "" {
				t.Error(d)
			}
		})
	}
}

// bigEndianPolygon writes a SpatiaLite BLOB in big-endian order by hand.
func bigEndianPolygon(srid int32, rings [][][2]float64) []byte {
	o := binary.BigEndian
	b := []byte{0x00, 0x00}
	b = o.AppendUint32(b, uint32(srid))
	for range 4 {
		b = o.AppendUint64(b, 0) // the MBR is not checked
	}
	b = append(b, 0x7C)
	b = o.AppendUint32(b, 3)
	b = o.AppendUint32(b, uint32(len(rings)))
	for _, r := range rings {
		b = o.AppendUint32(b, uint32(len(r)))
		for _, p := range r {
			b = o.AppendUint64(b, math.Float64bits(p[0]))
			b = o.AppendUint64(b, math.Float64bits(p[1]))
		}
	}
	return append(b, 0xFE)
}

func TestDecodeBlobBigEndian(t *testing.T) {
	blob := bigEndianPolygon(3857, [][][2]float64{{{0, 0}, {10, 0}, {10, 10}, {0, 0}}, {{1, 1}, {2, 1}, {2, 2}, {1, 1}}})
	got, srid, err := DecodeBlob(blob)
	if err != nil {
		t.Fatal(err)
	}
	want := geom.NewPolygonFlat(geom.XY, []float64{0, 0, 10, 0, 10, 10, 0, 0, 1, 1, 2, 1, 2, 2, 1, 1}, []int{8, 16})
	if srid != 3857 {
		t.Errorf("SRID %d, want 3857", srid)
	}
	if d := geomtest.Diff(got, want, 0); d != "" {
		t.Error(d)
	}
}

func TestDecodeBlobRefuses(t *testing.T) {
	point := readGolden(t)[0].blob // POINT(1.5 -2.25)
	edit := func(f func(b []byte) []byte) []byte {
		return f(append([]byte(nil), point...))
	}
	lying := bigEndianPolygon(4326, [][][2]float64{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}})
	binary.BigEndian.PutUint32(lying[43:], 0x7FFFFFFF) // ring count
	lyingPoints := bigEndianPolygon(4326, [][][2]float64{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}})
	binary.BigEndian.PutUint32(lyingPoints[47:], 0xFFFFFFFF) // point count
	tests := []struct {
		name string
		blob []byte
	}{
		{"GeoPackage blob", []byte("GP\x00\x01\xe6\x10\x00\x00")},
		{"one byte", []byte{0}},
		{"no end marker", point[:len(point)-1]},
		{"no MBR end", edit(func(b []byte) []byte { b[38] = 0; return b })},
		{"bad byte order", edit(func(b []byte) []byte { b[1] = 7; return b })},
		{"unknown class", edit(func(b []byte) []byte { b[39] = 9; return b })},
		{"compressed point", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[39:], 1000001); return b })},
		{"trailing bytes", append(point[:len(point)-1:len(point)-1], 0, 0xFE)},
		{"lying ring count", lying},
		{"lying point count", lyingPoints},
		{"truncated tiny point", []byte{0, 0x81, 0xE6, 0x10, 0, 0, 1, 0xFE}},
		{"bad tiny point type", []byte{0, 0x81, 0xE6, 0x10, 0, 0, 9, 0xFE}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if g, _, err := DecodeBlob(tt.blob); err == nil {
				t.Errorf("DecodeBlob accepted it: %v", g)
			}
		})
	}
}

func BenchmarkDecodeBlob(b *testing.B) {
	var blob []byte
	for _, g := range readGolden(b) {
		if strings.HasPrefix(g.wkt, "MULTIPOLYGON(") {
			blob = g.blob
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := DecodeBlob(blob); err != nil {
			b.Fatal(err)
		}
	}
}

// countCoords returns how many numbers g holds.
func countCoords(g geom.T) int {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		n := 0
		for _, c := range gc.Geoms() {
			n += countCoords(c)
		}
		return n
	}
	return len(g.FlatCoords())
}
