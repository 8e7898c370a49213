// Package cli implements Corridor's headless commands, one file per command.
// It never imports Fyne: every capability can be scripted and tested without
// a screen. Run returns the process exit code of DESIGN.md's contract: 0 on
// success, 1 on failure ("corridor: <what>: <why>" on stderr), 2 on bad usage.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"corridor/data/formats"
)

// Env is what a command reads and writes besides its arguments.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
}

// DefaultEnv writes to the process's standard streams.
func DefaultEnv() Env { return Env{Stdout: os.Stdout, Stderr: os.Stderr} }

// usageError marks bad usage (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// command is one sub-command.
type command struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"new", "create a workspace", "corridor new WORKSPACE.gpkg [--demo] [--name NAME]", runNew},
		{"layers", "list a workspace's layers", "corridor layers WORKSPACE [--json]", runLayers},
		{"import", "import a file into a workspace", "corridor import WORKSPACE FILE." + extList(formats.CanRead) + " [--layer NAME] [--kind KIND] [--file-kinds]", runImport},
		{"export", "export layers to a file", "corridor export WORKSPACE OUT." + extList(formats.CanWrite) + " [--layer NAME] [--authors keep|strip|pseudonymise]", runExport},
		{"map", "render a map image", "corridor map WORKSPACE OUT.png [--bbox W,S,E,N] [--size WxH] [--layers a,b]", runMap},
		{"history", "list the edit journal's changesets", "corridor history WORKSPACE [--json]", runHistory},
		{"undo", "undo the latest changeset, as new versions", "corridor undo WORKSPACE", runUndo},
		{"redo", "redo the changeset undone last, as new versions", "corridor redo WORKSPACE", runRedo},
		{"version", "print the version and what this build can do", "corridor version", runVersion},
	}
}

// extList is the extensions of the registered formats with abilities a,
// as a brace list for a usage line: {geojson,json,kml}.
func extList(a formats.Abilities) string {
	exts := formats.Extensions(a)
	for i, e := range exts {
		exts[i] = strings.TrimPrefix(e, ".")
	}
	return "{" + strings.Join(exts, ",") + "}"
}

// IsCommand reports whether name is a headless command (as opposed to
// "open" or a workspace path, which start the window).
func IsCommand(name string) bool {
	for _, c := range commands() {
		if c.name == name {
			return true
		}
	}
	return name == "help" || name == "-h" || name == "--help"
}

// Run executes the command line args (without the program name).
func Run(args []string, env Env) int {
	// Ctrl-C, and a polite kill (SIGTERM, as sent by timeout(1) or a
	// service manager), cancel the command: imports leave the workspace as
	// it was and exports leave no partial or temporary file.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { // a second signal ends the process at once, as by default
		<-ctx.Done()
		stop()
	}()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(env.Stderr, "corridor %s: %s\nusage: %s\n", c.name, ue.msg, c.usage)
			return 2
		case errors.Is(err, flag.ErrHelp):
			fmt.Fprintf(env.Stdout, "usage: %s\n", c.usage)
			return 0
		default:
			// a partner's file or workspace may have put escape sequences in it
			fmt.Fprintf(env.Stderr, "corridor: %s\n", formats.Printable(oneLine(err.Error())))
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "corridor: unknown command %q\n", args[0])
	printUsage(env.Stderr)
	return 2
}

func oneLine(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "\n", "; ") }

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Corridor: offline mapping of borders and trafficking routes.")
	fmt.Fprintln(w, "\nusage:")
	fmt.Fprintln(w, "  corridor [open] [WORKSPACE.gpkg]   open the window (default: the last workspace, else the demo)")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n", c.usage)
	}
}

// newFlagSet is the flag set of a command that takes no flags.
func newFlagSet(name string) *flag.FlagSet { return flag.NewFlagSet(name, flag.ContinueOnError) }

// parseFlags parses interspersed flags and positional arguments: Go's flag
// package stops at the first positional, but users write
// `corridor import ws.gpkg routes.geojson --layer Routes`.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
