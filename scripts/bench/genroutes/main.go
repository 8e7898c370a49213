// Command genroutes writes a deterministic synthetic route layer as GeoJSON
// for the side-by-side benchmarks: N routes of V vertices each, random walks
// across the Americas (5,000 x 1,000 = 5 million vertices by default).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"strconv"
)

func main() {
	routes := flag.Int("routes", 5000, "number of routes")
	vertices := flag.Int("vertices", 1000, "vertices per route")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: genroutes [-routes N] [-vertices V] OUT.geojson")
		os.Exit(2)
	}
	f, err := os.Create(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "genroutes:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewSource(*seed))
	w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	buf := make([]byte, 0, 64)
	for r := 0; r < *routes; r++ {
		if r > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `{"type":"Feature","properties":{"name":"Route %d","mode":"synthetic"},"geometry":{"type":"LineString","coordinates":[`, r+1)
		x, y := -120+rng.Float64()*85, -50+rng.Float64()*95
		dx, dy := rng.Float64()*0.2-0.1, rng.Float64()*0.2-0.1
		for v := 0; v < *vertices; v++ {
			if v > 0 {
				w.WriteByte(',')
			}
			buf = buf[:0]
			buf = append(buf, '[')
			buf = strconv.AppendFloat(buf, x, 'f', 6, 64)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, y, 'f', 6, 64)
			buf = append(buf, ']')
			w.Write(buf)
			dx = 0.9*dx + 0.02*(rng.Float64()-0.5)
			dy = 0.9*dy + 0.02*(rng.Float64()-0.5)
			x, y = clamp(x+dx, -170, -30), clamp(y+dy, -56, 72)
		}
		w.WriteString(`]}}`)
	}
	w.WriteString("\n]}\n")
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "genroutes:", err)
		os.Exit(1)
	}
	f.Close()
}

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
