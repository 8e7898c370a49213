package measure

import (
	"math"
	"testing"
)

func TestPointSegment(t *testing.T) {
	tests := []struct {
		name                 string
		x, y, ax, ay, bx, by float64
		want                 float64
	}{
		{"beside the middle", 5, 3, 0, 0, 10, 0, 3},
		{"past the end", 13, 4, 0, 0, 10, 0, 5},
		{"before the start", -3, -4, 0, 0, 10, 0, 5},
		{"on the segment", 4, 4, 0, 0, 8, 8, 0},
		{"degenerate segment", 3, 4, 0, 0, 0, 0, 5},
	}
	for _, tt := range tests {
		if got := PointSegment(tt.x, tt.y, tt.ax, tt.ay, tt.bx, tt.by); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: got %g, want %g", tt.name, got, tt.want)
		}
	}
}
