package render

import (
	"image"
	"image/color"
	"math"
)

// TextStyle is how MeasureText and DrawText set text. Lengths are in
// pixels of the image drawn into: multiply them by its pixel ratio.
type TextStyle struct {
	// Size is the font size in pixels (the em); sizes are rounded to a
	// quarter pixel and kept within 4 to 256.
	Size float64
	Bold bool
	// Color is the text colour; nil is black.
	Color color.Color
	// Halo, when set with HaloWidth > 0, is drawn HaloWidth pixels round
	// every glyph, under the text, as map labels are.
	Halo      color.Color
	HaloWidth float64
}

func (ts TextStyle) internal() textStyle {
	out := textStyle{size: ts.Size, bold: ts.Bold, color: [4]uint8{0, 0, 0, 255}, haloWidth: ts.HaloWidth, opacity: 1}
	if ts.Color != nil {
		out.color = straight(ts.Color)
	}
	if ts.Halo != nil && ts.HaloWidth > 0 {
		out.halo = straight(ts.Halo)
	} else {
		out.haloWidth = 0
	}
	return out
}

// straight is c as straight (not premultiplied) 8-bit RGBA.
func straight(c color.Color) [4]uint8 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return [4]uint8{n.R, n.G, n.B, n.A}
}

// MeasureText returns the advance width, the ascent and the descent of s
// set in ts, in pixels, with the fonts and metrics of the map's labels.
// Text longer than a label may be is cut as labels are (to 200
// characters, the last an ellipsis).
func (r *Renderer) MeasureText(s string, ts TextStyle) (width, ascent, descent float64) {
	return r.text.measure(clipLabel(s), ts.internal())
}

// DrawText draws s set in ts into dst, its baseline starting at x, y in
// dst's coordinates (dst may be a sub-image of a page): the halo first,
// then the glyphs, exactly as a map label. It draws only inside dst's
// bounds, and cuts long text as MeasureText does.
func (r *Renderer) DrawText(dst *image.RGBA, s string, x, y float64, ts TextStyle) {
	if !(ts.Size > 0) || math.IsInf(x, 0) || math.IsInf(y, 0) || math.IsNaN(x) || math.IsNaN(y) {
		return
	}
	s = clipLabel(s)
	its := ts.internal()
	w, asc, desc := r.text.measure(s, its)
	pad := its.haloWidth + 2
	b := dst.Rect
	if x+w+pad < float64(b.Min.X) || x-pad > float64(b.Max.X) || y+desc+pad < float64(b.Min.Y) || y-asc-pad > float64(b.Max.Y) {
		return // wholly outside dst: no sprite to make
	}
	r.text.draw(dst, s, x, y, its)
}
