package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime"

	"corridor/data/store"
)

// Version is the program's version, set at build time with
// -ldflags "-X corridor/app/cli.Version=...".
var Version = "0.1.0"

func runVersion(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	fmt.Fprintf(env.Stdout, "corridor %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if v := store.SpatiaLiteVersion(); v != "" {
		fmt.Fprintf(env.Stdout, "SpatiaLite: %s installed (never loaded into a workspace: Corridor does not need it)\n", v)
	} else {
		fmt.Fprintln(env.Stdout, "SpatiaLite: not installed (Corridor does not need it)")
	}
	fmt.Fprintf(env.Stdout, "GeoPackage: 1.3, workspace schema %d\n", store.SchemaVersion)
	return nil
}
