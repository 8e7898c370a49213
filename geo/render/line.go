package render

import (
	"math"
)

// xform maps level pixels to screen pixels for one world copy.
type xform struct{ s, ox, oy float64 }

func (t xform) at(pts []float64, i int32) (float64, float64) {
	return pts[2*i]*t.s + t.ox, pts[2*i+1]*t.s + t.oy
}

// clipSegment clips a segment to the rectangle [x0, x1]×[y0, y1]
// (Liang-Barsky). ok is false when nothing is left.
func clipSegment(ax, ay, bx, by, x0, y0, x1, y1 float64) (cax, cay, cbx, cby float64, ok bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := bx-ax, by-ay
	for _, e := range [4][2]float64{{-dx, ax - x0}, {dx, x1 - ax}, {-dy, ay - y0}, {dy, y1 - ay}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, 0, 0, false
			}
			if r > t0 {
				t0 = r
			}
		} else {
			if r < t0 {
				return 0, 0, 0, 0, false
			}
			if r < t1 {
				t1 = r
			}
		}
	}
	return ax + t0*dx, ay + t0*dy, ax + t1*dx, ay + t1*dy, true
}

// stroke describes how to stroke a path into a mask.
type stroke struct {
	hw     float64   // half width
	dash   []float64 // on/off lengths, nil = solid
	round  bool      // round joins and caps (wide lines)
	arrows float64   // arrow spacing, 0 = none
	arrow  float64   // arrow length
	k      float64   // image pixels per style pixel
}

// strokePath strokes the polyline pts[sp.a:sp.b] (level pixels, through t)
// into m, limited to m's band. Segments off the band are skipped but still
// advance dashes and arrows, so patterns do not swim when the map pans and
// are the same in every band or tile.
func (wk *worker) strokePath(m *mask, pts []float64, sp span, t xform, st stroke) {
	wk.strokePath2(m, nil, pts, sp, t, st, 0)
}

// strokePath2 is strokePath that also strokes a solid casing of half-width
// chw into cm (when cm is not nil), sharing the walk.
func (wk *worker) strokePath2(m, cm *mask, pts []float64, sp span, t xform, st stroke, chw float64) {
	if sp.b-sp.a < 2 || st.hw <= 0 {
		return
	}
	if cm == nil {
		chw = 0
	}
	pad := math.Max(st.hw, chw) + 2
	if st.arrows > 0 {
		pad = math.Max(pad, st.arrow+2)
	}
	w := float64(m.w)
	x0, y0, x1, y1 := -pad, float64(m.y0)-pad, w+pad, float64(m.y1)+pad
	// a round join's disc reaches into the band from this far outside it
	jr := math.Max(st.hw, chw) + 1
	dashOn, dashIdx, dashLeft := true, 0, 0.0
	if len(st.dash) > 0 {
		dashLeft = st.dash[0]
	}
	needLen := len(st.dash) > 0 || st.arrows > 0
	nextArrow := st.arrows / 2
	along := 0.0
	ax, ay := t.at(pts, sp.a)
	for i := sp.a + 1; i < sp.b; i++ {
		bx, by := t.at(pts, i)
		out := (ax < x0 && bx < x0) || (ax > x1 && bx > x1) || (ay < y0 && by < y0) || (ay > y1 && by > y1)
		dx, dy := bx-ax, by-ay
		var l float64
		if needLen {
			l = math.Sqrt(dx*dx + dy*dy)
		}
		if !out {
			if len(st.dash) == 0 {
				if ax >= x0 && ax <= x1 && bx >= x0 && bx <= x1 && ay >= y0 && ay <= y1 && by >= y0 && by <= y1 {
					wk.emit(m, cm, ax, ay, bx, by, st.hw, chw)
				} else if cax, cay, cbx, cby, ok := clipSegment(ax, ay, bx, by, x0, y0, x1, y1); ok {
					wk.emit(m, cm, cax, cay, cbx, cby, st.hw, chw)
				}
				if i+1 < sp.b && bx >= -jr && bx < w+jr && by >= float64(m.y0)-jr && by < float64(m.y1)+jr {
					if st.round {
						m.disc(bx, by, st.hw)
					}
					if chw >= 2.5*st.k {
						cm.disc(bx, by, chw)
					}
				}
			} else {
				dashOn, dashIdx, dashLeft = wk.dashSegment(m, ax, ay, dx, dy, l, st, dashOn, dashIdx, dashLeft, x0, y0, x1, y1)
			}
		} else if len(st.dash) > 0 {
			dashOn, dashIdx, dashLeft = advanceDash(st.dash, l, dashOn, dashIdx, dashLeft)
		}
		if st.arrows > 0 && l > 0 {
			for nextArrow <= along+l {
				f := (nextArrow - along) / l
				px, py := ax+f*dx, ay+f*dy
				if px > -st.arrow && px < w+st.arrow && py > y0-st.arrow && py < y1+st.arrow {
					wk.arrowHead(m, px, py, dx/l, dy/l, st.arrow, st.hw, st.k)
				}
				nextArrow += st.arrows
			}
		}
		along += l
		ax, ay = bx, by
	}
}

