package gui

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"corridor/geo/viewport"
)

// Golden images: testdata/*.png, compared pixel for pixel with what the
// software painter draws under Fyne's test theme. After a deliberate change
// of the look, copy testdata/failed/<name>.png over the golden.

// TestLayerPanelGolden renders the layer panel of a three-layer workspace.
func TestLayerPanelGolden(t *testing.T) {
	ws := panelWorkspace(t)
	p, _, _ := newTestPanel(t, ws)
	p.win.SetPadded(false)
	p.win.Resize(fyne.NewSize(300, 330))
	test.AssertRendersToImage(t, "layer_panel.png", p.win.Canvas())
}

// statusBarWindow shows a status bar with a cursor position, a view and a
// message in an unpadded window.
func statusBarWindow(t *testing.T, lon float64) (fyne.Window, *statusBar) {
	t.Helper()
	a := test.NewTempApp(t)
	s := newStatusBar(a.Preferences())
	s.cursor(lon, 10.5)
	s.viewport(viewport.New(-75, 12, 5, 800, 600))
	s.message("Opened demo.gpkg")
	w := test.NewTempWindow(t, s.content)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, s.content.MinSize().Height))
	return w, s
}

// TestStatusBarGolden renders the status bar; a different position must
// render differently from the golden (the comparison can fail).
func TestStatusBarGolden(t *testing.T) {
	w, _ := statusBarWindow(t, -79.25)
	test.AssertRendersToImage(t, "status_bar.png", w.Canvas())

	other, _ := statusBarWindow(t, -61.5)
	f, err := os.Open(filepath.Join("testdata", "status_bar.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	golden, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if same(golden, other.Canvas().Capture()) {
		t.Fatal("another cursor position renders the same image: the golden test cannot fail")
	}
}

// same reports whether two images have the same size and pixels.
func same(a, b image.Image) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, a1 := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, a2 := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}
