package render

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"corridor/geo/style"
)

// placement says where a label may go relative to its anchor.
type placement uint8

const (
	placeAround     placement = iota // beside a point symbol: right, left, above, below
	placeCentre                      // centred on the anchor (areas)
	placeLine                        // along a line, rotated to its direction
	placeAnnotation                  // a boxed, wrapped text near its point, with a leader when moved
)

// Label priorities, lowest placed first.
const (
	prioAnnotation = iota
	prioPort
	prioInterdiction
	prioRoute
	prioPatrol
	prioOther
)

func priorityOf(kind style.Kind) int {
	switch kind {
	case style.KindAnnotation:
		return prioAnnotation
	case style.KindPort:
		return prioPort
	case style.KindInterdiction:
		return prioInterdiction
	case style.KindRoute:
		return prioRoute
	case style.KindPatrolArea:
		return prioPatrol
	}
	return prioOther
}

// labelCand is a label that may be drawn.
type labelCand struct {
	text   string
	prio   int
	weight float64 // larger first within a priority
	id     int64   // then lower feature IDs first
	x, y   float64 // anchor
	r      float64 // symbol radius for placeAround
	place  placement
	ts     textStyle
	// placeLine: the line in level pixels, its transform to the image and
	// the half width the label keeps clear of
	pts []float64
	sp  span
	t   xform
	hw  float64
	// placeAnnotation: the leader's target, its half width and colour
	target     bool
	tx, ty     float64
	leadHW     float64
	leadColour [4]uint8
}

type box struct{ x0, y0, x1, y1 float64 }

