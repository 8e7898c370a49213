package render

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"runtime"
	"sync"

	"corridor/geo/style"
	"corridor/geo/viewport"
)

// Options tunes a Renderer. The zero value is usable.
type Options struct {
	// Background fills the image before the layers; nil means the default
	// sea blue (style.Background). Use color.Transparent for none.
	Background color.Color
	// CacheBytes bounds the simplified-geometry cache (default 256 MiB).
	CacheBytes int64
	// TileCacheBytes bounds the raster tile cache (default 96 MiB), which
	// lets a panning frame draw only the tiles it newly exposes and copy
	// the rest. A negative value turns it off: every frame then draws the
	// whole view.
	TileCacheBytes int64
	// Workers is the number of goroutines a frame uses (default GOMAXPROCS).
	Workers int
	// Tolerance is how far, in screen pixels, a drawn line may stray
	// from its true course when simplified (default 1).
	Tolerance float64
	// NoLabels turns label drawing off.
	NoLabels bool
}

// Renderer draws layers for viewports. It is safe for concurrent use; its
// geometry, tile and glyph caches are shared by all its frames.
type Renderer struct {
	opts  Options
	cache *shapeCache
	tiles *tileCache // nil when off
	text  *textCache
	pool  sync.Pool // *workerSet
}

// New returns a Renderer with the given options.
func New(opts Options) *Renderer {
	if opts.Background == nil {
		opts.Background = style.Background
	}
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = 256 << 20
	}
	if opts.TileCacheBytes == 0 {
		opts.TileCacheBytes = 96 << 20
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Workers > 16 {
		opts.Workers = 16
	}
	if !(opts.Tolerance > 0) {
		opts.Tolerance = 1
	}
	r := &Renderer{opts: opts, cache: newShapeCache(opts.CacheBytes), text: newTextCache()}
	if opts.TileCacheBytes > 0 {
		r.tiles = newTileCache(opts.TileCacheBytes)
	}
	return r
}

// CacheStats reports how many simplified geometries the cache holds and
// their approximate size in bytes.
func (r *Renderer) CacheStats() (entries int, bytes int64) { return r.cache.size() }

// TileStats reports how many raster tiles the tile cache holds and their
// size in bytes.
func (r *Renderer) TileStats() (tiles int, bytes int64) {
	if r.tiles == nil {
		return 0, 0
	}
	return r.tiles.size()
}

// Render draws layers (first = bottom) for vp into a new image of
// vp.Width×vp.Height. Style lengths (strokes, symbols, labels) are
// multiplied by vp's pixel ratio. It returns ctx.Err() if ctx is
// cancelled before it finishes.
func (r *Renderer) Render(ctx context.Context, vp viewport.Viewport, layers []Layer) (*image.RGBA, error) {
	if vp.Width <= 0 || vp.Height <= 0 || vp.Width > 1<<14 || vp.Height > 1<<14 {
		return nil, fmt.Errorf("render: bad image size %dx%d", vp.Width, vp.Height)
	}
	dst := image.NewRGBA(image.Rect(0, 0, vp.Width, vp.Height))
	if err := r.RenderInto(ctx, dst, vp, layers); err != nil {
		return nil, err
	}
	return dst, nil
}

// RenderInto is Render drawing into dst, whose size must be
// vp.Width×vp.Height (see RenderRows for a dst inside a larger image);
// reusing dst saves an allocation per frame.
//
// With the tile cache on, a frame at the zoom and with the layers
// (generations, styles, opacities) of an earlier frame reuses that
// frame's raster tiles, and is then placed on the earlier frame's
// sub-pixel grid: it may be shifted by up to half a pixel from the exact
// viewport. Labels are placed and drawn for every frame.
func (r *Renderer) RenderInto(ctx context.Context, dst *image.RGBA, vp viewport.Viewport, layers []Layer) error {
	return r.RenderRows(ctx, dst, vp, layers, nil)
}

