package render

import (
	"encoding/binary"
	"image"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// fontKey names a face: bold or not, size in quarter pixels.
type fontKey struct {
	bold bool
	q    int
}

func keyFor(size float64, bold bool) fontKey {
	q := int(math.Round(size * 4))
	if q < 16 {
		q = 16
	}
	if q > 1024 {
		q = 1024 // 256 pixels: a page title at 300 DPI
	}
	return fontKey{bold: bold, q: q}
}

// glyph is a rasterised glyph: its coverage relative to the pen position
// and its advance.
type glyph struct {
	mask    *image.Alpha // bounds relative to the pen at the baseline
	advance float64
	halo    map[int]*image.Alpha // by halo width in quarter pixels
}

// faceData is a loaded face with its metrics and glyphs.
type faceData struct {
	face            font.Face
	ascent, descent float64
	glyphs          map[rune]*glyph
}

// textCache rasterises glyphs once per face and keeps them. It is shared by
// all frames of a Renderer and guarded by its mutex.
type textCache struct {
	mu      sync.Mutex
	faces   map[fontKey]*faceData
	sprites map[spriteKey]*image.RGBA
	rotated map[rotKey]*rotSprite
	widths  map[widthKey]float64
}

// rotSprite is a rotated label: for each row of its bounds (relative to
// the pivot), the span of columns that hold any pixels, and those pixels
// only, row after row (a turned label fills little of its bounds).
type rotSprite struct {
	rect  image.Rectangle
	spans []rotSpan
	pix   []uint8 // premultiplied RGBA
}

// rotSpan is a row's columns [x0, x1), relative to the sprite's left
// edge, and the offset of their pixels in pix.
type rotSpan struct{ x0, x1, off int32 }

// rotKey names a label set in ts and rotated by deg degrees.
type rotKey struct {
	spriteKey
	deg int
}

// widthKey names a string's advance width in one face.
type widthKey struct {
	text string
	face fontKey
}

// spriteKey names a set label: its text and style.
type spriteKey struct {
	text string
	ts   textStyle
}

// maxSprites bounds the label sprite cache; it is emptied when full.
const maxSprites = 4096

var (
	fontsOnce             sync.Once
	regularFont, boldFont *opentype.Font
	fontErr               error
)

func loadFonts() {
	regularFont, fontErr = opentype.Parse(goregular.TTF)
	if fontErr == nil {
		boldFont, fontErr = opentype.Parse(gobold.TTF)
	}
}

func newTextCache() *textCache {
	return &textCache{faces: make(map[fontKey]*faceData), sprites: make(map[spriteKey]*image.RGBA),
		rotated: make(map[rotKey]*rotSprite), widths: make(map[widthKey]float64)}
}

// faceFor returns the face data for k; the caller holds c.mu.
func (c *textCache) faceFor(k fontKey) *faceData {
	if fd := c.faces[k]; fd != nil {
		return fd
	}
	fontsOnce.Do(loadFonts)
	if fontErr != nil {
		return nil
	}
	f := regularFont
	if k.bold {
		f = boldFont
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(k.q) / 4, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	m := face.Metrics()
	fd := &faceData{face: face, ascent: fix(m.Ascent), descent: fix(m.Descent), glyphs: make(map[rune]*glyph)}
	c.faces[k] = fd
	return fd
}

func fix(v fixed.Int26_6) float64 { return float64(v) / 64 }

// glyphFor returns the glyph of r; the caller holds c.mu.
func (fd *faceData) glyphFor(r rune) *glyph {
	if g := fd.glyphs[r]; g != nil {
		return g
	}
	dr, m, mp, adv, ok := fd.face.Glyph(fixed.Point26_6{}, r)
	if !ok {
		dr, m, mp, adv, ok = fd.face.Glyph(fixed.Point26_6{}, '?')
	}
	g := &glyph{advance: fix(adv), halo: make(map[int]*image.Alpha)}
	if ok && m != nil && !dr.Empty() {
		a := image.NewAlpha(dr)
		if am, isAlpha := m.(*image.Alpha); isAlpha && image.Rect(mp.X, mp.Y, mp.X+dr.Dx(), mp.Y+dr.Dy()).In(am.Rect) {
			for y := 0; y < dr.Dy(); y++ {
				copy(a.Pix[y*a.Stride:y*a.Stride+dr.Dx()], am.Pix[am.PixOffset(mp.X, mp.Y+y):])
			}
		} else {
			for y := dr.Min.Y; y < dr.Max.Y; y++ {
				for x := dr.Min.X; x < dr.Max.X; x++ {
					_, _, _, ca := m.At(mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y).RGBA()
					a.Pix[a.PixOffset(x, y)] = uint8(ca >> 8)
				}
			}
		}
		g.mask = a
	}
	fd.glyphs[r] = g
	return g
}

// haloFor returns the glyph's coverage grown by width w (a round max
// filter); the caller holds c.mu.
func (g *glyph) haloFor(w float64) *image.Alpha {
	if g.mask == nil {
		return nil
	}
	q := int(math.Round(w * 4))
	if h := g.halo[q]; h != nil {
		return h
	}
	r := int(math.Ceil(w))
	src := g.mask
	b := src.Rect.Inset(-r)
	h := image.NewAlpha(b)
	// the filter's weights, by offset, computed once
	n := 2*r + 1
	wt := make([]float64, n*n)
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			f := w + 0.5 - math.Hypot(float64(dx), float64(dy))
			wt[(dy+r)*n+dx+r] = min(max(f, 0), 1)
		}
	}
	sr := src.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		dy0, dy1 := max(-r, sr.Min.Y-y), min(r, sr.Max.Y-1-y)
		hrow := h.Pix[(y-b.Min.Y)*h.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			dx0, dx1 := max(-r, sr.Min.X-x), min(r, sr.Max.X-1-x)
			best := 0.0
			for dy := dy0; dy <= dy1; dy++ {
				srow := src.Pix[(y+dy-sr.Min.Y)*src.Stride+x+dx0-sr.Min.X:]
				wrow := wt[(dy+r)*n+r+dx0:]
				for k := 0; k <= dx1-dx0; k++ {
					p := srow[k]
					f := wrow[k]
					if p == 0 || f == 0 {
						continue
					}
					if v := float64(p) / 255 * f; v > best {
						best = v
					}
				}
			}
			hrow[x-b.Min.X] = uint8(best*255 + 0.5)
		}
	}
	g.halo[q] = h
	return h
}

