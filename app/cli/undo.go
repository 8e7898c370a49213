package cli

import (
	"context"
	"fmt"

	"corridor/data/store"
)

func runUndo(ctx context.Context, env Env, args []string) error {
	return step(ctx, env, "undo", args, (*store.Workspace).Undo)
}

// step runs undo or redo on the workspace named in args and reports the
// changeset it wrote.
func step(ctx context.Context, env Env, name string, args []string, do func(*store.Workspace, context.Context) (*store.Changeset, error)) error {
	pos, err := parseFlags(newFlagSet(name), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one workspace, got %d arguments", len(pos))
	}
	w, err := store.OpenContext(ctx, pos[0], store.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	if w.ReadOnly() {
		return fmt.Errorf("%s: %w", pos[0], store.ErrReadOnly)
	}
	cs, err := do(w, ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	fmt.Fprintf(env.Stdout, "%s (changeset %d): %d inserted, %d updated, %d deleted, %d layer changes\n",
		cs.Label, cs.ID, cs.Inserted, cs.Updated, cs.Deleted, cs.LayerChanges)
	return w.Close()
}
