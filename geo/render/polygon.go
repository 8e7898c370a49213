package render

import (
	"image"
	"image/draw"
	"math"
)

// fillRings adds the anti-aliased coverage of the polygon made of rings
// (screen x, y pairs; holes may wind either way) to m. Rings are clipped to
// the mask first, so huge coordinates stay cheap and exact.
func (wk *worker) fillRings(m *mask, rings [][]float64) {
	bounds := m.band()
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	clipped := wk.rings[:0]
	buf := wk.clip[:0]
	for _, r := range rings {
		start := len(buf)
		buf = clipRing(buf, r, -1, float64(m.y0)-1, float64(m.w)+1, float64(m.y1)+1)
		c := buf[start:]
		if len(c) < 6 {
			buf = buf[:start]
			continue
		}
		for i := 0; i < len(c); i += 2 {
			minX, maxX = math.Min(minX, c[i]), math.Max(maxX, c[i])
			minY, maxY = math.Min(minY, c[i+1]), math.Max(maxY, c[i+1])
		}
		clipped = append(clipped, c)
	}
	// buf may have moved while growing: re-slice the rings from it
	off := 0
	for i, c := range clipped {
		n := len(c)
		clipped[i] = buf[off : off+n]
		off += n
	}
	wk.clip, wk.rings = buf, clipped
	if len(clipped) == 0 {
		return
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(bounds)
	if r.Empty() {
		return
	}
	wk.ras.Reset(r.Dx(), r.Dy())
	fx, fy := float64(r.Min.X), float64(r.Min.Y)
	for i, c := range clipped {
		// the exterior winds one way, holes the other: vector adds
		// windings, so a hole winding like its exterior would stay filled
		a := ringArea(c)
		reverse := (i == 0 && a < 0) || (i > 0 && a > 0)
		n := len(c) / 2
		at := func(k int) (float32, float32) {
			if reverse {
				k = n - 1 - k
			}
			return float32(c[2*k] - fx), float32(c[2*k+1] - fy)
		}
		x, y := at(0)
		wk.ras.MoveTo(x, y)
		for k := 1; k < n; k++ {
			x, y = at(k)
			wk.ras.LineTo(x, y)
		}
		wk.ras.ClosePath()
	}
	wk.ras.DrawOp = draw.Over
	wk.ras.Draw(&m.alpha, r, image.Opaque, image.Point{})
	m.touch(r)
}

// ringArea is twice the signed area of a ring of x, y pairs.
func ringArea(c []float64) float64 {
	a := 0.0
	n := len(c)
	for i := 0; i < n; i += 2 {
		j := (i + 2) % n
		a += c[i]*c[j+1] - c[j]*c[i+1]
	}
	return a
}

// clipRing appends ring r (x, y pairs) clipped to the rectangle to dst
// (Sutherland-Hodgman, one edge at a time).
func clipRing(dst, r []float64, x0, y0, x1, y1 float64) []float64 {
	inside := true
	for i := 0; i < len(r); i += 2 {
		if r[i] < x0 || r[i] > x1 || r[i+1] < y0 || r[i+1] > y1 {
			inside = false
			break
		}
	}
	if inside {
		return append(dst, r...)
	}
	cur := append([]float64(nil), r...)
	for edge := 0; edge < 4 && len(cur) >= 6; edge++ {
		in := func(x, y float64) bool {
			switch edge {
			case 0:
				return x >= x0
			case 1:
				return x <= x1
			case 2:
				return y >= y0
			}
			return y <= y1
		}
		cross := func(ax, ay, bx, by float64) (float64, float64) {
			var t float64
			switch edge {
			case 0:
				t = (x0 - ax) / (bx - ax)
			case 1:
				t = (x1 - ax) / (bx - ax)
			case 2:
				t = (y0 - ay) / (by - ay)
			default:
				t = (y1 - ay) / (by - ay)
			}
			return ax + t*(bx-ax), ay + t*(by-ay)
		}
		var next []float64
		n := len(cur)
		px, py := cur[n-2], cur[n-1]
		pin := in(px, py)
		for i := 0; i < n; i += 2 {
			x, y := cur[i], cur[i+1]
			cin := in(x, y)
			if cin {
				if !pin {
					ix, iy := cross(px, py, x, y)
					next = append(next, ix, iy)
				}
				next = append(next, x, y)
			} else if pin {
				ix, iy := cross(px, py, x, y)
				next = append(next, ix, iy)
			}
			px, py, pin = x, y, cin
		}
		cur = next
	}
	if len(cur) < 6 {
		return dst
	}
	return append(dst, cur...)
}

// hatch describes a pattern of parallel lines.
type hatch struct {
	angle, spacing, width float64 // degrees, pixels, pixels
	ox, oy                float64 // pattern origin on screen (moves with the map)
}

// paintHatch composites colour through the union of masks multiplied by
// the hatch pattern onto dst. The masks are kept.
func paintHatch(dst *image.RGBA, r, g, b uint8, a float64, masks []*mask, h hatch, workers int) {
	var d image.Rectangle
	any := false
	for _, m := range masks {
		if m.hasAny {
			if !any {
				d, any = m.dirty, true
			} else {
				d = d.Union(m.dirty)
			}
		}
	}
	if !any || a <= 0 || h.spacing < 1 {
		return
	}
	a = math.Min(a, 1)
	sin, cos := math.Sincos(h.angle * math.Pi / 180)
	hw := h.width / 2
	parallelRows(d.Dy(), workers, func(y0, y1 int) {
		for y := d.Min.Y + y0; y < d.Min.Y+y1; y++ {
			moff := y*masks[0].w + d.Min.X
			doff := y*dst.Stride + d.Min.X*4
			fy := float64(y) + 0.5 - h.oy
			for i := 0; i < d.Dx(); i++ {
				var c uint8
				for _, m := range masks {
					if v := m.pix[moff+i]; v > c {
						c = v
					}
				}
				if c == 0 {
					continue
				}
				fx := float64(d.Min.X+i) + 0.5 - h.ox
				// distance across the hatch lines (screen y points down)
				u := fx*sin + fy*cos
				u -= h.spacing * math.Floor(u/h.spacing)
				dist := math.Min(u, h.spacing-u)
				cov := hw + 0.5 - dist
				if cov <= 0 {
					continue
				}
				if cov > 1 {
					cov = 1
				}
				sa := uint32(float64(c) * cov * a)
				if sa == 0 {
					continue
				}
				p := dst.Pix[doff+i*4 : doff+i*4+4 : doff+i*4+4]
				ia := 255 - sa
				p[0] = uint8((uint32(r)*sa + uint32(p[0])*ia + 127) / 255)
				p[1] = uint8((uint32(g)*sa + uint32(p[1])*ia + 127) / 255)
				p[2] = uint8((uint32(b)*sa + uint32(p[2])*ia + 127) / 255)
				p[3] = uint8((255*sa + uint32(p[3])*ia + 127) / 255)
			}
		}
	})
}
