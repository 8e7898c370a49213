package gui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"corridor/app/maplayers"
	"corridor/app/mapview"
	"corridor/app/tools"
	"corridor/data/store"
	"corridor/geo/render"
	"corridor/geo/viewport"
)

// ui is the main window and the open workspace.
type ui struct {
	app   fyne.App
	win   fyne.Window
	prefs fyne.Preferences
	do    func(func()) // runs work on the UI goroutine: fyne.Do

	ws  *store.Workspace // nil when none is open
	set *maplayers.Set
	rdr *render.Renderer

	m      *mapview.Map
	layers *layerPanel
	attrs  *attrPanel
	status *statusBar
}

// newUI builds the window with no workspace open.
func newUI(a fyne.App) *ui {
	u := &ui{app: a, prefs: a.Preferences(), do: fyne.Do, rdr: render.New(render.Options{})}
	u.win = a.NewWindow("Corridor")
	u.win.SetMaster()
	w := float32(u.prefs.FloatWithFallback(prefWidth, defaultWidth))
	h := float32(u.prefs.FloatWithFallback(prefHeight, defaultHeight))
	if w < 400 || h < 300 {
		w, h = defaultWidth, defaultHeight
	}
	u.win.Resize(fyne.NewSize(w, h))

	u.m = mapview.New(nil, nil, nil)
	u.m.SetTool(tools.NewSelect())
	u.status = newStatusBar(u.prefs)
	u.m.OnCursor = u.status.cursor
	u.m.OnViewport = u.status.viewport
	u.m.OnError = func(err error) { u.status.message("Map: " + err.Error()) }
	u.attrs = newAttrPanel(func() { u.m.SetSelection(nil) })
	u.m.OnSelect = u.attrs.show
	u.layers = newLayerPanel(u.win, u.layerChanged, u.showError)

	left := panel(u.layers.content, 290)
	// the attribute panel floats over the map's right edge, so that
	// selecting does not resize (and shift) the map
	right := newSheet(u.app, container.NewPadded(u.attrs.content), 320)
	u.attrs.frame = right
	right.Hide()
	mapArea := container.NewStack(u.m, container.NewBorder(nil, nil, nil, right))
	body := container.NewBorder(u.toolbar(), u.status.content, left, nil, mapArea)
	u.win.SetContent(body)
	u.win.SetMainMenu(u.menu())
	u.shortcuts()
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, uri := range uris {
			if uri.Scheme() == "file" {
				paths = append(paths, uri.Path())
			}
		}
		u.importFiles(paths)
	})
	u.win.SetCloseIntercept(func() {
		u.saveSize()
		u.closeWorkspace()
		u.win.Close()
	})
	return u
}

// panel gives side content a fixed width and a separator towards the map.
func panel(content fyne.CanvasObject, width float32) *fyne.Container {
	bg := canvas.NewRectangle(color.Transparent)
	bg.SetMinSize(fyne.NewSize(width, 0))
	return container.NewStack(bg, content)
}

func (u *ui) saveSize() {
	s := u.win.Canvas().Size()
	if s.Width >= 400 && s.Height >= 300 {
		u.prefs.SetFloat(prefWidth, float64(s.Width))
		u.prefs.SetFloat(prefHeight, float64(s.Height))
	}
}

// open makes the workspace at path the open one; on failure the current
// one stays open and the error shows in a dialog.
func (u *ui) open(path string) {
	ws, err := store.Open(path, store.Options{})
	if err != nil {
		u.showError(fmt.Errorf("open workspace: %w", err))
		return
	}
	set, err := maplayers.New(context.Background(), ws)
	if err != nil {
		ws.Close()
		u.showError(fmt.Errorf("open workspace %s: %w", path, err))
		return
	}
	u.closeWorkspace()
	u.ws, u.set = ws, set
	u.m.SetSources(set.Renderer(u.rdr), pickFunc(set), set.Bounds)
	if b, ok := savedView(ws); ok {
		u.m.FitBounds(b) // where the user left it, as QGIS projects do
	} else {
		u.m.FitAll()
	}
	u.layers.setWorkspace(ws, set)
	u.attrs.show(nil)
	title := "Corridor - " + ws.Name()
	if ws.ReadOnly() {
		title += " (read-only)"
	}
	u.win.SetTitle(title)
	u.prefs.SetString(prefLast, path)
	u.addRecent(path)
	u.win.SetMainMenu(u.menu())
	msg := fmt.Sprintf("Opened %s", path)
	for _, w := range set.Warnings() {
		msg += "; " + w.Error()
	}
	u.status.message(msg)
}

