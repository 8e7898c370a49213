package csv

import (
	"math"
	"testing"
)

func TestParseAngle(t *testing.T) {
	tests := []struct {
		in   string
		lat  bool
		want float64
		ok   bool
	}{
		{"12.5", true, 12.5, true},
		{"-77.25", false, -77.25, true},
		{"+1e-05", false, 0.00001, true},
		{"12,5", true, 12.5, true},
		{`12°34'56.7"N`, true, 12 + 34.0/60 + 56.7/3600, true},
		{"12 34 56.7 W", false, -(12 + 34.0/60 + 56.7/3600), true},
		{"-12:34:56", true, -(12 + 34.0/60 + 56.0/3600), true},
		{"12°34.5'S", true, -(12 + 34.5/60), true},
		{"N 12°30′", true, 12.5, true},
		{"77º 30′ 00″ w", false, -77.5, true},
		{"12.5N", true, 12.5, true},
		{"12.5E", true, 0, false},       // longitude hemisphere on a latitude
		{"-12 30 S", true, 0, false},    // sign and hemisphere
		{"12 60 00", true, 0, false},    // 60 minutes
		{"12.5 30", true, 0, false},     // fractional degrees with minutes
		{"12 30 15 10", true, 0, false}, // four parts
		{"abc", true, 0, false},
		{"", true, 0, false},
		{"NaN", true, 0, false},
		{"--5", true, 0, false},
	}
	for _, tt := range tests {
		got, err := parseAngle(tt.in, tt.lat)
		if (err == nil) != tt.ok || (tt.ok && math.Abs(got-tt.want) > 1e-12) {
			t.Errorf("parseAngle(%q, %v) = %v, %v; want %v, ok %v", tt.in, tt.lat, got, err, tt.want, tt.ok)
		}
	}
}
