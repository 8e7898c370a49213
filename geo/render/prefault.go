package render

// A fresh coverage buffer's pages are first read by the rasteriser (it
// max-blends into the mask), which maps the kernel's shared zero page;
// the write that follows then copies it and must flush the page's old
// mapping from every core's TLB, an interrupt to each core the process
// runs on. In a fresh process that made rasterising a small map several
// times slower than its arithmetic. Each worker therefore first writes
// the pages of its band of the buffers a layer draws into, the first
// time they are used (prefaultPages, per operating system).

// prefault makes the pages of m's band writable before it is drawn.
func (m *mask) prefault() {
	prefaultPages(m.pix[m.y0*m.w : m.y1*m.w])
}

// touchPages writes a zero into every page of b, which must be all
// zero (a page's first access is then a write).
func touchPages(b []uint8) {
	if len(b) == 0 {
		return
	}
	for k := 0; k < len(b); k += 4096 {
		b[k] = 0
	}
	b[len(b)-1] = 0
}
