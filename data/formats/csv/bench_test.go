package csv

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("name,lat,lon,kind,notes\n")
	for i := range 20000 {
		fmt.Fprintf(&buf, "port %d,%.6f,%.6f,port,\"a note, with a comma\"\n", i, -60+float64(i%1200)*0.1, -170+float64(i%3400)*0.1)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Decode(context.Background(), bytes.NewReader(data), "bench.csv", func(*formats.Layer, *feature.Feature) error { n++; return nil })
		if err != nil || n != 20000 {
			b.Fatal(n, err)
		}
	}
}
