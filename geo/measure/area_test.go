package measure

import (
	"math"
	"testing"

	"github.com/twpayne/go-geom"
)

// boxArea is the exact ellipsoidal area between two parallels and meridians.
func boxArea(w, s, e, n float64) float64 {
	return (e - w) * deg * authalicR * authalicR * (math.Sin(authalicLat(n)) - math.Sin(authalicLat(s)))
}

func TestAuthalicRadius(t *testing.T) {
	if r := AuthalicRadius(); math.Abs(r-6371007.181) > 0.001 {
		t.Errorf("AuthalicRadius = %.4f, want 6371007.181", r)
	}
}

func TestArea(t *testing.T) {
	tests := []struct {
		name  string
		poly  *geom.Polygon
		want  float64
		relTo float64
	}{
		// 1°x1° at the equator: 12,308.8 km² (111.32 km x 110.57 km).
		{"1x1 degree at the equator", poly([][]float64{{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}}), boxArea(0, 0, 1, 1), 1e-4},
		{"1x1 degree at the equator, ~12309 km2", poly([][]float64{{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}}), 12308.8e6, 1e-4},
		{"clockwise ring", poly([][]float64{{0, 0, 0, 1, 1, 1, 1, 0, 0, 0}}), 12308.8e6, 1e-4},
		{"open ring", poly([][]float64{{0, 0, 1, 0, 1, 1, 0, 1}}), 12308.8e6, 1e-4},
		// Reference values from SpatiaLite's ST_Area(g, 1) (ellipsoidal).
		{"1x1 degree at 50N", poly([][]float64{{10, 50, 11, 50, 11, 51, 10, 51, 10, 50}}), 7892062385.62, 1e-3},
		{"box with a hole", poly([][]float64{
			{-80, -10, -60, -10, -60, 10, -80, 10, -80, -10},
			{-75, -5, -65, -5, -65, 5, -75, 5, -75, -5}}), 3731708873258.07, 5e-3},
		{"across the antimeridian", poly([][]float64{{179, -1, -179, -1, -179, 1, 179, 1, 179, -1}}), boxArea(-1, -1, 1, 1), 2e-4},
		// Polar triangles: L'Huilier's formula on the authalic sphere gives
		// 1634950193924.7 m² (SpatiaLite says 1620543653121.9, 0.9% less).
		{"polar triangle", poly([][]float64{{0, 80, 120, 80, -120, 80, 0, 80}}), 1634950193924.7, 1e-6},
		{"polar triangle, clockwise", poly([][]float64{{0, 80, -120, 80, 120, 80, 0, 80}}), 1634950193924.7, 1e-6},
		{"south polar triangle", poly([][]float64{{0, -80, 120, -80, -120, -80, 0, -80}}), 1634950193924.7, 1e-6},
		{"degenerate", poly([][]float64{{0, 0, 1, 1, 0, 0}}), 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Area(tc.poly)
			if math.Abs(got-tc.want) > tc.relTo*tc.want+1e-6 {
				t.Errorf("Area = %.1f m², want %.1f (rel. tol. %g)", got, tc.want, tc.relTo)
			}
		})
	}
	if Area(nil) != 0 {
		t.Error("Area(nil) != 0")
	}
}

func TestRingAreaSign(t *testing.T) {
	ccw := []float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}
	cw := []float64{0, 0, 0, 1, 1, 1, 1, 0, 0, 0}
	if a := RingArea(ccw, 2); a <= 0 {
		t.Errorf("counter-clockwise ring area %v, want > 0", a)
	}
	if a := RingArea(cw, 2); a >= 0 {
		t.Errorf("clockwise ring area %v, want < 0", a)
	}
}

func TestMultiPolygonArea(t *testing.T) {
	mp := geom.NewMultiPolygonFlat(geom.XY, []float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 10, 50, 11, 50, 11, 51, 10, 51, 10, 50},
		[][]int{{10}, {20}})
	want := Area(poly([][]float64{{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}})) + Area(poly([][]float64{{10, 50, 11, 50, 11, 51, 10, 51, 10, 50}}))
	if got := MultiPolygonArea(mp); math.Abs(got-want) > 1 {
		t.Errorf("MultiPolygonArea = %v, want %v", got, want)
	}
}

func poly(rings [][]float64) *geom.Polygon {
	var flat []float64
	var ends []int
	for _, r := range rings {
		flat = append(flat, r...)
		ends = append(ends, len(flat))
	}
	return geom.NewPolygonFlat(geom.XY, flat, ends)
}
