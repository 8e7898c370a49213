package render

import (
	"math"

	"golang.org/x/image/vector"
)

// worker is one goroutine's scratch: views of the frame's coverage masks
// for each colour of a layer (limited to the worker's band of rows), a
// rasteriser and buffers.
type worker struct {
	fill, casing, line, extra *mask
	// primary is set on the one worker that queues points and labels
	// (every worker sees every feature, each drawing its own band).
	primary bool

	ras    vector.Rasterizer
	b      builder
	ring   []float64
	clip   []float64
	rings  [][]float64
	points []pointItem
	// insetBox is where a line counts as visible for its label; set per
	// frame by drawLayer.
	insetBox box
	labels   []labelCand
}

// newWorker returns a worker with its own full-frame masks.
func newWorker(w, h int) *worker {
	return &worker{fill: newMask(w, h), casing: newMask(w, h), line: newMask(w, h), extra: newMask(w, h), primary: true}
}

// bandWorker returns a worker drawing rows [y0, y1) of the shared buffers.
func bandWorker(bufs *[4][]uint8, w, h, y0, y1 int) *worker {
	return &worker{
		fill: bandOf(bufs[0], w, h, y0, y1), casing: bandOf(bufs[1], w, h, y0, y1),
		line: bandOf(bufs[2], w, h, y0, y1), extra: bandOf(bufs[3], w, h, y0, y1),
	}
}

// resetMasks clears whatever the worker's masks still hold.
func (wk *worker) resetMasks() {
	wk.fill.reset()
	wk.casing.reset()
	wk.line.reset()
	wk.extra.reset()
}

// pointItem is a point feature to draw after the layer's lines and fills.
type pointItem struct {
	f    *Feature
	x, y float64
}

// inset is the part of the worker's band, inside the screen less a margin,
// where a line's run counts as visible for its label.
func (wk *worker) inset(fr *frame) box {
	const m = 16
	return box{m, math.Max(m, float64(wk.line.y0)), float64(fr.w) - m, math.Min(float64(fr.h)-m, float64(wk.line.y1))}
}
