package render

import (
	"math"
	"sort"
)

// lineLabelStep is the spacing, in pixels along a line, of the anchors a
// line label may take. Anchors are fixed on the line (the middle, then
// steps either side), so a label does not slide along its line while the
// map pans.
const lineLabelStep = 80

// maxLineAnchors bounds the anchors tried for one line label (the nearest
// the line's middle), and maxFlatAnchors those tried for it horizontally:
// on a crowded map most line labels fit nowhere, and each try costs.
const (
	maxLineAnchors = 8
	maxFlatAnchors = 3
)

// lineLabelGap is the margin, in pixels, a line label keeps from other
// labels along its length (half that across): packed labels read as a
// wall of text.
const lineLabelGap = 8.0

// maxLineMisses is how many line labels in a row may fail to fit before
// the rest of their priority is skipped: the map is full of labels by
// then, and trying thousands more would cost a frame's budget.
const maxLineMisses = 250

// placeLine places a label along a line, rotated to the line's direction
// (never upside down) just above or below it, at the first free anchor
// nearest the line's middle where the line is straight enough; failing
// that, horizontally beside an anchor.
func (fr *frame) placeLine(c *labelCand) bool {
	l := &fr.lab
	k := l.k
	gapAlong, step := lineLabelGap*k, lineLabelStep*k
	tw, asc, desc := fr.r.text.measure(c.text, c.ts)
	if tw == 0 {
		return false
	}
	// the line in image pixels, with lengths along it
	n := int(c.sp.b - c.sp.a)
	xs, ys, cum := l.xs[:0], l.ys[:0], l.cum[:0]
	total := 0.0
	for i := c.sp.a; i < c.sp.b; i++ {
		x, y := c.t.at(c.pts, i)
		if len(xs) > 0 {
			dx, dy := x-xs[len(xs)-1], y-ys[len(ys)-1]
			total += math.Sqrt(dx*dx + dy*dy)
		}
		xs, ys, cum = append(xs, x), append(ys, y), append(cum, total)
	}
	l.xs, l.ys, l.cum = xs, ys, cum
	if n < 2 || total <= 0 {
		return false
	}
	at := func(d float64) (float64, float64, int) {
		i := sort.SearchFloat64s(cum, d)
		if i <= 0 {
			return xs[0], ys[0], 0
		}
		if i >= n {
			return xs[n-1], ys[n-1], n - 1
		}
		seg := cum[i] - cum[i-1]
		f := 0.0
		if seg > 0 {
			f = (d - cum[i-1]) / seg
		}
		return xs[i-1] + f*(xs[i]-xs[i-1]), ys[i-1] + f*(ys[i]-ys[i-1]), i
	}
	pad := math.Max(k, c.ts.haloWidth)
	mid := asc * 0.36
	gap := 2.0 * k
	W, H := float64(l.w), float64(l.h)
	// anchors: the middle, then steps either side, on screen only
	var anchors []float64
	for i := 0; len(anchors) < maxLineAnchors; i++ {
		dp, dm := total/2+float64(i)*step, total/2-float64(i)*step
		if dp > total && dm < 0 {
			break
		}
		for j, d := range [2]float64{dp, dm} {
			if (i == 0 && j == 1) || d < 0 || d > total {
				continue
			}
			if x, y, _ := at(d); x > 0 && x < W && y > 0 && y < H {
				anchors = append(anchors, d)
			}
		}
	}
	half := tw/2 + 2*k
	for _, d := range anchors {
		if d-half < 0 || d+half > total {
			continue
		}
		x0, y0, i0 := at(d - half)
		x1, y1, i1 := at(d + half)
		dx, dy := x1-x0, y1-y0
		cl := math.Hypot(dx, dy)
		if cl < tw*0.9 {
			continue // the line bends too much under the label
		}
		ux, uy := dx/cl, dy/cl
		if ux < 0 { // never upside down
			ux, uy = -ux, -uy
		}
		deg := math.Round(math.Atan2(uy, ux) * 180 / math.Pi)
		th := deg * math.Pi / 180
		ux, uy = math.Cos(th), math.Sin(th)
		nx, ny := uy, -ux // the text's up
		// how far the line strays from the chord, towards the text's up
		// and down, under the label
		up, down := 0.0, 0.0
		for i := i0; i < i1 && i < n; i++ {
			sd := (xs[i]-x0)*nx + (ys[i]-y0)*ny
			up, down = math.Max(up, sd), math.Max(down, -sd)
		}
		cx, cy := (x0+x1)/2, (y0+y1)/2
		// above, below, then a little further off (past symbols on the line)
		above, below := c.hw+gap+desc+mid+up, -(c.hw + gap + asc - mid + down)
		for j, off := range [4]float64{above, below, above + 7*k, below - 7*k} {
			if (j%2 == 0 && down > 8*k) || (j%2 == 1 && up > 8*k) {
				continue // the line would wander far from the label
			}
			px, py := cx+nx*off, cy+ny*off
			// the text box about the pivot: from asc-mid above to desc+mid
			// below, along the direction ±tw/2
			bc := ((desc + mid) - (asc - mid)) / 2 // box centre below the pivot
			ob := obox{cx: px - nx*bc, cy: py - ny*bc, ux: ux, uy: uy, hw: tw/2 + pad, hh: (asc+desc)/2 + pad}
			// the space it needs: its box and a margin to other labels
			need := ob
			need.hw += gapAlong
			need.hh += gapAlong / 2
			if ab := ob.bounds(); !l.inside(ab) || (!l.free(ab) && !l.freeOriented(ob, false)) {
				continue
			}
			if nb := need.bounds(); !l.freeOf(nb, true) && !l.freeOriented(need, true) {
				continue
			}
			l.occupyOriented(ob)
			if deg == 0 {
				fr.queueText(c.text, px-tw/2, py+mid, c.ts)
			} else {
				fr.queueRotated(c.text, px, py, int(deg), c.ts)
			}
			return true
		}
	}
	// horizontal, beside an anchor, clear of the line near it
	for i, d := range anchors {
		if i == maxFlatAnchors {
			break
		}
		x, y, _ := at(d)
		r := c.hw + gap + k
		for _, p := range [][2]float64{
			{x - tw/2, y - r - desc}, {x - tw/2, y + r + asc*0.8},
			{x + r, y - r - desc}, {x - r - tw, y - r - desc},
			{x + r, y + r + asc*0.8}, {x - r - tw, y + r + asc*0.8},
		} {
			b := box{p[0] - pad, p[1] - asc - pad, p[0] + tw + pad, p[1] + desc + pad}
			need := box{b.x0 - gapAlong, b.y0 - gapAlong/2, b.x1 + gapAlong, b.y1 + gapAlong/2}
			if !l.inside(b) || !l.free(b) || !l.freeOf(need, true) || lineCrosses(xs, ys, cum, d-tw-r, d+tw+r, b) {
				continue
			}
			l.occupy(b)
			fr.queueText(c.text, p[0], p[1], c.ts)
			return true
		}
	}
	return false
}

