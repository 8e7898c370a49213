// Package demo builds the demo workspace from the data embedded in assets:
// the Americas' borders, real ports and clearly illustrative routes, patrol
// areas, interdictions and annotations.
package demo

import (
	"context"
	"fmt"
	"os"

	"corridor/assets"
	"corridor/data/store"
)

// Create writes a new demo workspace at path. On any failure nothing is left at path.
func Create(ctx context.Context, path string, opts store.Options) error {
	layers, err := assets.Demo()
	if err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	if opts.Name == "" {
		opts.Name = "Corridor demo: the Americas"
	}
	if opts.Author == "" {
		opts.Author = "Corridor demo"
	}
	w, err := store.Create(path, opts)
	if err != nil {
		return err
	}
	err = w.Bulk(ctx, func(b *store.Batch) error {
		for _, l := range layers {
			table, err := b.CreateLayer(store.LayerSpec{Title: l.Title, Kind: l.Kind, Classification: "UNCLASSIFIED"})
			if err != nil {
				return err
			}
			for _, f := range l.Features {
				if err := b.Add(table, f); err != nil {
					return fmt.Errorf("demo layer %q: feature %q: %w", l.Title, f.Name, err)
				}
			}
		}
		return nil
	})
	if err == nil {
		// Open on the Americas rather than on everything (the Atlantic
		// route reaches Europe); the window saves the user's view here later.
		err = w.SetMeta(ctx, "view.bbox", "-128,-56,-30,50")
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
