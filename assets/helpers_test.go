package assets

import (
	"math"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"

	"corridor/geo/measure"
)

// polygonsOf returns the polygons of a Polygon or MultiPolygon.
func polygonsOf(g geom.T) []*geom.Polygon {
	switch g := g.(type) {
	case *geom.Polygon:
		return []*geom.Polygon{g}
	case *geom.MultiPolygon:
		out := make([]*geom.Polygon, g.NumPolygons())
		for i := range out {
			out[i] = g.Polygon(i)
		}
		return out
	}
	return nil
}

// ringContains is the even-odd ray-casting test on one ring.
func ringContains(r *geom.LinearRing, x, y float64) bool {
	flat, stride := r.FlatCoords(), r.Stride()
	n := len(flat) / stride
	in := false
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		xi, yi := flat[i*stride], flat[i*stride+1]
		xj, yj := flat[j*stride], flat[j*stride+1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// contains reports whether (x, y) lies inside a Polygon or MultiPolygon.
func contains(g geom.T, x, y float64) bool {
	for _, p := range polygonsOf(g) {
		if !ringContains(p.LinearRing(0), x, y) {
			continue
		}
		inHole := false
		for i := 1; i < p.NumLinearRings(); i++ {
			if ringContains(p.LinearRing(i), x, y) {
				inHole = true
				break
			}
		}
		if !inHole {
			return true
		}
	}
	return false
}

// boundaryDistance returns the geodesic distance in metres from (x, y) to the
// nearest ring of g, looking only at rings whose bounds come within slack
// degrees of the point (+Inf when none does).
func boundaryDistance(g geom.T, x, y, slack float64) float64 {
	best := math.Inf(1)
	for _, p := range polygonsOf(g) {
		for i := 0; i < p.NumLinearRings(); i++ {
			r := p.LinearRing(i)
			b := r.Bounds()
			if x < b.Min(0)-slack || x > b.Max(0)+slack || y < b.Min(1)-slack || y > b.Max(1)+slack {
				continue
			}
			line := geom.NewLineStringFlat(r.Layout(), r.FlatCoords())
			if _, d := measure.Locate(line, x, y); d < best {
				best = d
			}
		}
	}
	return best
}

// near returns the features whose bounds overlap b grown by slack degrees.
func near(fs []*feature.Feature, b *geom.Bounds, slack float64) []*feature.Feature {
	var out []*feature.Feature
	for _, f := range fs {
		fb := f.Geometry.Bounds()
		if fb.Min(0) <= b.Max(0)+slack && fb.Max(0) >= b.Min(0)-slack && fb.Min(1) <= b.Max(1)+slack && fb.Max(1) >= b.Min(1)-slack {
			out = append(out, f)
		}
	}
	return out
}