// RenderRows is RenderInto that hands dst over band of rows by band:
// rows is called, from the renderer's goroutines and at the same time
// for different bands, once for each band of a set that tiles the image,
// as soon as that band's pixels are final; a caller can so compress one
// band while another is still being drawn. RenderRows returns when every
// call has returned, with the first error one of them returned. A nil
// rows is RenderInto.
//
// dst may be a sub-image of a larger one (a map frame on a page): its
// bounds must be vp.Width×vp.Height, anywhere; the renderer draws only
// inside them, and the rows it hands over are in dst's coordinates.
func (r *Renderer) RenderRows(ctx context.Context, dst *image.RGBA, vp viewport.Viewport, layers []Layer, rows func(y0, y1 int) error) error {
	if dst.Rect.Dx() != vp.Width || dst.Rect.Dy() != vp.Height || vp.Width <= 0 || vp.Height <= 0 {
		return fmt.Errorf("render: image %v does not match viewport %dx%d", dst.Rect, vp.Width, vp.Height)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if o := dst.Rect.Min; o != (image.Point{}) {
		dst = atOrigin(dst)
		if rows != nil {
			inner := rows
			rows = func(y0, y1 int) error { return inner(y0+o.Y, y1+o.Y) }
		}
	}
	v := viewOf(vp)
	stamp := r.cache.stamp()
	if r.tiles == nil {
		return r.renderDirect(ctx, dst, v, layers, stamp, nil, rows)
	}
	if err := r.renderTiled(ctx, dst, vp, v, layers, stamp); err != nil || rows == nil {
		return err
	}
	return rows(0, vp.Height)
}

// atOrigin returns an image of the pixels of dst with its origin at 0, 0:
// the same memory, so that drawing into it draws into dst.
func atOrigin(dst *image.RGBA) *image.RGBA {
	r := dst.Rect
	if r.Empty() {
		return &image.RGBA{Stride: dst.Stride}
	}
	off := dst.PixOffset(r.Min.X, r.Min.Y)
	end := dst.PixOffset(r.Max.X-1, r.Max.Y-1) + 4
	return &image.RGBA{Pix: dst.Pix[off:end:end], Stride: dst.Stride, Rect: image.Rect(0, 0, r.Dx(), r.Dy())}
}

// view is the transform from level pixels (world pixels at the integer
// zoom that keys the geometry cache) to the pixels of an image.
type view struct {
	zoom  int     // cache level
	s     float64 // image pixels per level pixel
	world float64 // world width in level pixels
	ox    float64 // image x = level x * s + ox
	oy    float64 // image y = level y * s + oy
	k     float64 // image pixels per style pixel (the viewport's ratio)
}

func viewOf(vp viewport.Viewport) view {
	z := int(math.Ceil(vp.Zoom - 1e-9))
	if z < 0 {
		z = 0
	}
	world := viewport.TileSize * math.Exp2(float64(z))
	s := math.Exp2(vp.Zoom - float64(z))
	cx := (vp.CenterX + viewport.HalfWorld) / (2 * viewport.HalfWorld) * world
	cy := (viewport.HalfWorld - vp.CenterY) / (2 * viewport.HalfWorld) * world
	return view{zoom: z, s: s, world: world, ox: float64(vp.Width)/2 - cx*s, oy: float64(vp.Height)/2 - cy*s, k: vp.Ratio()}
}

// shifted is the view of the image whose origin is at x, y of v's image.
func (v view) shifted(x, y int) view {
	v.ox -= float64(x)
	v.oy -= float64(y)
	return v
}

// renderDirect draws the whole of dst: background, layers, labels. When
// beforeLabels is set it is called between the layers and the labels;
// when rows is set, it is handed the image band by band (see RenderRows).
func (r *Renderer) renderDirect(ctx context.Context, dst *image.RGBA, v view, layers []Layer, stamp uint64, beforeLabels func(), rows func(y0, y1 int) error) error {
	fillParallel(dst, r.opts.Background, r.opts.Workers)
	fr := r.newFrame(ctx, dst, v, stamp)
	defer r.release(fr)
	fr.collect = !r.opts.NoLabels
	for i := range layers {
		l := &layers[i]
		if !l.Visible || l.Source == nil {
			continue
		}
		if err := fr.drawLayer(l); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if beforeLabels != nil {
		beforeLabels()
	}
	if r.opts.NoLabels {
		if rows != nil {
			return fr.bands(rows, nil)
		}
		return ctx.Err()
	}
	return fr.drawLabels(rows)
}

// fillParallel sets every pixel of dst (origin 0, 0) to c, the rows
// split between up to workers goroutines: in a fresh process most of the
// cost is the first touch of the image's pages, which the cores share.
func fillParallel(dst *image.RGBA, c color.Color, workers int) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	pc := color.RGBAModel.Convert(c).(color.RGBA)
	pat := make([]uint8, 4*w)
	for x := 0; x < w; x++ {
		pat[4*x], pat[4*x+1], pat[4*x+2], pat[4*x+3] = pc.R, pc.G, pc.B, pc.A
	}
	parallelRows(h, workers, func(lo, hi int) {
		for y := lo; y < hi; y++ {
			copy(dst.Pix[y*dst.Stride:y*dst.Stride+4*w], pat)
		}
	})
}

// frame is the state of drawing into one image: the whole view, or one
// region of tiles.
type frame struct {
	r   *Renderer
	ctx context.Context
	dst *image.RGBA
	w   int
	h   int
	view
	stamp uint64
	ws    *workerSet
	// collect makes drawLayer gather label candidates (the frame is the
	// whole view).
	collect bool
	lab     labeler
}

func (r *Renderer) newFrame(ctx context.Context, dst *image.RGBA, v view, stamp uint64) *frame {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	fr := &frame{r: r, ctx: ctx, dst: dst, w: w, h: h, view: v, stamp: stamp}
	fr.ws = r.workers(w, h)
	fr.lab.init(w, h, v.k, fr.ws)
	return fr
}

// queryBounds is the lon/lat box of the image grown by margin pixels, for
// symbols and wide lines whose geometry lies just outside, split at the
// antimeridian.
func (fr *frame) queryBounds(margin int) []viewport.Bounds {
	m := float64(margin)
	return fr.lonLatBoxes(-m, -m, float64(fr.w)+m, float64(fr.h)+m)
}

// lonLatBoxes returns the lon/lat boxes (west <= east) covering the image
// rectangle x0, y0, x1, y1.
func (fr *frame) lonLatBoxes(x0, y0, x1, y1 float64) []viewport.Bounds {
	lon := func(x float64) float64 { return ((x-fr.ox)/fr.s/fr.world)*360 - 180 }
	lat := func(y float64) float64 {
		ly := math.Max(0, math.Min(fr.world, (y-fr.oy)/fr.s))
		return math.Atan(math.Sinh(math.Pi*(1-2*ly/fr.world))) * 180 / math.Pi
	}
	south, north := lat(y1), lat(y0)
	west, east := lon(x0), lon(x1)
	if !(east-west < 360) {
		return []viewport.Bounds{{West: -180, South: south, East: 180, North: north}}
	}
	width := east - west
	west = viewport.WrapLon(west)
	east = west + width
	if east <= 180 {
		return []viewport.Bounds{{West: west, South: south, East: east, North: north}}
	}
	return []viewport.Bounds{
		{West: west, South: south, East: 180, North: north},
		{West: -180, South: south, East: east - 360, North: north},
	}
}

// copies returns the range of world copies k (x offset k·world) in which
// a level-pixel x range [minX, maxX] is on screen, with margin pixels.
func (fr *frame) copies(minX, maxX, margin float64) (int, int) {
	ws := fr.world * fr.s
	lo := (-margin - (maxX*fr.s + fr.ox)) / ws
	hi := (float64(fr.w) + margin - (minX*fr.s + fr.ox)) / ws
	if !(hi >= lo) || math.Abs(lo) > 1e6 || math.Abs(hi) > 1e6 {
		return 0, -1
	}
	k0, k1 := int(math.Ceil(lo)), int(math.Floor(hi))
	if k1-k0 > maxCopies {
		k1 = k0 + maxCopies
	}
	return k0, k1
}

// maxCopies bounds how many copies of the world one feature is drawn in
// (a view zoomed far out, or a line wound round the world many times).
const maxCopies = 16

// workerSet is per-frame scratch: coverage buffers shared by the workers,
// each drawing its own band of rows, and a whole-frame worker for the
// serial parts (point symbols). Between frames its buffers are all zero.
type workerSet struct {
	w, h int
	bufs [4][]uint8
	// fresh marks the buffers (fill, casing, line, extra) whose pages no
	// frame has written yet (see prefault)
	fresh [4]bool
	ws    []*worker
	whole *worker
	// label storage, reused from frame to frame
	cands []labelCand
	grid  [][]placed
	ops   []labelOp
}

// workers returns a worker set for a w×h image, reusing a pooled one
// whose buffers are large enough.
func (r *Renderer) workers(w, h int) *workerSet {
	set, ok := r.pool.Get().(*workerSet)
	if !ok {
		set = &workerSet{}
	}
	if cap(set.bufs[0]) < w*h {
		for i := range set.bufs {
			set.bufs[i] = make([]uint8, w*h)
		}
		set.fresh = [4]bool{true, true, true, true}
	}
	var bufs [4][]uint8
	for i := range bufs {
		bufs[i] = set.bufs[i][:w*h]
	}
	set.w, set.h = w, h
	n := r.opts.Workers
	if n > h {
		n = h
	}
	for len(set.ws) < n {
		set.ws = append(set.ws, &worker{})
	}
	set.ws = set.ws[:n]
	for i, wk := range set.ws {
		wk.setBand(&bufs, w, h, h*i/n, h*(i+1)/n)
		wk.primary = i == 0
	}
	if set.whole == nil {
		set.whole = &worker{}
	}
	set.whole.setBand(&bufs, w, h, 0, h)
	return set
}

func (r *Renderer) release(fr *frame) {
	fr.lab.keep(fr.ws)
	for _, wk := range fr.ws.ws {
		wk.resetMasks()
	}
	fr.ws.whole.resetMasks()
	r.pool.Put(fr.ws)
}