// textStyle is how a label is set.
type textStyle struct {
	size      float64
	bold      bool
	color     [4]uint8 // straight RGBA
	halo      [4]uint8
	haloWidth float64
	opacity   float64
}

// measure returns the advance width, ascent and descent of s.
func (c *textCache) measure(s string, ts textStyle) (w, ascent, descent float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fk := keyFor(ts.size, ts.bold)
	fd := c.faceFor(fk)
	if fd == nil {
		return 0, 0, 0
	}
	wk := widthKey{s, fk}
	if w, ok := c.widths[wk]; ok {
		return w, fd.ascent, fd.descent
	}
	for _, r := range s {
		w += fd.glyphFor(r).advance
	}
	if len(c.widths) >= 4*maxSprites {
		clear(c.widths)
	}
	c.widths[wk] = w
	return w, fd.ascent, fd.descent
}

// blitOver composites the sprite, its origin placed at x, y, over dst,
// row span by row span.
func (sp *rotSprite) blitOver(dst *image.RGBA, x, y int) {
	ox, oy := sp.rect.Min.X+x, sp.rect.Min.Y+y // dst position of the sprite's top left
	for j, s := range sp.spans {
		dy := oy + j
		if dy < dst.Rect.Min.Y || dy >= dst.Rect.Max.Y {
			continue
		}
		x0, x1 := max(int(s.x0), dst.Rect.Min.X-ox), min(int(s.x1), dst.Rect.Max.X-ox)
		if x1 <= x0 {
			continue
		}
		so := int(s.off) + 4*(x0-int(s.x0))
		do := dst.PixOffset(ox+x0, dy)
		n := 4 * (x1 - x0)
		blendRowOver(dst.Pix[do:do+n:do+n], sp.pix[so:so+n:so+n])
	}
}

