package measure

import (
	"math"
	"testing"
)

// dms converts degrees, minutes, seconds to decimal degrees (sign from d).
func dms(d, m, s float64) float64 {
	if d < 0 {
		return d - m/60 - s/3600
	}
	return d + m/60 + s/3600
}

// Reference values from PROJ's geod (Karney's algorithms) on WGS84.
func TestDistanceAndBearing(t *testing.T) {
	tests := []struct {
		name                   string
		lon1, lat1, lon2, lat2 float64
		dist, tolM             float64
		bearing                float64
	}{
		{"Flinders Peak to Buninyong (Vincenty 1975)",
			dms(144, 25, 29.52440), dms(-37, 57, 3.72030), dms(143, 55, 35.38390), dms(-37, 39, 10.15610),
			54972.271, 0.001, 306.868159},
		{"JFK to LAX", -73.7781, 40.6413, -118.4085, 33.9416, 3983079.748, 0.001, 273.887299},
		{"Greenwich to New York", -0.0014, 51.4778, -74.006, 40.7128, 5594603.103, 0.001, 288.470534},
		{"coincident", 10, 10, 10, 10, 0, 1e-9, 0},
		{"along the equator", 0, 0, 1, 0, 111319.491, 0.001, 90},
		{"due north", 0, 0, 0, 1, 110574.389, 0.001, 0},
		// Nearly antipodal: Vincenty does not converge; the haversine fallback
		// is within 0.5% of the geodesic (19944127.421 m).
		{"nearly antipodal", 0, 0, 179.7, 0.5, 19944127.421, 0.005 * 19944127.421, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Distance(tc.lon1, tc.lat1, tc.lon2, tc.lat2)
			if math.Abs(d-tc.dist) > tc.tolM {
				t.Errorf("Distance = %.4f m, want %.4f ± %g", d, tc.dist, tc.tolM)
			}
			if back := Distance(tc.lon2, tc.lat2, tc.lon1, tc.lat1); math.Abs(back-d) > 1e-6 {
				t.Errorf("Distance not symmetric: %.6f vs %.6f", d, back)
			}
			if tc.bearing < 0 {
				return
			}
			b := Bearing(tc.lon1, tc.lat1, tc.lon2, tc.lat2)
			if math.Abs(b-tc.bearing) > 1e-5 {
				t.Errorf("Bearing = %.7f, want %.7f", b, tc.bearing)
			}
			if b < 0 || b >= 360 {
				t.Errorf("Bearing %v outside [0, 360)", b)
			}
		})
	}
}

func TestDestination(t *testing.T) {
	// Reference values from PROJ's geod on WGS84.
	tests := []struct {
		lon, lat, az, dist float64
		wantLon, wantLat   float64
	}{
		{0, 0, 45, 1000000, 6.378311855, 6.381348570},
		{144.42, -37.95, 306.868, 54972.271, 143.921633501, -37.651788806},
		{-80, 10, 90, 5000000, -34.650008422, 7.045563561},
		{179.5, 0, 90, 111319.491, -179.5, 0},
	}
	for _, tc := range tests {
		lon, lat := Destination(tc.lon, tc.lat, tc.az, tc.dist)
		if math.Abs(lon-tc.wantLon) > 1e-7 || math.Abs(lat-tc.wantLat) > 1e-7 {
			t.Errorf("Destination(%v, %v, %v, %v) = (%.9f, %.9f), want (%.9f, %.9f)",
				tc.lon, tc.lat, tc.az, tc.dist, lon, lat, tc.wantLon, tc.wantLat)
		}
	}
}

func TestDestinationInvertsDistance(t *testing.T) {
	pts := [][4]float64{{-79.9, 9.35, -66.1, 18.45}, {-46.3, -23.95, -17.4, 14.7}, {-122.4, 37.8, 139.7, 35.6}}
	for _, p := range pts {
		d := Distance(p[0], p[1], p[2], p[3])
		lon, lat := Destination(p[0], p[1], Bearing(p[0], p[1], p[2], p[3]), d)
		if miss := Distance(lon, lat, p[2], p[3]); miss > 0.001 {
			t.Errorf("%v: destination misses the target by %.4f m", p, miss)
		}
	}
}

func BenchmarkDistance(b *testing.B) {
	for b.Loop() {
		Distance(-73.7781, 40.6413, -118.4085, 33.9416)
	}
}
