package render

import "golang.org/x/image/vector"

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
}

// newWorker returns a worker with its own full-frame masks.
func newWorker(w, h int) *worker {
	return &worker{fill: newMask(w, h), casing: newMask(w, h), line: newMask(w, h), extra: newMask(w, h), primary: true}
}

// setBand points the worker's masks at rows [y0, y1) of the shared
// buffers of a w×h image (the buffers must be all zero).
func (wk *worker) setBand(bufs *[4][]uint8, w, h, y0, y1 int) {
	for i, m := range []**mask{&wk.fill, &wk.casing, &wk.line, &wk.extra} {
		if *m == nil {
			*m = &mask{}
		}
		(*m).view(bufs[i], w, h, y0, y1)
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
	d    float64 // symbol diameter
}
