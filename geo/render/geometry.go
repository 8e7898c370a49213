package render

import (
	"math"

	"github.com/twpayne/go-geom"
)

// leaves calls fn for every non-collection geometry in g.
func leaves(g geom.T, fn func(geom.T)) {
	if c, ok := g.(*geom.GeometryCollection); ok {
		for _, m := range c.Geoms() {
			if m != nil {
				leaves(m, fn)
			}
		}
		return
	}
	if g != nil && g.Stride() >= 2 {
		fn(g)
	}
}

// span is a half-open range of coordinate pairs in shape.pts (indices of
// pairs, not of floats).
type span struct{ a, b int32 }

// shape is a feature's geometry projected to world pixels at one integer
// zoom level and simplified to that level's resolution.
type shape struct {
	pts    []float64 // x, y pairs
	points []int32   // pair index of each point
	lines  []span    // line parts
	polys  [][]span  // polygons, exterior ring first
	// bounding box in world pixels (x may run past the world's width for a
	// geometry crossing the antimeridian)
	minX, minY, maxX, maxY float64
}

// bytes estimates the memory the shape holds.
func (s *shape) bytes() int64 {
	n := int64(cap(s.pts))*8 + int64(cap(s.points))*4 + int64(cap(s.lines))*8 + 128
	for _, p := range s.polys {
		n += int64(cap(p))*8 + 24
	}
	return n
}

// grow extends the bounding box by x, y, which are finite (projected
// points always are), so plain comparisons do what math.Min and Max
// would, without their NaN and signed-zero cases.
func (s *shape) grow(x, y float64) {
	if x < s.minX {
		s.minX = x
	}
	if x > s.maxX {
		s.maxX = x
	}
	if y < s.minY {
		s.minY = y
	}
	if y > s.maxY {
		s.maxY = y
	}
}

// projector turns lon/lat into world pixels at one zoom level.
type projector struct {
	world float64 // world size in pixels
}

func (p projector) xy(lon, lat float64) (float64, float64) {
	x := (lon + 180) / 360 * p.world
	if lat > maxLatDeg {
		lat = maxLatDeg
	} else if lat < -maxLatDeg || lat != lat {
		lat = -maxLatDeg
	}
	y := (0.5 - mercY(lat)/(2*math.Pi)) * p.world
	return x, y
}

// builder builds shapes, reusing its scratch buffers.
type builder struct {
	proj    projector
	tol     float64 // simplification tolerance in world pixels
	scratch []float64
	stack   []int32
	keep    []bool
}

