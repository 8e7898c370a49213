package kml

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

// syntheticKML returns a document of n placemarks, each a 50-vertex line.
func syntheticKML(n int) []byte {
	var b bytes.Buffer
	b.WriteString(kmlHead + "<Document><name>bench</name><Folder><name>Routes</name>\n")
	for i := range n {
		fmt.Fprintf(&b, "<Placemark><name>r%d</name><ExtendedData><Data name=\"k\"><value>%d</value></Data></ExtendedData><LineString><coordinates>", i, i)
		for j := range 50 {
			fmt.Fprintf(&b, "%.6f,%.6f,0 ", -80+float64(j)*0.01, 10+float64(i%1000)*0.001)
		}
		b.WriteString("</coordinates></LineString></Placemark>\n")
	}
	b.WriteString("</Folder></Document></kml>\n")
	return b.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	data := syntheticKML(2000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Decode(context.Background(), bytes.NewReader(data), "bench.kml", func(*formats.Layer, *feature.Feature) error { n++; return nil })
		if err != nil || n != 2000 {
			b.Fatal(n, err)
		}
	}
}
