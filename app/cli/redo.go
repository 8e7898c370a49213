package cli

import (
	"context"

	"corridor/data/store"
)

func runRedo(ctx context.Context, env Env, args []string) error {
	return step(ctx, env, "redo", args, (*store.Workspace).Redo)
}
