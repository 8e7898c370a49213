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
	// Kind is the kind of layers this import creates; empty: "other",
	// or the file's hint when FileKinds is set.
	Kind feature.Kind
	// FileKinds takes the kind of each new layer from the file's own hint
	// (a Corridor workspace's corridor_layers catalogue) when Kind is empty.
	// A file is untrusted: without it, a hint is only reported
	// (ImportResult.KindHints) and never applied.
	FileKinds bool
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
	// KindHints maps a new layer's title to the kind the file's own
	// catalogue gives it, when that was not applied (see
	// ImportOptions.FileKinds): a choice to offer the user.
	KindHints map[string]feature.Kind
	// Warnings says what the import changed to fit the workspace (names
	// and values cut, uuids renewed, folders gathered, hints not applied),
	// in printable text.
	Warnings []string
}

// Import reads path into the workspace in one transaction: any error, or a
// cancelled ctx, leaves the workspace exactly as it was.
func Import(ctx context.Context, w *store.Workspace, path string, opts ImportOptions) (*ImportResult, error) {
	res, err := importFile(ctx, w, path, opts)
	// text from the file may be in the message: never escape sequences
	return res, formats.PrintableError(err)
}

func importFile(ctx context.Context, w *store.Workspace, path string, opts ImportOptions) (*ImportResult, error) {
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
	res := &ImportResult{Layers: map[string]int64{}, NoGeometry: map[string]int64{}, KindHints: map[string]feature.Kind{}}
	err = w.Bulk(ctx, func(b *store.Batch) error {
		if err := b.SetLabel("Import " + filepath.Base(path)); err != nil {
			return err
		}
		in := newIntake(b, w.Author())
		router := newLayerRouter(b, opts, base, existing, res)
		var n int64
		err := read(ctx, path, func(l *formats.Layer, f *feature.Feature) error {
			table, title, err := router.route(l)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			n++
			if l != nil && l.Name != "" && router.folderOf[l.Name] {
				f.SetProp("folder", l.Name)
			}
			if err := in.take(n, f); err != nil {
				return fmt.Errorf("%s: feature %d: %w", path, n, err)
			}
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
		res.Warnings = append(res.Warnings, in.warnings()...)
		if router.gatheredLayers > 0 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("the file has more than %d layers: the features of the other %d are in the layer %q, each with its layer's name in the property \"folder\"",
				MaxLayers, router.gatheredLayers, router.tableTitle[router.gathered]))
		}
		for _, title := range res.Order {
			if k, ok := res.KindHints[title]; ok {
				res.Warnings = append(res.Warnings, fmt.Sprintf("layer %q: the file gives it the kind %s; imported as %s, as a file is not trusted to choose (--kind %s, or --file-kinds, applies it)",
					title, k, feature.KindOther, k))
			}
		}
		for i, m := range res.Warnings {
			res.Warnings[i] = filepath.Base(path) + ": " + formats.Printable(m)
		}
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
	res        *ImportResult // takes the kind hints and style warnings
	// created counts the layers this import created; beyond MaxLayers the
	// file's other layers are gathered into one table, gathered, and the
	// features of those (folderOf) carry their layer's name as "folder".
	created        int
	gathered       string
	gatheredLayers int
	folderOf       map[string]bool
}

// newLayerRouter routes into the existing layers and new ones made by b.
func newLayerRouter(b *store.Batch, opts ImportOptions, base string, existing []*store.Layer, res *ImportResult) *layerRouter {
	titles := map[string]*store.Layer{}
	for _, l := range existing {
		// by their clean form, as a title typed or read now is cleaned
		titles[strings.ToLower(store.CleanTitle(l.Title))] = l
	}
	return &layerRouter{b: b, opts: opts, base: base, titles: titles,
		targets: map[string]string{}, tableTitle: map[string]string{}, res: res, folderOf: map[string]bool{}}
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
	if r.created >= MaxLayers && r.opts.Layer == "" {
		return r.gather(key)
	}
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
	if kind == "" && l != nil && l.Kind != "" {
		if r.opts.FileKinds {
			kind = l.Kind
		} else if l.Kind != feature.KindOther {
			r.res.KindHints[title] = l.Kind
		}
	}
	if kind == "" {
		kind = feature.KindOther
	}
	spec := store.LayerSpec{Title: title, Kind: kind}
	if l != nil {
		spec.Style = l.Style
		if len(spec.Style) > MaxStyleSize {
			spec.Style = ""
			r.res.Warnings = append(r.res.Warnings, fmt.Sprintf("layer %q: the file's style for it is longer than %d KiB: the default style of its kind (%s) is used instead", title, MaxStyleSize>>10, kind))
		}
	}
	table, err := r.b.CreateLayer(spec)
	if err != nil {
		return "", err
	}
	r.created++
	r.titles[strings.ToLower(title)] = &store.Layer{Table: table, Title: title}
	r.targets[key] = table
	r.tableTitle[table] = title
	return table, nil
}

// gather routes file layer key into the one layer that takes every file
// layer beyond MaxLayers: each layer costs a schema change, and thousands
// of layers are no map.
func (r *layerRouter) gather(key string) (string, error) {
	if r.gathered == "" {
		title := freeTitle(clipTitleTo(clipTitle(r.base), store.MaxTitleLength-len(" (more layers)"))+" (more layers)", r.titles)
		table, err := r.b.CreateLayer(store.LayerSpec{Title: title, Kind: r.opts.Kind})
		if err != nil {
			return "", err
		}
		r.titles[strings.ToLower(title)] = &store.Layer{Table: table, Title: title}
		r.tableTitle[table] = title
		r.gathered = table
	}
	r.targets[key] = r.gathered
	r.folderOf[key] = true
	r.gatheredLayers++
	return r.gathered, nil
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
// keeps the last store.MaxTitleLength characters, marking the cut with
// "...".
func clipTitle(t string) string { return clipTitleTo(store.CleanTitle(t), store.MaxTitleLength) }

// clipTitleTo keeps the last n characters of t, the first three of them
// "..." where t is cut (a title is NFKC-normalised, which makes "…" three
// dots).
func clipTitleTo(t string, n int) string {
	r := []rune(t)
	if len(r) <= n {
		return t
	}
	return "..." + strings.TrimSpace(string(r[len(r)-n+3:]))
}
