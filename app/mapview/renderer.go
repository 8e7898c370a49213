package mapview

import (
	"image"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"corridor/geo/viewport"
)

// mapRenderer shows the rendered image, placed for the current view, under
// the selection, the tool's overlay objects and a focus outline.
type mapRenderer struct {
	m       *Map
	bg      *canvas.Rectangle
	img     *canvas.Image
	sel     *canvas.Raster
	focus   *canvas.Rectangle
	objects []fyne.CanvasObject
	shown   image.Image
	tool    []fyne.CanvasObject // the tool's overlay, as last asked

	// The selection raster covers only the selection's bounds within the
	// widget, drawn for selVP; a pan at the same zoom moves it rather than
	// drawing it again.
	selMu    sync.Mutex
	selVP    viewport.Viewport
	selRect  rectF  // what the raster covers, in selVP's widget units
	selSeq   uint64 // the selection drawn
	selDrawn bool   // selVP, selRect and selSeq hold a drawing
	selDraws int    // how many times the raster was invalidated (tests)
}

// rectF is a rectangle in widget units.
type rectF struct{ x0, y0, x1, y1 float64 }

func (r rectF) empty() bool { return r.x1 <= r.x0 || r.y1 <= r.y0 }

func (r rectF) contains(o rectF) bool {
	return o.x0 >= r.x0-0.5 && o.y0 >= r.y0-0.5 && o.x1 <= r.x1+0.5 && o.y1 <= r.y1+0.5
}

func newMapRenderer(m *Map) *mapRenderer {
	r := &mapRenderer{m: m}
	r.bg = canvas.NewRectangle(color.NRGBA{R: 0xD6, G: 0xE6, B: 0xF0, A: 0xFF})
	r.img = canvas.NewImageFromImage(nil)
	r.img.FillMode = canvas.ImageFillStretch
	r.img.ScaleMode = canvas.ImageScaleFastest
	r.sel = canvas.NewRaster(r.selection)
	r.sel.Hide()
	r.focus = canvas.NewRectangle(color.Transparent)
	r.focus.StrokeWidth = 2
	r.objects = []fyne.CanvasObject{r.bg, r.img, r.sel, r.focus}
	return r
}

// Layout places the image where its view lies in the current one, and the
// selection over it.
func (r *mapRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.focus.Resize(size)
	r.m.mu.Lock()
	vp, imgVP, has := r.m.vp, r.m.imgVP, r.m.img != nil
	r.m.mu.Unlock()
	r.layoutSelection(vp)
	if !has {
		r.img.Hide()
		return
	}
	r.img.Show()
	pos, sz := placement(vp, imgVP)
	r.img.Move(pos)
	r.img.Resize(sz)
}

// layoutSelection places the selection raster for vp, drawing it again only
// when the selection or the zoom changed or the part of it in view was not
// drawn yet.
func (r *mapRenderer) layoutSelection(vp viewport.Viewport) {
	r.m.mu.Lock()
	sel, seq := r.m.sel, r.m.selSeq
	r.m.mu.Unlock()
	if sel == nil || sel.Feature == nil || sel.Feature.Geometry == nil || vp.Width <= 0 || vp.Height <= 0 {
		r.sel.Hide()
		return
	}
	b := sel.Feature.Geometry.Bounds()
	if b == nil || b.IsEmpty() {
		r.sel.Hide()
		return
	}
	// Web Mercator keeps boxes boxes: the corners bound the geometry on screen.
	x0, y0 := vp.ToScreen(b.Min(0), b.Max(1))
	x1, y1 := vp.ToScreen(b.Max(0), b.Min(1))
	need := rectF{
		x0: math.Max(0, math.Floor(math.Min(x0, x1)-selPad)), y0: math.Max(0, math.Floor(math.Min(y0, y1)-selPad)),
		x1: math.Min(float64(vp.Width), math.Ceil(math.Max(x0, x1)+selPad)), y1: math.Min(float64(vp.Height), math.Ceil(math.Max(y0, y1)+selPad)),
	}
	if need.empty() {
		r.sel.Hide()
		return
	}
	r.selMu.Lock()
	reuse := r.selDrawn && r.selSeq == seq && r.selVP.Zoom == vp.Zoom && r.selVP.Width == vp.Width && r.selVP.Height == vp.Height
	var at rectF
	if reuse {
		pos, _ := placement(vp, r.selVP)
		at = rectF{float64(pos.X) + r.selRect.x0, float64(pos.Y) + r.selRect.y0, float64(pos.X) + r.selRect.x1, float64(pos.Y) + r.selRect.y1}
		reuse = at.contains(need)
	}
	if !reuse {
		r.selVP, r.selRect, r.selSeq, r.selDrawn = vp, need, seq, true
		r.selDraws++
		at = need
	}
	r.selMu.Unlock()
	r.sel.Move(fyne.NewPos(float32(at.x0), float32(at.y0)))
	r.sel.Resize(fyne.NewSize(float32(at.x1-at.x0), float32(at.y1-at.y0)))
	r.sel.Show()
	if !reuse {
		r.sel.Refresh()
	}
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

// selection draws the selection's raster at w×h device pixels: the part of
// the highlight in selRect of selVP.
func (r *mapRenderer) selection(w, h int) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	r.m.mu.Lock()
	sel := r.m.sel
	r.m.mu.Unlock()
	r.selMu.Lock()
	vp, rect, drawn := r.selVP, r.selRect, r.selDrawn
	r.selMu.Unlock()
	if sel == nil || sel.Feature == nil || !drawn || rect.empty() {
		return dst
	}
	drawSelection(dst, vp, float64(w)/(rect.x1-rect.x0), rect.x0, rect.y0, sel.Feature.Geometry)
	return dst
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(64, 64) }

// Refresh takes a new image, if any, asks the tool for its overlay and lays
// out again.
func (r *mapRenderer) Refresh() {
	r.m.mu.Lock()
	img, focused, tool, vp := r.m.img, r.m.focused, r.m.tool, r.m.vp
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
	var over []fyne.CanvasObject
	if tool != nil {
		over = tool.Overlay(vp)
	}
	if len(over) > 0 || len(r.tool) > 0 {
		r.tool = over
		objs := make([]fyne.CanvasObject, 0, 4+len(over))
		objs = append(objs, r.bg, r.img, r.sel)
		objs = append(objs, over...)
		r.objects = append(objs, r.focus)
		for _, o := range over {
			o.Refresh()
		}
	}
	r.Layout(r.m.Size())
}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *mapRenderer) Destroy()                     {}
