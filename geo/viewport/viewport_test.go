package viewport

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		v        Viewport
		lon, lat float64
	}{
		{"origin", New(0, 0, 3, 800, 600), 10, 20},
		{"americas", New(-80, 10, 4.5, 1920, 1080), -75.5, 3.25},
		{"deep", New(-79.9, 9.35, 18.3, 1024, 768), -79.9005, 9.3503},
		{"pacific", New(179.5, -17, 6, 800, 600), -179.8, -16.5},
		{"north", New(10, 80, 5, 640, 480), 12, 84},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := tt.v.ToScreen(tt.lon, tt.lat)
			lon, lat := tt.v.ToLonLat(x, y)
			if !near(lon, tt.lon, 1e-7) || !near(lat, tt.lat, 1e-7) {
				t.Fatalf("round trip (%v,%v) -> (%v,%v) -> (%v,%v)", tt.lon, tt.lat, x, y, lon, lat)
			}
			// and screen -> lon/lat -> screen
			lon, lat = tt.v.ToLonLat(17, 23)
			x, y = tt.v.ToScreen(lon, lat)
			if !near(x, 17, 1e-6) || !near(y, 23, 1e-6) {
				t.Fatalf("screen round trip gave (%v,%v)", x, y)
			}
		})
	}
}

func TestCenterIsMiddle(t *testing.T) {
	v := New(-60, -30, 7.25, 801, 600)
	x, y := v.ToScreen(-60, -30)
	if !near(x, 400.5, 1e-9) || !near(y, 300, 1e-9) {
		t.Fatalf("centre at (%v,%v)", x, y)
	}
}

func TestZoomAboutKeepsPoint(t *testing.T) {
	tests := []struct {
		factor, x, y float64
	}{
		{2, 100, 100}, {0.5, 700, 20}, {1.37, 400, 300}, {8, 0, 599}, {1 / 3.0, 799, 0},
	}
	base := New(-80, 10, 5, 800, 600)
	for _, tt := range tests {
		lon0, lat0 := base.ToLonLat(tt.x, tt.y)
		v := base.ZoomAbout(tt.factor, tt.x, tt.y)
		if !near(v.Zoom, base.Zoom+math.Log2(tt.factor), 1e-12) {
			t.Errorf("factor %v: zoom %v", tt.factor, v.Zoom)
		}
		x, y := v.ToScreen(lon0, lat0)
		if !near(x, tt.x, 1e-6) || !near(y, tt.y, 1e-6) {
			t.Errorf("factor %v at (%v,%v): point moved to (%v,%v)", tt.factor, tt.x, tt.y, x, y)
		}
	}
}

func TestPan(t *testing.T) {
	v := New(-80, 10, 6, 800, 600)
	lon, lat := v.ToLonLat(400, 300)
	p := v.Pan(30, -20)
	x, y := p.ToScreen(lon, lat)
	if !near(x, 430, 1e-6) || !near(y, 280, 1e-6) {
		t.Fatalf("panned point at (%v,%v), want (430,280)", x, y)
	}
}

