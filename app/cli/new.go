package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"corridor/data/demo"
	"corridor/data/store"
)

func runNew(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "fill the workspace with the demo layers")
	name := fs.String("name", "", "the workspace's display name (default: the file name)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one workspace file, got %d arguments", len(pos))
	}
	path := pos[0]
	if path == "" {
		return usagef("the workspace file name is empty")
	}
	switch ext := filepath.Ext(path); {
	case ext == "" && !os.IsPathSeparator(path[len(path)-1]):
		path += ".gpkg" // as QGIS names a new GeoPackage
	case !strings.EqualFold(ext, ".gpkg"):
		return usagef("%s: a workspace is a GeoPackage, and its name ends in .gpkg", path)
	}
	if *withDemo {
		if err := demo.Create(ctx, path, store.Options{Name: *name}); err != nil {
			return err
		}
	} else {
		w, err := store.Create(path, store.Options{Name: *name})
		if err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	fmt.Fprintf(env.Stdout, "created %s\n", path)
	return nil
}
