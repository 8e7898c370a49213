package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"corridor/data/formats"
	"corridor/data/store"
	"corridor/data/transfer"
)

// dialogSize is the size of file dialogs.
var dialogSize = fyne.NewSize(900, 600)

// startIn points a file dialog at the open workspace's folder.
func (u *ui) startIn(d *dialog.FileDialog) {
	dir := ""
	if ws := u.ws(); ws != nil {
		dir = filepath.Dir(ws.Path())
	} else if home, err := os.UserHomeDir(); err == nil {
		dir = home
	}
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// openDialog asks for a workspace file and opens it.
func (u *ui) openDialog() {
	u.pickOpen([]string{".gpkg"}, u.open)
}

// pickOpen asks for an existing file with one of exts and calls then with
// its path; an error is shown, a cancelled dialog does nothing.
func (u *ui) pickOpen(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	u.showFileDialog(d)
}

// pickSave asks where to save a file, offering name, and calls then with
// the path (the dialog has created it empty); an error is shown, a
// cancelled dialog does nothing.
func (u *ui) pickSave(name string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		then(path)
	}, u.win)
	d.SetFileName(name)
	u.showFileDialog(d)
}

// showFileDialog shows a file dialog at its size, in the workspace's folder.
func (u *ui) showFileDialog(d *dialog.FileDialog) {
	u.startIn(d)
	d.Resize(dialogSize)
	d.Show()
}

// newDialog asks where to create a workspace, creates and opens it.
func (u *ui) newDialog() {
	u.pickSave("workspace.gpkg", func(path string) {
		// the dialog created an empty file; a workspace needs its own
		if st, err := os.Stat(path); err == nil && st.Size() == 0 {
			os.Remove(path)
		}
		if !strings.EqualFold(filepath.Ext(path), ".gpkg") {
			path += ".gpkg"
		}
		ws, err := store.Create(path, store.Options{})
		if err != nil {
			u.showError(fmt.Errorf("new workspace: %w", err))
			return
		}
		ws.Close()
		u.open(path)
	})
}

// importExts are the file types Import… offers: every registered format
// Corridor reads.
var importExts = formats.Extensions(formats.CanRead)

// importDialog asks for a file to import.
func (u *ui) importDialog() {
	if u.sess == nil {
		u.showError(errors.New("import: open or create a workspace first"))
		return
	}
	u.pickOpen(importExts, func(path string) { u.importFiles([]string{path}) })
}

// importFiles imports each file through the session, off the UI
// goroutine, with a progress dialog and a Cancel button; a cancelled or
// failed import leaves the workspace as it was.
func (u *ui) importFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	if u.sess == nil {
		u.showError(errors.New("import: open or create a workspace first"))
		return
	}
	s := u.sess
	ctx, cancel := context.WithCancel(context.Background())
	p := u.progress("Import", "Reading "+filepath.Base(paths[0])+"…", cancel)
	progress := func(path string, n int64) {
		text := fmt.Sprintf("Reading %s: %s…", filepath.Base(path), plural(n, "feature"))
		u.do(func() { p.setText(text) })
	}
	s.Import(ctx, paths, progress, func(results []*transfer.ImportResult, err error) {
		defer cancel()
		p.hide()
		if s != u.sess { // the workspace was closed meanwhile
			return
		}
		var total, noGeom int64
		var layers, warnings []string
		for _, res := range results {
			total += res.Total
			layers = append(layers, res.Order...)
			warnings = append(warnings, res.Warnings...)
			for _, n := range res.NoGeometry {
				noGeom += n
			}
		}
		switch {
		case errors.Is(err, context.Canceled):
			u.status.message("Import cancelled: nothing was changed")
		case err != nil:
			u.showError(fmt.Errorf("import: %w", err))
		default:
			msg := fmt.Sprintf("Imported %s into %s", plural(total, "feature"), strings.Join(layers, ", "))
			if noGeom > 0 {
				msg += fmt.Sprintf(" (%d without a geometry: kept, not drawn)", noGeom)
			}
			u.status.message(msg)
			if len(layers) > 0 {
				u.m.FitAll()
			}
			if len(warnings) > 0 { // what the import changed to fit: the user must know
				dialog.ShowInformation("Import: what was changed", strings.Join(warnings, "\n\n"), u.win)
			}
		}
	})
}

// background runs job in a goroutine behind a progress dialog whose Cancel
// button cancels job's context; job reports progress with say, which sets
// the dialog's text. When job returns, the dialog is hidden and done is
// called with job's error, both on the UI goroutine.
func (u *ui) background(title, text string, job func(ctx context.Context, say func(string)) error, done func(err error)) {
	ctx, cancel := context.WithCancel(context.Background())
	p := u.progress(title, text, cancel)
	go func() {
		defer cancel()
		err := job(ctx, func(s string) { u.do(func() { p.setText(s) }) })
		u.do(func() {
			p.hide()
			done(err)
		})
	}()
}

// exportFormats are the formats Export data… offers: every registered
// format Corridor writes, as "Name (.ext)".
var exportFormats = func() []string {
	var out []string
	for _, f := range formats.All() {
		if f.Abilities&formats.CanWrite != 0 {
			out = append(out, f.Name+" ("+f.Extensions[0]+")")
		}
	}
	return out
}()

func formatExt(f string) string {
	i := strings.LastIndex(f, "(")
	return strings.TrimSuffix(f[i+1:], ")")
}

// exportDialog asks which layer and format, then where, and exports.
func (u *ui) exportDialog() {
	if u.sess == nil {
		u.showError(errors.New("export: no workspace is open"))
		return
	}
	const all = "All layers"
	opts := []string{all}
	for _, l := range u.sess.Layers().StoreLayers() {
		opts = append(opts, l.Title)
	}
	layer := widget.NewSelect(opts, nil)
	layer.SetSelected(all)
	format := widget.NewSelect(exportFormats, nil)
	format.SetSelected(exportFormats[0])
	items := []*widget.FormItem{widget.NewFormItem("Layer", layer), widget.NewFormItem("Format", format)}
	dialog.ShowForm("Export data", "Choose file…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		title := layer.Selected
		name := u.ws().Name()
		if title != all {
			name = title
		} else {
			title = ""
		}
		ext := formatExt(format.Selected)
		u.pickSave(safeName(name)+ext, func(path string) {
			if !strings.EqualFold(filepath.Ext(path), ext) {
				os.Remove(path)
				path += ext
			}
			u.export(path, title)
		})
	}, u.win)
}

// export writes one layer (title) or all ("") to path in a goroutine, with
// progress and Cancel.
func (u *ui) export(path, title string) {
	ws := u.ws()
	base := filepath.Base(path)
	var res *transfer.ExportResult
	u.background("Export", "Writing "+base+"…", func(ctx context.Context, say func(string)) error {
		var err error
		res, err = transfer.Export(ctx, ws, path, transfer.ExportOptions{Layer: title, Progress: func(n int64) {
			say(fmt.Sprintf("Writing %s: %s…", base, plural(n, "feature")))
		}})
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, context.Canceled):
			u.status.message("Export cancelled")
		case err != nil:
			u.showError(fmt.Errorf("export: %w", err))
		default:
			u.status.message(fmt.Sprintf("Exported %s to %s", plural(res.Features, "feature"), path))
		}
	})
}

// safeName makes a title usable as a file name.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
	if s == "" {
		return "export"
	}
	return s
}
