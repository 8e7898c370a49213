package maplayers

import (
	"context"
	"fmt"
	"image"
	"sync"

	"corridor/data/feature"
	"corridor/data/store"
	"corridor/geo/render"
	"corridor/geo/style"
	"corridor/geo/viewport"
)

// Set is the drawable view of a workspace's layers. Reload reads the layer
// list and settings again (after any change to the workspace); Layers
// returns what Reload read, so that rendering a frame costs no catalogue
// query. A Set is safe for concurrent use.
type Set struct {
	ws *store.Workspace

	mu     sync.Mutex
	layers []*store.Layer
	styles map[string]style.Style // by table
	gens   map[string]uint64      // by table
	sigs   map[string]int64       // last journal id seen, by table
	next   uint64
	warn   []error
}

// New returns the Set of ws, loaded once. The error is that of the first
// Reload; the Set is usable (empty) even then.
func New(ctx context.Context, ws *store.Workspace) (*Set, error) {
	s := &Set{ws: ws, styles: map[string]style.Style{}, gens: map[string]uint64{}, sigs: map[string]int64{}}
	return s, s.Reload(ctx)
}

// Workspace returns the workspace the Set draws.
func (s *Set) Workspace() *store.Workspace { return s.ws }

// Reload reads the layers, their styles and the edit journal again. A
// layer whose features changed since the last Reload (a new journal entry
// for it: an edit, an undo, an import) gets a new Generation, so that the
// renderer's cached geometry of that layer is dropped. A style that does
// not parse is replaced by the kind's default; its error is kept in
// Warnings.
func (s *Set) Reload(ctx context.Context) error {
	ls, problems, err := s.ws.LayersWithProblems(ctx)
	if err != nil {
		return fmt.Errorf("read layers: %w", err)
	}
	sigs, err := s.ws.EditMarks(ctx)
	if err != nil {
		return fmt.Errorf("read edit journal: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warn = nil
	for _, p := range problems {
		s.warn = append(s.warn, p)
	}
	styles := make(map[string]style.Style, len(ls))
	for _, l := range ls {
		st, err := style.ForKind(l.Kind, l.Style)
		if err != nil {
			s.warn = append(s.warn, fmt.Errorf("layer %q: %w", l.Title, err))
		}
		styles[l.Table] = st
		if _, ok := s.gens[l.Table]; !ok || s.sigs[l.Table] != sigs[l.Table] {
			s.next++
			s.gens[l.Table] = s.next
		}
		s.sigs[l.Table] = sigs[l.Table]
	}
	s.layers, s.styles = ls, styles
	return nil
}

// Invalidate gives a layer a new Generation, whatever the journal says.
func (s *Set) Invalidate(table string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	s.gens[table] = s.next
}

// Warnings returns the problems the last Reload worked around (styles that
// did not parse, layers whose catalogue rows hold bad values).
func (s *Set) Warnings() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.warn...)
}

// StoreLayers returns the workspace layers as last loaded, in draw order
// (bottom first), hidden ones included. The values are copies.
func (s *Set) StoreLayers() []store.Layer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]store.Layer, len(s.layers))
	for i, l := range s.layers {
		out[i] = *l
	}
	return out
}

// Style returns the effective style of a layer (its kind's default with
// the layer's overrides).
func (s *Set) Style(table string) (style.Style, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.styles[table]
	return st, ok
}

// Layers returns one render.Layer per visible layer, bottom first.
func (s *Set) Layers() []render.Layer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]render.Layer, 0, len(s.layers))
	for _, l := range s.layers {
		if !l.Visible {
			continue
		}
		out = append(out, s.renderLayer(l))
	}
	return out
}

// Only returns the render layers of the named layers (table or title), in
// draw order, visible or not: what `corridor map --layers` draws.
func (s *Set) Only(names []string) ([]render.Layer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	want := map[string]bool{}
	for _, n := range names {
		found := false
		for _, l := range s.layers {
			if l.Table == n || l.Title == n {
				want[l.Table], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w %q", store.ErrNoLayer, n)
		}
	}
	var out []render.Layer
	for _, l := range s.layers {
		if want[l.Table] {
			rl := s.renderLayer(l)
			rl.Visible = true
			out = append(out, rl)
		}
	}
	return out, nil
}

// renderLayer builds the render.Layer of l; the caller holds s.mu.
func (s *Set) renderLayer(l *store.Layer) render.Layer {
	var src render.Source = blobSource{ws: s.ws, table: l.Table}
	if needsAttributes(l.Kind) {
		src = attrSource{ws: s.ws, table: l.Table}
	}
	return render.Layer{
		ID:         l.Table,
		Kind:       l.Kind,
		Style:      s.styles[l.Table],
		Opacity:    l.Opacity,
		Visible:    l.Visible,
		Source:     src,
		Generation: s.gens[l.Table],
	}
}

// Bounds returns the extent of the workspace's features (see the package
// function Bounds) as of the last Reload.
func (s *Set) Bounds() (b viewport.Bounds, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return union(s.layers)
}

// Bounds returns the extent "fit all" shows: the union of the extents of
// the layers that have features, leaving out worldwide basemap layers (kind
// other spanning 300 degrees of longitude or more) unless nothing else has
// features. ok is false when the workspace holds no feature with a
// geometry.
func Bounds(ctx context.Context, ws *store.Workspace) (b viewport.Bounds, ok bool, err error) {
	ls, err := ws.Layers(ctx)
	if err != nil {
		return b, false, fmt.Errorf("read layers: %w", err)
	}
	b, ok = union(ls)
	return b, ok, nil
}

// worldwide reports whether l is a basemap-like layer covering the world.
func worldwide(l *store.Layer) bool {
	return l.Kind == feature.KindOther && len(l.Bounds) == 4 && l.Bounds[2]-l.Bounds[0] >= 300
}

func union(ls []*store.Layer) (b viewport.Bounds, ok bool) {
	for _, skipWorld := range []bool{true, false} {
		for _, l := range ls {
			if len(l.Bounds) != 4 || (skipWorld && worldwide(l)) {
				continue
			}
			lb := viewport.Bounds{West: l.Bounds[0], South: l.Bounds[1], East: l.Bounds[2], North: l.Bounds[3]}
			if !ok {
				b, ok = lb, true
				continue
			}
			b.West = min(b.West, lb.West)
			b.South = min(b.South, lb.South)
			b.East = max(b.East, lb.East)
			b.North = max(b.North, lb.North)
		}
		if ok {
			return b, true
		}
	}
	return b, false
}

// Renderer draws the Set's visible layers with r: the function the map
// widget calls for each frame.
func (s *Set) Renderer(r *render.Renderer) func(ctx context.Context, vp viewport.Viewport) (image.Image, error) {
	return func(ctx context.Context, vp viewport.Viewport) (image.Image, error) {
		img, err := r.Render(ctx, vp, s.Layers())
		if err != nil {
			return nil, err
		}
		return img, nil
	}
}
