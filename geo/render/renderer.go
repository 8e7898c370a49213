package render

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
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
	// Workers is the number of goroutines a frame uses (default GOMAXPROCS).
	Workers int
	// Tolerance is the simplification tolerance in screen pixels (default
	// 0.5).
	Tolerance float64
	// NoLabels turns label drawing off.
	NoLabels bool
}

// Renderer draws layers for viewports. It is safe for concurrent use; its
// geometry cache and glyph cache are shared by all its frames.
type Renderer struct {
	opts  Options
	cache *shapeCache
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
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Workers > 16 {
		opts.Workers = 16
	}
	if !(opts.Tolerance > 0) {
		opts.Tolerance = 0.5
	}
	return &Renderer{opts: opts, cache: newShapeCache(opts.CacheBytes), text: newTextCache()}
}

// CacheStats reports how many simplified geometries the cache holds and
// their approximate size in bytes.
func (r *Renderer) CacheStats() (entries int, bytes int64) { return r.cache.size() }

// Render draws layers (first = bottom) for vp into a new image of
// vp.Width×vp.Height. It returns ctx.Err() if ctx is cancelled before it
// finishes.
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
// vp.Width×vp.Height with its origin at 0, 0; reusing dst saves an
// allocation per frame.
func (r *Renderer) RenderInto(ctx context.Context, dst *image.RGBA, vp viewport.Viewport, layers []Layer) error {
	if dst.Rect != image.Rect(0, 0, vp.Width, vp.Height) {
		return fmt.Errorf("render: image %v does not match viewport %dx%d", dst.Rect, vp.Width, vp.Height)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	draw.Draw(dst, dst.Rect, image.NewUniform(r.opts.Background), image.Point{}, draw.Src)
	fr := r.newFrame(ctx, dst, vp)
	defer r.release(fr)
	for i := range layers {
		l := &layers[i]
		if !l.Visible || l.Source == nil {
			continue
		}
		if err := fr.drawLayer(l); err != nil {
			return err
		}
	}
	if r.opts.NoLabels {
		return ctx.Err()
	}
	return fr.drawLabels()
}

// frame is the state of one Render call.
type frame struct {
	r     *Renderer
	ctx   context.Context
	dst   *image.RGBA
	vp    viewport.Viewport
	w, h  int
	zoom  int     // cache level
	s     float64 // screen pixels per level pixel
	world float64 // world width in level pixels
	ox    float64 // screen x = level x * s + ox
	oy    float64 // screen y = level y * s + oy
	stamp uint64
	ws    *workerSet
	lab   labeler
}

func (r *Renderer) newFrame(ctx context.Context, dst *image.RGBA, vp viewport.Viewport) *frame {
	z := int(math.Ceil(vp.Zoom - 1e-9))
	if z < 0 {
		z = 0
	}
	world := viewport.TileSize * math.Exp2(float64(z))
	s := math.Exp2(vp.Zoom - float64(z))
	cx := (vp.CenterX + viewport.HalfWorld) / (2 * viewport.HalfWorld) * world
	cy := (viewport.HalfWorld - vp.CenterY) / (2 * viewport.HalfWorld) * world
	fr := &frame{
		r: r, ctx: ctx, dst: dst, vp: vp, w: vp.Width, h: vp.Height,
		zoom: z, s: s, world: world,
		ox: float64(vp.Width)/2 - cx*s, oy: float64(vp.Height)/2 - cy*s,
		stamp: r.cache.stamp(),
	}
	fr.ws = r.workers(vp.Width, vp.Height)
	fr.lab.init(vp.Width, vp.Height)
	return fr
}

// queryBounds is the lon/lat box of the view grown by margin pixels, for
// symbols and wide lines whose geometry lies just outside.
func (fr *frame) queryBounds(margin int) []viewport.Bounds {
	v := fr.vp.WithSize(fr.w+2*margin, fr.h+2*margin)
	return v.Bounds().Split()
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
// serial parts (point symbols).
type workerSet struct {
	w, h  int
	bufs  [4][]uint8
	ws    []*worker
	whole *worker
}

func (r *Renderer) workers(w, h int) *workerSet {
	if v, ok := r.pool.Get().(*workerSet); ok && v.w == w && v.h == h {
		return v
	}
	set := &workerSet{w: w, h: h}
	for i := range set.bufs {
		set.bufs[i] = make([]uint8, w*h)
	}
	n := r.opts.Workers
	if n > h {
		n = h
	}
	for i := 0; i < n; i++ {
		set.ws = append(set.ws, bandWorker(&set.bufs, w, h, h*i/n, h*(i+1)/n))
	}
	set.ws[0].primary = true
	set.whole = bandWorker(&set.bufs, w, h, 0, h)
	return set
}

func (r *Renderer) release(fr *frame) {
	for _, wk := range fr.ws.ws {
		wk.resetMasks()
	}
	fr.ws.whole.resetMasks()
	r.pool.Put(fr.ws)
}