// rotateSprite returns src (premultiplied, pen coordinates) rotated by th
// radians about px, py, with its origin at that pivot; bilinear sampling.
// scratch is reusable storage for the source's padded copy.
func rotateSprite(src *image.RGBA, px, py, th float64, scratch *[]uint64) *rotSprite {
	sin, cos := math.Sincos(th)
	r := src.Rect
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{float64(r.Min.X), float64(r.Min.Y)}, {float64(r.Max.X), float64(r.Min.Y)}, {float64(r.Min.X), float64(r.Max.Y)}, {float64(r.Max.X), float64(r.Max.Y)}} {
		dx, dy := p[0]-px, p[1]-py
		x, y := dx*cos-dy*sin, dx*sin+dy*cos
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	out := &rotSprite{rect: image.Rect(int(math.Floor(x0))-1, int(math.Floor(y0))-1, int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)}
	// a copy of src with a transparent border of one pixel, so that all
	// four samples of any destination pixel lie inside it; each pixel
	// spread to four 16-bit lanes to blend all channels at once
	pr := r.Inset(-1)
	pw := pr.Dx()
	if cap(*scratch) < pw*pr.Dy() {
		*scratch = make([]uint64, pw*pr.Dy())
	}
	pad := (*scratch)[:pw*pr.Dy()]
	clear(pad)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := src.Pix[src.PixOffset(r.Min.X, y):][:4*r.Dx()]
		prow := pad[(y-pr.Min.Y)*pw+1:][:r.Dx()]
		for x := range prow {
			prow[x] = spread(binary.LittleEndian.Uint32(row[4*x:]))
		}
	}
	width := out.rect.Dx()
	// the part of each row that samples the sprite at all (a long thin
	// sprite turned 45 degrees fills little of its bounds): only those
	// pixels are kept
	out.spans = make([]rotSpan, out.rect.Dy())
	n := 0
	for j := range out.spans {
		dy := float64(out.rect.Min.Y+j) + 0.5
		dx := float64(out.rect.Min.X) + 0.5
		sx0 := dx*cos + dy*sin + px - 0.5
		sy0 := -dx*sin + dy*cos + py - 0.5
		t0, t1 := 0.0, float64(width-1)
		t0, t1 = clipLinear(t0, t1, sx0, cos, float64(r.Min.X-1), float64(r.Max.X))
		t0, t1 = clipLinear(t0, t1, sy0, -sin, float64(r.Min.Y-1), float64(r.Max.Y))
		if t0 > t1 {
			continue
		}
		i0, i1 := int(math.Ceil(t0)), int(math.Floor(t1))
		if i1 < i0 {
			continue
		}
		out.spans[j] = rotSpan{x0: int32(i0), x1: int32(i1 + 1), off: int32(4 * n)}
		n += i1 + 1 - i0
	}
	out.pix = make([]uint8, 4*n)
	const one = 1 << 16
	fcos, fsin := int(math.Round(cos*one)), int(math.Round(sin*one))
	for j, s := range out.spans {
		if s.x1 <= s.x0 {
			continue
		}
		dy := float64(out.rect.Min.Y+j) + 0.5
		dx := float64(out.rect.Min.X) + 0.5
		// back to the source: rotate by -th about the pivot
		sx0 := dx*cos + dy*sin + px - 0.5
		sy0 := -dx*sin + dy*cos + py - 0.5
		i0 := int(s.x0)
		// source position in 16.16 fixed point, relative to pad's corner
		sx := int(math.Round((sx0 + float64(i0)*cos - float64(pr.Min.X)) * one))
		sy := int(math.Round((sy0 - float64(i0)*sin - float64(pr.Min.Y)) * one))
		orow := out.pix[s.off : int(s.off)+4*int(s.x1-s.x0)]
		for i := 0; i < int(s.x1-s.x0); i, sx, sy = i+1, sx+fcos, sy-fsin {
			ix, iy := sx>>16, sy>>16
			if ix < 0 || iy < 0 || ix >= pw-1 || iy >= pr.Dy()-1 {
				continue
			}
			o := iy*pw + ix
			q0 := pad[o : o+2 : o+2]
			q1 := pad[o+pw : o+pw+2 : o+pw+2]
			if q0[0]|q0[1]|q1[0]|q1[1] == 0 {
				continue
			}
			ax, ay := uint64(sx>>8&255), uint64(sy>>8&255)
			h0 := (q0[0]*(256-ax) + q0[1]*ax) >> 8 & lanes
			h1 := (q1[0]*(256-ax) + q1[1]*ax) >> 8 & lanes
			v := (h0*(256-ay) + h1*ay + 0x0080008000800080) >> 8 & lanes
			binary.LittleEndian.PutUint32(orow[4*i:], uint32(v&0xFF|v>>8&0xFF00|v>>16&0xFF0000|v>>24&0xFF000000))
		}
	}
	return out
}

