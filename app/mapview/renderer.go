package mapview

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"corridor/geo/viewport"
)

// mapRenderer shows the rendered image, placed for the current view, under
// the selection overlay and a focus outline.
type mapRenderer struct {
	m       *Map
	bg      *canvas.Rectangle
	img     *canvas.Image
	sel     *canvas.Raster
	focus   *canvas.Rectangle
	objects []fyne.CanvasObject
	shown   image.Image
}

func newMapRenderer(m *Map) *mapRenderer {
	r := &mapRenderer{m: m}
	r.bg = canvas.NewRectangle(color.NRGBA{R: 0xD6, G: 0xE6, B: 0xF0, A: 0xFF})
	r.img = canvas.NewImageFromImage(nil)
	r.img.FillMode = canvas.ImageFillStretch
	r.img.ScaleMode = canvas.ImageScaleFastest
	r.sel = canvas.NewRaster(r.selection)
	r.focus = canvas.NewRectangle(color.Transparent)
	r.focus.StrokeWidth = 2
	r.objects = []fyne.CanvasObject{r.bg, r.img, r.sel, r.focus}
	return r
}

// Layout places the image where its view lies in the current one.
func (r *mapRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.sel.Resize(size)
	r.focus.Resize(size)
	r.m.mu.Lock()
	vp, imgVP, has := r.m.vp, r.m.imgVP, r.m.img != nil
	r.m.mu.Unlock()
	if !has {
		r.img.Hide()
		return
	}
	r.img.Show()
	pos, sz := placement(vp, imgVP)
	r.img.Move(pos)
	r.img.Resize(sz)
}

// placement returns where an image rendered for from lies in view to, in
// to's units.
func placement(to, from viewport.Viewport) (fyne.Position, fyne.Size) {
	k := math.Exp2(to.Zoom - from.Zoom)
	r0 := from.Resolution()
	r := to.Resolution()
	dcx := wrap(from.CenterX - to.CenterX)
	x := float64(to.Width)/2 + (dcx-float64(from.Width)/2*r0)/r
	y := float64(to.Height)/2 - (from.CenterY+float64(from.Height)/2*r0-to.CenterY)/r
	return fyne.NewPos(float32(x), float32(y)),
		fyne.NewSize(float32(float64(from.Width)*k), float32(float64(from.Height)*k))
}

// wrap brings an EPSG:3857 x difference into [-HalfWorld, HalfWorld).
func wrap(dx float64) float64 {
	w := 2 * viewport.HalfWorld
	dx = math.Mod(dx+viewport.HalfWorld, w)
	if dx < 0 {
		dx += w
	}
	return dx - viewport.HalfWorld
}

// selection draws the selection overlay at w×h device pixels.
func (r *mapRenderer) selection(w, h int) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	r.m.mu.Lock()
	vp, sel := r.m.vp, r.m.sel
	r.m.mu.Unlock()
	if sel == nil || sel.Feature == nil || vp.Width <= 0 {
		return dst
	}
	drawSelection(dst, vp, float64(w)/float64(vp.Width), sel.Feature.Geometry)
	return dst
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(64, 64) }

// Refresh takes a new image, if any, and lays out again.
func (r *mapRenderer) Refresh() {
	r.m.mu.Lock()
	img, focused := r.m.img, r.m.focused
	r.m.mu.Unlock()
	if img != r.shown {
		r.shown = img
		r.img.Image = img
		r.img.Refresh()
	}
	if focused {
		r.focus.StrokeColor = theme.Color(theme.ColorNameFocus)
	} else {
		r.focus.StrokeColor = color.Transparent
	}
	r.focus.Refresh()
	r.Layout(r.m.Size())
	r.sel.Refresh()
}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *mapRenderer) Destroy() {}
