package render

import (
	"context"
	"testing"

	"corridor/geo/style"
)

// TestPrefaultPages checks that prefaulting leaves buffers of any size
// and alignment all zero and within bounds.
func TestPrefaultPages(t *testing.T) {
	big := make([]uint8, 1<<20)
	for _, c := range []struct{ off, n int }{
		{0, 0}, {0, 1}, {3, 4095}, {0, 4096}, {1, 4 * 4096}, {4095, 5*4096 + 7}, {17, 1<<20 - 17},
	} {
		b := big[c.off : c.off+c.n]
		prefaultPages(b)
		for i, v := range b {
			if v != 0 {
				t.Fatalf("off %d n %d: byte %d = %d", c.off, c.n, i, v)
			}
		}
	}
}

// TestPrefaultFreshOnce checks that drawing a layer marks the buffers it
// drew into (a route's casing and line) as no longer fresh, and leaves
// the others fresh, so that later frames skip the prefault.
func TestPrefaultFreshOnce(t *testing.T) {
	r := New(Options{TileCacheBytes: -1, NoLabels: true})
	vp := fullExtent()
	dst := newRGBA(vp.Width, vp.Height)
	fr := r.newFrame(context.Background(), dst, viewOf(vp), r.cache.stamp())
	defer r.release(fr)
	if fr.ws.fresh != [4]bool{true, true, true, true} {
		t.Fatalf("new worker set: fresh = %v", fr.ws.fresh)
	}
	l := Layer{ID: "r", Kind: style.KindRoute, Style: style.Default(style.KindRoute), Visible: true, Source: syntheticRoutes(3, 20, 200)}
	if err := fr.drawLayer(&l); err != nil {
		t.Fatal(err)
	}
	if want := [4]bool{true, false, false, true}; fr.ws.fresh != want {
		t.Errorf("after a route layer: fresh = %v, want %v", fr.ws.fresh, want)
	}
}
