package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"corridor/geo/style"

	"github.com/twpayne/go-geom"
)

// layerState is what every worker needs to draw one layer.
type layerState struct {
	l        *Layer
	style    style.Style  // the layer's style, copied
	st       *style.Style // &style
	opacity  float64
	margin   float64
	line     stroke
	casing   stroke
	outline  stroke
	polyFill bool
	labelTS  textStyle
	prio     int
	k        float64 // image pixels per style pixel
}

// newLayerState readies l for drawing at k image pixels per style pixel.
func newLayerState(l *Layer, k float64) *layerState {
	ls := &layerState{l: l, style: l.Style.Scaled(k), opacity: l.Opacity, prio: priorityOf(l.Kind), k: k}
	ls.st = &ls.style
	if ls.st.FontSize <= 0 {
		ls.st.Labels = false
	}
	if !(ls.opacity > 0) || ls.opacity > 1 {
		ls.opacity = 1
	}
	st := ls.st
	hw := st.Width / 2
	if st.Stroke.IsNone() || st.StrokeOpacity <= 0 {
		hw = 0
	}
	round := hw >= 2.5*k
	ls.line = stroke{hw: hw, dash: st.Dash, round: round && len(st.Dash) == 0, k: k}
	if st.Arrows && hw > 0 {
		ls.line.arrows = math.Max(10*k, st.ArrowSpacing)
		ls.line.arrow = math.Max(st.ArrowSize, 2*hw+2*k)
	}
	ls.outline = stroke{hw: hw, dash: st.Dash, round: round && len(st.Dash) == 0, k: k}
	if !st.Casing.IsNone() && st.CasingWidth > 0 && hw > 0 {
		chw := hw + st.CasingWidth
		ls.casing = stroke{hw: chw, round: chw >= 2.5*k, k: k}
	}
	ls.polyFill = (!st.Fill.IsNone() && st.FillOpacity > 0) || (!st.Hatch.IsNone() && st.HatchWidth > 0)
	ls.margin = math.Max(st.Width+2*st.CasingWidth, st.ArrowSize) + 4*k
	if d := st.MaxSymbolSize; d > 0 {
		ls.margin = math.Max(ls.margin, d/2+4*k)
	} else {
		ls.margin = math.Max(ls.margin, st.SymbolSize/2+4*k)
	}
	ls.labelTS = textStyle{
		size: st.FontSize, bold: st.Bold, color: toRGBA(st.LabelColor),
		halo: toRGBA(st.Halo), haloWidth: st.HaloWidth, opacity: ls.opacity,
	}
	return ls
}

// hasSymbols reports whether the layer draws point symbols.
func (ls *layerState) hasSymbols() bool {
	return ls.st.Symbol != style.SymbolNone && ls.st.Symbol != "" && ls.st.SymbolSize > 0
}

// hasLabels reports whether the layer needs a label pass: it has labels,
// annotations, or point symbols that labels must avoid.
func (ls *layerState) hasLabels() bool {
	return ls.st.Labels || ls.l.Kind == style.KindAnnotation || ls.hasSymbols()
}

// loadLayer reads the features of l that may show in the frame's image
// (grown by the layer's margin) and their simplified shapes, from the
// cache or built by the frame's workers while the source is still being
// read: the query's goroutine hands the features over in batches.
func (fr *frame) loadLayer(l *Layer, ls *layerState) ([]*Feature, []*shape, error) {
	ctx := fr.ctx
	workers := len(fr.ws.ws)
	ch := make(chan *loadBatch, 4*workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := fr.ws.ws[w]
			wk.b.proj = projector{world: fr.world}
			wk.b.tol = fr.r.opts.Tolerance
			for b := range ch {
				if ctx.Err() == nil {
					fr.buildBatch(l, wk, b)
				}
			}
		}()
	}
	var batches []*loadBatch
	cur := &loadBatch{}
	send := func() {
		if len(cur.feats) > 0 {
			batches = append(batches, cur)
			ch <- cur
			cur = &loadBatch{}
		}
	}
	err := fr.queryLayer(l, ls, func(f *Feature) {
		cur.feats = append(cur.feats, f)
		cur.weight += geomWeight(f.Geom)
		if cur.weight >= batchWeight {
			send()
		}
	})
	send()
	close(ch)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, nil, err
	}
	n := 0
	for _, b := range batches {
		n += len(b.feats)
	}
	if n == 0 {
		return nil, nil, nil
	}
	feats := make([]*Feature, 0, n)
	shapes := make([]*shape, 0, n)
	for _, b := range batches {
		feats = append(feats, b.feats...)
		shapes = append(shapes, b.shapes...)
	}
	return feats, shapes, nil
}

