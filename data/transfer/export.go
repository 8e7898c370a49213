package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/store"
	"corridor/geo/style"
)

// ExportOptions says what to export.
type ExportOptions struct {
	// Layer is the title (or table name) of the one layer to export; empty: all layers.
	Layer string
	// Authors says what becomes of the authors recorded on features (and,
	// in a GeoPackage, on its journal); empty means AuthorsPseudonymise.
	Authors AuthorPolicy
	// Progress, when set, is called now and then with the number of features written.
	Progress func(features int64)
}

// AuthorPolicy says what an export does with authors' names: a shared file
// should not carry the analysts' login names unless they are meant to go.
type AuthorPolicy string

const (
	// AuthorsPseudonymise replaces each distinct author by "author-N"
	// (numbered in the order met in this export): who did what stays
	// distinguishable, not who they are. The default.
	AuthorsPseudonymise AuthorPolicy = "pseudonymise"
	// AuthorsStrip replaces every author by "redacted".
	AuthorsStrip AuthorPolicy = "strip"
	// AuthorsKeep writes authors as recorded (transfers within a team).
	AuthorsKeep AuthorPolicy = "keep"
)

// ParseAuthorPolicy checks a policy name (keep, strip, pseudonymise).
func ParseAuthorPolicy(s string) (AuthorPolicy, error) {
	switch p := AuthorPolicy(strings.ToLower(s)); p {
	case AuthorsKeep, AuthorsStrip, AuthorsPseudonymise:
		return p, nil
	case "pseudonymize":
		return AuthorsPseudonymise, nil
	}
	return "", fmt.Errorf("unknown author policy %q (want keep, strip or pseudonymise)", s)
}

// authorMapper returns the function an export passes each author through.
func authorMapper(p AuthorPolicy) func(string) string {
	switch p {
	case AuthorsKeep:
		return func(a string) string { return a }
	case AuthorsStrip:
		return func(string) string { return "redacted" }
	}
	var mu sync.Mutex
	names := map[string]string{}
	return func(a string) string {
		mu.Lock()
		defer mu.Unlock()
		if p, ok := names[a]; ok {
			return p
		}
		p := fmt.Sprintf("author-%d", len(names)+1)
		names[a] = p
		return p
	}
}

// ExportResult tells what an export wrote.
type ExportResult struct {
	Layers   int
	Features int64
	// Warnings are the layers left out, or written without a bad value,
	// because the workspace's catalogue holds bad values for them.
	Warnings []error
}

// WriteFunc is a format writer's entry point: it writes layers to w.
type WriteFunc = formats.WriteFunc

// WriterFor returns the writer for an output file, chosen by its extension
// in the format registry; its error lists the extensions Corridor writes.
// GeoPackage output is handled by Export itself (it is a workspace): for a
// .gpkg file WriterFor returns nil and no error.
func WriterFor(path string) (WriteFunc, error) {
	f, err := formats.WriterFor(path)
	if err != nil {
		return nil, err
	}
	if f.Write == nil && !strings.EqualFold(filepath.Ext(path), ".gpkg") {
		return nil, fmt.Errorf("%s: %s has no writer", path, f.Name)
	}
	return f.Write, nil
}