// lanes masks the low byte of each 16-bit lane.
const lanes = 0x00FF00FF00FF00FF

// spread moves the four bytes of p to the low bytes of four 16-bit lanes.
func spread(p uint32) uint64 {
	v := uint64(p)
	return v&0xFF | (v&0xFF00)<<8 | (v&0xFF0000)<<16 | (v&0xFF000000)<<24
}

// clipLinear narrows [t0, t1] to where lo <= s0 + k·t <= hi.
func clipLinear(t0, t1, s0, k, lo, hi float64) (float64, float64) {
	if k == 0 {
		if s0 < lo || s0 > hi {
			return 1, 0
		}
		return t0, t1
	}
	a, b := (lo-s0)/k, (hi-s0)/k
	if a > b {
		a, b = b, a
	}
	return math.Max(t0, a), math.Min(t1, b)
}

// fillBox blends colour c at alpha a over the pixels of b.
func fillBox(dst *image.RGBA, b box, c [4]uint8, a float64) {
	r := image.Rect(int(math.Round(b.x0)), int(math.Round(b.y0)), int(math.Round(b.x1)), int(math.Round(b.y1))).Intersect(dst.Rect)
	sa := uint32(math.Max(0, math.Min(1, a*float64(c[3])/255))*255 + 0.5)
	if r.Empty() || sa == 0 {
		return
	}
	ia := 255 - sa
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := dst.Pix[dst.PixOffset(r.Min.X, y):][:4*r.Dx()]
		for i := 0; i < len(row); i += 4 {
			p := row[i : i+4 : i+4]
			p[0] = uint8((uint32(c[0])*sa + uint32(p[0])*ia + 127) / 255)
			p[1] = uint8((uint32(c[1])*sa + uint32(p[1])*ia + 127) / 255)
			p[2] = uint8((uint32(c[2])*sa + uint32(p[2])*ia + 127) / 255)
			p[3] = uint8((255*sa + uint32(p[3])*ia + 127) / 255)
		}
	}
}

// strokeBox blends a one-pixel outline of b in colour c at alpha a.
func strokeBox(dst *image.RGBA, b box, c [4]uint8, a float64) {
	x0, y0 := math.Round(b.x0), math.Round(b.y0)
	x1, y1 := math.Round(b.x1), math.Round(b.y1)
	fillBox(dst, box{x0, y0, x1, y0 + 1}, c, a)
	fillBox(dst, box{x0, y1 - 1, x1, y1}, c, a)
	fillBox(dst, box{x0, y0 + 1, x0 + 1, y1 - 1}, c, a)
	fillBox(dst, box{x1 - 1, y0 + 1, x1, y1 - 1}, c, a)
}

