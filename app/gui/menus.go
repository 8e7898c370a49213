package gui

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// menu builds the main menu from the command table; Open recent lists the
// recent workspaces.
func (u *ui) menu() *fyne.MainMenu {
	items := map[string][]*fyne.MenuItem{}
	for _, c := range u.commands() {
		if c.menu == "" {
			continue
		}
		label := c.name
		if c.key != 0 {
			label = fmt.Sprintf("%s (%c)", c.name, c.key)
		}
		it := fyne.NewMenuItem(label, c.action)
		if len(c.keys) > 0 {
			it.Shortcut = c.keys[0]
		}
		if c.name == "Quit" {
			it.IsQuit = true
		}
		items[c.menu] = append(items[c.menu], it)
		if c.name == "Open…" {
			items[c.menu] = append(items[c.menu], u.recentMenu())
		}
		if c.sepAfter {
			items[c.menu] = append(items[c.menu], fyne.NewMenuItemSeparator())
		}
	}
	var menus []*fyne.Menu
	for _, name := range []string{menuFile, menuEdit, menuView, menuTools} {
		menus = append(menus, fyne.NewMenu(name, items[name]...))
	}
	return fyne.NewMainMenu(menus...)
}

// recentMenu is File > Open recent.
func (u *ui) recentMenu() *fyne.MenuItem {
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
	return recent
}

// shortcuts registers every shortcut of the command table on the window
// (menus on Linux and Windows only display theirs).
func (u *ui) shortcuts() {
	c := u.win.Canvas()
	for _, cmd := range u.commands() {
		action := cmd.action
		for _, k := range cmd.keys {
			c.AddShortcut(k, func(fyne.Shortcut) { action() })
		}
	}
}

// toolbar holds the commands that have an icon, each with its name (and
// first shortcut) as tooltip.
func (u *ui) toolbar() *widget.Toolbar {
	var items []widget.ToolbarItem
	for _, c := range u.commands() {
		if c.icon == nil {
			continue
		}
		items = append(items, newToolButton(c, u.tips))
		if c.sepAfter {
			items = append(items, widget.NewToolbarSeparator())
		}
	}
	if n := len(items); n > 0 {
		if _, sep := items[n-1].(*widget.ToolbarSeparator); sep {
			items = items[:n-1]
		}
	}
	return widget.NewToolbar(items...)
}

// quit saves the window size, closes the workspace and ends the program.
func (u *ui) quit() {
	u.saveSize()
	u.closeWorkspace()
	u.app.Quit()
}