// closeWorkspace closes the open workspace, if any.
func (u *ui) closeWorkspace() {
	if u.ws == nil {
		return
	}
	saveView(u.ws, u.m.Viewport())
	u.m.SetSources(nil, nil, nil)
	u.m.Wait() // no render or pick may still read the workspace
	u.layers.setWorkspace(nil, nil)
	u.attrs.show(nil)
	if err := u.ws.Close(); err != nil {
		u.status.message("Close: " + err.Error())
	}
	u.ws, u.set = nil, nil
	u.win.SetTitle("Corridor")
}

// reload reads the layers again after the workspace changed, and redraws.
func (u *ui) reload() {
	if u.set == nil {
		return
	}
	if err := u.set.Reload(context.Background()); err != nil {
		u.showError(err)
		return
	}
	u.layers.refresh()
	u.m.Redraw()
}

// layerChanged is the layer panel's report that it wrote a layer setting.
func (u *ui) layerChanged() {
	if u.set == nil {
		return
	}
	if err := u.set.Reload(context.Background()); err != nil {
		u.showError(err)
		return
	}
	u.m.Redraw()
}

// addRecent puts path at the head of the recent workspaces.
func (u *ui) addRecent(path string) {
	l := u.prefs.StringList(prefRecent)
	l = slices.DeleteFunc(l, func(s string) bool { return s == path })
	l = append([]string{path}, l...)
	if len(l) > recentLimit {
		l = l[:recentLimit]
	}
	u.prefs.SetStringList(prefRecent, l)
}

// showError shows err in a dialog.
func (u *ui) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowError(err, u.win)
}

// busy shows a modal progress dialog; the returned function hides it.
// With cancel non-nil the dialog has a Cancel button calling it.
func (u *ui) busy(title, text string, cancel func()) (done func()) {
	return u.progress(title, text, cancel).hide
}

// progressDialog is a modal dialog with a message, an indefinite progress
// bar and an optional Cancel button.
type progressDialog struct {
	d     dialog.Dialog
	label *widget.Label
}

func (p *progressDialog) hide()            { p.d.Hide() }
func (p *progressDialog) setText(s string) { p.label.SetText(s) }

func (u *ui) progress(title, text string, cancel func()) *progressDialog {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBarInfinite()
	box := container.NewVBox(label, bar)
	if cancel != nil {
		var btn *widget.Button
		btn = widget.NewButton("Cancel", func() {
			btn.Disable()
			label.SetText("Cancelling…")
			cancel()
		})
		box.Add(container.NewCenter(btn))
	}
	d := dialog.NewCustomWithoutButtons(title, box, u.win)
	d.Resize(fyne.NewSize(440, 0))
	d.Show()
	return &progressDialog{d: d, label: label}
}

// fitAll shows every layer.
func (u *ui) fitAll() { u.m.FitAll() }

// undo reverts the latest edit.
func (u *ui) undo() { u.step(true) }

// redo re-applies the latest undone edit.
func (u *ui) redo() { u.step(false) }

func (u *ui) step(undo bool) {
	if u.ws == nil {
		return
	}
	var e *store.HistoryEntry
	var err error
	if undo {
		e, err = u.ws.Undo(context.Background())
	} else {
		e, err = u.ws.Redo(context.Background())
	}
	switch {
	case errors.Is(err, store.ErrNothingToUndo), errors.Is(err, store.ErrNothingToRedo):
		u.status.message(capitalise(err.Error()))
		return
	case err != nil:
		u.showError(err)
		return
	}
	verb := "Undid"
	if !undo {
		verb = "Redid"
	}
	u.status.message(fmt.Sprintf("%s %s in %s", verb, e.Operation, e.Layer))
	u.m.SetSelection(nil)
	u.reload()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pickFunc adapts the Set's Pick to the map's Selection.
func pickFunc(set *maplayers.Set) mapview.PickFunc {
	return func(ctx context.Context, vp viewport.Viewport, x, y, tol float64) (*mapview.Selection, error) {
		h, err := set.Pick(ctx, vp, x, y, tol)
		if err != nil || h == nil {
			return nil, err
		}
		return &mapview.Selection{Layer: h.Layer.Table, LayerTitle: h.Layer.Title, Kind: h.Layer.Kind, Feature: h.Feature}, nil
	}
}
