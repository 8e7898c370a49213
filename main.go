// Command corridor is an offline desktop GIS for border and trafficking-route
// mapping. With no arguments, or "open", it opens the window; with a command
// it works headless (see `corridor help`).
package main

import (
	"io"
	"log"
	"os"
	"strings"

	"corridor/app/cli"
	"corridor/app/gui"
	_ "corridor/app/posixlocale" // before Fyne's initialisation
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && (cli.IsCommand(args[0]) || looksLikeCommand(args[0])) {
		// Headless commands speak only through their own output: silence the
		// GUI toolkit's logging (Fyne logs, e.g., a locale it cannot parse
		// such as LC_ALL=C even when no window is opened).
		log.SetOutput(io.Discard)
		os.Exit(cli.Run(args, cli.DefaultEnv()))
	}
	if len(args) > 0 && args[0] == "open" {
		args = args[1:]
	}
	os.Exit(gui.Run(args))
}

// looksLikeCommand tells a mistyped command ("corridor lyers") from a
// workspace to open: a bare word that is not an existing file and has no
// extension goes to the command line, which answers "unknown command".
func looksLikeCommand(arg string) bool {
	if arg == "open" || strings.ContainsAny(arg, `/\.`) {
		return false
	}
	_, err := os.Stat(arg)
	return err != nil
}
