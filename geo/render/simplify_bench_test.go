package render

import (
	"math/rand/v2"
	"testing"
)

// walkPixels is a route like the benchmark's synthetic ones (a random
// walk with momentum, 1,000 vertices) in pixels at scale px per degree.
func walkPixels(seed uint64, px float64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	pts := make([]float64, 0, 2000)
	x, y, dx, dy := 0.0, 0.0, rng.Float64()*0.2-0.1, rng.Float64()*0.2-0.1
	for range 1000 {
		pts = append(pts, x*px, y*px)
		dx = 0.9*dx + 0.02*(rng.Float64()-0.5)
		dy = 0.9*dy + 0.02*(rng.Float64()-0.5)
		x, y = x+dx, y+dy
	}
	return pts
}

// BenchmarkSimplify simplifies 1,000-vertex routes like the 5M-vertex
// benchmark's at about the scales of its 1% view and full extent (200 and
// 12 px a degree), reporting the vertices kept.
func BenchmarkSimplify(b *testing.B) {
	for _, bc := range []struct {
		name string
		px   float64
	}{{"1pct", 200}, {"full", 12}} {
		b.Run(bc.name, func(b *testing.B) {
			walks := make([][]float64, 64)
			for i := range walks {
				walks[i] = walkPixels(uint64(i), bc.px)
			}
			var bd builder
			bd.tol = 1
			buf := make([]float64, 2000)
			kept := 0
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				copy(buf, walks[i%len(walks)])
				kept += len(bd.simplify(buf)) / 2
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/vertex")
			b.ReportMetric(float64(kept)/float64(b.N), "kept")
		})
	}
}
