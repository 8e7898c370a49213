package measure

import (
	"math"
	"testing"

	"github.com/twpayne/go-geom"
)

func TestLength(t *testing.T) {
	jfkLax := Distance(-73.7781, 40.6413, -118.4085, 33.9416)
	tests := []struct {
		name   string
		flat   []float64
		stride int
		want   float64
	}{
		{"empty", nil, 2, 0},
		{"one point", []float64{1, 2}, 2, 0},
		{"bad stride", []float64{1, 2, 3, 4}, 1, 0},
		{"JFK-LAX", []float64{-73.7781, 40.6413, -118.4085, 33.9416}, 2, 3983079.748},
		{"JFK-LAX-JFK XYZ", []float64{-73.7781, 40.6413, 5, -118.4085, 33.9416, 7, -73.7781, 40.6413, 9}, 3, 2 * jfkLax},
		{"two equator degrees", []float64{0, 0, 1, 0, 2, 0}, 2, 2 * 111319.491},
	}
	for _, tc := range tests {
		if got := Length(tc.flat, tc.stride); math.Abs(got-tc.want) > 0.002 {
			t.Errorf("%s: Length = %.4f, want %.4f", tc.name, got, tc.want)
		}
	}
	if got := LineLength(geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1, 0})); math.Abs(got-111319.491) > 0.001 {
		t.Errorf("LineLength = %v", got)
	}
	if LineLength(nil) != 0 {
		t.Error("LineLength(nil) != 0")
	}
}