// draw sets s with its baseline starting at x, y: the halo of the whole
// string first, then the glyphs.
func (c *textCache) draw(dst *image.RGBA, s string, x, y float64, ts textStyle) {
	c.mu.Lock()
	sp := c.sprite(s, ts)
	c.mu.Unlock()
	if sp != nil {
		blitOver(dst, sp, int(math.Round(x)), int(math.Round(y)))
	}
}

// sprite returns label s set in ts, halo and glyphs composited, with its
// origin at the pen position on the baseline; the caller holds c.mu.
func (c *textCache) sprite(s string, ts textStyle) *image.RGBA {
	k := spriteKey{s, ts}
	if sp, ok := c.sprites[k]; ok {
		return sp
	}
	sp := c.buildSprite(s, ts)
	c.keepSprite(k, sp)
	return sp
}

// buildSprite sets s in ts, as sprite does, without the sprite cache; the
// caller holds c.mu.
func (c *textCache) buildSprite(s string, ts textStyle) *image.RGBA {
	lay := c.layoutSprite(s, ts, false)
	return lay.compose()
}

// spriteLayout is a label laid out: its glyphs' coverage (and halo) masks
// with their pen offsets, and the face's metrics. The masks belong to the
// text cache and are never changed once made, so a layout may be composed
// without the cache's lock.
type spriteLayout struct {
	ts     textStyle
	glyphs []placedGlyph
	bounds image.Rectangle // of the sprite, relative to the pen
	width  float64         // advance width
	ascent float64
}

// placedGlyph is one glyph of a layout at its pen offset.
type placedGlyph struct {
	mask, halo *image.Alpha
	pen        int
}

// layoutSprite lays out s in ts, rasterising any glyph or halo not made
// yet; with metricsOnly, it measures s and lays out no glyphs (for a
// sprite to turn whose upright sprite is made already). The caller holds
// c.mu.
func (c *textCache) layoutSprite(s string, ts textStyle, metricsOnly bool) spriteLayout {
	lay := spriteLayout{ts: ts}
	fd := c.faceFor(keyFor(ts.size, ts.bold))
	if fd == nil {
		return lay
	}
	lay.ascent = fd.ascent
	halo := ts.halo[3] > 0 && ts.haloWidth > 0
	pen := 0.0
	for _, ch := range s {
		g := fd.glyphFor(ch)
		if !metricsOnly {
			pg := placedGlyph{mask: g.mask, pen: int(math.Round(pen))}
			m := g.mask
			if halo {
				pg.halo = g.haloFor(ts.haloWidth)
				m = pg.halo
			}
			if m != nil {
				lay.bounds = lay.bounds.Union(m.Rect.Add(image.Pt(pg.pen, 0)))
			}
			lay.glyphs = append(lay.glyphs, pg)
		}
		pen += g.advance
	}
	lay.width = pen
	return lay
}

// compose draws the layout's halos, then its glyphs, into a new sprite
// with its origin at the pen position on the baseline; nil when the text
// shows nothing.
func (lay *spriteLayout) compose() *image.RGBA {
	if lay.bounds.Empty() {
		return nil
	}
	ts := lay.ts
	sp := image.NewRGBA(lay.bounds)
	// blending reads each pixel before writing it: write the fresh pages
	// first, or each read maps the shared zero page and the write after
	// it must flush that mapping from every core (see prefault)
	touchPages(sp.Pix)
	for _, g := range lay.glyphs {
		if g.halo != nil {
			blendAlpha(sp, g.halo, g.pen, 0, ts.halo, ts.opacity)
		}
	}
	for _, g := range lay.glyphs {
		if g.mask != nil {
			blendAlpha(sp, g.mask, g.pen, 0, ts.color, ts.opacity)
		}
	}
	return sp
}

