// Package gui is Corridor's main window: the map with a layer panel, an
// attribute panel for the selected feature, a status bar, a toolbar and
// menus, import and export with progress, undo and redo. Run is the entry
// point main calls when no command is given.
package gui
