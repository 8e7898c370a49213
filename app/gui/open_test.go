package gui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"corridor/app/session"
	"corridor/data/store"
)

// TestSlowOpenStaysResponsiveAndCancels: a slow open runs off the UI
// goroutine behind a progress dialog; the window keeps working meanwhile,
// and Cancel leaves no workspace open and no error.
func TestSlowOpenStaysResponsiveAndCancels(t *testing.T) {
	u, q := testUI(t)
	started := make(chan struct{})
	u.openSession = func(ctx context.Context, path string, opts store.Options, do func(func())) (*session.Session, error) {
		close(started)
		<-ctx.Done() // as slow as can be: until cancelled
		return nil, ctx.Err()
	}
	u.open("/slow/w.gpkg")
	<-started
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(test.RenderObjectToMarkup(top), "Opening w.gpkg") {
		t.Fatal("no progress dialog")
	}
	// the UI goroutine is free: the map zooms, the status bar updates
	z := u.m.Viewport().Zoom
	u.m.ZoomBy(2)
	if u.m.Viewport().Zoom == z {
		t.Fatal("the map did not zoom during the open")
	}
	u.opening() // the dialog's Cancel button
	settle(u, q)
	if u.sess != nil {
		t.Fatal("a cancelled open installed a workspace")
	}
	if o := u.win.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("a dialog is still shown: %s", test.RenderObjectToMarkup(o))
	}
	if !strings.HasPrefix(u.status.msg.Text, "Open cancelled") {
		t.Fatalf("status %q", u.status.msg.Text)
	}
}

// TestFailedStartOpenIsForgotten: when the last workspace fails to open,
// an error dialog says why, the window stays usable, and the next start
// does not try it again.
func TestFailedStartOpenIsForgotten(t *testing.T) {
	u, q := testUI(t)
	bad := filepath.Join(t.TempDir(), "bad.gpkg")
	os.WriteFile(bad, []byte("not a GeoPackage"), 0o644)
	u.prefs.SetString(prefLast, bad)
	u.openSession = func(ctx context.Context, path string, opts store.Options, do func(func())) (*session.Session, error) {
		return nil, errors.New(path + ": not a GeoPackage")
	}
	u.openDefault()
	settle(u, q)
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(test.RenderObjectToMarkup(top), "not a GeoPackage") {
		t.Fatal("no error dialog")
	}
	if got := u.prefs.String(prefLast); got != "" {
		t.Fatalf("the failed workspace is still the last one: %q", got)
	}
}

// TestCrashedOpenNotRetried: when Corridor ended while opening a workspace
// (the marker is still set), the next start does not open it again.
func TestCrashedOpenNotRetried(t *testing.T) {
	u, q := testUI(t)
	ws := panelWorkspace(t)
	path := ws.Path()
	ws.Close()
	u.prefs.SetString(prefLast, path)
	u.prefs.SetString(prefOpening, path)
	u.openDefault()
	settle(u, q)
	if u.sess != nil {
		t.Fatal("the workspace that was opening at the crash was opened again")
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(test.RenderObjectToMarkup(top), "closed while opening") {
		t.Fatal("no dialog says why")
	}
	if u.prefs.String(prefOpening) != "" || u.prefs.String(prefLast) != "" {
		t.Fatal("markers left set")
	}
	u.win.Canvas().Overlays().Remove(top)
	u.open(path) // the user asks again: it opens, and the marker is cleared
	settle(u, q)
	if u.sess == nil || u.prefs.String(prefOpening) != "" {
		t.Fatalf("open: session %v, marker %q", u.sess != nil, u.prefs.String(prefOpening))
	}
}
