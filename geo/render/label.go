package render

import (
	"math"
	"slices"
)

// placement says where a label may go relative to its anchor.
type placement uint8

const (
	placeAround placement = iota // beside a point symbol: right, left, above, below
	placeCentre                  // centred on the anchor (areas, annotations)
	placeLine                    // just above or below a point on a line
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

func priorityOf(kind string) int {
	switch kind {
	case "annotation":
		return prioAnnotation
	case "port":
		return prioPort
	case "interdiction":
		return prioInterdiction
	case "route":
		return prioRoute
	case "patrol_area":
		return prioPatrol
	}
	return prioOther
}

// labelCand is a label that may be drawn.
type labelCand struct {
	text   string
	prio   int
	weight float64 // larger first within a priority
	total  float64 // a line's visible run over all bands
	order  int     // feature index in its layer (merges a line's bands)
	x, y   float64
	r      float64 // symbol radius for placeAround
	place  placement
	force  bool // drawn even when it collides (annotations)
	ts     textStyle
}

type box struct{ x0, y0, x1, y1 float64 }

func (a box) hits(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

// labeler collects label candidates and places them without overlap,
// using a uniform grid of placed boxes.
type labeler struct {
	w, h   int
	cands  []labelCand
	cell   float64
	nx, ny int
	grid   [][]box
}

func (l *labeler) init(w, h int) {
	l.w, l.h = w, h
	l.cell = 48
	l.nx, l.ny = w/48+1, h/48+1
	l.grid = make([][]box, l.nx*l.ny)
	l.cands = l.cands[:0]
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

func (l *labeler) free(b box) bool {
	return l.cells(b, func(i int) bool {
		for _, o := range l.grid[i] {
			if o.hits(b) {
				return false
			}
		}
		return true
	})
}

func (l *labeler) occupy(b box) {
	l.cells(b, func(i int) bool {
		l.grid[i] = append(l.grid[i], b)
		return true
	})
}

// candidates returns the boxes and baselines to try for c, best first.
func (l *labeler) candidates(c *labelCand, tw, asc, desc float64) [][3]float64 {
	mid := asc * 0.36 // baseline offset that centres capitals on the anchor
	gap := 3.0
	switch c.place {
	case placeAround:
		r := c.r + gap
		return [][3]float64{
			{c.x + r, c.y + mid},
			{c.x - r - tw, c.y + mid},
			{c.x - tw/2, c.y - r - desc},
			{c.x - tw/2, c.y + r + asc*0.8},
		}
	case placeLine:
		return [][3]float64{
			{c.x - tw/2, c.y - 5 - desc},
			{c.x - tw/2, c.y + 5 + asc*0.8},
		}
	}
	return [][3]float64{{c.x - tw/2, c.y + mid}}
}

// drawLabels places and draws every candidate of the frame.
func (fr *frame) drawLabels() error {
	l := &fr.lab
	for _, wk := range fr.ws.ws {
		wk.labels = wk.labels[:0]
	}
	// sort indices, not the candidates themselves; ties keep the order
	// of arrival, so placement is deterministic
	idx := make([]int32, len(l.cands))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		a, b := &l.cands[i], &l.cands[j]
		if a.prio != b.prio {
			return a.prio - b.prio
		}
		if a.weight != b.weight {
			if a.weight > b.weight {
				return -1
			}
			return 1
		}
		return int(i - j)
	})
	W, H := float64(l.w), float64(l.h)
	for n, i := range idx {
		if n&63 == 0 {
			if err := fr.ctx.Err(); err != nil {
				return err
			}
		}
		c := &l.cands[i]
		// cheap rejection before measuring: the anchor must leave room
		if !c.force && (c.x < -200 || c.x > W+200 || c.y < -50 || c.y > H+50) {
			continue
		}
		tw, asc, desc := fr.r.text.measure(c.text, c.ts)
		if tw == 0 {
			continue
		}
		pad := math.Max(1, c.ts.haloWidth)
		for _, p := range l.candidates(c, tw, asc, desc) {
			b := box{p[0] - pad, p[1] - asc - pad, p[0] + tw + pad, p[1] + desc + pad}
			if !c.force {
				if b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H || !l.free(b) {
					continue
				}
			}
			l.occupy(b)
			fr.r.text.draw(fr.dst, c.text, p[0], p[1], c.ts)
			break
		}
	}
	return fr.ctx.Err()
}
