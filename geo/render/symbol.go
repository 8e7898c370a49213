package render

import (
	"image"
	"math"

	"corridor/geo/style"
)

// circlePath returns a closed polygon approximating a circle.
func circlePath(x, y, r float64) []float64 {
	n := int(math.Max(16, math.Min(64, r*4)))
	out := make([]float64, 0, 2*n+2)
	for i := 0; i <= n; i++ {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		out = append(out, x+r*c, y+r*s)
	}
	return out
}

// strokeScreen strokes a polyline of screen x, y pairs into m.
func strokeScreen(m *mask, pts []float64, hw float64) {
	for i := 2; i+1 < len(pts); i += 2 {
		m.segment(pts[i-2], pts[i-1], pts[i], pts[i+1], hw)
	}
}

// drawSymbol draws a point symbol of diameter d centred on x, y onto dst,
// using the worker's masks: fill colour, then detail, then outline; k is
// the image's pixel ratio (st is scaled by it already).
func (wk *worker) drawSymbol(dst *image.RGBA, sym style.Symbol, x, y, d, k float64, st *style.Style, opacity float64) {
	if d <= 0 || sym == style.SymbolNone || sym == "" {
		return
	}
	r := d / 2
	hw := st.Width / 2
	fill, line, extra := wk.fill, wk.line, wk.extra
	var outline []float64
	detail := [4]uint8{255, 255, 255, 255}
	switch sym {
	case style.SymbolSquare:
		k := r * 0.9
		outline = []float64{x - k, y - k, x + k, y - k, x + k, y + k, x - k, y + k, x - k, y - k}
	case style.SymbolTriangle:
		outline = []float64{x, y - r, x + r*0.9, y + r*0.7, x - r*0.9, y + r*0.7, x, y - r}
	case style.SymbolDiamond:
		outline = []float64{x, y - r, x + r, y, x, y + r, x - r, y, x, y - r}
	case style.SymbolAnchor:
		outline = circlePath(x, y, r)
		w := math.Max(0.65*k, d/22)
		// ring, shank, stock, arms
		strokeScreen(extra, circlePath(x, y-r*0.52, r*0.14), w)
		extra.segment(x, y-r*0.38, x, y+r*0.62, w)
		extra.segment(x-r*0.32, y-r*0.2, x+r*0.32, y-r*0.2, w)
		var arc []float64
		for i := 0; i <= 12; i++ {
			s, c := math.Sincos(math.Pi * (0.12 + 0.76*float64(i)/12))
			arc = append(arc, x+r*0.5*c, y+r*0.12+r*0.5*s)
		}
		strokeScreen(extra, arc, w)
		for _, side := range []float64{-1, 1} { // flukes
			ex, ey := arc[0], arc[1]
			if side < 0 {
				ex, ey = arc[len(arc)-2], arc[len(arc)-1]
			}
			extra.segment(ex, ey, ex+side*r*0.05, ey-r*0.22, w)
			extra.segment(ex, ey, ex+side*r*0.22, ey+r*0.02, w)
		}
		detail = toRGBA(st.Stroke)
	case style.SymbolInterdiction:
		outline = circlePath(x, y, r)
		a := r * 0.45
		w := math.Max(0.8*k, r/7)
		extra.segment(x-a, y-a, x+a, y+a, w)
		extra.segment(x-a, y+a, x+a, y-a, w)
	default: // circle
		outline = circlePath(x, y, r)
	}
	if !st.Fill.IsNone() {
		wk.fillRings(fill, [][]float64{outline})
		c := toRGBA(st.Fill)
		paint(dst, c[0], c[1], c[2], float64(c[3])/255*opacity, fill)
	}
	if extra.hasAny {
		paint(dst, detail[0], detail[1], detail[2], float64(detail[3])/255*opacity, extra)
	}
	if hw > 0 && !st.Stroke.IsNone() {
		strokeScreen(line, outline, hw)
		c := toRGBA(st.Stroke)
		paint(dst, c[0], c[1], c[2], float64(c[3])/255*st.StrokeOpacity*opacity, line)
	}
}

func toRGBA(c style.Color) [4]uint8 { return [4]uint8{c.R, c.G, c.B, c.A} }
