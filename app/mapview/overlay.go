package mapview

import (
	"image"
	"image/color"
	"math"

	"github.com/twpayne/go-geom"
	"golang.org/x/image/vector"

	"corridor/geo/viewport"
)

// Selection colours: a white halo under a bright blue outline, a light blue
// fill for polygons.
var (
	selHalo    = color.NRGBA{R: 255, G: 255, B: 255, A: 230}
	selStroke  = color.NRGBA{R: 0, G: 150, B: 255, A: 255}
	selFill    = color.NRGBA{R: 0, G: 150, B: 255, A: 60}
	selPointR  = 9.0
	selLineW   = 3.0
	selHaloPad = 2.0
)

// selPad is how far, in widget units, the highlight reaches beyond the
// geometry's points and lines.
var selPad = selPointR + selLineW/2 + selHaloPad + 2

// drawSelection draws geometry g as a selection highlight into dst, whose
// pixel 0, 0 is widget point ox, oy of vp and whose pixels are scale device
// pixels per widget unit.
func drawSelection(dst *image.RGBA, vp viewport.Viewport, scale, ox, oy float64, g geom.T) {
	if g == nil {
		return
	}
	b := dst.Bounds()
	z := vector.NewRasterizer(b.Dx(), b.Dy())
	project := func(flat []float64, stride int) [][2]float32 {
		pts := make([][2]float32, 0, len(flat)/stride)
		for i := 0; i+1 < len(flat); i += stride {
			x, y := vp.ToScreen(flat[i], flat[i+1])
			pts = append(pts, [2]float32{float32((x - ox) * scale), float32((y - oy) * scale)})
		}
		return pts
	}
	var lines, rings [][][2]float32
	var points [][2]float32
	var walk func(g geom.T)
	walk = func(g geom.T) {
		switch t := g.(type) {
		case *geom.Point:
			if !t.Empty() && !math.IsNaN(t.X()) {
				points = append(points, project(t.FlatCoords(), t.Stride())...)
			}
		case *geom.MultiPoint:
			for i := 0; i < t.NumPoints(); i++ {
				walk(t.Point(i))
			}
		case *geom.LineString:
			lines = append(lines, project(t.FlatCoords(), t.Stride()))
		case *geom.MultiLineString:
			for i := 0; i < t.NumLineStrings(); i++ {
				walk(t.LineString(i))
			}
		case *geom.Polygon:
			for i := 0; i < t.NumLinearRings(); i++ {
				rings = append(rings, project(t.LinearRing(i).FlatCoords(), t.Stride()))
			}
		case *geom.MultiPolygon:
			for i := 0; i < t.NumPolygons(); i++ {
				walk(t.Polygon(i))
			}
		case *geom.GeometryCollection:
			for _, c := range t.Geoms() {
				walk(c)
			}
		}
	}
	walk(g)

	paint := func(c color.NRGBA) {
		z.Draw(dst, b, image.NewUniform(c), image.Point{})
		z.Reset(b.Dx(), b.Dy())
	}
	if len(rings) > 0 {
		for _, r := range rings {
			path(z, r)
		}
		paint(selFill)
	}
	outlines := append(lines, rings...)
	s := float32(scale)
	for _, pass := range []struct {
		w float32
		c color.NRGBA
	}{{float32(selLineW+2*selHaloPad) * s, selHalo}, {float32(selLineW) * s, selStroke}} {
		any := false
		for _, l := range outlines {
			any = stroke(z, l, pass.w) || any
		}
		for _, p := range points {
			ring(z, p, float32(selPointR)*s, pass.w)
			any = true
		}
		if any {
			paint(pass.c)
		}
	}
}

// path adds a closed polygon ring.
func path(z *vector.Rasterizer, pts [][2]float32) {
	if len(pts) < 3 {
		return
	}
	z.MoveTo(pts[0][0], pts[0][1])
	for _, p := range pts[1:] {
		z.LineTo(p[0], p[1])
	}
	z.ClosePath()
}

// stroke adds one quad per segment of the polyline, width w, and a square
// at each vertex to fill the joints. It reports whether anything was added.
func stroke(z *vector.Rasterizer, pts [][2]float32, w float32) bool {
	h := w / 2
	added := false
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := float32(math.Hypot(float64(dx), float64(dy)))
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*h, dx/l*h
		z.MoveTo(a[0]+nx, a[1]+ny)
		z.LineTo(b[0]+nx, b[1]+ny)
		z.LineTo(b[0]-nx, b[1]-ny)
		z.LineTo(a[0]-nx, a[1]-ny)
		z.ClosePath()
		added = true
	}
	for _, p := range pts {
		q := h * 0.7
		z.MoveTo(p[0]-q, p[1]-q)
		z.LineTo(p[0]+q, p[1]-q)
		z.LineTo(p[0]+q, p[1]+q)
		z.LineTo(p[0]-q, p[1]+q)
		z.ClosePath()
	}
	return added
}

// ring adds a circle outline of radius r and width w about p.
func ring(z *vector.Rasterizer, p [2]float32, r, w float32) {
	const n = 24
	outer, inner := r+w/2, r-w/2
	for _, rad := range []float32{outer, inner} {
		for i := 0; i <= n; i++ {
			// the inner circle runs the other way so that it cuts a hole
			a := 2 * math.Pi * float64(i) / n
			if rad == inner {
				a = -a
			}
			x := p[0] + rad*float32(math.Cos(a))
			y := p[1] + rad*float32(math.Sin(a))
			if i == 0 {
				z.MoveTo(x, y)
			} else {
				z.LineTo(x, y)
			}
		}
		z.ClosePath()
	}
}
