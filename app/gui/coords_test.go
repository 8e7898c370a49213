package gui

import "testing"

func TestFormatPosition(t *testing.T) {
	tests := []struct {
		lon, lat float64
		dec, dms string
	}{
		{-79.9011, 9.3512, "9.35120° N, 79.90110° W", "9°21′04.3″ N, 79°54′04.0″ W"},
		{0, 0, "0.00000° N, 0.00000° E", "0°00′00.0″ N, 0°00′00.0″ E"},
		{151.2093, -33.8688, "33.86880° S, 151.20930° E", "33°52′07.7″ S, 151°12′33.5″ E"},
		{-0.99999999, 59.99999999, "60.00000° N, 1.00000° W", "60°00′00.0″ N, 1°00′00.0″ W"},
	}
	for _, tt := range tests {
		if got := formatDecimal(tt.lon, tt.lat); got != tt.dec {
			t.Errorf("formatDecimal(%v,%v) = %q, want %q", tt.lon, tt.lat, got, tt.dec)
		}
		if got := formatDMS(tt.lon, tt.lat); got != tt.dms {
			t.Errorf("formatDMS(%v,%v) = %q, want %q", tt.lon, tt.lat, got, tt.dms)
		}
	}
}

func TestFormatScale(t *testing.T) {
	tests := []struct {
		den  float64
		want string
	}{
		{12345678, "1:12,300,000"},
		{999.4, "1:999"},
		{50, "1:50"},
		{1234, "1:1,230"},
		{0, "1:?"},
	}
	for _, tt := range tests {
		if got := formatScale(tt.den); got != tt.want {
			t.Errorf("formatScale(%v) = %q, want %q", tt.den, got, tt.want)
		}
	}
}
