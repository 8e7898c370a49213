// Package posixlocale maps the POSIX "C" locale to en_US for the GUI toolkit.
// Fyne parses the locale in its package initialisation and logs an error for
// "C" or "POSIX" (the default in containers and CI), before main can do
// anything. Import this package for its side effect from main: Go
// initialises packages in import-path order when their dependencies allow,
// so this one ("corridor/...") runs before "fyne.io/...".
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if base == "C" || base == "POSIX" {
			os.Setenv(k, "en_US.UTF-8")
		}
	}
}
