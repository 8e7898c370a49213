package kml

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// parseColor converts a KML colour "aabbggrr" to "#rrggbb" and an opacity in
// [0,1]. Six hex digits are read as "bbggrr", fully opaque; a leading '#' is
// ignored. ok is false for anything else.
func parseColor(s string) (hex string, opacity float64, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	alpha := uint64(255)
	switch len(s) {
	case 8:
		a, err := strconv.ParseUint(s[:2], 16, 8)
		if err != nil {
			return "", 0, false
		}
		alpha = a
		s = s[2:]
	case 6:
	default:
		return "", 0, false
	}
	bgr, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return "", 0, false
	}
	b, g, r := bgr>>16&0xff, bgr>>8&0xff, bgr&0xff
	return fmt.Sprintf("#%02x%02x%02x", r, g, b), roundOpacity(float64(alpha) / 255), true
}

// formatColor converts "#rrggbb" and an opacity in [0,1] to KML "aabbggrr".
// ok is false when hex is not "#rrggbb".
func formatColor(hex string, opacity float64) (string, bool) {
	hex = strings.TrimPrefix(strings.TrimSpace(hex), "#")
	if len(hex) != 6 {
		return "", false
	}
	rgb, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return "", false
	}
	if math.IsNaN(opacity) {
		opacity = 1
	}
	opacity = math.Max(0, math.Min(1, opacity))
	a := uint64(math.Round(opacity * 255))
	r, g, b := rgb>>16&0xff, rgb>>8&0xff, rgb&0xff
	return fmt.Sprintf("%02x%02x%02x%02x", a, b, g, r), true
}

// roundOpacity keeps three decimals, so that 0x66 reads as 0.4.
func roundOpacity(v float64) float64 {
	return math.Round(v*1000) / 1000
}