func newShape() *shape {
	return &shape{minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
}

// build projects and simplifies g. It returns nil for an empty geometry.
func (b *builder) build(g geom.T) *shape {
	s := newShape()
	leaves(g, func(g geom.T) {
		flat, stride := g.FlatCoords(), g.Stride()
		switch g := g.(type) {
		case *geom.Point, *geom.MultiPoint:
			for i := 0; i+1 < len(flat); i += stride {
				if !finite(flat[i]) || !finite(flat[i+1]) {
					continue
				}
				x, y := b.proj.xy(flat[i], flat[i+1])
				s.points = append(s.points, int32(len(s.pts)/2))
				s.pts = append(s.pts, x, y)
				s.grow(x, y)
			}
		case *geom.LineString:
			b.addLine(s, flat, stride, false)
		case *geom.MultiLineString:
			start := 0
			for _, end := range g.Ends() {
				b.addLine(s, flat[start:end], stride, false)
				start = end
			}
		case *geom.LinearRing:
			b.addPolygon(s, flat, []int{len(flat)}, stride)
		case *geom.Polygon:
			b.addPolygon(s, flat, g.Ends(), stride)
		case *geom.MultiPolygon:
			start := 0
			for _, ends := range g.Endss() {
				if len(ends) == 0 {
					continue
				}
				rel := make([]int, len(ends))
				for i, e := range ends {
					rel[i] = e - start
				}
				b.addPolygon(s, flat[start:ends[len(ends)-1]], rel, stride)
				start = ends[len(ends)-1]
			}
		}
	})
	if len(s.pts) == 0 {
		return nil
	}
	return s
}

// project fills b.scratch with the part's world pixels, unwrapping
// longitudes so that consecutive vertices are never more than 180 degrees
// apart (a line crossing the antimeridian stays continuous).
func (b *builder) project(flat []float64, stride int) []float64 {
	out := b.scratch[:0]
	off, prev := 0.0, 0.0
	for i := 0; i+1 < len(flat); i += stride {
		lon, lat := flat[i], flat[i+1]
		if !finite(lon) || !finite(lat) {
			continue
		}
		if i > 0 {
			d := lon + off - prev
			if d > 180 {
				off -= 360 * math.Round(d/360)
			} else if d < -180 {
				off -= 360 * math.Round(d/360)
			}
		}
		prev = lon + off
		x, y := b.proj.xy(lon+off, lat)
		out = append(out, x, y)
	}
	b.scratch = out
	return out
}

func (b *builder) addLine(s *shape, flat []float64, stride int, ring bool) bool {
	pts := b.project(flat, stride)
	if len(pts) < 4 {
		if len(pts) == 2 && !ring { // one vertex: a dot
			pts = append(pts, pts[0], pts[1])
		} else {
			return false
		}
	}
	simp := b.simplify(pts)
	if ring {
		if len(simp) < 8 {
			return false
		}
	}
	a := int32(len(s.pts) / 2)
	for i := 0; i < len(simp); i += 2 {
		s.grow(simp[i], simp[i+1])
	}
	s.pts = append(s.pts, simp...)
	sp := span{a, int32(len(s.pts) / 2)}
	if ring {
		s.polys[len(s.polys)-1] = append(s.polys[len(s.polys)-1], sp)
	} else {
		s.lines = append(s.lines, sp)
	}
	return true
}

func (b *builder) addPolygon(s *shape, flat []float64, ends []int, stride int) {
	start := 0
	s.polys = append(s.polys, nil)
	for i, end := range ends {
		ok := b.addLine(s, flat[start:end], stride, true)
		if !ok && i == 0 { // exterior too small to see: drop the polygon
			break
		}
		start = end
	}
	if len(s.polys[len(s.polys)-1]) == 0 {
		s.polys = s.polys[:len(s.polys)-1]
	}
}

// simplify returns pts (x, y pairs) simplified with the builder's
// tolerance: every vertex dropped lies within tol of the line drawn
// instead. A radial-distance pass drops the vertices within tol/2 of the
// last one kept, then a sleeve pass (Zhao and Saalfeld's sector bound)
// those within tol/2 of a segment that replaces them. The first and last
// vertices are kept. The result aliases pts.
//
// The sleeve pass is one walk over the vertices with no recursion: from
// the last kept vertex A it keeps the cone of directions whose rays pass
// within tol/2 of every vertex since A, and keeps a vertex only when the
// next one falls outside that cone (or nearer to A than a vertex before
// it). It keeps about as many vertices as Douglas-Peucker and costs a
// fraction of it where most vertices must stay, as on a route seen close
// up.
func (b *builder) simplify(pts []float64) []float64 {
	half := b.tol / 2
	if !(half > 0) || len(pts) <= 4 {
		return pts
	}
	// radial distance
	t2 := half * half
	n := 2
	px, py := pts[0], pts[1]
	last := len(pts) - 2
	for i := 2; i < last; i += 2 {
		dx, dy := pts[i]-px, pts[i+1]-py
		if dx*dx+dy*dy >= t2 {
			pts[n], pts[n+1] = pts[i], pts[i+1]
			px, py = pts[i], pts[i+1]
			n += 2
		}
	}
	pts[n], pts[n+1] = pts[last], pts[last+1]
	n += 2
	if n <= 4 {
		return pts[:n]
	}
	return sleeve(pts[:n], half)
}

// sleeve simplifies pts in place (see simplify) and returns the kept
// vertices.
func sleeve(pts []float64, tol float64) []float64 {
	t2 := tol * tol
	ax, ay := pts[0], pts[1] // the last kept vertex
	out := 2
	// the cone, as its right and left bounding directions (not unit
	// vectors: only the signs of cross products are used); open until a
	// vertex farther than tol from A bounds it
	var rx, ry, lx, ly float64
	open := true
	far := 0.0 // the largest squared distance from A of a vertex since A
	for i := 2; i+1 < len(pts); i += 2 {
		vx, vy := pts[i]-ax, pts[i+1]-ay
		d2 := vx*vx + vy*vy
		// may pts[i] end the segment from A? Its direction must be in the
		// cone, and no vertex since A farther than it
		ok := d2 >= far && (open || (rx*vy-ry*vx >= 0 && vx*ly-vy*lx >= 0))
		if !ok {
			// keep the vertex before it, which becomes A
			ax, ay = pts[i-2], pts[i-1]
			pts[out], pts[out+1] = ax, ay
			out += 2
			vx, vy = pts[i]-ax, pts[i+1]-ay
			d2 = vx*vx + vy*vy
			open, far = true, 0
		}
		if i+2 >= len(pts) {
			break
		}
		// narrow the cone to the rays within tol of pts[i]; it never
		// empties, as pts[i]'s own direction is in it
		far = max(far, d2)
		if d2 <= t2 {
			continue
		}
		// the wedge's sides: v turned by ∓asin(tol/d), scaled by d
		c := math.Sqrt(d2 - t2)
		wrx, wry := vx*c+vy*tol, vy*c-vx*tol
		wlx, wly := vx*c-vy*tol, vy*c+vx*tol
		if open {
			rx, ry, lx, ly, open = wrx, wry, wlx, wly, false
			continue
		}
		if rx*wry-ry*wrx > 0 { // the wedge's right side is left of the cone's
			rx, ry = wrx, wry
		}
		if wlx*ly-wly*lx > 0 { // its left side is right of the cone's
			lx, ly = wlx, wly
		}
	}
	pts[out], pts[out+1] = pts[len(pts)-2], pts[len(pts)-1]
	out += 2
	return pts[:out]
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
