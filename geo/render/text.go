package render

import (
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
	if q > 400 {
		q = 400
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
	return &textCache{faces: make(map[fontKey]*faceData), sprites: make(map[spriteKey]*image.RGBA)}
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
		for y := dr.Min.Y; y < dr.Max.Y; y++ {
			for x := dr.Min.X; x < dr.Max.X; x++ {
				_, _, _, ca := m.At(mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y).RGBA()
				a.Pix[a.PixOffset(x, y)] = uint8(ca >> 8)
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
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			best := 0.0
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					sx, sy := x+dx, y+dy
					if !(image.Point{sx, sy}.In(src.Rect)) {
						continue
					}
					v := float64(src.Pix[src.PixOffset(sx, sy)]) / 255
					if v == 0 {
						continue
					}
					f := w + 0.5 - math.Hypot(float64(dx), float64(dy))
					if f <= 0 {
						continue
					}
					if f > 1 {
						f = 1
					}
					best = math.Max(best, v*f)
				}
			}
			h.Pix[h.PixOffset(x, y)] = uint8(best*255 + 0.5)
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
	fd := c.faceFor(keyFor(ts.size, ts.bold))
	if fd == nil {
		return 0, 0, 0
	}
	for _, r := range s {
		w += fd.glyphFor(r).advance
	}
	return w, fd.ascent, fd.descent
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
	fd := c.faceFor(keyFor(ts.size, ts.bold))
	if fd == nil {
		return nil
	}
	halo := ts.halo[3] > 0 && ts.haloWidth > 0
	var r image.Rectangle
	pen := 0.0
	for _, ch := range s {
		g := fd.glyphFor(ch)
		m := g.mask
		if halo {
			m = g.haloFor(ts.haloWidth)
		}
		if m != nil {
			r = r.Union(m.Rect.Add(image.Pt(int(math.Round(pen)), 0)))
		}
		pen += g.advance
	}
	var sp *image.RGBA
	if !r.Empty() {
		sp = image.NewRGBA(r)
		if halo {
			pen = 0
			for _, ch := range s {
				g := fd.glyphFor(ch)
				if h := g.haloFor(ts.haloWidth); h != nil {
					blendAlpha(sp, h, int(math.Round(pen)), 0, ts.halo, ts.opacity)
				}
				pen += g.advance
			}
		}
		pen = 0
		for _, ch := range s {
			g := fd.glyphFor(ch)
			if g.mask != nil {
				blendAlpha(sp, g.mask, int(math.Round(pen)), 0, ts.color, ts.opacity)
			}
			pen += g.advance
		}
	}
	if len(c.sprites) >= maxSprites {
		clear(c.sprites)
	}
	c.sprites[k] = sp
	return sp
}

// blitOver composites the premultiplied src, its origin placed at x, y,
// over dst.
func blitOver(dst, src *image.RGBA, x, y int) {
	r := src.Rect.Add(image.Pt(x, y)).Intersect(dst.Rect)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		so := src.PixOffset(r.Min.X-x, py-y)
		do := dst.PixOffset(r.Min.X, py)
		n := 4 * r.Dx()
		srow, drow := src.Pix[so:so+n], dst.Pix[do:do+n]
		for i := 0; i < n; i += 4 {
			sa := uint32(srow[i+3])
			if sa == 0 {
				continue
			}
			if sa == 255 {
				copy(drow[i:i+4], srow[i:i+4])
				continue
			}
			ia := 255 - sa
			for k := 0; k < 4; k++ {
				drow[i+k] = uint8(uint32(srow[i+k]) + (uint32(drow[i+k])*ia+127)/255)
			}
		}
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
