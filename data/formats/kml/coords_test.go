package kml

import (
	"reflect"
	"testing"
)

func TestParseCoordinates(t *testing.T) {
	tests := []struct {
		in     string
		flat   []float64
		stride int
		ok     bool
	}{
		{"1,2", []float64{1, 2}, 2, true},
		{" 1,2,3\t4,5,6\n", []float64{1, 2, 3, 4, 5, 6}, 3, true},
		{"1,2 3,4,5", []float64{1, 2, 0, 3, 4, 5}, 3, true},
		{"1, 2 3 ,4", []float64{1, 2, 3, 4}, 2, true},
		{"1,2,3,4,5", []float64{1, 2, 3, 4, 5, 0}, 3, true},
		{"-122.08,37.42,0,20", []float64{-122.08, 37.42, 0}, 3, true},
		{",1,2,", []float64{1, 2}, 2, true},
		{"", []float64{}, 2, true},
		{"1e2,-3.5E-1", []float64{100, -0.35}, 2, true},
		{"no,no", nil, 0, false},
		{"1,2 3", nil, 0, false},
		{"NaN,1", nil, 0, false},
		{"1,Inf", nil, 0, false},
	}
	for _, tt := range tests {
		flat, stride, ok := parseCoordinates(tt.in)
		if ok != tt.ok || stride != tt.stride || (ok && !reflect.DeepEqual(flat, tt.flat)) {
			t.Errorf("parseCoordinates(%q) = %v, %d, %v; want %v, %d, %v", tt.in, flat, stride, ok, tt.flat, tt.stride, tt.ok)
		}
	}
}

func TestParseTrackCoord(t *testing.T) {
	tests := []struct {
		in string
		n  int
		ok bool
	}{
		{"-122.2 37.3 156.0", 3, true},
		{"1 2", 2, true},
		{"1", 1, false},
		{"1 2 3 4", 0, false},
		{"a b", 0, false},
	}
	for _, tt := range tests {
		_, n, ok := parseTrackCoord(tt.in)
		if ok != tt.ok || (ok && n != tt.n) {
			t.Errorf("parseTrackCoord(%q) = %d, %v; want %d, %v", tt.in, n, ok, tt.n, tt.ok)
		}
	}
}

func TestColor(t *testing.T) {
	tests := []struct {
		kml     string
		hex     string
		opacity float64
		ok      bool
	}{
		{"ff0000ff", "#ff0000", 1, true},
		{"66ff0000", "#0000ff", 0.4, true},
		{"7f00ff00", "#00ff00", 0.498, true},
		{"ff0011", "#1100ff", 1, true},
		{"#ff00ff00", "#00ff00", 1, true},
		{"ff0", "", 0, false},
		{"zz0000ff", "", 0, false},
	}
	for _, tt := range tests {
		hex, op, ok := parseColor(tt.kml)
		if ok != tt.ok || hex != tt.hex || op != tt.opacity {
			t.Errorf("parseColor(%q) = %q, %v, %v; want %q, %v, %v", tt.kml, hex, op, ok, tt.hex, tt.opacity, tt.ok)
		}
		if !ok || len(tt.kml) != 8 {
			continue
		}
		back, ok := formatColor(hex, op)
		if !ok || back != tt.kml {
			t.Errorf("formatColor(%q, %v) = %q, %v; want %q", hex, op, back, ok, tt.kml)
		}
	}
}
