package render

import (
	"cmp"
	"encoding/binary"
	"image"
	"math"
	"slices"
	"sync"
)

// tileSize is the side of a cached raster tile in pixels.
const tileSize = 128

// tileBytes is the memory one tile holds.
const tileBytes = tileSize * tileSize * 4

// maxTileSets is how many tile sets are kept before those without tiles
// are forgotten.
const maxTileSets = 64

// tileKey names one tile of one tile set: tile x, y counts tileSize pixels
// of the set's pixel grid.
type tileKey struct {
	set    uint64
	tx, ty int
}

// tile is a rendered tile: background and layers, without labels. Only
// the valid part (tile pixels) was drawn; a tile is never changed once
// stored, so frames may copy from it without a lock.
type tile struct {
	pix   []uint8 // tileSize×tileSize RGBA, premultiplied
	valid image.Rectangle
	used  uint64
}

// tileSet is the tiles of one zoom and one layer stack. Its pixel grid is
// the world in pixels at that zoom shifted by a sub-pixel phase fixed by
// the set's first frame; later frames snap to it.
type tileSet struct {
	id     uint64
	key    string
	fx, fy float64 // phase in [0, 1)
	lastOx float64 // image origin x of the set's last frame
	tiles  int
	used   uint64
}

// tileCache keeps rendered tiles under a memory budget, evicting the least
// recently used.
type tileCache struct {
	mu     sync.Mutex
	sets   map[string]*tileSet
	tiles  map[tileKey]*tile
	bytes  int64
	budget int64
	clock  uint64
	nextID uint64
	// hits and misses count tile lookups (for tests and tuning)
	hits, misses int64
}

func newTileCache(budget int64) *tileCache {
	return &tileCache{sets: make(map[string]*tileSet), tiles: make(map[tileKey]*tile), budget: budget}
}

// set returns the tile set of key, making one with the phase of an image
// origin at ox, oy if there is none, and starts a frame. ox is returned
// moved by whole world widths (worldPx) to the copy of the world nearest
// the set's last frame, so that a view whose centre wraps across the
// antimeridian keeps its tiles.
func (c *tileCache) set(key string, ox, oy, worldPx float64) (id uint64, x, fx, fy float64, stamp uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	s := c.sets[key]
	if s == nil {
		if len(c.sets) >= maxTileSets { // forget sets left without tiles
			for k, o := range c.sets {
				if o.tiles <= 0 {
					delete(c.sets, k)
				}
			}
		}
		c.nextID++
		s = &tileSet{id: c.nextID, key: key, fx: ox - math.Floor(ox), fy: oy - math.Floor(oy), lastOx: ox}
		c.sets[key] = s
	}
	if worldPx > 0 {
		if k := math.Round((s.lastOx - ox) / worldPx); k != 0 && math.Abs(k) < 1e6 {
			ox += k * worldPx
		}
	}
	s.lastOx = ox
	s.used = c.clock
	return s.id, ox, s.fx, s.fy, c.clock
}

// lookup returns the tile at k if its valid part covers need.
func (c *tileCache) lookup(keys []tileKey, need []image.Rectangle, out []*tile, stamp uint64) (hits int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, k := range keys {
		t := c.tiles[k]
		if t != nil && need[i].In(t.valid) {
			t.used = stamp
			out[i] = t
			hits++
		} else {
			out[i] = nil
		}
	}
	c.hits += int64(hits)
	c.misses += int64(len(keys) - hits)
	return hits
}

// store adds tiles, replacing older ones, and evicts the least recently
// used down to 3/4 of the budget when over it.
func (c *tileCache) store(keys []tileKey, ts []*tile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, k := range keys {
		if _, ok := c.tiles[k]; !ok {
			c.bytes += tileBytes
			for _, s := range c.sets {
				if s.id == k.set {
					s.tiles++
					break
				}
			}
		}
		c.tiles[k] = ts[i]
	}
	if c.bytes <= c.budget {
		return
	}
	type kv struct {
		k tileKey
		t *tile
	}
	all := make([]kv, 0, len(c.tiles))
	for k, t := range c.tiles {
		all = append(all, kv{k, t})
	}
	slices.SortFunc(all, func(a, b kv) int { return cmp.Compare(a.t.used, b.t.used) })
	count := make(map[uint64]int)
	target := c.budget / 4 * 3
	for _, x := range all {
		if c.bytes <= target {
			break
		}
		delete(c.tiles, x.k)
		c.bytes -= tileBytes
		count[x.k.set]++
	}
	for key, s := range c.sets {
		s.tiles -= count[s.id]
		if s.tiles <= 0 && s.used+1 < c.clock {
			delete(c.sets, key)
		}
	}
}

// size reports the tile count and bytes held.
func (c *tileCache) size() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.tiles), c.bytes
}

// stackKey identifies what the tiles of a frame show: the zoom, the
// pixel ratio k, the background, the tolerance and every drawn layer's
// identity, generation, kind, style and opacity.
func (r *Renderer) stackKey(zoom, k float64, layers []Layer) string {
	b := make([]byte, 0, 256)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(zoom))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(k))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.opts.Tolerance))
	cr, cg, cb, ca := r.opts.Background.RGBA()
	b = binary.LittleEndian.AppendUint64(b, uint64(cr)<<48|uint64(cg)<<32|uint64(cb)<<16|uint64(ca))
	for i := range layers {
		l := &layers[i]
		if !l.Visible || l.Source == nil {
			continue
		}
		op := l.Opacity
		if !(op > 0) || op > 1 {
			op = 1
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(len(l.ID)))
		b = append(b, l.ID...)
		b = append(b, 0)
		b = append(b, l.Kind...)
		b = append(b, 0)
		b = binary.LittleEndian.AppendUint64(b, l.Generation)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(op))
		b = append(b, l.Style.JSON()...)
	}
	return string(b)
}