func (a box) hits(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

// overlap is the area a and b share.
func (a box) overlap(b box) float64 {
	w := math.Min(a.x1, b.x1) - math.Max(a.x0, b.x0)
	h := math.Min(a.y1, b.y1) - math.Max(a.y0, b.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// labeler collects label candidates and places them without overlap,
// using a uniform grid of placed boxes (upright or rotated).
type labeler struct {
	w, h   int
	k      float64 // image pixels per style pixel: gaps and pads scale by it
	cands  []labelCand
	cell   float64
	nx, ny int
	grid   [][]placed
	// scratch for line labels: screen points and lengths along the line
	xs, ys, cum []float64
	// the drawing steps of the placed labels, in order
	ops []labelOp
}

// placed is the space a placed label or symbol takes: an upright box,
// or a rotated one (rot) with its bounds.
type placed struct {
	b   box
	o   obox
	rot bool
	sym bool // a point symbol or leader, not a label
}

// init readies the labeler for a w×h image at pixel ratio k, reusing the
// candidate and grid storage of ws (kept there again by keep).
func (l *labeler) init(w, h int, k float64, ws *workerSet) {
	l.w, l.h, l.k = w, h, k
	l.cell = 48
	l.nx, l.ny = w/48+1, h/48+1
	grid := ws.grid
	if cap(grid) < l.nx*l.ny {
		grid = make([][]placed, l.nx*l.ny)
	}
	grid = grid[:l.nx*l.ny]
	for i := range grid {
		grid[i] = grid[i][:0]
	}
	l.grid = grid
	l.cands = ws.cands[:0]
	l.ops = ws.ops[:0]
}

// keep hands the labeler's storage back to ws for the next frame.
func (l *labeler) keep(ws *workerSet) {
	clear(l.cands) // drop references to the frame's strings and shapes
	clear(l.ops)
	ws.cands, ws.grid, ws.ops = l.cands[:0], l.grid, l.ops[:0]
	l.cands, l.grid, l.ops = nil, nil, nil
}

func (l *labeler) cells(b box, fn func(i int) bool) bool {
	cx0, cy0 := int(math.Max(0, b.x0/l.cell)), int(math.Max(0, b.y0/l.cell))
	cx1, cy1 := int(math.Min(float64(l.nx-1), b.x1/l.cell)), int(math.Min(float64(l.ny-1), b.y1/l.cell))
	for y := cy0; y <= cy1; y++ {
		for x := cx0; x <= cx1; x++ {
			if !fn(y*l.nx + x) {
				return false
			}
		}
	}
	return true
}

// cellRange returns the grid cells b covers: columns cx0..cx1, rows
// cy0..cy1.
func (l *labeler) cellRange(b box) (cx0, cy0, cx1, cy1 int) {
	return l.cellOf(b.x0, l.nx), l.cellOf(b.y0, l.ny), l.cellOf(b.x1, l.nx), l.cellOf(b.y1, l.ny)
}

// free reports whether the upright box b overlaps nothing placed.
func (l *labeler) free(b box) bool { return l.freeOf(b, false) }

// freeOf is free, ignoring symbols when labelsOnly is set.
func (l *labeler) freeOf(b box, labelsOnly bool) bool {
	cx0, cy0, cx1, cy1 := l.cellRange(b)
	for y := cy0; y <= cy1; y++ {
		for _, cell := range l.grid[y*l.nx+cx0 : y*l.nx+cx1+1] {
			for i := range cell {
				o := &cell[i]
				if o.b.hits(b) && (!o.rot || o.o.hits(b)) && !(labelsOnly && o.sym) {
					return false
				}
			}
		}
	}
	return true
}

// freeOriented reports whether the rotated box o overlaps nothing
// placed, ignoring symbols when labelsOnly is set.
func (l *labeler) freeOriented(o obox, labelsOnly bool) bool {
	ob := o.bounds()
	cx0, cy0, cx1, cy1 := l.cellRange(ob)
	for y := cy0; y <= cy1; y++ {
		for _, cell := range l.grid[y*l.nx+cx0 : y*l.nx+cx1+1] {
			for i := range cell {
				p := &cell[i]
				if !p.b.hits(ob) || (labelsOnly && p.sym) {
					continue
				}
				if (!p.rot && o.hits(p.b)) || (p.rot && o.hitsOriented(p.o)) {
					return false
				}
			}
		}
	}
	return true
}

// overlap sums the areas b shares with the bounds of placed boxes, each
// counted once (in the cell holding the top left of the shared part).
func (l *labeler) overlap(b box) float64 {
	a := 0.0
	l.cells(b, func(i int) bool {
		cx, cy := i%l.nx, i/l.nx
		for _, o := range l.grid[i] {
			v := o.b.overlap(b)
			if v == 0 {
				continue
			}
			x0, y0 := math.Max(o.b.x0, b.x0), math.Max(o.b.y0, b.y0)
			if l.cellOf(x0, l.nx) == cx && l.cellOf(y0, l.ny) == cy {
				a += v
			}
		}
		return true
	})
	return a
}

// cellOf is the grid column (or row, with n rows) holding coordinate v.
func (l *labeler) cellOf(v float64, n int) int {
	return int(math.Max(0, math.Min(float64(n-1), v/l.cell)))
}

func (l *labeler) occupy(b box) {
	l.cells(b, func(i int) bool {
		l.grid[i] = append(l.grid[i], placed{b: b})
		return true
	})
}

// occupySymbol claims b for a point symbol or a leader line: labels keep
// off it, but need no margin from it.
func (l *labeler) occupySymbol(b box) {
	l.cells(b, func(i int) bool {
		l.grid[i] = append(l.grid[i], placed{b: b, sym: true})
		return true
	})
}

func (l *labeler) occupyOriented(o obox) {
	ob := o.bounds()
	l.cells(ob, func(i int) bool {
		l.grid[i] = append(l.grid[i], placed{b: ob, o: o, rot: true})
		return true
	})
}

// inside reports whether b lies within the image.
func (l *labeler) inside(b box) bool {
	return b.x0 >= 0 && b.y0 >= 0 && b.x1 <= float64(l.w) && b.y1 <= float64(l.h)
}

// candidates returns the baselines to try for a point or area label, best
// first.
func (l *labeler) candidates(c *labelCand, tw, asc, desc float64) [][2]float64 {
	mid := asc * 0.36 // baseline offset that centres capitals on the anchor
	gap := 3.0 * l.k
	if c.place == placeAround {
		r := c.r + gap
		return [][2]float64{
			{c.x + r, c.y + mid},
			{c.x - r - tw, c.y + mid},
			{c.x - tw/2, c.y - r - desc},
			{c.x - tw/2, c.y + r + asc*0.8},
			{c.x + r*0.7, c.y - r*0.7 - desc},
			{c.x - r*0.7 - tw, c.y - r*0.7 - desc},
			{c.x + r*0.7, c.y + r*0.7 + asc*0.8},
			{c.x - r*0.7 - tw, c.y + r*0.7 + asc*0.8},
		}
	}
	return [][2]float64{{c.x - tw/2, c.y + mid}}
}

// drawLabels places and draws every candidate of the frame, by priority,
// then hands the image over to rows when set (see paintLabels).
// A label that fits nowhere free is dropped, except annotations, which
// are drawn where they overlap least.
func (fr *frame) drawLabels(rows func(y0, y1 int) error) error {
	l := &fr.lab
	// sort indices, not the candidates themselves; ties keep the order
	// of arrival, so placement is deterministic
	idx := make([]int32, len(l.cands))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		a, b := &l.cands[i], &l.cands[j]
		switch {
		case a.prio != b.prio:
			return a.prio - b.prio
		case a.weight > b.weight:
			return -1
		case a.weight < b.weight:
			return 1
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return int(i - j)
	})
	W, H := float64(l.w), float64(l.h)
	reachX, reachY := 200*l.k, 50*l.k
	misses, missPrio := 0, -1
	for n, i := range idx {
		if n&63 == 0 {
			if err := fr.ctx.Err(); err != nil {
				return err
			}
		}
		c := &l.cands[i]
		switch c.place {
		case placeAnnotation:
			fr.placeAnnotation(c)
		case placeLine:
			if c.prio != missPrio {
				misses, missPrio = 0, c.prio
			}
			if misses >= maxLineMisses {
				continue
			}
			if fr.placeLine(c) {
				misses = 0
			} else {
				misses++
			}
		default:
			// cheap rejection before measuring: the anchor must leave room
			if c.x < -reachX || c.x > W+reachX || c.y < -reachY || c.y > H+reachY {
				continue
			}
			fr.placePoint(c)
		}
	}
	if err := fr.ctx.Err(); err != nil {
		return err
	}
	return fr.paintLabels(rows)
}

// placePoint places a label beside a point symbol or at an area's centre.
func (fr *frame) placePoint(c *labelCand) {
	l := &fr.lab
	tw, asc, desc := fr.r.text.measure(c.text, c.ts)
	if tw == 0 || tw > float64(l.w) {
		return
	}
	pad := math.Max(l.k, c.ts.haloWidth)
	for _, p := range l.candidates(c, tw, asc, desc) {
		b := box{p[0] - pad, p[1] - asc - pad, p[0] + tw + pad, p[1] + desc + pad}
		if !l.inside(b) || !l.free(b) {
			continue
		}
		l.occupy(b)
		fr.queueText(c.text, p[0], p[1], c.ts)
		return
	}
}

// wrapText breaks s into lines of at most width characters at spaces (a
// longer word keeps a line of its own); explicit newlines are kept.
func wrapText(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case len([]rune(line))+1+len([]rune(w)) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// maxLabelRunes is the most characters a label or annotation shows; a
// longer one is cut, its last character an ellipsis. A name of megabytes
// would otherwise be measured, and its sprite asked for, in full.
const maxLabelRunes = 200

// clipLabel cuts s to maxLabelRunes characters, the last an ellipsis. It
// copies only what it keeps, so the long text can be collected.
func clipLabel(s string) string {
	if len(s) <= maxLabelRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxLabelRunes-1 {
			if len(s)-i <= 4 && utf8.RuneCountInString(s[i:]) == 1 {
				return s // exactly maxLabelRunes characters
			}
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// annotationWrap is how many characters an annotation's line holds.
const annotationWrap = 28

// annotationSteps are the offsets an annotation's box may take from its
// point, in quarters of its width and thirds of its height, nearest
// first (ties: above, then below, then right, then left).
var annotationSteps = func() [][2]int {
	var out [][2]int
	for i := -7; i <= 7; i++ {
		for j := -7; j <= 7; j++ {
			out = append(out, [2]int{i, j})
		}
	}
	dist := func(s [2]int) float64 { return math.Hypot(float64(s[0])/4, float64(s[1])/3) }
	slices.SortStableFunc(out, func(a, b [2]int) int {
		da, db := dist(a), dist(b)
		switch {
		case da < db:
			return -1
		case da > db:
			return 1
		case a[1] != b[1]:
			return a[1] - b[1]
		}
		return b[0] - a[0]
	})
	return out
}()

// placeAnnotation places an annotation's wrapped text in a light box: on
// its point if that is free, else at the first free of several offsets
// around it, else where it overlaps least. A moved box, or one with a
// leader target, gets a leader line from the box to the target (or to
// the point).
func (fr *frame) placeAnnotation(c *labelCand) (box, bool) {
	l := &fr.lab
	lines := wrapText(c.text, annotationWrap)
	if len(lines) == 0 {
		return box{}, false
	}
	widths := make([]float64, len(lines))
	tw, asc, desc := 0.0, 0.0, 0.0
	for i, s := range lines {
		widths[i], asc, desc = fr.r.text.measure(s, c.ts)
		tw = math.Max(tw, widths[i])
	}
	if tw == 0 {
		return box{}, false
	}
	k := l.k
	lh := math.Ceil(asc + desc + k)
	padX, padY := 5*k, 3*k
	bw, bh := tw+2*padX, float64(len(lines))*lh+2*padY
	if bw > float64(l.w) || bh > float64(l.h) {
		return box{}, false // it would cover the whole map, and more
	}
	// centres to try: the point, then offsets further and further out
	type pos struct{ x, y float64 }
	cands := make([]pos, len(annotationSteps))
	for i, st := range annotationSteps {
		cands[i] = pos{c.x + float64(st[0])*bw/4, c.y + float64(st[1])*bh/3}
	}
	boxAt := func(p pos) box { return box{p.x - bw/2, p.y - bh/2, p.x + bw/2, p.y + bh/2} }
	best, bestOver := -1, math.Inf(1)
	for i, p := range cands {
		b := boxAt(p)
		if !l.inside(b) {
			continue
		}
		if c.target && b.x0 <= c.tx && c.tx <= b.x1 && b.y0 <= c.ty && c.ty <= b.y1 {
			continue // the box would hide what it points at
		}
		o := l.overlap(box{b.x0 - 4*k, b.y0 - 4*k, b.x1 + 4*k, b.y1 + 4*k}) // keep a gap
		if o < bestOver {
			best, bestOver = i, o
		}
		if o == 0 {
			break
		}
	}
	if best < 0 {
		best = 0
	}
	p := cands[best]
	b := boxAt(p)
	// the leader, under the box
	lx, ly, lead := c.tx, c.ty, c.target
	if !lead && best > 0 {
		lx, ly, lead = c.x, c.y, true
	}
	if lead {
		if sx, sy, ok := boxExit(b, lx, ly); ok {
			fr.drawLeader(sx, sy, lx, ly, c)
		}
	}
	l.occupy(b)
	opacity := c.ts.opacity
	fr.queuePaint(func() {
		fillBox(fr.dst, b, [4]uint8{255, 255, 255, 255}, 0.86*opacity)
		strokeBox(fr.dst, b, [4]uint8{120, 120, 120, 255}, 0.55*opacity)
	})
	ts := c.ts
	ts.haloWidth = 0
	y := b.y0 + padY + asc
	for i, s := range lines {
		fr.queueText(s, p.x-widths[i]/2, y, ts)
		y += lh
	}
	return b, true
}

// boxExit returns where the segment from b's centre to x, y leaves b; ok
// is false when x, y lies inside b.
func boxExit(b box, x, y float64) (float64, float64, bool) {
	cx, cy := (b.x0+b.x1)/2, (b.y0+b.y1)/2
	dx, dy := x-cx, y-cy
	if x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1 {
		return 0, 0, false
	}
	t := 1.0
	if dx != 0 {
		t = math.Min(t, math.Abs((b.x1-b.x0)/2/dx))
	}
	if dy != 0 {
		t = math.Min(t, math.Abs((b.y1-b.y0)/2/dy))
	}
	return cx + t*dx, cy + t*dy, true
}

// drawLeader queues an annotation's leader from x0, y0 to x1, y1 with a
// dot at its end, and keeps later labels off it.
func (fr *frame) drawLeader(x0, y0, x1, y1 float64, c *labelCand) {
	k := fr.lab.k
	hw := math.Max(c.leadHW, 0.6*k)
	col, opacity := c.leadColour, c.ts.opacity
	fr.queuePaint(func() {
		m := fr.ws.whole.line
		if cx0, cy0, cx1, cy1, ok := clipSegment(x0, y0, x1, y1, -4*k, -4*k, float64(fr.w)+4*k, float64(fr.h)+4*k); ok {
			m.segment(cx0, cy0, cx1, cy1, hw)
		}
		m.disc(x1, y1, hw+1.5*k)
		paint(fr.dst, col[0], col[1], col[2], float64(col[3])/255*opacity, m)
	})
	n := int(math.Hypot(x1-x0, y1-y0)/(10*k)) + 1
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		x, y := x0+f*(x1-x0), y0+f*(y1-y0)
		fr.lab.occupySymbol(box{x - 2*k, y - 2*k, x + 2*k, y + 2*k})
	}
}
