// Package measure computes geodesic measures on the WGS84 ellipsoid: distance,
// initial bearing, destination, line length, polygon area, and linear
// referencing (the measure of the nearest point on a line, and the point at a
// measure).
//
// Coordinates are longitude, latitude in degrees (EPSG:4326); lengths are in
// metres and areas in square metres. Lines and polygons are go-geom types
// (github.com/twpayne/go-geom), the geometry model of corridor/data/feature; any
// Z or M ordinate is ignored. Flat coordinate slices with a stride are accepted
// where a caller may not have a geometry at hand (Length, RingArea).
//
// Distances and bearings use Vincenty's inverse formula, falling back to the
// haversine formula on the mean sphere for the nearly antipodal pairs where it
// does not converge; destinations use Vincenty's direct formula. Areas are
// spherical excess on the authalic sphere, with latitudes converted to authalic
// latitudes, so that areas match the ellipsoid's.
package measure
