package render

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSegment measures the thin-line rasteriser on short segments
// like those of a simplified route (about 4 pixels long, 2.2 wide).
func BenchmarkSegment(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 4096
	seg := make([][4]float64, n)
	for i := range seg {
		x, y := rng.Float64()*1900+10, rng.Float64()*1060+10
		seg[i] = [4]float64{x, y, x + rng.Float64()*8 - 4, y + rng.Float64()*8 - 4}
	}
	m := newMask(1920, 1080)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s := seg[i%n]
		m.segment(s[0], s[1], s[2], s[3], 1.1)
	}
}

// BenchmarkPaintFull measures compositing two full-frame masks.
func BenchmarkPaintFull(b *testing.B) {
	m1, m2 := newMask(1920, 1080), newMask(1920, 1080)
	dst := newRGBA(1920, 1080)
	for b.Loop() {
		for i := range m1.pix {
			m1.pix[i] = uint8(i)
		}
		m1.grow(0, 0, 1920, 1080)
		m2.grow(0, 0, 1920, 1080)
		paint(dst, 200, 20, 40, 1, m1)
	}
}

// BenchmarkSegmentInCache is BenchmarkSegment with every segment in one
// 64×64 corner: the rasteriser's arithmetic without cache misses.
func BenchmarkSegmentInCache(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 4096
	seg := make([][4]float64, n)
	cols := 0.0
	for i := range seg {
		x, y := rng.Float64()*56+4+100, rng.Float64()*56+4+100
		dx, dy := (rng.Float64()*8-4)*segScale, (rng.Float64()*8-4)*segScale
		seg[i] = [4]float64{x, y, x + dx, y + dy}
		cols += max(abs(dx), abs(dy)) + 1
	}
	m := newMask(1920, 1080)
	c := newMask(1920, 1080)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s := seg[i%n]
		m.segment2(c, s[0], s[1], s[2], s[3], 1.1, 2.1)
	}
	b.ReportMetric(cols/n, "cols/seg")
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// segScale lengthens the in-cache benchmark's segments (10 for a
// per-column cost).
var segScale = 1.0
