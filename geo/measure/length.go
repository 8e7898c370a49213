package measure

import "github.com/twpayne/go-geom"

// Length returns the geodesic length in metres of the path through the points
// of flatCoords (x=lon, y=lat first in each group of stride values). It is 0
// for fewer than two points or a stride below 2.
func Length(flatCoords []float64, stride int) float64 {
	if stride < 2 {
		return 0
	}
	total := 0.0
	for i := stride; i+1 < len(flatCoords); i += stride {
		total += Distance(flatCoords[i-stride], flatCoords[i-stride+1], flatCoords[i], flatCoords[i+1])
	}
	return total
}

// LineLength returns the geodesic length in metres of a line string; 0 for nil.
func LineLength(line *geom.LineString) float64 {
	if line == nil {
		return 0
	}
	return Length(line.FlatCoords(), line.Stride())
}
