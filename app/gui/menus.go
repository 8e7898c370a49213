package gui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcut is Ctrl (Cmd on macOS) plus a key, with Shift when shift is set.
func shortcut(k fyne.KeyName, shift bool) *desktop.CustomShortcut {
	m := fyne.KeyModifierShortcutDefault
	if shift {
		m |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

// menu builds the main menu; Open recent lists the recent workspaces.
func (u *ui) menu() *fyne.MainMenu {
	item := func(label string, fn func(), sc fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	recent := fyne.NewMenuItem("Open recent", nil)
	var recents []*fyne.MenuItem
	for _, p := range u.prefs.StringList(prefRecent) {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		recents = append(recents, fyne.NewMenuItem(p, func() { u.open(p) }))
	}
	if len(recents) == 0 {
		none := fyne.NewMenuItem("(none)", nil)
		none.Disabled = true
		recents = append(recents, none)
	}
	recent.ChildMenu = fyne.NewMenu("", recents...)
	quit := item("Quit", u.quit, shortcut(fyne.KeyQ, false))
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		item("New workspace…", u.newDialog, shortcut(fyne.KeyN, false)),
		item("Open…", u.openDialog, shortcut(fyne.KeyO, false)),
		recent,
		fyne.NewMenuItemSeparator(),
		item("Import…", u.importDialog, shortcut(fyne.KeyI, false)),
		item("Export data…", u.exportDialog, shortcut(fyne.KeyE, false)),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu("Edit",
		item("Undo", u.undo, shortcut(fyne.KeyZ, false)),
		item("Redo", u.redo, shortcut(fyne.KeyZ, true)),
	)
	view := fyne.NewMenu("View",
		item("Zoom in", func() { u.m.ZoomBy(2) }, shortcut(fyne.KeyEqual, false)),
		item("Zoom out", func() { u.m.ZoomBy(0.5) }, shortcut(fyne.KeyMinus, false)),
		item("Fit all", u.fitAll, shortcut(fyne.Key0, false)),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Light theme", func() { u.applyTheme("light") }),
		fyne.NewMenuItem("Dark theme", func() { u.applyTheme("dark") }),
		fyne.NewMenuItem("System theme", func() { u.applyTheme("") }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Coordinates: decimal / DMS", u.status.toggle),
	)
	return fyne.NewMainMenu(file, edit, view)
}

// shortcuts registers the window's keyboard shortcuts (menus on Linux and
// Windows only display theirs).
func (u *ui) shortcuts() {
	c := u.win.Canvas()
	add := func(sc *desktop.CustomShortcut, fn func()) { c.AddShortcut(sc, func(fyne.Shortcut) { fn() }) }
	add(shortcut(fyne.KeyN, false), u.newDialog)
	add(shortcut(fyne.KeyO, false), u.openDialog)
	add(shortcut(fyne.KeyI, false), u.importDialog)
	add(shortcut(fyne.KeyE, false), u.exportDialog)
	add(shortcut(fyne.KeyQ, false), u.quit)
	add(shortcut(fyne.KeyZ, false), u.undo)
	add(shortcut(fyne.KeyZ, true), u.redo)
	add(shortcut(fyne.KeyY, false), u.redo)
	add(shortcut(fyne.KeyEqual, false), func() { u.m.ZoomBy(2) })
	add(shortcut(fyne.KeyPlus, false), func() { u.m.ZoomBy(2) })
	add(shortcut(fyne.KeyMinus, false), func() { u.m.ZoomBy(0.5) })
	add(shortcut(fyne.Key0, false), u.fitAll)
	add(&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}, func() { u.layers.moveCurrent(+1) })
	add(&desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}, func() { u.layers.moveCurrent(-1) })
}

// toolbar holds the most used commands.
func (u *ui) toolbar() *widget.Toolbar {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.DocumentCreateIcon(), u.newDialog),
		widget.NewToolbarAction(theme.FolderOpenIcon(), u.openDialog),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentAddIcon(), u.importDialog),
		widget.NewToolbarAction(theme.DownloadIcon(), u.exportDialog),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentUndoIcon(), u.undo),
		widget.NewToolbarAction(theme.ContentRedoIcon(), u.redo),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { u.m.ZoomBy(2) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { u.m.ZoomBy(0.5) }),
		widget.NewToolbarAction(theme.ZoomFitIcon(), u.fitAll),
	)
}

// quit saves the window size, closes the workspace and ends the program.
func (u *ui) quit() {
	u.saveSize()
	u.closeWorkspace()
	u.app.Quit()
}
