package render

import (
	"math"
	"math/rand/v2"
	"testing"

	"corridor/geo/measure"
)

// TestSimplifyWithinTolerance checks the simplifier's promise on random
// walks of every character (smooth, jagged, doubling back, with repeated
// and near vertices, at scales from dense to sparse): the ends are kept,
// kept vertices are original ones in order, and every dropped vertex lies
// within the tolerance of the segment between the kept vertices around it.
func TestSimplifyWithinTolerance(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const tol = 1.0
	for trial := 0; trial < 3000; trial++ {
		n := 2 + rng.IntN(400)
		scale := math.Pow(10, rng.Float64()*3-1.5) // 0.03 to 30 px a step
		momentum := rng.Float64()
		pts := make([]float64, 0, 2*n)
		x, y, dx, dy := 0.0, 0.0, 0.0, 0.0
		for i := 0; i < n; i++ {
			pts = append(pts, x, y)
			switch rng.IntN(10) {
			case 0: // a repeated vertex
				continue
			case 1: // double back
				dx, dy = -dx, -dy
			}
			dx = momentum*dx + (rng.Float64()-0.5)*scale
			dy = momentum*dy + (rng.Float64()-0.5)*scale
			x, y = x+dx, y+dy
		}
		b := builder{tol: tol}
		out := b.simplify(append([]float64(nil), pts...))
		if len(out) < 4 && len(pts) >= 4 || out[0] != pts[0] || out[1] != pts[1] ||
			out[len(out)-2] != pts[len(pts)-2] || out[len(out)-1] != pts[len(pts)-1] {
			t.Fatalf("trial %d: ends lost: %d vertices from %d", trial, len(out)/2, len(pts)/2)
		}
		// walk the original, matching kept vertices in order
		k := 0
		for i := 0; i < len(pts); i += 2 {
			if k+2 < len(out) && pts[i] == out[k+2] && pts[i+1] == out[k+3] && (i+2 < len(pts) || k+4 == len(out)) {
				k += 2
				continue
			}
			if k+2 >= len(out) {
				break
			}
			if d := measure.PointSegment(pts[i], pts[i+1], out[k], out[k+1], out[k+2], out[k+3]); d > tol*(1+1e-9) {
				t.Fatalf("trial %d (scale %.3g, momentum %.2f): vertex %d is %.4f px from its segment (tolerance %g)",
					trial, scale, momentum, i/2, d, tol)
			}
		}
		if k+2 != len(out) {
			t.Fatalf("trial %d: kept vertices are not the original ones in order (%d of %d matched)", trial, k/2+1, len(out)/2)
		}
	}
}

// TestSimplifyKeepsTurnsBack checks a line that runs out, doubles back
// past its start and then turns aside: no straight segment from the start
// can replace it, whatever its last vertex.
func TestSimplifyKeepsTurnsBack(t *testing.T) {
	b := builder{tol: 1}
	pts := []float64{0, 0, 100, 0, -100, 1, -100, -150, 0, -150}
	out := b.simplify(append([]float64(nil), pts...))
	for i := 2; i+2 < len(pts); i += 2 {
		found := false
		for k := 0; k+1 < len(out); k += 2 {
			found = found || (out[k] == pts[i] && out[k+1] == pts[i+1])
		}
		if !found {
			t.Errorf("vertex %v, %v dropped: %v", pts[i], pts[i+1], out)
		}
	}
}
