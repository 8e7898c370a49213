package sqlfeature

import (
	"math"

	"github.com/twpayne/go-geom"
)

// earthRadius is the sphere radius of EPSG:3857, in metres.
const earthRadius = 6378137.0

// FromWebMercator converts g's X and Y from EPSG:3857 metres to EPSG:4326
// longitude and latitude in degrees, in place; Z and M are kept. Empty
// points (NaN coordinates) stay empty.
func FromWebMercator(g geom.T) {
	switch g := g.(type) {
	case nil:
	case *geom.GeometryCollection:
		for _, c := range g.Geoms() {
			FromWebMercator(c)
		}
	default:
		flat, stride := g.FlatCoords(), g.Stride()
		if stride < 2 {
			return
		}
		for i := 0; i+1 < len(flat); i += stride {
			flat[i], flat[i+1] = mercatorToLonLat(flat[i], flat[i+1])
		}
	}
}

func mercatorToLonLat(x, y float64) (lon, lat float64) {
	lon = x / earthRadius * 180 / math.Pi
	lat = math.Atan(math.Sinh(y/earthRadius)) * 180 / math.Pi
	return lon, lat
}
