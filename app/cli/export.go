package cli

import (
	"context"
	"flag"
	"fmt"

	"corridor/data/store"
	"corridor/data/transfer"
)

func runExport(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	layer := fs.String("layer", "", "export only this layer (title or table name)")
	authors := fs.String("authors", "pseudonymise", "authors in the file: keep, strip (\"redacted\") or pseudonymise (\"author-1\", ...)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want a workspace and an output file, got %d arguments", len(pos))
	}
	if _, err := transfer.WriterFor(pos[1]); err != nil {
		return usagef("%v", err)
	}
	policy, err := transfer.ParseAuthorPolicy(*authors)
	if err != nil {
		return usagef("--authors: %v", err)
	}
	w, err := store.OpenContext(ctx, pos[0], store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer w.Close()
	res, err := transfer.Export(ctx, w, pos[1], transfer.ExportOptions{Layer: *layer, Authors: policy})
	if err != nil {
		return err
	}
	warn(env, pos[0], res.Warnings)
	fmt.Fprintf(env.Stdout, "exported %s from %s to %s\n", plural(res.Features, "feature"), plural(int64(res.Layers), "layer"), pos[1])
	return nil
}
