// Package transfer moves features between files and a workspace: it picks the
// reader or writer for a file by its extension and runs it through the store,
// all or nothing.
package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/store"
)

// ReadFunc is a format reader's entry point.
type ReadFunc = formats.ReadFunc

// ReaderFor returns the reader for a file, chosen by its extension in the
// format registry (or, for an extension no format claims, by the file's
// first bytes); its error lists the extensions Corridor reads.
func ReaderFor(path string) (ReadFunc, error) {
	f, err := formats.ReaderFor(path)
	if err != nil {
		return nil, err
	}
	return f.Read, nil
}

// ImportOptions says where imported features go.
type ImportOptions struct {
	// Layer is the title of the layer to import into: an existing layer is
	// appended to, a new one is created. Empty: one new layer per layer of the
	// file, titled after it (or after the file).
	Layer string
	// Kind is the kind of layers this import creates; empty: the file's hint, else "other".
	Kind feature.Kind
	// Progress, when set, is called now and then with the number of features read.
	Progress func(features int64)
}

// ImportResult tells what an import wrote.
type ImportResult struct {
	// Layers maps each written layer's title to the number of features added.
	Layers map[string]int64
	// Order lists the written layer titles in the order they were first seen.
	Order []string
	Total int64
	// NoGeometry maps a written layer's title to the number of its new
	// features that have no geometry (none in the file, or coordinates
	// that could not be read, as GDAL keeps them): they are kept with
	// their attributes but are not drawn.
	NoGeometry map[string]int64
}

// Import reads path into the workspace in one transaction: any error, or a
// cancelled ctx, leaves the workspace exactly as it was.
func Import(ctx context.Context, w *store.Workspace, path string, opts ImportOptions) (*ImportResult, error) {
	read, err := ReaderFor(path)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, fmt.Errorf("%s: %w", path, fileReason(err))
	} else if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if w.ReadOnly() {
		return nil, fmt.Errorf("%s: %w", w.Path(), store.ErrReadOnly)
	}
	existing, err := w.Layers(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", w.Path(), err)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	res := &ImportResult{Layers: map[string]int64{}, NoGeometry: map[string]int64{}}
	err = w.Bulk(ctx, func(b *store.Batch) error {
		router := newLayerRouter(b, opts, base, existing)
		var n int64
		err := read(ctx, path, func(l *formats.Layer, f *feature.Feature) error {
			table, title, err := router.route(l)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			n++
			if err := b.Add(table, f); err != nil {
				return fmt.Errorf("%s: feature %d: %w", path, n, err)
			}
			res.count(title, f)
			if opts.Progress != nil && n%100 == 0 {
				opts.Progress(n)
			}
			if n%64 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		res.Total = n
		if opts.Progress != nil {
			opts.Progress(n)
		}
		return ctx.Err()
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("import %s: cancelled; the workspace is unchanged", path)
		}
		return nil, err
	}
	return res, nil
}

// count adds f, written into the layer titled title, to the result.
func (res *ImportResult) count(title string, f *feature.Feature) {
	if _, ok := res.Layers[title]; !ok {
		res.Order = append(res.Order, title)
	}
	res.Layers[title]++
	if f.Geometry == nil || f.Geometry.Empty() {
		res.NoGeometry[title]++
	}
}

// layerRouter sends the features of an import to their layers: all to
// the layer the user named (appended to when it exists), else each layer
// of the file to a new layer titled after it (or after the file), with a
// title no layer has. A layer is created when its first feature comes.
type layerRouter struct {
	b      *store.Batch
	opts   ImportOptions
	base   string                  // the file's name without its extension
	titles map[string]*store.Layer // the workspace's layers, by lower-case clean title
	// targets maps a file layer's name to its table, tableTitle a table
	// to its layer's title
	targets    map[string]string
	tableTitle map[string]string
}

// newLayerRouter routes into the existing layers and new ones made by b.
func newLayerRouter(b *store.Batch, opts ImportOptions, base string, existing []*store.Layer) *layerRouter {
	titles := map[string]*store.Layer{}
	for _, l := range existing {
		// by their clean form, as a title typed or read now is cleaned
		titles[strings.ToLower(store.CleanTitle(l.Title))] = l
	}
	return &layerRouter{b: b, opts: opts, base: base, titles: titles,
		targets: map[string]string{}, tableTitle: map[string]string{}}
}

// route returns the table and title of the layer the features of file
// layer l (nil: the file's only layer) go to, creating it on first use.
func (r *layerRouter) route(l *formats.Layer) (table, title string, err error) {
	key := ""
	if l != nil {
		key = l.Name
	}
	if t, ok := r.targets[key]; ok {
		return t, r.tableTitle[t], nil
	}
	if table, err = r.open(l, key); err != nil {
		return "", "", err
	}
	return table, r.tableTitle[table], nil
}

// open finds or creates the layer of file layer l, stored under key.
func (r *layerRouter) open(l *formats.Layer, key string) (string, error) {
	title := store.CleanTitle(r.opts.Layer)
	named := title != "" // the user named the layer
	if !named {
		// from the file: its layer's name (a KML folder's path can be
		// long: the end of it is kept), else the file's name
		title = clipTitle(r.base)
		if l != nil {
			if name := clipTitle(l.Name); name != "" {
				title = name
			}
		}
	}
	if existing, ok := r.titles[strings.ToLower(title)]; ok && named {
		r.targets[key] = existing.Table
		r.tableTitle[existing.Table] = existing.Title
		return existing.Table, nil
	}
	if !named {
		title = freeTitle(title, r.titles)
	}
	kind := r.opts.Kind
	if kind == "" && l != nil {
		kind = l.Kind
	}
	if kind == "" {
		kind = feature.KindOther
	}
	spec := store.LayerSpec{Title: title, Kind: kind}
	if l != nil {
		spec.Style = l.Style
	}
	table, err := r.b.CreateLayer(spec)
	if err != nil {
		return "", err
	}
	r.titles[strings.ToLower(title)] = &store.Layer{Table: table, Title: title}
	r.targets[key] = table
	r.tableTitle[table] = title
	return table, nil
}

// freeTitle returns title, or "title (2)", "title (3)", ... if it is one of
// Corridor's own tables and the titles taken, shortened as clipTitle does
// to leave room for the number.
func freeTitle(title string, taken map[string]*store.Layer) string {
	free := func(t string) bool {
		if _, ok := taken[strings.ToLower(t)]; ok {
			return false
		}
		return !slices.ContainsFunc(store.OwnTables, func(own string) bool { return strings.EqualFold(own, t) })
	}
	if free(title) {
		return title
	}
	for i := 2; ; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		if t := clipTitleTo(title, store.MaxTitleLength-len(suffix)) + suffix; free(t) {
			return t
		}
	}
}

// clipTitle is the clean form of a title derived from a file, of which it
// keeps the last store.MaxTitleLength characters, marking the cut with an
// ellipsis.
func clipTitle(t string) string { return clipTitleTo(store.CleanTitle(t), store.MaxTitleLength) }

// clipTitleTo keeps the last n characters of t, the first of them an
// ellipsis where t is cut.
func clipTitleTo(t string, n int) string {
	r := []rune(t)
	if len(r) <= n {
		return t
	}
	return "…" + strings.TrimSpace(string(r[len(r)-n+1:]))
}
