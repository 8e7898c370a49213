package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"corridor/assets"
	"corridor/data/demo"
	"corridor/data/store"
)

// AppID is the application's identifier; its preferences live under it.
const AppID = "org.corridor.app"

// Default window size, in Fyne units.
const (
	defaultWidth  = 1280
	defaultHeight = 800
)

// Preference keys.
const (
	prefWidth   = "window.width"
	prefHeight  = "window.height"
	prefLast    = "workspace.last"
	prefRecent  = "workspace.recent"
	prefOpening = "workspace.opening" // set while an open runs: a crash leaves it
	prefTheme   = "view.theme"
	prefDMS     = "view.dms"
	recentLimit = 8
)

// Run opens the main window and returns the process exit code when it
// closes. args is the optional workspace path; with none, Corridor opens
// the last workspace, else the demo workspace (created at first start).
func Run(args []string) int {
	if len(args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: corridor [open] [WORKSPACE.gpkg]")
		return 2
	}
	if err := checkDisplay(); err != nil {
		fmt.Fprintf(os.Stderr, "corridor: cannot open the window: %v\n", err)
		return 1
	}
	a := app.NewWithID(AppID)
	if icon := assets.Icon(); len(icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("corridor.png", icon))
	}
	setTheme(a, a.Preferences().String(prefTheme)) // before any widget is built
	u := newUI(a)
	u.win.Show()
	switch {
	case len(args) == 1:
		u.open(args[0])
	default:
		u.openDefault()
	}
	a.Run()
	return 0
}

// checkDisplay reports a missing X11/Wayland display before GLFW would
// panic on it (Linux and the BSDs only; other systems always have one).
func checkDisplay() error {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errors.New("no display (DISPLAY is not set); the headless commands (corridor help) work without one")
		}
	}
	return nil
}

// openDefault opens the last workspace if it still exists, else the demo
// workspace, creating it in the background at first start.
func (u *ui) openDefault() {
	if crashed := u.prefs.String(prefOpening); crashed != "" {
		// Corridor ended while opening it: do not try again on its own, or a
		// workspace that crashes the program would do so at every start.
		u.prefs.SetString(prefOpening, "")
		if u.prefs.String(prefLast) == crashed {
			u.prefs.SetString(prefLast, "")
		}
		u.showError(fmt.Errorf("Corridor closed while opening %s last time, so it was not opened again; "+
			"File > Open tries it again", crashed))
		return
	}
	if last := u.prefs.String(prefLast); last != "" {
		if _, err := os.Stat(last); err == nil {
			u.open(last)
			return
		}
	}
	path, err := demoPath()
	if err != nil {
		u.showError(err)
		return
	}
	if _, err := os.Stat(path); err == nil {
		u.open(path)
		return
	}
	u.status.message("Creating the demo workspace…")
	done := u.busy("Creating the demo workspace", "Corridor is building its demo workspace (first start only)…", nil)
	go func() {
		err := os.MkdirAll(filepath.Dir(path), 0o755)
		if err == nil {
			err = demo.Create(context.Background(), path, store.Options{})
		}
		u.do(func() {
			done()
			if err != nil {
				u.showError(fmt.Errorf("create the demo workspace: %w", err))
				return
			}
			u.open(path)
		})
	}()
}

// demoPath is where the demo workspace lives: $XDG_DATA_HOME/corridor or
// ~/.local/share/corridor.
func demoPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("no home folder for the demo workspace: set XDG_DATA_HOME or HOME")
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "corridor", "demo.gpkg"), nil
}
