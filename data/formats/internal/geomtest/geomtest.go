// Package geomtest compares geometries in tests of the GeoPackage and
// SpatiaLite readers.
package geomtest

import (
	"fmt"
	"math"
	"reflect"

	"github.com/twpayne/go-geom"
)

// Diff describes the first difference between got and want, or returns "".
// Types, layouts and ring/part structure must match exactly; coordinates may
// differ by tol.
func Diff(got, want geom.T, tol float64) string {
	if got == nil || want == nil {
		if got == nil && want == nil {
			return ""
		}
		return fmt.Sprintf("got %T, want %T", got, want)
	}
	if reflect.TypeOf(got) != reflect.TypeOf(want) {
		return fmt.Sprintf("got a %T, want a %T", got, want)
	}
	if got.Layout() != want.Layout() {
		return fmt.Sprintf("got layout %v, want %v", got.Layout(), want.Layout())
	}
	if gc, ok := got.(*geom.GeometryCollection); ok {
		wc := want.(*geom.GeometryCollection)
		if gc.NumGeoms() != wc.NumGeoms() {
			return fmt.Sprintf("got %d members, want %d", gc.NumGeoms(), wc.NumGeoms())
		}
		for i := range gc.NumGeoms() {
			if d := Diff(gc.Geom(i), wc.Geom(i), tol); d != "" {
				return fmt.Sprintf("member %d: %s", i+1, d)
			}
		}
		return ""
	}
	if !reflect.DeepEqual(got.Ends(), want.Ends()) && len(got.Ends())+len(want.Ends()) > 0 {
		if _, mp := got.(*geom.MultiPoint); !mp {
			return fmt.Sprintf("got ends %v, want %v", got.Ends(), want.Ends())
		}
	}
	if !reflect.DeepEqual(got.Endss(), want.Endss()) && len(got.Endss())+len(want.Endss()) > 0 {
		return fmt.Sprintf("got endss %v, want %v", got.Endss(), want.Endss())
	}
	g, w := got.FlatCoords(), want.FlatCoords()
	if len(g) != len(w) {
		return fmt.Sprintf("got %d coordinates, want %d", len(g), len(w))
	}
	for i := range g {
		if math.Abs(g[i]-w[i]) > tol || math.IsNaN(g[i]) != math.IsNaN(w[i]) {
			return fmt.Sprintf("coordinate %d: got %v, want %v (tolerance %g)", i, g[i], w[i], tol)
		}
	}
	return ""
}
