package viewport

import "math"

// EarthRadius is the sphere radius of Web Mercator (EPSG:3857), in metres.
const EarthRadius = 6378137.0

// HalfWorld is half the EPSG:3857 world width (π·R), in metres: x runs over
// [-HalfWorld, HalfWorld) and so does y between ±MaxLatitude.
const HalfWorld = math.Pi * EarthRadius

// MaxLatitude is the latitude, in degrees, where Web Mercator y reaches
// ±HalfWorld (the top and bottom of the square world).
const MaxLatitude = 85.05112877980659

// TileSize is the width in pixels of the whole world at zoom 0.
const TileSize = 256.0

// Project converts a longitude and latitude in degrees to EPSG:3857 metres.
// The latitude is clamped to ±MaxLatitude; the longitude is not wrapped.
func Project(lon, lat float64) (x, y float64) {
	if lat > MaxLatitude {
		lat = MaxLatitude
	} else if lat < -MaxLatitude {
		lat = -MaxLatitude
	}
	x = lon * (math.Pi / 180) * EarthRadius
	y = math.Log(math.Tan(math.Pi/4+lat*(math.Pi/360))) * EarthRadius
	return x, y
}

// Unproject converts EPSG:3857 metres to longitude and latitude in degrees.
// The longitude is not wrapped.
func Unproject(x, y float64) (lon, lat float64) {
	lon = x / EarthRadius * (180 / math.Pi)
	lat = (2*math.Atan(math.Exp(y/EarthRadius)) - math.Pi/2) * (180 / math.Pi)
	return lon, lat
}

// WrapLon wraps a longitude in degrees into [-180, 180).
func WrapLon(lon float64) float64 {
	if lon >= -180 && lon < 180 {
		return lon
	}
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}

// wrapX wraps an EPSG:3857 x into [-HalfWorld, HalfWorld).
func wrapX(x float64) float64 {
	if x >= -HalfWorld && x < HalfWorld {
		return x
	}
	x = math.Mod(x+HalfWorld, 2*HalfWorld)
	if x < 0 {
		x += 2 * HalfWorld
	}
	return x - HalfWorld
}
