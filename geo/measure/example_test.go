package measure_test

import (
	"fmt"

	"github.com/twpayne/go-geom"

	"corridor/geo/measure"
)

func ExampleDistance() {
	// JFK to LAX.
	d := measure.Distance(-73.7781, 40.6413, -118.4085, 33.9416)
	fmt.Printf("%.1f km, initial bearing %.1f°\n", d/1000, measure.Bearing(-73.7781, 40.6413, -118.4085, 33.9416))
	// Output: 3983.1 km, initial bearing 273.9°
}

func ExampleArea() {
	box := geom.NewPolygonFlat(geom.XY, []float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}, []int{10})
	fmt.Printf("%.0f km²\n", measure.Area(box)/1e6)
	// Output: 12309 km²
}

func ExampleLocate() {
	route := geom.NewLineStringFlat(geom.XY, []float64{-77.2, 3.8, -79.5, 4.5, -82.0, 6.5})
	// An interdiction 120 km along the route...
	lon, lat := measure.PointAt(route, 120000)
	// ...is found again at that measure.
	m, d := measure.Locate(route, lon, lat)
	fmt.Printf("measure %.0f m, %.0f m off the route\n", m, d)
	// Output: measure 120000 m, 0 m off the route
}
