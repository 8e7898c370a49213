package mapview

import (
	"math"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

// BenchmarkPanFrameSelected is one pan frame with a country-sized polygon
// selected: the view moves and the selection overlay follows (drawn again
// only when the renderer invalidated it, as the GL painter would).
func BenchmarkPanFrameSelected(b *testing.B) {
	m, _, _ := newTestMap(b, nil, nil)
	flat := make([]float64, 0, 2*400)
	for i := 0; i < 400; i++ {
		a := 2 * math.Pi * float64(i) / 400
		flat = append(flat, -80+6*math.Cos(a), 10+5*math.Sin(a))
	}
	m.SetSelection(&Selection{Feature: &feature.Feature{Geometry: geom.NewPolygonFlat(geom.XY, append(flat, flat[0], flat[1]), []int{len(flat) + 2})}})
	r := rendererOf(m)
	last := -1
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dx := 1.0
		if i/200%2 == 1 {
			dx = -1
		}
		m.Pan(dx, 0)
		r.selMu.Lock()
		n := r.selDraws
		r.selMu.Unlock()
		if n != last {
			sz := r.sel.Size()
			r.selection(int(sz.Width), int(sz.Height))
			last = n
		}
	}
}

func rendererOf(m *Map) *mapRenderer { return test.WidgetRenderer(m).(*mapRenderer) }
