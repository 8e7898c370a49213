package session

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
	"corridor/geo/viewport"

	"corridor/data/store"
	"corridor/data/transfer"
)

// This file holds every write the window makes: each runs on the session's
// goroutine, in order, and is announced as one Change. (Seam: when the
// store groups edits in changesets, each function here opens one, labelled
// with its Change's Label.)

// UpdateLayer changes a layer's settings; done gets the error, on the UI
// goroutine.
func (s *Session) UpdateLayer(table string, u store.LayerUpdate, done func(error)) {
	ch := &Change{Label: updateLabel(s.title(table), u), Layers: []string{table}, Meta: true}
	s.run(ch, func(ctx context.Context) error { return s.ws.UpdateLayer(ctx, table, u) }, done)
}

// SetLayerOrder sets the draw order (every table, bottom first) in one
// transaction.
func (s *Session) SetLayerOrder(tables []string, done func(error)) {
	ch := &Change{Label: "Reorder layers", Layers: append([]string(nil), tables...), Meta: true}
	s.run(ch, func(ctx context.Context) error { return s.ws.SetLayerOrder(ctx, tables) }, done)
}

// Undo reverts the latest changeset as new versions; done gets the undo's
// own changeset (nil with store.ErrNothingToUndo when there is none, or a
// *store.ConflictError when a feature has moved on since).
func (s *Session) Undo(done func(*store.Changeset, error)) { s.step(true, done) }

// Redo re-applies the latest undone edit.
func (s *Session) Redo(done func(*store.Changeset, error)) { s.step(false, done) }

func (s *Session) step(undo bool, done func(*store.Changeset, error)) {
	var e *store.Changeset
	ok := s.enqueue(func() {
		var err error
		if undo {
			e, err = s.ws.Undo(s.ctx)
		} else {
			e, err = s.ws.Redo(s.ctx)
		}
		var ch *Change
		if err == nil {
			// "Undo Move vertex", "Redo Hide layer"
			ch = &Change{Label: e.Label, Layers: changedLayers(e), Meta: e.LayerChanges > 0, Bounds: changeBounds(e)}
		}
		s.announce(ch, err, func(err error) {
			if done != nil {
				done(e, err)
			}
		})
	})
	if !ok && done != nil {
		s.do(func() { done(nil, ErrClosed) })
	}
}

// Import imports the files one after another, each in its own transaction;
// progress (called on the session's goroutine) gets the file and the
// features read so far. Each file imported is announced; done gets the
// results of the files imported and the error that stopped the rest.
func (s *Session) Import(ctx context.Context, paths []string, progress func(path string, n int64),
	done func([]*transfer.ImportResult, error)) {
	var results []*transfer.ImportResult
	var failed error
	for i, path := range paths {
		last := i == len(paths)-1
		ok := s.enqueue(func() {
			var ch *Change
			if failed == nil {
				jctx, cancel := context.WithCancel(ctx)
				stop := context.AfterFunc(s.ctx, cancel) // Close stops the import
				res, err := transfer.Import(jctx, s.ws, path, transfer.ImportOptions{Progress: func(n int64) {
					if progress != nil {
						progress(path, n)
					}
				}})
				stop()
				cancel()
				if err != nil {
					failed = err
				} else {
					results = append(results, res)
					ch = &Change{Label: "Import " + filepath.Base(path), Layers: s.tables(context.WithoutCancel(ctx), res.Order), Meta: true}
				}
			}
			var after func(error)
			if last {
				after = func(error) {
					if done != nil {
						done(results, failed)
					}
				}
			}
			s.announce(ch, nil, after)
		})
		if !ok {
			if done != nil {
				s.do(func() { done(results, ErrClosed) })
			}
			return
		}
	}
}

// SetMeta writes a workspace setting at once, on the caller's goroutine
// (the saved view, at close).
func (s *Session) SetMeta(ctx context.Context, key, value string) error {
	return s.ws.SetMeta(ctx, key, value)
}

// run runs write on the session's goroutine and announces ch when it
// succeeds; done gets the error.
func (s *Session) run(ch *Change, write func(ctx context.Context) error, done func(error)) {
	ok := s.enqueue(func() {
		err := write(s.ctx)
		if err != nil {
			ch = nil
		}
		s.announce(ch, err, done)
	})
	if !ok && done != nil {
		s.do(func() { done(ErrClosed) })
	}
}

// title is a layer's title, else its table.
func (s *Session) title(table string) string {
	for _, l := range s.set.StoreLayers() {
		if l.Table == table {
			return l.Title
		}
	}
	return table
}

// tables maps layer titles to their tables.
func (s *Session) tables(ctx context.Context, titles []string) []string {
	var out []string
	for _, t := range titles {
		if l, err := s.ws.Layer(ctx, t); err == nil {
			out = append(out, l.Table)
		}
	}
	return out
}

// updateLabel says what a layer update does.
func updateLabel(title string, u store.LayerUpdate) string {
	var parts []string
	if u.Visible != nil {
		if *u.Visible {
			parts = append(parts, "Show layer")
		} else {
			parts = append(parts, "Hide layer")
		}
	}
	if u.Opacity != nil {
		parts = append(parts, fmt.Sprintf("Set opacity %.0f%% of", *u.Opacity*100))
	}
	if u.Style != nil {
		parts = append(parts, "Restyle layer")
	}
	if u.Title != nil {
		parts = append(parts, "Rename layer")
	}
	if u.Order != nil {
		parts = append(parts, "Move layer")
	}
	if len(parts) == 0 {
		parts = append(parts, "Update layer")
	}
	return strings.Join(parts, ", ") + " " + title
}

// changedLayers lists the layers a changeset touched, each once.
func changedLayers(c *store.Changeset) []string {
	var out []string
	seen := map[string]bool{}
	for _, ch := range c.Changes {
		if !seen[ch.Layer] {
			seen[ch.Layer] = true
			out = append(out, ch.Layer)
		}
	}
	return out
}

// changeBounds is the lon/lat box of every geometry a changeset replaced
// or wrote, or nil (redraw the whole view) when it changed a layer's
// settings or a change carries no feature.
func changeBounds(c *store.Changeset) *viewport.Bounds {
	if c.LayerChanges > 0 || len(c.Changes) == 0 {
		return nil
	}
	env := gpkg.Envelope{Empty: true}
	add := func(f *feature.Feature) {
		if f != nil && f.Geometry != nil {
			env = env.Union(gpkg.GeometryEnvelope(f.Geometry))
		}
	}
	for _, ch := range c.Changes {
		if ch.Before == nil && ch.After == nil {
			return nil
		}
		add(ch.Before)
		add(ch.After)
	}
	if env.Empty {
		return nil
	}
	return &viewport.Bounds{West: env.MinX, South: env.MinY, East: env.MaxX, North: env.MaxY}
}
