package render

import (
	"context"
	"image"
	"path/filepath"
	"sync"
	"testing"

	"corridor/geo/style"
	"corridor/geo/viewport"
)

// tileScene is a busy little map: land, a dashed border, a hatched
// patrol area, routes (one long and wiggly, crossing many tiles), points
// and an annotation with a leader.
func tileScene() []Layer {
	sc := scenes()[4].layers // briefing
	var wig []float64
	for i := 0; i <= 400; i++ {
		x := -84 + float64(i)*0.02
		wig = append(wig, x, 8.4+0.6*sinApprox(float64(i)/9))
	}
	sc = append(sc, layer("wiggle", style.KindRoute, `{"stroke":"#2060A0"}`, line(1, "Wiggle run", wig...)))
	return sc
}

func sinApprox(x float64) float64 {
	// a cheap deterministic wiggle, not a real sine
	x -= float64(int(x/6.283)) * 6.283
	if x > 3.1416 {
		return -sinApprox(x - 3.1416)
	}
	return 4 * x * (3.1416 - x) / (3.1416 * 3.1416)
}

// pixelsOff counts pixels where a channel of a and b differs by more than
// tol.
func pixelsOff(a, b *image.RGBA, tol int) int {
	n := 0
	for i := 0; i+3 < len(a.Pix); i += 4 {
		for k := 0; k < 4; k++ {
			d := int(a.Pix[i+k]) - int(b.Pix[i+k])
			if d > tol || d < -tol {
				n++
				break
			}
		}
	}
	return n
}

func TestTiledFramesMatchDirect(t *testing.T) {
	layers := tileScene()
	vp0 := viewport.New(-79.6, 8.5, 6.4, 700, 450)
	tiled := New(Options{})
	ctx := context.Background()
	vp := vp0
	pans := [][2]float64{{0, 0}, {37, -23}, {-300, 120}, {5, 260}, {-700, 0}, {1, 1}, {260, -250}}
	for i, p := range pans {
		vp = vp.Pan(p[0], p[1])
		got, err := tiled.Render(ctx, vp, layers)
		if err != nil {
			t.Fatal(err)
		}
		want, err := New(Options{TileCacheBytes: -1}).Render(ctx, vp, layers)
		if err != nil {
			t.Fatal(err)
		}
		if n := pixelsOff(got, want, 8); n > 0 {
			t.Errorf("frame %d (pan %v): %d pixels differ from a direct render", i, p, n)
			_ = writePNG(filepath.Join(t.TempDir(), "tiled.png"), got)
		}
	}
	if tiled.tiles.hits == 0 {
		t.Fatal("no frame reused a tile")
	}
	if tiled.tiles.misses == 0 {
		t.Fatal("no frame drew a tile")
	}
}

func TestTilesFollowChanges(t *testing.T) {
	ctx := context.Background()
	vp := viewport.New(-79.6, 8.5, 6.4, 500, 300)
	base := tileScene()
	recolour := func(ls []Layer) []Layer {
		out := append([]Layer(nil), ls...)
		out[3].Style.Stroke = style.Hex(0x00A000)
		return out
	}
	moved := func(ls []Layer) []Layer {
		out := append([]Layer(nil), ls...)
		out[3].Generation++
		out[3].Source = NewMemSource(line(1, "Moved", -82, 10, -78, 7))
		return out
	}
	faded := func(ls []Layer) []Layer {
		out := append([]Layer(nil), ls...)
		out[0].Opacity = 0.4
		return out
	}
	hidden := func(ls []Layer) []Layer {
		out := append([]Layer(nil), ls...)
		out[0].Visible = false
		return out
	}
	for _, tt := range []struct {
		name   string
		change func([]Layer) []Layer
		vp     viewport.Viewport
	}{
		{"style", recolour, vp},
		{"generation", moved, vp},
		{"opacity", faded, vp},
		{"visibility", hidden, vp},
		{"fractional zoom", func(ls []Layer) []Layer { return ls }, viewport.New(-79.6, 8.5, 6.43, 500, 300)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Options{})
			if _, err := r.Render(ctx, vp, base); err != nil {
				t.Fatal(err)
			}
			ls := tt.change(base)
			got, err := r.Render(ctx, tt.vp.Pan(3, -2), ls)
			if err != nil {
				t.Fatal(err)
			}
			want, err := New(Options{TileCacheBytes: -1}).Render(ctx, tt.vp.Pan(3, -2), ls)
			if err != nil {
				t.Fatal(err)
			}
			if n := pixelsOff(got, want, 8); n > 0 {
				t.Fatalf("%d pixels differ from a direct render after the change", n)
			}
		})
	}
}

