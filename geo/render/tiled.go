package render

import (
	"context"
	"image"
	"image/draw"
	"math"

	"corridor/geo/viewport"
)

// renderTiled draws a frame from cached tiles, rendering the missing ones
// a rectangle of tiles at a time, then places and draws the labels over
// them. A frame with no cached tile at all is drawn directly, as without
// the cache, and its tiles (partly valid at the image's edges) are kept.
func (r *Renderer) renderTiled(ctx context.Context, dst *image.RGBA, vp viewport.Viewport, v view, layers []Layer, stamp uint64) error {
	id, ox, fx, fy, tstamp := r.tiles.set(r.stackKey(vp.Zoom, v.k, layers), v.ox, v.oy, v.world*v.s)
	v.ox = ox
	// snap the image origin to the set's sub-pixel grid
	ix, iy := math.Round(v.ox-fx), math.Round(v.oy-fy)
	if math.Abs(ix) > 1<<40 || math.Abs(iy) > 1<<40 {
		return r.renderDirect(ctx, dst, viewOf(vp), layers, stamp, nil, nil)
	}
	v.ox, v.oy = ix+fx, iy+fy
	IX, IY := int(ix), int(iy)
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	tx0, tx1 := floorDiv(-IX, tileSize), floorDiv(W-1-IX, tileSize)
	ty0, ty1 := floorDiv(-IY, tileSize), floorDiv(H-1-IY, tileSize)
	nx, ny := tx1-tx0+1, ty1-ty0+1
	keys := make([]tileKey, nx*ny)
	need := make([]image.Rectangle, nx*ny)
	orig := make([]image.Point, nx*ny)
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			k := j*nx + i
			keys[k] = tileKey{set: id, tx: tx0 + i, ty: ty0 + j}
			o := image.Pt((tx0+i)*tileSize+IX, (ty0+j)*tileSize+IY)
			orig[k] = o
			need[k] = image.Rect(o.X, o.Y, o.X+tileSize, o.Y+tileSize).Intersect(dst.Rect).Sub(o)
		}
	}
	got := make([]*tile, nx*ny)
	if r.tiles.lookup(keys, need, got, tstamp) == 0 {
		return r.renderDirect(ctx, dst, v, layers, stamp, func() {
			ts := make([]*tile, len(keys))
			n := r.opts.Workers
			parallelEach(n, func(w int) error {
				for k := len(keys) * w / n; k < len(keys)*(w+1)/n; k++ {
					ts[k] = cutTile(dst, orig[k], need[k], tstamp)
				}
				return nil
			})
			r.tiles.store(keys, ts)
		}, nil)
	}
	for _, rc := range missingRects(got, nx, ny) {
		region := image.Rect(rc.Min.X*tileSize, rc.Min.Y*tileSize, rc.Max.X*tileSize, rc.Max.Y*tileSize).Add(orig[0])
		img, err := r.renderRegion(ctx, v.shifted(region.Min.X, region.Min.Y), region.Dx(), region.Dy(), layers, stamp)
		if err != nil {
			return err
		}
		var ks []tileKey
		var ts []*tile
		for j := rc.Min.Y; j < rc.Max.Y; j++ {
			for i := rc.Min.X; i < rc.Max.X; i++ {
				k := j*nx + i
				t := cutTile(img, orig[k].Sub(region.Min), image.Rect(0, 0, tileSize, tileSize), tstamp)
				got[k] = t
				ks, ts = append(ks, keys[k]), append(ts, t)
			}
		}
		r.tiles.store(ks, ts)
	}
	for k, t := range got {
		blitTile(dst, t, orig[k], need[k])
	}
	if r.opts.NoLabels {
		return ctx.Err()
	}
	fr := r.newFrame(ctx, dst, v, stamp)
	defer r.release(fr)
	for i := range layers {
		l := &layers[i]
		if !l.Visible || l.Source == nil {
			continue
		}
		if err := fr.labelLayer(l); err != nil {
			return err
		}
	}
	return fr.drawLabels(nil)
}

// renderRegion draws the background and layers (no labels) into a new
// w×h image whose origin is at v's image origin.
func (r *Renderer) renderRegion(ctx context.Context, v view, w, h int, layers []Layer, stamp uint64) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Rect, image.NewUniform(r.opts.Background), image.Point{}, draw.Src)
	fr := r.newFrame(ctx, img, v, stamp)
	defer r.release(fr)
	for i := range layers {
		l := &layers[i]
		if !l.Visible || l.Source == nil {
			continue
		}
		if err := fr.drawLayer(l); err != nil {
			return nil, err
		}
	}
	return img, ctx.Err()
}

// cutTile copies the part valid (tile pixels) of the tile whose origin is
// at o in src into a new tile.
func cutTile(src *image.RGBA, o image.Point, valid image.Rectangle, stamp uint64) *tile {
	t := &tile{pix: make([]uint8, tileBytes), valid: valid, used: stamp}
	n := 4 * valid.Dx()
	for y := valid.Min.Y; y < valid.Max.Y; y++ {
		so := src.PixOffset(o.X+valid.Min.X, o.Y+y)
		copy(t.pix[(y*tileSize+valid.Min.X)*4:][:n], src.Pix[so:so+n])
	}
	return t
}

// blitTile copies the part need (tile pixels) of t, whose origin is at o
// in dst, into dst.
func blitTile(dst *image.RGBA, t *tile, o image.Point, need image.Rectangle) {
	n := 4 * need.Dx()
	for y := need.Min.Y; y < need.Max.Y; y++ {
		do := dst.PixOffset(o.X+need.Min.X, o.Y+y)
		copy(dst.Pix[do:do+n], t.pix[(y*tileSize+need.Min.X)*4:][:n])
	}
}

// missingRects groups the missing tiles (nil in got, nx×ny row-major) into
// rectangles of tile indices: runs along each row, merged down with the
// identical runs of the rows below.
func missingRects(got []*tile, nx, ny int) []image.Rectangle {
	var open, out []image.Rectangle
	for y := 0; y < ny; y++ {
		var next []image.Rectangle
		for x := 0; x < nx; {
			if got[y*nx+x] != nil {
				x++
				continue
			}
			x0 := x
			for x < nx && got[y*nx+x] == nil {
				x++
			}
			run := image.Rect(x0, y, x, y+1)
			for i, o := range open {
				if o.Min.X == run.Min.X && o.Max.X == run.Max.X {
					run.Min.Y = o.Min.Y
					open[i] = image.Rectangle{}
					break
				}
			}
			next = append(next, run)
		}
		for _, o := range open {
			if !o.Empty() {
				out = append(out, o)
			}
		}
		open = next
	}
	return append(out, open...)
}

// floorDiv is a / b rounded down.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