// lineCrosses reports whether the part of the polyline between lengths
// d0 and d1 along it passes through b.
func lineCrosses(xs, ys, cum []float64, d0, d1 float64, b box) bool {
	for i := 1; i < len(xs); i++ {
		if cum[i] < d0 || cum[i-1] > d1 {
			continue
		}
		if _, _, _, _, ok := clipSegment(xs[i-1], ys[i-1], xs[i], ys[i], b.x0, b.y0, b.x1, b.y1); ok {
			return true
		}
	}
	return false
}

// obox is a rectangle centred on cx, cy with half-lengths hw along the
// unit vector ux, uy and hh across it.
type obox struct{ cx, cy, ux, uy, hw, hh float64 }

// bounds is the axis-aligned box around o.
func (o obox) bounds() box {
	ex := o.hw*math.Abs(o.ux) + o.hh*math.Abs(o.uy)
	ey := o.hw*math.Abs(o.uy) + o.hh*math.Abs(o.ux)
	return box{o.cx - ex, o.cy - ey, o.cx + ex, o.cy + ey}
}

// hits reports whether o and the box b overlap (separating axes: the
// box's two and o's two).
func (o obox) hits(b box) bool {
	if !o.bounds().hits(b) {
		return false
	}
	// b's centre and half extents, projected on o's axes
	bx, by := (b.x0+b.x1)/2-o.cx, (b.y0+b.y1)/2-o.cy
	ex, ey := (b.x1-b.x0)/2, (b.y1-b.y0)/2
	if math.Abs(bx*o.ux+by*o.uy) >= o.hw+ex*math.Abs(o.ux)+ey*math.Abs(o.uy) {
		return false
	}
	return math.Abs(-bx*o.uy+by*o.ux) < o.hh+ex*math.Abs(o.uy)+ey*math.Abs(o.ux)
}

// hitsOriented reports whether two rotated boxes overlap (separating
// axes: each box's two).
func (o obox) hitsOriented(p obox) bool {
	dx, dy := p.cx-o.cx, p.cy-o.cy
	for _, ax := range [4][2]float64{{o.ux, o.uy}, {-o.uy, o.ux}, {p.ux, p.uy}, {-p.uy, p.ux}} {
		ro := o.hw*math.Abs(o.ux*ax[0]+o.uy*ax[1]) + o.hh*math.Abs(-o.uy*ax[0]+o.ux*ax[1])
		rp := p.hw*math.Abs(p.ux*ax[0]+p.uy*ax[1]) + p.hh*math.Abs(-p.uy*ax[0]+p.ux*ax[1])
		if math.Abs(dx*ax[0]+dy*ax[1]) >= ro+rp {
			return false
		}
	}
	return true
}