func TestPanAcrossAntimeridian(t *testing.T) {
	v := New(179, 0, 4, 800, 600)
	// drag the map left by enough pixels to move the centre 2 degrees east
	px := 2 / 360.0 * v.WorldSize()
	p := v.Pan(-px, 0)
	lon, _ := p.Center()
	if !near(lon, -179, 1e-6) {
		t.Fatalf("centre lon %v, want -179", lon)
	}
	if p.CenterX < -HalfWorld || p.CenterX >= HalfWorld {
		t.Fatalf("CenterX %v not wrapped", p.CenterX)
	}
	// a point at 179.5 is left of centre, one at -178.5 right of it
	x1, _ := p.ToScreen(179.5, 0)
	x2, _ := p.ToScreen(-178.5, 0)
	if !(x1 < 400 && x2 > 400) {
		t.Fatalf("x(179.5)=%v x(-178.5)=%v around centre 400", x1, x2)
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		name string
		b    Bounds
		w, h int
	}{
		{"americas", Bounds{-170, -56, -30, 72}, 1920, 1080},
		{"caribbean", Bounds{-90, 8, -60, 27}, 800, 600},
		{"tall", Bounds{-80, -50, -79, 50}, 400, 900},
		{"pacific", Bounds{170, -25, -170, -10}, 800, 600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Fit(tt.b, tt.w, tt.h)
			west, east := tt.b.West, tt.b.East
			if west > east {
				east += 360
			}
			x0, y0 := v.ToScreen(west, tt.b.North)
			x1, y1 := v.ToScreen(east, tt.b.South)
			if x1 < x0 { // east on the far copy when crossing
				x1 += v.WorldSize()
			}
			const eps = 1e-6
			if x0 < -eps || y0 < -eps || x1 > float64(tt.w)+eps || y1 > float64(tt.h)+eps {
				t.Fatalf("box at (%v,%v)-(%v,%v) outside %dx%d", x0, y0, x1, y1, tt.w, tt.h)
			}
			// tight on one axis
			if !near(x1-x0, float64(tt.w), 1e-6) && !near(y1-y0, float64(tt.h), 1e-6) {
				t.Fatalf("box %vx%v not tight in %dx%d", x1-x0, y1-y0, tt.w, tt.h)
			}
			got := v.Bounds()
			for _, c := range [][2]float64{{tt.b.West, tt.b.South + 1e-9}, {tt.b.East, tt.b.North - 1e-9}} {
				if !got.Contains(c[0], c[1]) {
					t.Fatalf("Bounds %+v does not contain corner %v", got, c)
				}
			}
		})
	}
}

func TestFitPoint(t *testing.T) {
	v := Fit(Bounds{-79.5, 9, -79.5, 9}, 800, 600)
	if v.Zoom != 12 {
		t.Fatalf("zoom %v", v.Zoom)
	}
	lon, lat := v.Center()
	if !near(lon, -79.5, 1e-9) || !near(lat, 9, 1e-9) {
		t.Fatalf("centre %v,%v", lon, lat)
	}
}

func TestBoundsAntimeridian(t *testing.T) {
	v := New(180, 0, 3, 512, 512) // 2048 px world: view spans 90 degrees
	b := v.Bounds()
	if !b.CrossesAntimeridian() {
		t.Fatalf("bounds %+v should cross", b)
	}
	if !near(b.West, 135, 1e-9) || !near(b.East, -135, 1e-9) {
		t.Fatalf("bounds %+v", b)
	}
	if !near(b.Width(), 90, 1e-9) {
		t.Fatalf("width %v", b.Width())
	}
	parts := b.Split()
	if len(parts) != 2 || parts[0].East != 180 || parts[1].West != -180 {
		t.Fatalf("split %+v", parts)
	}
	if !b.Contains(179, 0) || !b.Contains(-170, 0) || b.Contains(0, 0) {
		t.Fatal("Contains wrong across antimeridian")
	}
}

func TestBoundsWholeWorld(t *testing.T) {
	v := New(0, 0, 0, 1024, 512)
	b := v.Bounds()
	if b.West != -180 || b.East != 180 || b.CrossesAntimeridian() {
		t.Fatalf("bounds %+v", b)
	}
	if len(b.Split()) != 1 {
		t.Fatal("whole world should not split")
	}
}

func TestScale(t *testing.T) {
	v := New(0, 0, 0, 256, 256)
	m, d := v.Scale(96)
	want := 2 * HalfWorld / 256
	if !near(m, want, 1e-6) {
		t.Fatalf("m/px %v want %v", m, want)
	}
	if !near(d, want*96/0.0254, 1e-3) {
		t.Fatalf("denominator %v", d)
	}
	// at 60 degrees the ground resolution halves
	v = New(0, 60, 10, 256, 256)
	if !near(v.GroundResolution(), v.Resolution()/2, 1e-9) {
		t.Fatalf("ground %v res %v", v.GroundResolution(), v.Resolution())
	}
}

func TestProjectKnown(t *testing.T) {
	x, y := Project(180, MaxLatitude)
	if !near(x, HalfWorld, 1e-6) || !near(y, HalfWorld, 1e-3) {
		t.Fatalf("corner %v,%v", x, y)
	}
	if w := WrapLon(190); !near(w, -170, 1e-12) {
		t.Fatalf("wrap %v", w)
	}
	if w := WrapLon(-540); !near(w, -180, 1e-12) {
		t.Fatalf("wrap %v", w)
	}
}
