package measure

import "math"

// PointSegment is the distance in the plane from x, y to the segment from
// ax, ay to bx, by, in the points' own units (screen pixels, say).
func PointSegment(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(x-ax, y-ay)
	}
	t := math.Max(0, math.Min(1, ((x-ax)*dx+(y-ay)*dy)/l2))
	return math.Hypot(x-(ax+t*dx), y-(ay+t*dy))
}
