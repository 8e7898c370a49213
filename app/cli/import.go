package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"corridor/data/feature"
	"corridor/data/store"
	"corridor/data/transfer"
)

func runImport(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	layer := fs.String("layer", "", "title of the layer to import into (created if missing)")
	kind := fs.String("kind", "", "kind of the layers created: "+kindList())
	fileKinds := fs.Bool("file-kinds", false, "give new layers the kinds the file's own catalogue names (a partner's file is not trusted to by default)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want a workspace and a file, got %d arguments", len(pos))
	}
	var k feature.Kind
	if *kind != "" {
		if k, err = feature.ParseKind(*kind); err != nil {
			return usagef("--kind: %v", err)
		}
	}
	if _, err := transfer.ReaderFor(pos[1]); err != nil {
		return err
	}
	w, err := store.OpenContext(ctx, pos[0], store.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	if w.ReadOnly() {
		return fmt.Errorf("%s: %w", pos[0], store.ErrReadOnly)
	}
	if _, problems, err := w.LayersWithProblems(ctx); err == nil {
		for _, p := range problems {
			warn(env, pos[0], []error{p})
		}
	}
	res, err := transfer.Import(ctx, w, pos[1], transfer.ImportOptions{Layer: *layer, Kind: k, FileKinds: *fileKinds})
	if err != nil {
		return err
	}
	for _, title := range res.Order {
		fmt.Fprintf(env.Stdout, "imported %s into %q", plural(res.Layers[title], "feature"), title)
		if n := res.NoGeometry[title]; n > 0 {
			fmt.Fprintf(env.Stdout, " (%d without a geometry: kept, not drawn)", n)
		}
		fmt.Fprintln(env.Stdout)
	}
	for _, warning := range res.Warnings {
		fmt.Fprintf(env.Stderr, "corridor: warning: %s\n", warning)
	}
	if len(res.Order) == 0 {
		fmt.Fprintf(env.Stdout, "imported 0 features: %s holds no features\n", pos[1])
	}
	return w.Close()
}

// kindList is the layer kinds, comma separated.
func kindList() string {
	names := make([]string, len(feature.Kinds))
	for i, k := range feature.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// plural is "1 feature", "2 features".
func plural(n int64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
