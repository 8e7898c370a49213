package gui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// formatDecimal writes a position as decimal degrees: "9.35120° N, 79.90110° W".
func formatDecimal(lon, lat float64) string {
	return fmt.Sprintf("%.5f° %s, %.5f° %s", math.Abs(lat), hemi(lat, "N", "S"), math.Abs(lon), hemi(lon, "E", "W"))
}

// formatDMS writes a position as degrees, minutes and seconds:
// "9°21′04.3″ N, 79°54′04.0″ W".
func formatDMS(lon, lat float64) string {
	return dms(lat) + " " + hemi(lat, "N", "S") + ", " + dms(lon) + " " + hemi(lon, "E", "W")
}

func hemi(v float64, pos, neg string) string {
	if v < 0 {
		return neg
	}
	return pos
}

// dms writes |v| degrees as d°mm′ss.s″, carrying rounded seconds.
func dms(v float64) string {
	tenths := int64(math.Round(math.Abs(v) * 36000)) // tenths of a second
	d := tenths / 36000
	m := tenths % 36000 / 600
	s := tenths % 600
	return fmt.Sprintf("%d°%02d′%02d.%d″", d, m, s/10, s%10)
}

// formatScale writes a scale denominator with three significant digits and
// thousands separators: "1:12,300,000".
func formatScale(den float64) string {
	if !(den > 0) || math.IsInf(den, 0) {
		return "1:?"
	}
	mag := math.Pow(10, math.Floor(math.Log10(den))-2)
	if mag < 1 {
		mag = 1
	}
	n := int64(math.Round(den/mag) * mag)
	return "1:" + thousands(n)
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
