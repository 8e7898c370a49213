package gui

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSmokeScreenshot builds the real binary, starts it under Xvfb on a
// fresh home (so it creates the demo workspace at first start) and checks
// that the screenshot shows a drawn map.
func TestSmokeScreenshot(t *testing.T) {
	if testing.Short() {
		t.Skip("smoke test skipped in -short mode")
	}
	for _, tool := range []string{"Xvfb", "import", "identify"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("smoke test needs %s: %v", tool, err)
		}
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "corridor")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home := filepath.Join(dir, "home")
	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command(filepath.Join(root, "scripts", "screenshot.sh"), shot)
	cmd.Env = append(os.Environ(), "CORRIDOR_BIN="+bin, "HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "TIMEOUT=60")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot.sh: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(home, "data", "corridor", "demo.gpkg")); err != nil {
		t.Errorf("demo workspace not created at first start: %v", err)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	colours, sea, land := census(img)
	t.Logf("screenshot %v: %d colours, %d sea pixels, %d land pixels", img.Bounds().Size(), colours, sea, land)
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 800 {
		t.Errorf("screen %v, want 1280x800", b.Size())
	}
	if colours < 1000 {
		t.Errorf("only %d distinct colours: the window looks blank", colours)
	}
	// the map is drawn: the sea and land colours of the default style fill
	// a good part of the screen
	if sea < 50000 || land < 20000 {
		t.Errorf("map not drawn: %d sea and %d land pixels", sea, land)
	}
}

// census counts distinct colours and pixels of the default sea (#D6E6F0)
// and land (#F1ECDF) colours, within a small tolerance.
func census(img image.Image) (colours, sea, land int) {
	seen := map[uint32]bool{}
	near := func(r, g, b uint32, c [3]uint32) bool {
		d := func(a, b uint32) uint32 {
			if a > b {
				return a - b
			}
			return b - a
		}
		return d(r, c[0]) <= 6 && d(g, c[1]) <= 6 && d(b, c[2]) <= 6
	}
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			seen[r<<16|g<<8|b] = true
			switch {
			case near(r, g, b, [3]uint32{0xD6, 0xE6, 0xF0}):
				sea++
			case near(r, g, b, [3]uint32{0xF1, 0xEC, 0xDF}):
				land++
			}
		}
	}
	return len(seen), sea, land
}

// moduleRoot is the folder holding go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}
