package gui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"corridor/app/maplayers"
	"corridor/app/mapview"
	"corridor/app/session"
	"corridor/app/tools"
	"corridor/data/store"
	"corridor/geo/render"
	"corridor/geo/viewport"
)

// ui is the main window's chrome: the map, the panels, the menus. The open
// workspace is the session's.
type ui struct {
	app   fyne.App
	win   fyne.Window
	prefs fyne.Preferences
	do    func(func()) // runs work on the UI goroutine: fyne.Do

	sess    *session.Session // nil when none is open
	unsub   func()
	rdr     *render.Renderer
	opening context.CancelFunc // cancels the open under way, if any
	openSeq uint64             // the latest open asked
	opens   sync.WaitGroup     // opens under way (tests wait on it)
	// openSession opens a workspace off the UI goroutine: session.Open.
	openSession func(ctx context.Context, path string, opts store.Options, do func(func())) (*session.Session, error)

	m      *mapview.Map
	layers *layerPanel
	attrs  *attrPanel
	status *statusBar
	tips   *tooltips
}

// newUI builds the window with no workspace open.
func newUI(a fyne.App) *ui {
	u := &ui{app: a, prefs: a.Preferences(), do: fyne.Do, rdr: render.New(render.Options{}), openSession: session.Open}
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
	u.m.OnRune = u.toolKey
	u.attrs = newAttrPanel(func() { u.m.SetSelection(nil) })
	u.m.OnSelect = u.attrs.show
	u.layers = newLayerPanel(u.win, u.showError)

	left := panel(u.layers.content, 290)
	// the attribute panel floats over the map's right edge, so that
	// selecting does not resize (and shift) the map
	right := newSheet(u.app, container.NewPadded(u.attrs.content), 320)
	u.attrs.frame = right
	right.Hide()
	mapArea := container.NewStack(u.m, container.NewBorder(nil, nil, nil, right))
	u.tips = newTooltips()
	body := container.NewBorder(u.toolbar(), u.status.content, left, nil, mapArea)
	u.win.SetContent(container.NewStack(body, u.tips.layer))
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

// ws is the open workspace, or nil.
func (u *ui) ws() *store.Workspace {
	if u.sess == nil {
		return nil
	}
	return u.sess.Workspace()
}

// open opens the workspace at path off the UI goroutine, behind a progress
// dialog with a Cancel button; the window stays usable meanwhile. On
// failure the current workspace stays open and the error shows in a
// dialog; a workspace that was to reopen at start is forgotten, so that
// the next start does not fail again.
func (u *ui) open(path string) {
	if u.opening != nil {
		u.opening() // the newer request wins
	}
	ctx, cancel := context.WithCancel(context.Background())
	u.opening = cancel
	u.openSeq++
	seq := u.openSeq
	p := u.progress("Open workspace", "Opening "+filepath.Base(path)+"…", cancel)
	u.prefs.SetString(prefOpening, path)
	u.opens.Add(1)
	go func() {
		defer u.opens.Done()
		s, err := u.openSession(ctx, path, store.Options{}, u.do)
		u.do(func() {
			defer cancel()
			p.hide()
			if seq == u.openSeq {
				u.prefs.SetString(prefOpening, "")
			}
			if seq != u.openSeq || ctx.Err() != nil { // replaced by a newer open, or cancelled
				if s != nil {
					s.Close()
				}
				if seq == u.openSeq {
					u.opening = nil
					u.status.message("Open cancelled: " + path)
				}
				return
			}
			u.opening = nil
			if err != nil {
				if u.prefs.String(prefLast) == path {
					u.prefs.SetString(prefLast, "")
				}
				u.showError(fmt.Errorf("open workspace: %w", err))
				return
			}
			u.install(s, path)
		})
	}()
}

// waitOpen blocks until the opens under way have handed their result to
// the UI goroutine.
func (u *ui) waitOpen() { u.opens.Wait() }

// install makes s the open session.
func (u *ui) install(s *session.Session, path string) {
	u.closeWorkspace()
	u.sess = s
	ws, set := s.Workspace(), s.Layers()
	u.unsub = s.Subscribe(u.changed)
	u.m.SetSources(set.Renderer(u.rdr), pickFunc(set), set.Bounds)
	if b, ok := savedView(ws); ok {
		u.m.FitBounds(b) // where the user left it, as QGIS projects do
	} else {
		u.m.FitAll()
	}
	u.layers.setSession(s)
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

// changed follows the session's notice of a write: the map redraws what
// changed, the status bar says what was done. (The layer panel follows the
// same notice itself.)
func (u *ui) changed(ch session.Change) {
	if sel := u.m.Selection(); sel != nil && ch.Touches(sel.Layer) && !ch.Meta {
		u.m.SetSelection(nil) // the feature may have changed or gone
	}
	if ch.Bounds != nil && !ch.Meta {
		u.m.RedrawIn(*ch.Bounds)
	} else {
		u.m.Redraw()
	}
	u.status.message(ch.Label)
}

// closeWorkspace closes the open workspace, if any.
func (u *ui) closeWorkspace() {
	if u.sess == nil {
		return
	}
	saveView(u.sess, u.m.Viewport())
	u.unsub()
	u.m.SetSources(nil, nil, nil)
	u.m.Wait() // no render or pick may still read the workspace
	u.layers.setSession(nil)
	u.attrs.show(nil)
	if err := u.sess.Close(); err != nil {
		u.status.message("Close: " + err.Error())
	}
	u.sess, u.unsub = nil, nil
	u.win.SetTitle("Corridor")
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
	if u.sess == nil {
		return
	}
	done := func(_ *store.Changeset, err error) {
		switch {
		case errors.Is(err, store.ErrNothingToUndo), errors.Is(err, store.ErrNothingToRedo):
			u.status.message(capitalise(err.Error()))
		case err != nil:
			u.showError(err)
		}
	}
	if undo {
		u.sess.Undo(done)
	} else {
		u.sess.Redo(done)
	}
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
