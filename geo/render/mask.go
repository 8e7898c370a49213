package render

import (
	"image"
	"math"
)

// mask is a view of a coverage buffer the size of the frame (0 = empty,
// 255 = full) that may write only the rows of its band, with its own dirty
// rectangle, so clearing and compositing touch only what was drawn. Views
// of one buffer with disjoint bands let workers draw at the same time.
type mask struct {
	w, h   int
	pix    []uint8
	y0, y1 int // band: rows this view writes
	dirty  image.Rectangle
	alpha  image.Alpha // view of pix for x/image/vector
	hasAny bool
}

func newMask(w, h int) *mask { return bandOf(make([]uint8, w*h), w, h, 0, h) }

// bandOf returns a view of pix limited to rows [y0, y1).
func bandOf(pix []uint8, w, h, y0, y1 int) *mask {
	m := &mask{}
	m.view(pix, w, h, y0, y1)
	return m
}

// view makes m a clean view of pix (w×h, all zero) limited to rows
// [y0, y1).
func (m *mask) view(pix []uint8, w, h, y0, y1 int) {
	*m = mask{w: w, h: h, pix: pix, y0: y0, y1: y1}
	m.alpha = image.Alpha{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
}

// band is the view's writable rectangle.
func (m *mask) band() image.Rectangle { return image.Rect(0, m.y0, m.w, m.y1) }

// touch grows the dirty rectangle by r (already clipped to the mask).
func (m *mask) touch(r image.Rectangle) {
	if r.Empty() {
		return
	}
	if !m.hasAny {
		m.dirty, m.hasAny = r, true
		return
	}
	m.dirty = m.dirty.Union(r)
}

// reset clears the dirty part.
func (m *mask) reset() {
	if !m.hasAny {
		return
	}
	d := m.dirty
	for y := d.Min.Y; y < d.Max.Y; y++ {
		clear(m.pix[y*m.w+d.Min.X : y*m.w+d.Max.X])
	}
	m.hasAny = false
	m.dirty = image.Rectangle{}
}

// segment adds the coverage of a line from a to b of half-width hw, with
// ends extended half a pixel, max-blending into the mask. It walks the
// major axis and, at each pixel column (or row), covers the cross-section
// exactly with a box filter: a fast anti-aliased stroke for thin lines.
func (m *mask) segment(ax, ay, bx, by, hw float64) {
	m.segment2(nil, ax, ay, bx, by, hw, 0)
}

// segment2 is segment that also covers the same segment with half-width
// chw (a casing) in cm, which must have the same band, in the same walk.
// Casing pixels that the line covers fully are skipped: the line paints
// over them.
func (m *mask) segment2(cm *mask, ax, ay, bx, by, hw, chw float64) {
	dx, dy := bx-ax, by-ay
	// x-major unless clearly steeper than 45 degrees: a diagonal must not
	// flip axis on rounding noise, or the same segment would rasterise
	// differently in two tiles
	if math.Abs(dx) >= math.Abs(dy)*(1-1e-9) {
		if dx < 0 {
			ax, ay, bx, by, dx, dy = bx, by, ax, ay, -dx, -dy
		}
		k := 0.0
		if dx > 0 {
			k = dy / dx
		}
		f := math.Sqrt(1 + k*k)
		m.span(ax, ay, bx, k, hw*f, false, cm, chw*f)
		return
	}
	if dy < 0 {
		ax, ay, bx, by, dx, dy = bx, by, ax, ay, -dx, -dy
	}
	k := dx / dy
	f := math.Sqrt(1 + k*k)
	m.span(ay, ax, by, k, hw*f, true, cm, chw*f)
}

// span covers a segment along its major axis u from u0 to u1 (minor axis v
// = v0 + k·(u-u0)), with cross half-extent hv, and with chv in cm when cm
// is not nil. With transposed, u is y.
func (m *mask) span(u0, v0, u1, k, hv float64, transposed bool, cm *mask, chv float64) {
	// the major axis runs over [ulo, uhi), the minor over [vlo, vhi)
	ulo, uhi, vlo, vhi := 0, m.w, m.y0, m.y1
	// step between consecutive minor-axis pixels, and between major ones
	vstep, ustep := m.w, 1
	if transposed {
		ulo, uhi, vlo, vhi = m.y0, m.y1, 0, m.w
		vstep, ustep = 1, m.w
	}
	ua, ub := math.Floor(u0), math.Floor(u1)
	if ua < float64(ulo) {
		ua = float64(ulo)
	}
	if ub > float64(uhi-1) {
		ub = float64(uhi - 1)
	}
	if ua > ub {
		return
	}
	i0, i1 := int(ua), int(ub)
	pix := m.pix
	var cpix []uint8
	if cm != nil {
		cpix = cm.pix
	}
	// minor-axis positions in 16.16 fixed point
	const one = 1 << 16
	vlo16, vhi16 := int64(vlo)<<16, int64(vhi)<<16
	hv16, chv16 := int64(hv*one), int64(chv*one)
	k16 := int64(k * one)
	var vc16 int64
	for i := i0; i <= i1; i++ {
		if i <= i0+1 || i == i1 {
			c := float64(i) + 0.5
			if c < u0 {
				c = u0
			} else if c > u1 {
				c = u1
			}
			vc16 = int64((v0 + k*(c-u0)) * one)
		} else {
			vc16 += k16
		}
		base := i * ustep
		// the line
		lf0, lf1 := 0, -1 // rows the line covers fully
		top, bot := max(vc16-hv16, vlo16), min(vc16+hv16, vhi16)
		if bot > top {
			j0, j1 := int(top>>16), int((bot-1)>>16)
			idx := base + j0*vstep
			if j0 == j1 {
				pix[idx] = max(pix[idx], cov8(bot-top))
			} else {
				pix[idx] = max(pix[idx], cov8(int64(j0+1)<<16-top))
				for j := j0 + 1; j < j1; j++ {
					idx += vstep
					pix[idx] = 255
				}
				idx += vstep
				pix[idx] = max(pix[idx], cov8(bot-int64(j1)<<16))
				lf0, lf1 = j0+1, j1-1
			}
		}
		if cpix == nil {
			continue
		}
		// the casing, but for the rows the line covers fully
		top, bot = max(vc16-chv16, vlo16), min(vc16+chv16, vhi16)
		if bot > top {
			j0, j1 := int(top>>16), int((bot-1)>>16)
			idx := base + j0*vstep
			if j0 == j1 {
				cpix[idx] = max(cpix[idx], cov8(bot-top))
				continue
			}
			cpix[idx] = max(cpix[idx], cov8(int64(j0+1)<<16-top))
			for j := j0 + 1; j < j1; j++ {
				idx += vstep
				if j < lf0 || j > lf1 {
					cpix[idx] = 255
				}
			}
			idx += vstep
			cpix[idx] = max(cpix[idx], cov8(bot-int64(j1)<<16))
		}
	}
	// dirty rows from the end points, grown by the widest half-extent
	ext := max(hv, chv) + 1
	va, vb := v0, v0+k*(u1-u0)
	vmin := max(vlo, int(math.Floor(min(va, vb)-ext)))
	vmax := min(vhi-1, int(math.Ceil(max(va, vb)+ext)))
	if vmin > vmax {
		return
	}
	if transposed {
		m.grow(vmin, i0, vmax+1, i1+1)
		if cm != nil {
			cm.grow(vmin, i0, vmax+1, i1+1)
		}
	} else {
		m.grow(i0, vmin, i1+1, vmax+1)
		if cm != nil {
			cm.grow(i0, vmin, i1+1, vmax+1)
		}
	}
}

// cov8 converts a 16.16 fixed-point coverage (0..1<<16) to 0..255.
func cov8(c int64) uint8 {
	return uint8((min(c, 1<<16)*255 + 1<<15) >> 16)
}

// grow is touch for a rectangle given by its corners, without the
// rectangle arithmetic.
func (m *mask) grow(x0, y0, x1, y1 int) {
	if !m.hasAny {
		m.dirty = image.Rectangle{Min: image.Point{x0, y0}, Max: image.Point{x1, y1}}
		m.hasAny = true
		return
	}
	d := &m.dirty
	if x0 < d.Min.X {
		d.Min.X = x0
	}
	if y0 < d.Min.Y {
		d.Min.Y = y0
	}
	if x1 > d.Max.X {
		d.Max.X = x1
	}
	if y1 > d.Max.Y {
		d.Max.Y = y1
	}
}

// disc adds a filled anti-aliased disc of radius r at x, y (used for round
// joins of wide lines and for dots).
func (m *mask) disc(x, y, r float64) {
	x0, y0 := int(math.Floor(x-r-1)), int(math.Floor(y-r-1))
	x1, y1 := int(math.Ceil(x+r+1)), int(math.Ceil(y+r+1))
	rc := image.Rect(x0, y0, x1, y1).Intersect(m.band())
	if rc.Empty() {
		return
	}
	for j := rc.Min.Y; j < rc.Max.Y; j++ {
		dy := float64(j) + 0.5 - y
		row := m.pix[j*m.w:]
		for i := rc.Min.X; i < rc.Max.X; i++ {
			dx := float64(i) + 0.5 - x
			d := r + 0.5 - math.Sqrt(dx*dx+dy*dy)
			if d <= 0 {
				continue
			}
			if d > 1 {
				d = 1
			}
			if a := uint8(d*255 + 0.5); a > row[i] {
				row[i] = a
			}
		}
	}
	m.touch(rc)
}
