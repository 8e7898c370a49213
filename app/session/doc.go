// Package session owns the open workspace and its layer set. It runs every
// write off the UI goroutine, one after another, reloads the layer set, and
// then announces the change to its subscribers (the map, the layer panel,
// the status bar) with a Change: what was done, which layers and which
// bounds it touched, and whether layer settings changed.
//
// Every write goes through write.go, so that the store's changesets can
// replace the journal calls in one place. The package imports no GUI
// toolkit: notices reach the UI goroutine through the function given to
// Open (fyne.Do in the window).
package session