// Export writes the workspace's layers (or one) to out, by its extension.
// The file appears whole or not at all: it is written under a temporary
// name and renamed at the end. Errors name out.
func Export(ctx context.Context, w *store.Workspace, out string, opts ExportOptions) (*ExportResult, error) {
	write, err := WriterFor(out)
	if err != nil {
		return nil, err
	}
	if err := checkOutput(out); err != nil { // before any work, as WriteAtomic would
		return nil, err
	}
	if sameFile(out, w.Path()) {
		return nil, fmt.Errorf("%s: is the workspace being exported: writing it would replace the workspace; choose another file", out)
	}
	if opts.Authors == "" {
		opts.Authors = AuthorsPseudonymise
	}
	if _, err := ParseAuthorPolicy(string(opts.Authors)); err != nil {
		return nil, err
	}
	author := authorMapper(opts.Authors)
	layers, warnings, err := selectLayers(ctx, w, opts.Layer)
	if errors.Is(err, context.Canceled) {
		return nil, fmt.Errorf("%s: export cancelled", out)
	}
	if err != nil {
		return nil, err
	}
	// Some writers read a layer twice (CSV collects its columns first), so
	// progress counts each layer's features once: the furthest pass.
	done := make([]int64, len(layers))
	var reported int64
	progressOf := func(i int) func(n int64) error {
		return func(n int64) error {
			if n > done[i] {
				done[i] = n
				reported++
				if opts.Progress != nil && reported%1000 == 0 {
					opts.Progress(reported)
				}
			}
			if n%4096 == 0 {
				return ctx.Err()
			}
			return nil
		}
	}
	if write == nil { // GeoPackage: a new workspace holding copies of the layers
		err = exportGeoPackage(ctx, w, out, layers, author, progressOf)
	} else {
		data := make([]formats.LayerData, len(layers))
		for i, l := range layers {
			table, progress := l.Table, progressOf(i)
			data[i] = formats.LayerData{
				Layer: formats.Layer{Name: l.Title, Kind: l.Kind, Style: l.Style},
				Color: layerColor(l),
				Features: func(fn func(*feature.Feature) error) error {
					var n int64
					return w.Features(ctx, table, func(f *feature.Feature) error {
						f.Author = author(f.Author)
						if err := fn(f); err != nil {
							return err
						}
						n++
						return progress(n)
					})
				},
			}
		}
		err = WriteAtomic(out, func(f io.Writer) error {
			if err := write(ctx, f, data); err != nil {
				return err
			}
			return ctx.Err()
		})
	}
	if errors.Is(err, context.Canceled) {
		return nil, fmt.Errorf("%s: export cancelled", out)
	}
	if err != nil {
		return nil, err
	}
	res := &ExportResult{Layers: len(layers), Warnings: warnings}
	for _, n := range done {
		res.Features += n
	}
	if opts.Progress != nil {
		opts.Progress(res.Features)
	}
	return res, nil
}

func selectLayers(ctx context.Context, w *store.Workspace, name string) ([]*store.Layer, []error, error) {
	if name != "" {
		l, err := w.Layer(ctx, name)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", w.Path(), err)
		}
		return []*store.Layer{l}, nil, nil
	}
	ls, problems, err := w.LayersWithProblems(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", w.Path(), err)
	}
	var warnings []error
	for _, p := range problems {
		warnings = append(warnings, p)
	}
	if len(ls) == 0 {
		return nil, warnings, fmt.Errorf("%s: the workspace has no layers to export", w.Path())
	}
	return ls, warnings, nil
}

// layerColor is the layer's main colour as #RRGGBB, from its style.
func layerColor(l *store.Layer) string {
	s, err := style.ForKind(l.Kind, l.Style)
	if err != nil {
		s = style.Default(l.Kind)
	}
	c := s.Stroke
	if c.IsNone() {
		c = s.Fill
	}
	c.A = 255
	return c.String()
}

// exportGeoPackage writes the layers into a new workspace at out, keeping
// every feature's UUID, timestamps and version, and its author as the
// export's author policy says. The workspace is built under a temporary
// name and renamed into place when complete.
func exportGeoPackage(ctx context.Context, w *store.Workspace, out string, layers []*store.Layer, author func(string) string, progressOf func(i int) func(n int64) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", out, fileReason(err))
	}
	path := tmp.Name()
	tmp.Close()
	os.Remove(path) // store.Create wants the name free
	dst, err := store.Create(path, store.Options{Name: w.Name(), Author: author(w.Author())})
	if err != nil {
		if reason := errors.Unwrap(err); reason != nil {
			err = reason // without the temporary name
		}
		return fmt.Errorf("%s: %w", out, err)
	}
	err = dst.Bulk(ctx, func(b *store.Batch) error {
		for i, l := range layers {
			progress := progressOf(i)
			var n int64
			table, err := b.CreateLayer(store.LayerSpec{Title: l.Title, Kind: l.Kind, Style: l.Style,
				Classification: l.Classification, ReleasableTo: l.ReleasableTo, Hidden: !l.Visible, Opacity: l.Opacity})
			if err != nil {
				return err
			}
			err = w.Features(ctx, l.Table, func(f *feature.Feature) error {
				f.Author = author(f.Author)
				if err := b.Add(table, f); err != nil {
					return fmt.Errorf("layer %q: feature %s: %w", l.Title, f.UUID, err)
				}
				n++
				return progress(n)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = fileReason(os.Rename(path, out))
	}
	if err != nil {
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(f)
		}
		return fmt.Errorf("%s: %w", out, err)
	}
	return nil
}

// sameFile reports whether a and b name one existing file (through any
// path, link or case the file system folds).
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
