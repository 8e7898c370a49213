package measure

import (
	"math"
	"testing"

	"github.com/twpayne/go-geom"
)

// route is a plausible maritime route, Buenaventura to off Guatemala.
var route = geom.NewLineStringFlat(geom.XY, []float64{
	-77.2, 3.8, -79.5, 4.5, -82.0, 6.5, -86.0, 10.0, -90.8, 13.6,
})

func TestPointAtVertices(t *testing.T) {
	flat := route.FlatCoords()
	cum := 0.0
	for i := 0; i < route.NumCoords(); i++ {
		if i > 0 {
			cum += Distance(flat[2*i-2], flat[2*i-1], flat[2*i], flat[2*i+1])
		}
		lon, lat := PointAt(route, cum)
		if d := Distance(lon, lat, flat[2*i], flat[2*i+1]); d > 0.01 {
			t.Errorf("vertex %d: PointAt(%.3f) is %.4f m from the vertex", i, cum, d)
		}
	}
}

func TestPointAtEnds(t *testing.T) {
	tests := []struct {
		m                float64
		wantLon, wantLat float64
	}{
		{-5, -77.2, 3.8},
		{0, -77.2, 3.8},
		{math.NaN(), -77.2, 3.8},
		{1e9, -90.8, 13.6},
	}
	for _, tc := range tests {
		lon, lat := PointAt(route, tc.m)
		if lon != tc.wantLon || lat != tc.wantLat {
			t.Errorf("PointAt(%v) = %v, %v, want %v, %v", tc.m, lon, lat, tc.wantLon, tc.wantLat)
		}
	}
	if lon, lat := PointAt(nil, 10); !math.IsNaN(lon) || !math.IsNaN(lat) {
		t.Errorf("PointAt(nil) = %v, %v, want NaN", lon, lat)
	}
}

// TestLocateRoundTrip checks that Locate inverts PointAt on the line.
func TestLocateRoundTrip(t *testing.T) {
	total := LineLength(route)
	for _, frac := range []float64{0, 0.01, 0.1, 0.25, 0.3333, 0.5, 0.77, 0.999, 1} {
		m := frac * total
		lon, lat := PointAt(route, m)
		gotM, d := Locate(route, lon, lat)
		if math.Abs(gotM-m) > 0.05 || d > 0.05 {
			t.Errorf("frac %v: Locate(PointAt(%.3f)) = %.3f, dist %.4f", frac, m, gotM, d)
		}
	}
}

// TestLocateOffset moves a point perpendicular to the line and checks the
// reported measure and distance.
func TestLocateOffset(t *testing.T) {
	line := geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1, 0, 2, 0})
	tests := []struct {
		name         string
		lon, lat     float64
		wantM, wantD float64
		tolM, tolD   float64
	}{
		{"north of the middle", 1, 0.1, 111319.491, 11057.43, 0.5, 0.5},
		{"south of a quarter", 0.5, -0.05, 55659.745, 5528.73, 0.5, 0.5},
		{"before the start", -1, 0, 0, 111319.491, 0.01, 0.01},
		{"beyond the end", 3, 0, 2 * 111319.491, 111319.491, 0.01, 0.01},
	}
	for _, tc := range tests {
		m, d := Locate(line, tc.lon, tc.lat)
		if math.Abs(m-tc.wantM) > tc.tolM || math.Abs(d-tc.wantD) > tc.tolD {
			t.Errorf("%s: Locate = (%.3f, %.3f), want (%.3f, %.3f)", tc.name, m, d, tc.wantM, tc.wantD)
		}
	}
}

func TestLocateDegenerate(t *testing.T) {
	if m, d := Locate(nil, 0, 0); m != 0 || !math.IsInf(d, 1) {
		t.Errorf("Locate(nil) = %v, %v", m, d)
	}
	pt := geom.NewLineStringFlat(geom.XY, []float64{0, 0})
	if m, d := Locate(pt, 1, 0); m != 0 || math.Abs(d-111319.491) > 0.001 {
		t.Errorf("Locate(one point) = %v, %v", m, d)
	}
	dup := geom.NewLineStringFlat(geom.XY, []float64{0, 0, 0, 0, 1, 0})
	if m, d := Locate(dup, 0.5, 0); math.Abs(m-55659.745) > 0.01 || d > 0.01 {
		t.Errorf("Locate(repeated vertex) = %v, %v", m, d)
	}
}

func BenchmarkLocate(b *testing.B) {
	for b.Loop() {
		Locate(route, -84, 8)
	}
}

func BenchmarkPointAt(b *testing.B) {
	total := LineLength(route)
	for b.Loop() {
		PointAt(route, total*0.6)
	}
}