// keepSprite caches the upright sprite of k; the caller holds c.mu.
func (c *textCache) keepSprite(k spriteKey, sp *image.RGBA) {
	if len(c.sprites) >= maxSprites {
		clear(c.sprites)
	}
	c.sprites[k] = sp
}

// keepRotated caches a rotated sprite; the caller holds c.mu.
func (c *textCache) keepRotated(k rotKey, sp *rotSprite) {
	if len(c.rotated) >= maxSprites {
		clear(c.rotated)
	}
	c.rotated[k] = sp
}

// blitOver composites the premultiplied src, its origin placed at x, y,
// over dst.
func blitOver(dst, src *image.RGBA, x, y int) { blitPart(dst, src, src.Rect, x, y) }

// blitPart is blitOver for the part part of src only.
func blitPart(dst, src *image.RGBA, part image.Rectangle, x, y int) {
	r := part.Add(image.Pt(x, y)).Intersect(dst.Rect)
	n := 4 * r.Dx()
	for py := r.Min.Y; py < r.Max.Y; py++ {
		so := src.PixOffset(r.Min.X-x, py-y)
		do := dst.PixOffset(r.Min.X, py)
		blendRowOver(dst.Pix[do:do+n:do+n], src.Pix[so:so+n:so+n])
	}
}

// blendRowOver composites the premultiplied pixels srow over drow.
func blendRowOver(drow, srow []uint8) {
	drow = drow[:len(srow)]
	for i := 0; i+4 <= len(srow); i += 4 {
		s := binary.LittleEndian.Uint32(srow[i:])
		sa := s >> 24
		if sa == 0 {
			continue
		}
		if sa == 255 {
			binary.LittleEndian.PutUint32(drow[i:], s)
			continue
		}
		d := binary.LittleEndian.Uint32(drow[i:])
		ia := 255 - sa
		// two channels at a time, 16 bits each
		rb := (d&0x00FF00FF)*ia + 0x00800080
		rb = (rb + (rb>>8)&0x00FF00FF) >> 8 & 0x00FF00FF
		ga := (d>>8&0x00FF00FF)*ia + 0x00800080
		ga = (ga + (ga>>8)&0x00FF00FF) >> 8 & 0x00FF00FF
		binary.LittleEndian.PutUint32(drow[i:], s+rb+ga<<8)
	}
}

// blendAlpha composites colour c (straight RGBA) through mask m placed
// with its origin at x, y.
func blendAlpha(dst *image.RGBA, m *image.Alpha, x, y int, c [4]uint8, opacity float64) {
	r := m.Rect.Add(image.Pt(x, y)).Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	k := uint32(float64(c[3])*opacity + 0.5)
	cr, cg, cb := uint32(c[0]), uint32(c[1]), uint32(c[2])
	for py := r.Min.Y; py < r.Max.Y; py++ {
		mrow := m.Pix[(py-y-m.Rect.Min.Y)*m.Stride:]
		moff := -x - m.Rect.Min.X
		drow := dst.Pix[dst.PixOffset(r.Min.X, py):]
		for px := r.Min.X; px < r.Max.X; px++ {
			cov := uint32(mrow[px+moff])
			if cov == 0 {
				continue
			}
			sa := cov * k / 255
			if sa == 0 {
				continue
			}
			o := 4 * (px - r.Min.X)
			p := drow[o : o+4 : o+4]
			ia := 255 - sa
			p[0] = uint8((cr*sa + uint32(p[0])*ia + 127) / 255)
			p[1] = uint8((cg*sa + uint32(p[1])*ia + 127) / 255)
			p[2] = uint8((cb*sa + uint32(p[2])*ia + 127) / 255)
			p[3] = uint8((255*sa + uint32(p[3])*ia + 127) / 255)
		}
	}
}
