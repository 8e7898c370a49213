package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"corridor/app/tools"
)

// command is one thing the user can ask for: the menu, the keyboard
// shortcuts, the toolbar and its tooltips are all built from the table.
type command struct {
	name     string          // menu label, toolbar tooltip
	menu     string          // the menu it is in ("" for none)
	icon     fyne.Resource   // toolbar icon; nil: not on the toolbar
	keys     []fyne.Shortcut // the first is shown in the menu; all work
	key      rune            // a plain key typed on the map (tool shortcuts)
	action   func()
	sepAfter bool // a separator follows it in its menu and on the toolbar
}

// Menus, in menu-bar order.
const (
	menuFile  = "File"
	menuEdit  = "Edit"
	menuView  = "View"
	menuTools = "Tools"
)

// shortcut is Ctrl (Cmd on macOS) plus a key, with Shift when shift is set.
func shortcut(k fyne.KeyName, shift bool) *desktop.CustomShortcut {
	m := fyne.KeyModifierShortcutDefault
	if shift {
		m |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

// commands is the window's command table.
func (u *ui) commands() []command {
	alt := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
	}
	return []command{
		{name: "New workspace…", menu: menuFile, icon: theme.DocumentCreateIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyN, false)}, action: u.newDialog},
		{name: "Open…", menu: menuFile, icon: theme.FolderOpenIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyO, false)}, action: u.openDialog, sepAfter: true},
		{name: "Import…", menu: menuFile, icon: theme.ContentAddIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyI, false)}, action: u.importDialog},
		{name: "Export data…", menu: menuFile, icon: theme.DownloadIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyE, false)}, action: u.exportDialog, sepAfter: true},
		{name: "Quit", menu: menuFile, keys: []fyne.Shortcut{shortcut(fyne.KeyQ, false)}, action: u.quit},
		{name: "Undo", menu: menuEdit, icon: theme.ContentUndoIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyZ, false)}, action: u.undo},
		{name: "Redo", menu: menuEdit, icon: theme.ContentRedoIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyZ, true), shortcut(fyne.KeyY, false)}, action: u.redo, sepAfter: true},
		{name: "Move layer up", menu: menuEdit, keys: []fyne.Shortcut{alt(fyne.KeyUp)}, action: func() { u.layers.moveCurrent(+1) }},
		{name: "Move layer down", menu: menuEdit, keys: []fyne.Shortcut{alt(fyne.KeyDown)}, action: func() { u.layers.moveCurrent(-1) }},
		{name: "Zoom in", menu: menuView, icon: theme.ZoomInIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyEqual, false), shortcut(fyne.KeyPlus, false)}, action: func() { u.m.ZoomBy(2) }},
		{name: "Zoom out", menu: menuView, icon: theme.ZoomOutIcon(), keys: []fyne.Shortcut{shortcut(fyne.KeyMinus, false)}, action: func() { u.m.ZoomBy(0.5) }},
		{name: "Fit all", menu: menuView, icon: theme.ZoomFitIcon(), keys: []fyne.Shortcut{shortcut(fyne.Key0, false)}, action: u.fitAll, sepAfter: true},
		{name: "Light theme", menu: menuView, action: func() { u.applyTheme("light") }},
		{name: "Dark theme", menu: menuView, action: func() { u.applyTheme("dark") }},
		{name: "System theme", menu: menuView, action: func() { u.applyTheme("") }, sepAfter: true},
		{name: "Coordinates: decimal / DMS", menu: menuView, action: u.status.toggle},
		{name: "Select", menu: menuTools, key: 'V', action: func() { u.useTool('V') }},
		{name: "Pan", menu: menuTools, key: 'H', action: func() { u.useTool('H') }},
	}
}

// useTool makes the tool of shortcut letter r current (V select, H pan).
func (u *ui) useTool(r rune) {
	switch r {
	case 'v', 'V':
		u.m.SetTool(tools.NewSelect())
		u.status.message("Tool: select (drag pans, click selects)")
	case 'h', 'H':
		u.m.SetTool(tools.NewPan())
		u.status.message("Tool: pan (drag pans, clicks select nothing)")
	}
}

// toolKey runs the command of a key typed on the map.
func (u *ui) toolKey(r rune) {
	for _, c := range u.commands() {
		if c.key != 0 && (c.key == r || c.key == r-'a'+'A') {
			c.action()
			return
		}
	}
}
