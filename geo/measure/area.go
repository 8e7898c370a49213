package measure

import (
	"math"

	"github.com/twpayne/go-geom"
)

// Authalic sphere of WGS84: the sphere of the ellipsoid's surface area.
var (
	ecc       = math.Sqrt(Flattening * (2 - Flattening))
	qPole     = authalicQ(1)
	authalicR = SemiMajorAxis * math.Sqrt(qPole/2)
)

// AuthalicRadius returns the radius in metres of the sphere with the WGS84
// ellipsoid's surface area (about 6371007.18 m).
func AuthalicRadius() float64 { return authalicR }

// Area returns the geodesic area in square metres of a polygon: its exterior
// ring's area less its holes'. Rings may wind either way; edges are taken as
// geodesics (great circles on the authalic sphere). It is 0 for nil.
func Area(p *geom.Polygon) float64 {
	if p == nil || p.NumLinearRings() == 0 {
		return 0
	}
	flat, stride := p.FlatCoords(), p.Stride()
	start := 0
	total := 0.0
	for i, end := range p.Ends() {
		a := math.Abs(RingArea(flat[start:end], stride))
		if i == 0 {
			total = a
		} else {
			total -= a
		}
		start = end
	}
	return math.Max(total, 0)
}

// MultiPolygonArea returns the sum of the areas of a multipolygon's polygons.
func MultiPolygonArea(mp *geom.MultiPolygon) float64 {
	if mp == nil {
		return 0
	}
	total := 0.0
	for i := 0; i < mp.NumPolygons(); i++ {
		total += Area(mp.Polygon(i))
	}
	return total
}

// RingArea returns the signed area in square metres enclosed by a ring given
// as flat coordinates (lon, lat first in each group of stride values; closed or
// not): positive when counter-clockwise (seen with north up), negative when
// clockwise. It is the spherical excess on the authalic sphere, summing for each
// edge the exact excess of the quadrilateral it forms with the equator. Edges
// take the short way in longitude (across the antimeridian when shorter); a
// ring that encircles a pole is taken to enclose it.
func RingArea(flatCoords []float64, stride int) float64 {
	if stride < 2 {
		return 0
	}
	n := len(flatCoords) / stride
	if n < 3 {
		return 0
	}
	excess, turn := 0.0, 0.0
	for i := 0; i < n; i++ {
		j := (i + 1) % n
		lon1, lat1 := flatCoords[i*stride], flatCoords[i*stride+1]
		lon2, lat2 := flatCoords[j*stride], flatCoords[j*stride+1]
		dl := (lon2 - lon1) * deg
		// Take the short way round across the antimeridian.
		if dl > math.Pi {
			dl -= 2 * math.Pi
		} else if dl < -math.Pi {
			dl += 2 * math.Pi
		}
		turn += dl
		t1 := math.Tan(authalicLat(lat1) / 2)
		t2 := math.Tan(authalicLat(lat2) / 2)
		excess -= 2 * math.Atan2(math.Tan(dl/2)*(t1+t2), 1+t1*t2)
	}
	// excess is now the signed area between the ring and the equator. A ring
	// whose longitudes wind once round the globe encircles a pole: its polygon
	// is the cap on the pole's side, the hemisphere less that band.
	if math.Abs(turn) > math.Pi {
		excess = math.Copysign(2*math.Pi-math.Abs(excess), excess)
	}
	return excess * authalicR * authalicR
}

// authalicQ is q(φ) of the authalic latitude, given sin φ.
func authalicQ(sinPhi float64) float64 {
	e2 := ecc * ecc
	es := ecc * sinPhi
	return (1 - e2) * (sinPhi/(1-es*es) - 1/(2*ecc)*math.Log((1-es)/(1+es)))
}

// authalicLat converts a geodetic latitude in degrees to the authalic latitude
// in radians.
func authalicLat(latDeg float64) float64 {
	r := authalicQ(math.Sin(latDeg*deg)) / qPole
	return math.Asin(math.Max(-1, math.Min(1, r)))
}
