package render

import (
	"slices"
	"sync"
)

// cacheKey identifies one simplified geometry.
type cacheKey struct {
	layer string
	gen   uint64
	zoom  int
	id    int64
}

type cacheEntry struct {
	s    *shape
	used uint64 // frame stamp of the last use
	size int64
}

// shapeCache keeps simplified shapes under a memory budget, evicting the
// least recently used when over it.
type shapeCache struct {
	mu     sync.Mutex
	m      map[cacheKey]*cacheEntry
	bytes  int64
	budget int64
	frame  uint64
}

func newShapeCache(budget int64) *shapeCache {
	return &shapeCache{m: make(map[cacheKey]*cacheEntry), budget: budget}
}

// stamp starts a frame and returns its stamp.
func (c *shapeCache) stamp() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frame++
	return c.frame
}

// lookup fills out[i] with the cached shape of ids[i] (nil on a miss) and
// marks hits as used in frame.
func (c *shapeCache) lookup(layer string, gen uint64, zoom int, ids []int64, out []*shape, frame uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := cacheKey{layer: layer, gen: gen, zoom: zoom}
	for i, id := range ids {
		k.id = id
		if e := c.m[k]; e != nil {
			e.used = frame
			out[i] = e.s
		} else {
			out[i] = nil
		}
	}
}

// store adds shapes for ids (nil shapes are skipped) and evicts the least
// recently used entries if the budget is exceeded.
func (c *shapeCache) store(layer string, gen uint64, zoom int, ids []int64, shapes []*shape, frame uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := cacheKey{layer: layer, gen: gen, zoom: zoom}
	for i, id := range ids {
		s := shapes[i]
		if s == nil {
			continue
		}
		k.id = id
		if old := c.m[k]; old != nil {
			c.bytes -= old.size
		}
		e := &cacheEntry{s: s, used: frame, size: s.bytes() + 96}
		c.m[k] = e
		c.bytes += e.size
	}
	if c.bytes > c.budget {
		c.evict()
	}
}

// evict drops least recently used entries down to 3/4 of the budget.
func (c *shapeCache) evict() {
	type kv struct {
		k cacheKey
		e *cacheEntry
	}
	all := make([]kv, 0, len(c.m))
	for k, e := range c.m {
		all = append(all, kv{k, e})
	}
	slices.SortFunc(all, func(a, b kv) int {
		switch {
		case a.e.used < b.e.used:
			return -1
		case a.e.used > b.e.used:
			return 1
		}
		return 0
	})
	target := c.budget / 4 * 3
	for _, x := range all {
		if c.bytes <= target {
			break
		}
		delete(c.m, x.k)
		c.bytes -= x.e.size
	}
}

// size reports the entry count and bytes held.
func (c *shapeCache) size() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m), c.bytes
}
