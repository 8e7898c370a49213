package geojson

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"

	"corridor/data/formats"
)

// crsKind is a coordinate reference system the reader accepts.
type crsKind uint8

const (
	crsWGS84    crsKind = iota // EPSG:4326 / OGC CRS84: longitude, latitude
	crsMercator                // EPSG:3857 (alias 900913, 102100, ...): reprojected
)

// parseCRS interprets a legacy (GeoJSON 2008) crs member, decoded as a
// generic value: {"type": "name", "properties": {"name": "EPSG:3857"}} or
// the older {"type": "EPSG", "properties": {"code": 3857}}. A null crs is
// taken as WGS 84. Any other CRS is refused with formats.ErrUnsupportedCRS.
func parseCRS(v any) (crsKind, error) {
	if v == nil {
		return crsWGS84, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return 0, fmt.Errorf("crs member must be an object")
	}
	props, _ := m["properties"].(map[string]any)
	typ, _ := m["type"].(string)
	switch strings.ToLower(typ) {
	case "name":
		name, ok := props["name"].(string)
		if !ok {
			return 0, fmt.Errorf("crs member of type name has no properties.name string")
		}
		return crsNamed(name)
	case "epsg":
		switch code := props["code"].(type) {
		case int64:
			return crsNamed("EPSG:" + strconv.FormatInt(code, 10))
		case float64:
			return crsNamed("EPSG:" + strconv.FormatFloat(code, 'f', -1, 64))
		case string:
			return crsNamed("EPSG:" + code)
		}
		return 0, fmt.Errorf("crs member of type EPSG has no properties.code")
	}
	return 0, fmt.Errorf("%w: crs of type %q (only named CRSs are understood)", formats.ErrUnsupportedCRS, typ)
}

// crsNamed recognises the names GDAL, QGIS and others write for WGS 84 and
// Web Mercator: "urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326",
// "urn:ogc:def:crs:EPSG::3857", "http://www.opengis.net/def/crs/EPSG/0/4326".
func crsNamed(name string) (crsKind, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	code := n
	if i := strings.LastIndexAny(n, ":/"); i >= 0 {
		code = n[i+1:]
	}
	switch code {
	case "crs84", "wgs84":
		return crsWGS84, nil
	case "84":
		if strings.Contains(n, "crs") {
			return crsWGS84, nil // CRS:84, urn:ogc:def:crs:OGC:2:84
		}
	case "4326":
		if strings.Contains(n, "epsg") {
			return crsWGS84, nil
		}
	case "3857", "900913", "102100", "102113", "3785":
		if strings.Contains(n, "epsg") || strings.Contains(n, "esri") || code == "900913" {
			return crsMercator, nil
		}
	}
	return 0, fmt.Errorf("%w: %s (only EPSG:4326/CRS84 and EPSG:3857 are supported; reproject with ogr2ogr -t_srs EPSG:4326)", formats.ErrUnsupportedCRS, name)
}

// unprojectTree reprojects every coordinate of g (nil is fine) from Web
// Mercator in place.
func unprojectTree(g geom.T) {
	switch t := g.(type) {
	case nil:
	case *geom.GeometryCollection:
		for _, m := range t.Geoms() {
			unprojectTree(m)
		}
	default:
		unproject(g.FlatCoords(), g.Stride())
	}
}

// earthRadius is the sphere radius of Web Mercator, in metres.
const earthRadius = 6378137.0

// unproject turns Web Mercator x, y (metres) in flat, of the given stride,
// into longitude and latitude in place.
func unproject(flat []float64, stride int) {
	for i := 0; i+1 < len(flat); i += stride {
		flat[i] = flat[i] / earthRadius * (180 / math.Pi)
		flat[i+1] = (2*math.Atan(math.Exp(flat[i+1]/earthRadius)) - math.Pi/2) * (180 / math.Pi)
	}
}
