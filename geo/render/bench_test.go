package render

import (
	"context"
	"image"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"corridor/geo/style"
	"corridor/geo/viewport"
)

var (
	bench5MOnce sync.Once
	bench5M     *MemSource
)

// routes5M is the shared 5,000 × 1,000-vertex synthetic route layer.
func routes5M() *MemSource {
	bench5MOnce.Do(func() { bench5M = syntheticRoutes(42, 5000, 1000) })
	return bench5M
}

func benchLayers() []Layer {
	return []Layer{{ID: "routes", Kind: style.KindRoute, Style: style.Default(style.KindRoute), Visible: true, Source: routes5M()}}
}

// fullExtent is the view fitted to the synthetic routes at 1920×1080.
func fullExtent() viewport.Viewport {
	return viewport.Fit(viewport.Bounds{West: -130, South: -58, East: -28, North: 62}, 1920, 1080)
}

// onePercent is a view of 1% of the full extent's area (a tenth of its
// width and height) over the middle of the data.
func onePercent() viewport.Viewport {
	v := fullExtent()
	v.Zoom += 3.3219 // log2(10)
	return v
}

// BenchmarkRenderFrame5M measures a warm panning frame: same zoom as the
// previous frame, centre shifted by a few pixels, geometry and tile
// caches warm (the frames alternate between two views 18, 9 pixels apart,
// so after the first two every tile is cached: labels are still placed
// and drawn every frame). BenchmarkRenderPan5M has frames that draw
// newly exposed tiles too.
func BenchmarkRenderFrame5M(b *testing.B) {
	for _, bc := range []struct {
		name string
		vp   viewport.Viewport
	}{{"full", fullExtent()}, {"1pct", onePercent()}} {
		b.Run(bc.name, func(b *testing.B) {
			layers := benchLayers()
			r := New(Options{Tolerance: benchTol})
			ctx := context.Background()
			dst := image.NewRGBA(image.Rect(0, 0, bc.vp.Width, bc.vp.Height))
			if err := r.RenderInto(ctx, dst, bc.vp, layers); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			for i := 0; b.Loop(); i++ {
				d := 9.0
				if i%2 == 1 {
					d = -9
				}
				vp := bc.vp.Pan(d, d/2)
				if err := r.RenderInto(ctx, dst, vp, layers); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// BenchmarkRenderFrameCold5M measures a frame with empty caches (the
// first frame after a zoom to a new integer level, or after a load).
func BenchmarkRenderFrameCold5M(b *testing.B) {
	for _, bc := range []struct {
		name string
		vp   viewport.Viewport
	}{{"full", fullExtent()}, {"1pct", onePercent()}} {
		b.Run(bc.name, func(b *testing.B) {
			layers := benchLayers()
			ctx := context.Background()
			dst := image.NewRGBA(image.Rect(0, 0, bc.vp.Width, bc.vp.Height))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				r := New(Options{})
				if err := r.RenderInto(ctx, dst, bc.vp, layers); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// cpuClock measures the process's CPU time (user + system), so a benchmark
// can report CPU per frame besides wall time: on a busy machine the wall
// time says more about the other processes than about the renderer.
type cpuClock struct{ start time.Duration }

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{start: processCPU()} }

func (c cpuClock) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(processCPU()-c.start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// benchTol is the simplification tolerance the warm benchmarks use (the
// renderer's default unless CORRIDOR_BENCH_TOL says otherwise).
var benchTol = func() float64 {
	v, _ := strconv.ParseFloat(os.Getenv("CORRIDOR_BENCH_TOL"), 64)
	return v
}()

// BenchmarkRenderPan5M measures a drag across the map: every frame moves
// the view on by 7, 3 pixels from the last (so tiles newly exposed at the
// edges are drawn now and then, as in the window), after a first frame
// that warms the caches.
func BenchmarkRenderPan5M(b *testing.B) {
	for _, bc := range []struct {
		name string
		vp   viewport.Viewport
	}{{"full", fullExtent()}, {"1pct", onePercent()}} {
		b.Run(bc.name, func(b *testing.B) {
			layers := benchLayers()
			r := New(Options{Tolerance: benchTol})
			ctx := context.Background()
			dst := image.NewRGBA(image.Rect(0, 0, bc.vp.Width, bc.vp.Height))
			vp := bc.vp
			if err := r.RenderInto(ctx, dst, vp, layers); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			for i := 0; b.Loop(); i++ {
				dx, dy := 7.0, 3.0
				if i/200%2 == 1 { // back and forth, to stay over the data
					dx, dy = -dx, -dy
				}
				vp = vp.Pan(dx, dy)
				if err := r.RenderInto(ctx, dst, vp, layers); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}
