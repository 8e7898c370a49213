package render

import (
	"math"
	"unicode/utf8"

	"corridor/geo/style"
)

// collectLabels gathers the label candidates of one layer's features for
// the frame's image, and claims the space of its point symbols so that no
// label covers them.
func (fr *frame) collectLabels(ls *layerState, feats []*Feature, shapes []*shape) {
	st := ls.st
	annotation := ls.l.Kind == style.KindAnnotation
	symbols := ls.hasSymbols()
	m := ls.margin
	W, H := float64(fr.w), float64(fr.h)
	inset := 16 * ls.k
	in := box{inset, inset, W - inset, H - inset}
	for i, f := range feats {
		s := shapes[i]
		if s == nil {
			continue
		}
		text := f.Label
		if annotation && f.Text != "" {
			text = f.Text
		}
		text = clipLabel(text)
		wantLabel := st.Labels && text != "" && !annotation
		wantNote := annotation && text != ""
		if !wantLabel && !wantNote && !(symbols && len(s.points) > 0) {
			continue
		}
		var d float64
		if symbols {
			d = st.SymbolDiameter(f.Size)
		}
		k0, k1 := fr.copies(s.minX, s.maxX, m)
		bestRun, bestArea := 0.0, 0.0
		var bestSpan span
		var bestT xform
		var bestX, bestY float64
		for k := k0; k <= k1; k++ {
			t := xform{s: fr.s, ox: fr.ox + float64(k)*fr.world*fr.s, oy: fr.oy}
			for _, pi := range s.points {
				x, y := s.pts[2*pi]*t.s+t.ox, s.pts[2*pi+1]*t.s+t.oy
				if x < -m || y < -m || x > W+m || y > H+m {
					continue
				}
				if d > 0 {
					r := d/2 + ls.k
					fr.lab.occupySymbol(box{x - r, y - r, x + r, y + r})
				}
				switch {
				case wantNote:
					c := labelCand{text: text, prio: ls.prio, id: f.ID, x: x, y: y, place: placeAnnotation, ts: ls.labelTS,
						leadHW: math.Max(ls.outline.hw, 0.5), leadColour: toRGBA(st.Stroke)}
					if st.Stroke.IsNone() {
						c.leadColour = toRGBA(st.LabelColor)
					}
					if f.Leader != nil {
						p := projector{world: fr.world}
						lx, ly := p.xy(f.Leader[0], f.Leader[1])
						tx, ty := lx*t.s+t.ox, ly*t.s+t.oy
						ws := fr.world * fr.s
						tx -= ws * math.Round((tx-x)/ws) // the copy nearest the point
						c.target, c.tx, c.ty = true, tx, ty
					}
					fr.lab.cands = append(fr.lab.cands, c)
				case wantLabel:
					fr.lab.cands = append(fr.lab.cands, labelCand{text: text, prio: ls.prio, weight: f.Size, id: f.ID,
						x: x, y: y, r: d / 2, place: placeAround, ts: ls.labelTS})
				}
			}
			if !wantLabel {
				continue
			}
			for _, sp := range s.lines {
				if run := visibleRun(s.pts, sp, t, in); run > bestRun {
					bestRun, bestSpan, bestT = run, sp, t
				}
			}
			if bestRun > 0 {
				continue
			}
			for _, poly := range s.polys {
				if len(poly) == 0 {
					continue
				}
				x0, y0, x1, y1 := ringBox(s.pts, poly[0], t)
				x0, y0 = math.Max(x0, 0), math.Max(y0, 0)
				x1, y1 = math.Min(x1, W), math.Min(y1, H)
				if a := (x1 - x0) * (y1 - y0); x1 > x0 && y1 > y0 && a > bestArea {
					bestArea, bestX, bestY = a, (x0+x1)/2, (y0+y1)/2
				}
			}
		}
		switch {
		case !wantLabel:
		case bestRun > 0:
			// a line label needs a visible run about as long as itself
			if bestRun < 0.5*ls.labelTS.size*float64(utf8.RuneCountInString(text)) {
				continue
			}
			fr.lab.cands = append(fr.lab.cands, labelCand{text: text, prio: ls.prio, weight: bestRun, id: f.ID,
				place: placeLine, ts: ls.labelTS, pts: s.pts, sp: bestSpan, t: bestT, hw: math.Max(ls.line.hw, ls.casing.hw)})
		case bestArea > 0:
			fr.lab.cands = append(fr.lab.cands, labelCand{text: text, prio: ls.prio, weight: bestArea, id: f.ID,
				x: bestX, y: bestY, place: placeCentre, ts: ls.labelTS})
		}
	}
}

// visibleRun is the length of the part of the polyline inside r.
func visibleRun(pts []float64, sp span, t xform, r box) float64 {
	run := 0.0
	if sp.b-sp.a < 2 {
		return 0
	}
	ax, ay := t.at(pts, sp.a)
	ain := ax > r.x0 && ax < r.x1 && ay > r.y0 && ay < r.y1
	for i := sp.a + 1; i < sp.b; i++ {
		bx, by := t.at(pts, i)
		bin := bx > r.x0 && bx < r.x1 && by > r.y0 && by < r.y1
		switch {
		case ain && bin:
			dx, dy := bx-ax, by-ay
			run += math.Sqrt(dx*dx + dy*dy)
		case (ax < r.x0 && bx < r.x0) || (ax > r.x1 && bx > r.x1) || (ay < r.y0 && by < r.y0) || (ay > r.y1 && by > r.y1):
		default:
			if x0, y0, x1, y1, ok := clipSegment(ax, ay, bx, by, r.x0, r.y0, r.x1, r.y1); ok {
				run += math.Hypot(x1-x0, y1-y0)
			}
		}
		ax, ay, ain = bx, by, bin
	}
	return run
}
