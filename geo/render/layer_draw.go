package render

import (
	"fmt"
	"math"

	"corridor/geo/style"
)

// layerState is what every worker needs to draw one layer.
type layerState struct {
	l        *Layer
	st       *style.Style
	opacity  float64
	margin   float64
	line     stroke
	casing   stroke
	outline  stroke
	polyFill bool
	labelTS  textStyle
	prio     int
}

func newLayerState(l *Layer) *layerState {
	ls := &layerState{l: l, st: &l.Style, opacity: l.Opacity, prio: priorityOf(l.Kind)}
	if !(ls.opacity > 0) || ls.opacity > 1 {
		ls.opacity = 1
	}
	st := ls.st
	hw := st.Width / 2
	if st.Stroke.IsNone() || st.StrokeOpacity <= 0 {
		hw = 0
	}
	round := hw >= 2.5
	ls.line = stroke{hw: hw, dash: st.Dash, round: round && len(st.Dash) == 0}
	if st.Arrows && hw > 0 {
		ls.line.arrows = math.Max(10, st.ArrowSpacing)
		ls.line.arrow = math.Max(st.ArrowSize, 2*hw+2)
	}
	ls.outline = stroke{hw: hw, dash: st.Dash, round: round && len(st.Dash) == 0}
	if !st.Casing.IsNone() && st.CasingWidth > 0 && hw > 0 {
		chw := hw + st.CasingWidth
		ls.casing = stroke{hw: chw, round: chw >= 2.5}
	}
	ls.polyFill = (!st.Fill.IsNone() && st.FillOpacity > 0) || (!st.Hatch.IsNone() && st.HatchWidth > 0)
	ls.margin = math.Max(st.Width+2*st.CasingWidth, st.ArrowSize) + 4
	if d := st.MaxSymbolSize; d > 0 {
		ls.margin = math.Max(ls.margin, d/2+4)
	} else {
		ls.margin = math.Max(ls.margin, st.SymbolSize/2+4)
	}
	ls.labelTS = textStyle{
		size: st.FontSize, bold: st.Bold, color: toRGBA(st.LabelColor),
		halo: toRGBA(st.Halo), haloWidth: st.HaloWidth, opacity: ls.opacity,
	}
	return ls
}

// drawLayer reads, simplifies (through the cache), draws and composites
// one layer, and collects its label candidates.
func (fr *frame) drawLayer(l *Layer) error {
	ctx := fr.ctx
	ls := newLayerState(l)
	if ls.st.FontSize <= 0 {
		ls.st.Labels = false
	}
	// read what intersects the view
	var feats []*Feature
	boxes := fr.queryBounds(int(ls.margin))
	var seen map[int64]struct{}
	if len(boxes) > 1 {
		seen = make(map[int64]struct{})
	}
	n := 0
	for _, b := range boxes {
		err := l.Source.Query(ctx, b.West, b.South, b.East, b.North, func(f *Feature) error {
			n++
			if n&255 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if f == nil || f.Geom == nil {
				return nil
			}
			if seen != nil {
				if _, dup := seen[f.ID]; dup {
					return nil
				}
				seen[f.ID] = struct{}{}
			}
			feats = append(feats, f)
			return nil
		})
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			return fmt.Errorf("render: layer %q: %w", l.ID, err)
		}
	}
	if len(feats) == 0 {
		return nil
	}
	// geometry from the cache, building what is missing in parallel
	ids := make([]int64, len(feats))
	for i, f := range feats {
		ids[i] = f.ID
	}
	shapes := make([]*shape, len(feats))
	fr.r.cache.lookup(l.ID, l.Generation, fr.zoom, ids, shapes, fr.stamp)
	var miss []int
	for i, s := range shapes {
		if s == nil {
			miss = append(miss, i)
		}
	}
	if len(miss) > 0 {
		workers := len(fr.ws.ws)
		err := parallelEach(workers, func(w int) error {
			wk := fr.ws.ws[w]
			wk.b.proj = projector{world: fr.world}
			wk.b.tol = fr.r.opts.Tolerance
			lo, hi := len(miss)*w/workers, len(miss)*(w+1)/workers
			for j := lo; j < hi; j++ {
				if j&63 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				i := miss[j]
				shapes[i] = wk.b.build(feats[i].Geom)
			}
			return nil
		})
		if err != nil {
			return err
		}
		mids := make([]int64, len(miss))
		ms := make([]*shape, len(miss))
		for j, i := range miss {
			mids[j], ms[j] = ids[i], shapes[i]
		}
		fr.r.cache.store(l.ID, l.Generation, fr.zoom, mids, ms, fr.stamp)
	}
	// rasterise: every worker sees every feature and draws its own band of
	// rows, then composites that band
	err := parallelEach(len(fr.ws.ws), func(w int) error {
		wk := fr.ws.ws[w]
		wk.points = wk.points[:0]
		wk.labels = wk.labels[:0]
		wk.insetBox = wk.inset(fr)
		for i := range feats {
			if i&127 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			wk.drawFeature(fr, ls, feats[i], shapes[i], i)
		}
		fr.composite(ls, wk)
		return nil
	})
	if err != nil {
		return err
	}
	// point symbols in order, then their labels
	var lines map[int]int // feature order -> index of its line label
	for _, wk := range fr.ws.ws {
		for _, p := range wk.points {
			if err := ctx.Err(); err != nil {
				return err
			}
			fr.drawPoint(ls, p)
		}
		for _, c := range wk.labels {
			if c.place != placeLine {
				fr.lab.cands = append(fr.lab.cands, c)
				continue
			}
			// a line seen by several bands keeps its longest visible run
			if lines == nil {
				lines = make(map[int]int)
			}
			if j, ok := lines[c.order]; ok {
				total := fr.lab.cands[j].total + c.total
				if c.weight > fr.lab.cands[j].weight {
					fr.lab.cands[j] = c
				}
				fr.lab.cands[j].total = total
				continue
			}
			lines[c.order] = len(fr.lab.cands)
			fr.lab.cands = append(fr.lab.cands, c)
		}
	}
	// a line label needs a visible run longer than about its width
	if lines != nil {
		kept := fr.lab.cands[:0]
		for _, c := range fr.lab.cands {
			if c.place != placeLine || c.total >= 0.6*c.ts.size*float64(len(c.text)) {
				kept = append(kept, c)
			}
		}
		fr.lab.cands = kept
	}
	return ctx.Err()
}

