package store

import (
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
)

// checkFinite refuses a geometry holding a NaN or infinite coordinate: such
// a value cannot be indexed, drawn or written as GeoJSON, and an infinite
// one would make the layer's extent infinite. The one exception is an empty
// point (every ordinate NaN, as WKB writes it) in a Point or MultiPoint.
func checkFinite(g geom.T) error {
	switch t := g.(type) {
	case nil:
		return nil
	case *geom.GeometryCollection:
		for _, m := range t.Geoms() {
			if err := checkFinite(m); err != nil {
				return err
			}
		}
		return nil
	}
	flat, stride := g.FlatCoords(), g.Stride()
	if stride <= 0 {
		return nil
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
