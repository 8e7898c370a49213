package store

import (
	"fmt"
	"math"
	"reflect"

	"github.com/twpayne/go-geom"

	"corridor/data/formats/gpkg"
)

// maxDegrees bounds the coordinates a workspace stores (EPSG:4326 degrees).
// Files in the wild run past ±180 and even ±90 (lines written across the
// antimeridian as 170 to 190; GeoJSON that GDAL and the linters accept with
// latitudes of -140), so the bound is a whole turn: anything beyond it is
// not degrees at all, most often metres of a projected file read as
// degrees, and would shrink every feature of the layer to a dot in "fit
// all" or leave the map blank.
const maxDegrees = 360

// checkGeometry refuses a geometry that a workspace must not take in (by an
// import, a new feature or an edited shape; undo and redo put back what
// was there, unchecked):
//   - a NaN or infinite coordinate (it cannot be indexed, drawn or written
//     as GeoJSON, and would make the layer's extent infinite), except an
//     empty point (every ordinate NaN, as WKB writes it) in a Point or
//     MultiPoint;
//   - a longitude or latitude beyond ±maxDegrees;
//   - collections nested deeper than the workspace's reader takes;
//   - a line of one position or a ring of fewer than three positions,
//     which Corridor's GeoJSON reader refuses;
//
// so that everything a workspace holds can be read back, exported in every
// format Corridor writes, imported again and drawn.
func checkGeometry(g geom.T) error {
	return checkGeometryAt(g, 0)
}

func checkGeometryAt(g geom.T, depth int) error {
	// as the reader counts: the members of a multi-geometry a level deeper
	if depth > gpkg.MaxCollectionDepth || depth == gpkg.MaxCollectionDepth && multiMembers(g) > 0 {
		return fmt.Errorf("geometry: collections nested more than %d deep", gpkg.MaxCollectionDepth)
	}
	switch t := g.(type) {
	case nil:
		return nil
	case *geom.GeometryCollection:
		for _, m := range t.Geoms() {
			if err := checkGeometryAt(m, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	flat, stride := g.FlatCoords(), g.Stride()
	if stride < 2 {
		return nil
	}
	if err := checkParts(g, stride); err != nil {
		return err
	}
	_, isPoint := g.(*geom.Point)
	_, isMultiPoint := g.(*geom.MultiPoint)
	for i := 0; i+stride <= len(flat); i += stride {
		pos := flat[i : i+stride]
		if (isPoint || isMultiPoint) && allNaN(pos) {
			continue
		}
		for _, v := range pos {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("geometry: vertex %d has a coordinate that is not a finite number (%v)", i/stride+1, pos)
			}
		}
		for k, name := range [2]string{"longitude", "latitude"} {
			if v := pos[k]; math.Abs(v) > maxDegrees {
				return fmt.Errorf("geometry: vertex %d: %s %g is not in degrees (beyond ±%d; a projected file read without its coordinate system?)", i/stride+1, name, v, maxDegrees)
			}
		}
	}
	return nil
}

func allNaN(vs []float64) bool {
	for _, v := range vs {
		if !math.IsNaN(v) {
			return false
		}
	}
	return true
}

// checkParts refuses a line of one position and a ring of fewer than three
// positions (RFC 7946 asks four, closed; Corridor's reader takes three).
func checkParts(g geom.T, stride int) error {
	// short checks the parts that end at ends, the first starting at start
	short := func(start int, ends []int, min int, what string) error {
		for _, end := range ends {
			if n := (end - start) / stride; n < min && (n > 0 || min == 3) {
				return fmt.Errorf("geometry: %s needs at least %d positions, found %d", what, min, n)
			}
			start = end
		}
		return nil
	}
	switch t := g.(type) {
	case *geom.LineString:
		return short(0, []int{len(t.FlatCoords())}, 2, "a line")
	case *geom.MultiLineString:
		return short(0, t.Ends(), 2, "a line")
	case *geom.Polygon:
		return short(0, t.Ends(), 3, "a ring")
	case *geom.MultiPolygon:
		start := 0
		for _, ends := range t.Endss() {
			if err := short(start, ends, 3, "a ring"); err != nil {
				return err
			}
			if len(ends) > 0 {
				start = ends[len(ends)-1]
			}
		}
	}
	return nil
}

// multiMembers is the number of members of a multi-geometry, else 0.
func multiMembers(g geom.T) int {
	switch t := g.(type) {
	case *geom.MultiPoint:
		return t.NumPoints()
	case *geom.MultiLineString:
		return t.NumLineStrings()
	case *geom.MultiPolygon:
		return t.NumPolygons()
	}
	return 0
}

// sameGeometry reports whether a and b are the same shape, coordinate for
// coordinate.
func sameGeometry(a, b geom.T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return reflect.DeepEqual(a, b)
}