// dashSegment strokes the "on" pieces of one segment and returns the dash
// state at its end. Only the part of the segment inside the clip box is
// walked piece by piece; the dash state skips over the rest, so a long
// segment mostly off screen costs little.
func (wk *worker) dashSegment(m *mask, ax, ay, dx, dy, l float64, st stroke, on bool, idx int, left float64, x0, y0, x1, y1 float64) (bool, int, float64) {
	if l == 0 {
		return on, idx, left
	}
	t0, t1, ok := clipParams(ax, ay, dx, dy, x0, y0, x1, y1)
	if !ok {
		return advanceDash(st.dash, l, on, idx, left)
	}
	pos, end := 0.0, t1*l
	if skip := t0 * l; skip > 0 {
		on, idx, left = advanceDash(st.dash, skip, on, idx, left)
		pos = skip
	}
	for pos < end {
		step := math.Min(left, end-pos)
		if on && step > 0 {
			f0, f1 := pos/l, (pos+step)/l
			if cax, cay, cbx, cby, ok := clipSegment(ax+f0*dx, ay+f0*dy, ax+f1*dx, ay+f1*dy, x0, y0, x1, y1); ok {
				wk.emit(m, nil, cax, cay, cbx, cby, st.hw, 0)
			}
		}
		pos += step
		left -= step
		if left <= 1e-9 {
			idx = (idx + 1) % len(st.dash)
			left = st.dash[idx]
			on = idx%2 == 0
		}
	}
	if rest := l - end; rest > 0 {
		on, idx, left = advanceDash(st.dash, rest, on, idx, left)
	}
	return on, idx, left
}

// clipParams returns the range [t0, t1] of the segment a + t·d, t in
// [0, 1], inside the rectangle (Liang-Barsky); ok is false when none is.
func clipParams(ax, ay, dx, dy, x0, y0, x1, y1 float64) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	for _, e := range [4][2]float64{{-dx, ax - x0}, {dx, x1 - ax}, {-dy, ay - y0}, {dy, y1 - ay}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, false
			}
			t0 = math.Max(t0, r)
		} else {
			if r < t0 {
				return 0, 0, false
			}
			t1 = math.Min(t1, r)
		}
	}
	return t0, t1, true
}

// advanceDash moves the dash state l pixels along without drawing.
func advanceDash(dash []float64, l float64, on bool, idx int, left float64) (bool, int, float64) {
	if l < left {
		return on, idx, left - l
	}
	total := 0.0
	for _, d := range dash {
		total += d
	}
	l -= left
	idx = (idx + 1) % len(dash)
	left = dash[idx]
	if total > 0 && l > total {
		l = math.Mod(l, total)
	}
	for l >= left {
		l -= left
		idx = (idx + 1) % len(dash)
		left = dash[idx]
	}
	return idx%2 == 0, idx, left - l
}

// arrowHead draws a direction arrow centred on x, y pointing along ux, uy:
// an open chevron stroked a little wider than the line (two segments: far
// cheaper than filling a triangle, and as legible at map sizes).
func (wk *worker) arrowHead(m *mask, x, y, ux, uy, size, hw, k float64) {
	half := size / 2
	wing := math.Max(size*0.5, hw+2*k)
	px, py := -uy, ux
	tx, ty := x+ux*half, y+uy*half
	w := math.Max(hw*0.8, 0.9*k)
	m.segment(tx, ty, x-ux*half+px*wing, y-uy*half+py*wing, w)
	m.segment(tx, ty, x-ux*half-px*wing, y-uy*half-py*wing, w)
	m.disc(tx, ty, w)
}

// emit strokes a segment into m, and its casing into cm when chw > 0.
func (wk *worker) emit(m, cm *mask, ax, ay, bx, by, hw, chw float64) {
	if chw > 0 {
		m.segment2(cm, ax, ay, bx, by, hw, chw)
		return
	}
	m.segment(ax, ay, bx, by, hw)
}