// loadBatch is a run of features handed from the query to a worker, which
// fills in their shapes.
type loadBatch struct {
	feats  []*Feature
	shapes []*shape
	weight int
}

// batchWeight is about how many vertices a batch holds: enough to make
// handing it over cheap, few enough to keep the workers busy while the
// source is read.
const batchWeight = 16384

// geomWeight estimates the work of building g's shape, in vertices.
func geomWeight(g geom.T) int {
	if _, ok := g.(*geom.GeometryCollection); ok {
		return 256
	}
	return len(g.FlatCoords())/max(1, g.Stride()) + 64
}

// queryLayer calls fn, serially, with each feature of l that may show in
// the frame's image, once even when the view crosses the antimeridian.
func (fr *frame) queryLayer(l *Layer, ls *layerState, fn func(*Feature)) error {
	ctx := fr.ctx
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
			fn(f)
			return nil
		})
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			return fmt.Errorf("render: layer %q: %w", l.ID, err)
		}
	}
	return nil
}

// buildBatch fills in b's shapes from the cache, building and caching the
// missing ones with wk's builder.
func (fr *frame) buildBatch(l *Layer, wk *worker, b *loadBatch) {
	ids := make([]int64, len(b.feats))
	for i, f := range b.feats {
		ids[i] = f.ID
	}
	b.shapes = make([]*shape, len(b.feats))
	fr.r.cache.lookup(l.ID, l.Generation, fr.zoom, ids, b.shapes, fr.stamp)
	var mids []int64
	var ms []*shape
	for i, s := range b.shapes {
		if s != nil {
			continue
		}
		s = wk.b.build(b.feats[i].Geom)
		b.shapes[i] = s
		// the frame needs the feature's attributes, not its geometry: a
		// copy without it lets the collector reclaim the vertices
		f := *b.feats[i]
		f.Geom = nil
		b.feats[i] = &f
		mids, ms = append(mids, ids[i]), append(ms, s)
	}
	if len(mids) > 0 {
		fr.r.cache.store(l.ID, l.Generation, fr.zoom, mids, ms, fr.stamp)
	}
}

// drawLayer reads, simplifies (through the cache), draws and composites
// one layer, and with fr.collect gathers its label candidates.
func (fr *frame) drawLayer(l *Layer) error {
	ctx := fr.ctx
	ls := newLayerState(l, fr.k)
	feats, shapes, err := fr.loadLayer(l, ls)
	if err != nil || len(feats) == 0 {
		return err
	}
	// the fresh buffers this layer draws into: fill, casing, line
	ws := fr.ws
	pre := [3]bool{
		ws.fresh[0] && ls.polyFill,
		ws.fresh[1] && ls.casing.hw > 0,
		ws.fresh[2] && (ls.line.hw > 0 || ls.outline.hw > 0),
	}
	for i, p := range pre {
		if p {
			ws.fresh[i] = false
		}
	}
	// rasterise: every worker sees every feature and draws its own band of
	// rows, then composites that band
	err = parallelEach(len(fr.ws.ws), func(w int) error {
		wk := fr.ws.ws[w]
		for i, m := range [3]*mask{wk.fill, wk.casing, wk.line} {
			if pre[i] {
				m.prefault()
			}
		}
		wk.points = wk.points[:0]
		for i := range feats {
			if i&127 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			wk.drawFeature(fr, ls, feats[i], shapes[i])
		}
		fr.composite(ls, wk)
		return nil
	})
	if err != nil {
		return err
	}
	// point symbols, larger under smaller, in an order that depends
	// neither on the frame's bands nor on the source's order, so that
	// tiles meet seamlessly where symbols overlap
	var pts []pointItem
	for _, wk := range fr.ws.ws {
		pts = append(pts, wk.points...)
	}
	slices.SortStableFunc(pts, func(a, b pointItem) int {
		switch {
		case a.d != b.d:
			return cmp.Compare(b.d, a.d)
		case a.f.ID != b.f.ID:
			return cmp.Compare(a.f.ID, b.f.ID)
		case a.x != b.x:
			return cmp.Compare(a.x, b.x)
		}
		return cmp.Compare(a.y, b.y)
	})
	for i, p := range pts {
		if i&63 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		fr.ws.whole.drawSymbol(fr.dst, ls.st.Symbol, p.x, p.y, p.d, fr.k, ls.st, ls.opacity)
	}
	if fr.collect && ls.hasLabels() {
		fr.collectLabels(ls, feats, shapes)
	}
	return ctx.Err()
}