// composite paints a worker's masks in order: hatch, fill, casing, line.
func (fr *frame) composite(ls *layerState, wk *worker) {
	st, op := ls.st, ls.opacity
	if !st.Hatch.IsNone() && st.HatchWidth > 0 {
		c := toRGBA(st.Hatch)
		paintHatch(fr.dst, c[0], c[1], c[2], float64(c[3])/255*op, []*mask{wk.fill}, hatch{
			angle: st.HatchAngle, spacing: st.HatchSpacing, width: st.HatchWidth,
			ox: math.Mod(fr.ox, st.HatchSpacing*4), oy: math.Mod(fr.oy, st.HatchSpacing*4),
		}, 1)
	}
	f, c, l := toRGBA(st.Fill), toRGBA(st.Casing), toRGBA(st.Stroke)
	paintOps(fr.dst, []paintOp{
		{r: f[0], g: f[1], b: f[2], a: float64(f[3]) / 255 * st.FillOpacity * op, m: wk.fill},
		{r: c[0], g: c[1], b: c[2], a: float64(c[3]) / 255 * op, m: wk.casing},
		{r: l[0], g: l[1], b: l[2], a: float64(l[3]) / 255 * st.StrokeOpacity * op, m: wk.line},
	})
}

// drawFeature rasterises one feature's lines and polygons into the
// worker's masks, for every world copy on screen, and queues its points
// and labels.
func (wk *worker) drawFeature(fr *frame, ls *layerState, f *Feature, s *shape, order int) {
	if s == nil || len(s.pts) == 0 {
		return
	}
	m := ls.margin
	by0, by1 := float64(wk.line.y0), float64(wk.line.y1)
	if s.maxY*fr.s+fr.oy < by0-m || s.minY*fr.s+fr.oy > by1+m {
		return
	}
	st := ls.st
	k0, k1 := fr.copies(s.minX, s.maxX, m)
	text := f.Label
	if ls.l.Kind == style.KindAnnotation && f.Text != "" {
		text = f.Text
	}
	wantLabel := st.Labels && text != ""
	bestRun, bestX, bestY := 0.0, 0.0, 0.0
	var bestSpan span
	var bestT xform
	for k := k0; k <= k1; k++ {
		t := xform{s: fr.s, ox: fr.ox + float64(k)*fr.world*fr.s, oy: fr.oy}
		for _, sp := range s.lines {
			var run lineRun
			if ls.casing.hw > 0 && len(ls.line.dash) == 0 {
				run = wk.strokePath2(wk.line, wk.casing, s.pts, sp, t, ls.line, ls.casing.hw, wantLabel)
			} else {
				if ls.casing.hw > 0 {
					wk.strokePath(wk.casing, s.pts, sp, t, ls.casing, false)
				}
				run = wk.strokePath(wk.line, s.pts, sp, t, ls.line, wantLabel)
			}
			if wantLabel && run.visible > bestRun {
				bestRun, bestSpan, bestT = run.visible, sp, t
			}
		}
		for _, poly := range s.polys {
			if ls.polyFill {
				rings := make([][]float64, 0, len(poly))
				for _, sp := range poly {
					rings = append(rings, screenRing(s.pts, sp, t))
				}
				wk.fillRings(wk.fill, rings)
			}
			if ls.outline.hw > 0 {
				for _, sp := range poly {
					wk.strokePath(wk.line, s.pts, sp, t, ls.outline, false)
				}
			}
			if wantLabel && len(poly) > 0 {
				x0, y0, x1, y1 := ringBox(s.pts, poly[0], t)
				x0, y0 = math.Max(x0, 0), math.Max(y0, 0)
				x1, y1 = math.Min(x1, float64(fr.w)), math.Min(y1, float64(fr.h))
				cy := (y0 + y1) / 2
				mine := cy >= by0 && (cy < by1 || (by1 == float64(fr.h) && cy <= by1))
				if a := (x1 - x0) * (y1 - y0); mine && x1 > x0 && y1 > y0 && a > bestRun {
					bestRun, bestX, bestY = a, (x0+x1)/2, (y0+y1)/2
					bestSpan = span{}
				}
			}
		}
		for _, pi := range s.points {
			x, y := s.pts[2*pi]*t.s+t.ox, s.pts[2*pi+1]*t.s+t.oy
			if x < -m || y < -m || x > float64(fr.w)+m || y > float64(fr.h)+m {
				continue
			}
			if cy := math.Max(0, math.Min(y, float64(fr.h)-1)); cy >= by0 && cy < by1 {
				wk.points = append(wk.points, pointItem{f: f, x: x, y: y})
			}
			if f.Leader != nil && ls.outline.hw > 0 {
				wk.leader(fr, f, x, y, t, ls)
			}
		}
	}
	if !wantLabel || bestRun <= 0 {
		return
	}
	c := labelCand{text: text, prio: ls.prio, weight: bestRun, total: bestRun, order: order, ts: ls.labelTS}
	if bestSpan.b > bestSpan.a {
		c.place = placeLine
		c.x, c.y = pointAlong(s.pts, bestSpan, bestT, wk.insetBox)
	} else {
		c.place = placeCentre
		c.x, c.y = bestX, bestY
	}
	wk.labels = append(wk.labels, c)
}