func TestFractionalPanSnaps(t *testing.T) {
	ctx := context.Background()
	layers := tileScene()
	vp := viewport.New(-79.6, 8.5, 6.4, 500, 300)
	r := New(Options{})
	if _, err := r.Render(ctx, vp, layers); err != nil {
		t.Fatal(err)
	}
	h0 := r.tiles.hits
	if _, err := r.Render(ctx, vp.Pan(10.37, -4.61), layers); err != nil {
		t.Fatal(err)
	}
	if r.tiles.hits == h0 {
		t.Fatal("a fractional pan drew every tile again")
	}
}

func TestTileCacheBounded(t *testing.T) {
	ctx := context.Background()
	layers := tileScene()
	const budget = 8 * tileBytes
	r := New(Options{TileCacheBytes: budget})
	vp := viewport.New(-79.6, 8.5, 6.4, 600, 400)
	for i := 0; i < 12; i++ {
		vp = vp.Pan(97, 41)
		if _, err := r.Render(ctx, vp, layers); err != nil {
			t.Fatal(err)
		}
		if _, b := r.TileStats(); b > budget {
			t.Fatalf("frame %d: tile cache holds %d bytes over its %d budget", i, b, budget)
		}
	}
	if n, _ := New(Options{TileCacheBytes: -1}).TileStats(); n != 0 {
		t.Fatal("a renderer without tile cache holds tiles")
	}
}

func TestConcurrentFrames(t *testing.T) {
	ctx := context.Background()
	layers := tileScene()
	r := New(Options{TileCacheBytes: 24 * tileBytes})
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vp := viewport.New(-79.6+float64(g)*0.3, 8.5, 6.4+float64(g%2)*0.5, 400, 300)
			for i := 0; i < 6; i++ {
				vp = vp.Pan(float64(40*g), 25)
				if _, err := r.Render(ctx, vp, layers); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestMissingRects(t *testing.T) {
	x := &tile{}
	tests := []struct {
		name   string
		nx, ny int
		got    []*tile
		want   []image.Rectangle
	}{
		{"none missing", 2, 2, []*tile{x, x, x, x}, nil},
		{"all missing", 3, 2, make([]*tile, 6), []image.Rectangle{image.Rect(0, 0, 3, 2)}},
		{"left column", 3, 3, []*tile{nil, x, x, nil, x, x, nil, x, x}, []image.Rectangle{image.Rect(0, 0, 1, 3)}},
		{"top row and left column", 3, 3, []*tile{nil, nil, nil, nil, x, x, nil, x, x},
			[]image.Rectangle{image.Rect(0, 0, 3, 1), image.Rect(0, 1, 1, 3)}},
		{"holes", 3, 1, []*tile{nil, x, nil}, []image.Rectangle{image.Rect(0, 0, 1, 1), image.Rect(2, 0, 3, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := missingRects(tt.got, tt.nx, tt.ny)
			covered := 0
			for _, r := range got {
				covered += r.Dx() * r.Dy()
			}
			want := 0
			for _, r := range tt.want {
				want += r.Dx() * r.Dy()
			}
			if len(got) != len(tt.want) || covered != want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestFloorDiv(t *testing.T) {
	for _, tt := range [][3]int{{7, 256, 0}, {-1, 256, -1}, {-256, 256, -1}, {-257, 256, -2}, {512, 256, 2}, {0, 256, 0}} {
		if got := floorDiv(tt[0], tt[1]); got != tt[2] {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", tt[0], tt[1], got, tt[2])
		}
	}
}
