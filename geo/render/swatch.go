package render

import (
	"image"
	"image/draw"
	"math"

	"corridor/geo/style"
)

// DrawSwatch draws the legend symbol of e into the rectangle r of dst
// with the same code the map uses: a line (with casing, dash and a
// direction arrow) for line kinds, a filled, hatched and outlined box for
// area kinds, the point symbol for point kinds and sample text for
// annotations. For a page at a pixel ratio k, pass e.Style.Scaled(k) and a
// rectangle k times larger.
func (r *Renderer) DrawSwatch(dst draw.Image, rect image.Rectangle, e style.LegendEntry) {
	rect = rect.Intersect(dst.Bounds())
	if rect.Dx() < 4 || rect.Dy() < 4 {
		return
	}
	w, h := rect.Dx(), rect.Dy()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	wk := newWorker(w, h)
	l := Layer{ID: "legend", Kind: e.Kind, Style: e.Style, Opacity: 1, Visible: true}
	ls := newLayerState(&l, 1)
	st := ls.st
	fr := &frame{r: r, dst: img, w: w, h: h, view: view{s: 1, world: 1e9, k: 1}}
	fr.ws = &workerSet{w: w, h: h, ws: []*worker{wk}, whole: wk}
	t := xform{s: 1}
	fw, fh := float64(w), float64(h)
	switch style.GeometryOf(e.Kind) {
	case "line":
		pts := []float64{3, fh / 2, fw - 3, fh / 2}
		if ls.line.arrows > 0 {
			ls.line.arrows = fw - 6 // one arrow, in the middle
		}
		if ls.casing.hw > 0 {
			wk.strokePath(wk.casing, pts, span{0, 2}, t, ls.casing)
		}
		wk.strokePath(wk.line, pts, span{0, 2}, t, ls.line)
		fr.composite(ls, wk)
	case "polygon":
		m := math.Max(2, st.Width)
		ring := []float64{m, m, fw - m, m, fw - m, fh - m, m, fh - m, m, m}
		if ls.polyFill {
			wk.fillRings(wk.fill, [][]float64{ring})
		}
		if ls.outline.hw > 0 {
			wk.strokePath(wk.line, ring, span{0, 5}, t, ls.outline)
		}
		fr.composite(ls, wk)
	default:
		d := st.SymbolDiameter(0)
		if e.Kind == style.KindInterdiction {
			d = st.SymbolDiameter(100)
		}
		d = math.Min(d, math.Min(fw, fh)-2)
		if st.Symbol != style.SymbolNone && d > 0 {
			wk.drawSymbol(img, st.Symbol, fw/2, fh/2, d, 1, st, 1)
		} else {
			ts := ls.labelTS
			ts.size = math.Min(ts.size, fh*0.8)
			tw, asc, _ := r.text.measure("Abc", ts)
			r.text.draw(img, "Abc", (fw-tw)/2, fh/2+asc*0.36, ts)
		}
	}
	draw.Draw(dst, rect, img, image.Point{}, draw.Over)
}