// leader strokes an annotation's leader line from its anchor at x, y to
// the target, ending in a small dot.
func (wk *worker) leader(fr *frame, f *Feature, x, y float64, t xform, ls *layerState) {
	p := projector{world: fr.world}
	lx, ly := p.xy(f.Leader[0], f.Leader[1])
	tx, ty := lx*t.s+t.ox, ly*t.s+t.oy
	// the target on the copy nearest the anchor
	ws := fr.world * fr.s
	tx -= ws * math.Round((tx-x)/ws)
	if cx0, cy0, cx1, cy1, ok := clipSegment(x, y, tx, ty, -4, -4, float64(fr.w)+4, float64(fr.h)+4); ok {
		wk.line.segment(cx0, cy0, cx1, cy1, ls.outline.hw)
	}
	wk.line.disc(tx, ty, ls.outline.hw+1.5)
}

// drawPoint draws a point feature's symbol and queues its label.
func (fr *frame) drawPoint(ls *layerState, p pointItem) {
	st := ls.st
	d := st.SymbolDiameter(p.f.Size)
	if st.Symbol == style.SymbolNone {
		d = 0
	}
	wk := fr.ws.whole
	wk.drawSymbol(fr.dst, st.Symbol, p.x, p.y, d, st, ls.opacity)
	if d > 0 {
		r := d/2 + 1
		fr.lab.occupy(box{p.x - r, p.y - r, p.x + r, p.y + r})
	}
	text := p.f.Label
	annotation := ls.l.Kind == style.KindAnnotation
	if annotation && p.f.Text != "" {
		text = p.f.Text
	}
	if text == "" || (!st.Labels && !annotation) {
		return
	}
	c := labelCand{text: text, prio: ls.prio, weight: d, order: len(fr.lab.cands), x: p.x, y: p.y, r: d / 2, ts: ls.labelTS}
	if annotation {
		c.place, c.force = placeCentre, true
		if d > 0 {
			c.place = placeAround
		}
	}
	fr.lab.cands = append(fr.lab.cands, c)
}

func screenRing(pts []float64, sp span, t xform) []float64 {
	out := make([]float64, 0, 2*(sp.b-sp.a))
	for i := sp.a; i < sp.b; i++ {
		x, y := t.at(pts, i)
		out = append(out, x, y)
	}
	return out
}

func ringBox(pts []float64, sp span, t xform) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := sp.a; i < sp.b; i++ {
		x, y := t.at(pts, i)
		x0, x1 = math.Min(x0, x), math.Max(x1, x)
		y0, y1 = math.Min(y0, y), math.Max(y1, y)
	}
	return
}

// pointAlong returns the point halfway along the part of the polyline that
// lies inside the rectangle r.
func pointAlong(pts []float64, sp span, t xform, r box) (float64, float64) {
	in := func(x, y float64) bool { return x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1 }
	total := 0.0
	for i := sp.a + 1; i < sp.b; i++ {
		ax, ay := t.at(pts, i-1)
		bx, by := t.at(pts, i)
		if in(ax, ay) && in(bx, by) {
			total += math.Hypot(bx-ax, by-ay)
		}
	}
	half := total / 2
	for i := sp.a + 1; i < sp.b; i++ {
		ax, ay := t.at(pts, i-1)
		bx, by := t.at(pts, i)
		if !in(ax, ay) || !in(bx, by) {
			continue
		}
		l := math.Hypot(bx-ax, by-ay)
		if l >= half && l > 0 {
			f := half / l
			return ax + f*(bx-ax), ay + f*(by-ay)
		}
		half -= l
	}
	return t.at(pts, sp.a)
}