// labelLayer gathers the label candidates of one layer without drawing
// it (its pixels come from cached tiles).
func (fr *frame) labelLayer(l *Layer) error {
	ls := newLayerState(l, fr.k)
	if !ls.hasLabels() {
		return nil
	}
	feats, shapes, err := fr.loadLayer(l, ls)
	if err != nil || len(feats) == 0 {
		return err
	}
	fr.collectLabels(ls, feats, shapes)
	return fr.ctx.Err()
}

// composite paints a worker's masks in order: hatch, fill, casing, line.
// The hatch pattern is anchored to the map, so it is continuous across
// bands and tiles and does not swim when the map pans.
func (fr *frame) composite(ls *layerState, wk *worker) {
	st, op := ls.st, ls.opacity
	if !st.Hatch.IsNone() && st.HatchWidth > 0 {
		c := toRGBA(st.Hatch)
		paintHatch(fr.dst, c[0], c[1], c[2], float64(c[3])/255*op, []*mask{wk.fill}, hatch{
			angle: st.HatchAngle, spacing: st.HatchSpacing, width: st.HatchWidth,
			ox: fr.ox, oy: fr.oy,
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
// worker's masks, for every world copy on screen, and queues its point
// symbols (each on the one worker whose band holds it).
func (wk *worker) drawFeature(fr *frame, ls *layerState, f *Feature, s *shape) {
	if s == nil || len(s.pts) == 0 {
		return
	}
	m := ls.margin
	by0, by1 := float64(wk.line.y0), float64(wk.line.y1)
	if s.maxY*fr.s+fr.oy < by0-m || s.minY*fr.s+fr.oy > by1+m {
		return
	}
	k0, k1 := fr.copies(s.minX, s.maxX, m)
	var d float64
	if ls.hasSymbols() && len(s.points) > 0 {
		d = ls.st.SymbolDiameter(f.Size)
	}
	for k := k0; k <= k1; k++ {
		t := xform{s: fr.s, ox: fr.ox + float64(k)*fr.world*fr.s, oy: fr.oy}
		for _, sp := range s.lines {
			if ls.casing.hw > 0 && len(ls.line.dash) == 0 {
				wk.strokePath2(wk.line, wk.casing, s.pts, sp, t, ls.line, ls.casing.hw)
			} else {
				if ls.casing.hw > 0 {
					wk.strokePath(wk.casing, s.pts, sp, t, ls.casing)
				}
				wk.strokePath(wk.line, s.pts, sp, t, ls.line)
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
					wk.strokePath(wk.line, s.pts, sp, t, ls.outline)
				}
			}
		}
		if d <= 0 {
			continue
		}
		for _, pi := range s.points {
			x, y := s.pts[2*pi]*t.s+t.ox, s.pts[2*pi+1]*t.s+t.oy
			if x < -m || y < -m || x > float64(fr.w)+m || y > float64(fr.h)+m {
				continue
			}
			if cy := math.Max(0, math.Min(y, float64(fr.h)-1)); cy >= by0 && cy < by1 {
				wk.points = append(wk.points, pointItem{f: f, x: x, y: y, d: d})
			}
		}
	}
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
