package maplayers

import (
	"context"
	"errors"
	"math"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/store"
	"corridor/geo/measure"
	"corridor/geo/viewport"
)

// Hit is a feature found under a screen point.
type Hit struct {
	// Layer is the layer the feature belongs to (a copy).
	Layer store.Layer
	// Feature is the whole stored feature, attributes included.
	Feature *feature.Feature
	// Distance is how far, in screen pixels, the point is from the
	// feature's outline, line or point (0 inside a polygon).
	Distance float64
}

// errStop ends a query early.
var errStop = errors.New("stop")

// Pick returns the feature of a visible layer under screen point x, y of
// vp, within tol pixels, or nil when there is none. Points, lines and
// polygon outlines come first, the topmost layer winning and, within a
// layer, the nearest feature; failing those, the topmost polygon that
// contains the point.
func (s *Set) Pick(ctx context.Context, vp viewport.Viewport, x, y, tol float64) (*Hit, error) {
	ls := s.StoreLayers()
	w, n := vp.ToLonLat(x-tol, y-tol)
	e, so := vp.ToLonLat(x+tol, y+tol)
	box := store.Bounds{West: w, South: so, East: e, North: n}
	var inside *Hit
	for i := len(ls) - 1; i >= 0; i-- {
		l := ls[i]
		if !l.Visible || l.Features == 0 {
			continue
		}
		var best *Hit
		err := s.ws.Query(ctx, l.Table, box, func(f *feature.Feature) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			d, in := screenDistance(vp, f.Geometry, x, y)
			if d <= tol && (best == nil || d < best.Distance) {
				best = &Hit{Layer: l, Feature: f, Distance: d}
			}
			if in && inside == nil {
				inside = &Hit{Layer: l, Feature: f}
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			return nil, err
		}
		if best != nil {
			return best, nil
		}
	}
	return inside, nil
}

// screenDistance returns the distance in pixels from screen point x, y to
// g's points, lines and polygon rings as drawn in vp, and whether the point
// lies inside one of g's polygons.
func screenDistance(vp viewport.Viewport, g geom.T, x, y float64) (d float64, inside bool) {
	d = math.Inf(1)
	if g == nil {
		return d, false
	}
	switch t := g.(type) {
	case *geom.Point:
		if t.Empty() {
			return d, false
		}
		px, py := vp.ToScreen(t.X(), t.Y())
		return math.Hypot(px-x, py-y), false
	case *geom.MultiPoint:
		for i := 0; i < t.NumPoints(); i++ {
			dd, _ := screenDistance(vp, t.Point(i), x, y)
			d = math.Min(d, dd)
		}
	case *geom.LineString:
		d = pathDistance(vp, t.FlatCoords(), t.Stride(), x, y)
	case *geom.MultiLineString:
		for i := 0; i < t.NumLineStrings(); i++ {
			d = math.Min(d, pathDistance(vp, t.LineString(i).FlatCoords(), t.Stride(), x, y))
		}
	case *geom.Polygon:
		return polygonDistance(vp, t, x, y)
	case *geom.MultiPolygon:
		for i := 0; i < t.NumPolygons(); i++ {
			dd, in := polygonDistance(vp, t.Polygon(i), x, y)
			d = math.Min(d, dd)
			inside = inside || in
		}
	case *geom.GeometryCollection:
		for _, c := range t.Geoms() {
			dd, in := screenDistance(vp, c, x, y)
			d = math.Min(d, dd)
			inside = inside || in
		}
	}
	return d, inside
}

func polygonDistance(vp viewport.Viewport, p *geom.Polygon, x, y float64) (float64, bool) {
	d := math.Inf(1)
	inside := false
	for i := 0; i < p.NumLinearRings(); i++ {
		flat, stride := p.LinearRing(i).FlatCoords(), p.Stride()
		d = math.Min(d, pathDistance(vp, flat, stride, x, y))
		if crossings(vp, flat, stride, x, y)%2 == 1 {
			inside = !inside // the outer ring sets it, each hole containing the point clears it
		}
	}
	if inside {
		return 0, true
	}
	return d, false
}

// pathDistance is the distance from x, y to the polyline in screen pixels.
func pathDistance(vp viewport.Viewport, flat []float64, stride int, x, y float64) float64 {
	d := math.Inf(1)
	var px, py float64
	for i := 0; i+1 < len(flat); i += stride {
		sx, sy := vp.ToScreen(flat[i], flat[i+1])
		if i == 0 {
			d = math.Hypot(sx-x, sy-y)
		} else {
			d = math.Min(d, measure.PointSegment(x, y, px, py, sx, sy))
		}
		px, py = sx, sy
	}
	return d
}

// crossings counts the ring's edges crossed by a ray from x, y to the right.
func crossings(vp viewport.Viewport, flat []float64, stride int, x, y float64) int {
	n := 0
	var px, py float64
	for i := 0; i+1 < len(flat); i += stride {
		sx, sy := vp.ToScreen(flat[i], flat[i+1])
		if i > 0 && (py > y) != (sy > y) {
			if cx := px + (y-py)*(sx-px)/(sy-py); cx > x {
				n++
			}
		}
		px, py = sx, sy
	}
	return n
}
