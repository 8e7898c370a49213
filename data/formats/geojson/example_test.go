package geojson_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/geojson"
)

func ExampleDecode() {
	doc := `{"type": "FeatureCollection", "name": "routes", "features": [
  {"type": "Feature", "id": 7, "properties": {"name": "Route A", "releasable_to": "GBR,USA"},
   "geometry": {"type": "LineString", "coordinates": [[-80, 0], [-79.5, 0.5, 12]]}}]}`
	err := geojson.Decode(context.Background(), strings.NewReader(doc), "routes.geojson",
		func(layer *formats.Layer, f *feature.Feature) error {
			fmt.Println(layer.Name, f.Name, f.ReleasableTo, f.Properties["id"], f.Geometry.FlatCoords())
			return nil
		})
	fmt.Println(err)
	// Output:
	// routes Route A [GBR USA] 7 [-80 0 0 -79.5 0.5 12]
	// <nil>
}

func ExampleDecode_error() {
	doc := "{\"type\": \"LineString\",\n \"coordinates\": [[1, 2]]}"
	err := geojson.Decode(context.Background(), strings.NewReader(doc), "routes.geojson",
		func(*formats.Layer, *feature.Feature) error { return nil })
	fmt.Println(err)
	// Output: routes.geojson: line 2, column 17: LineString needs at least 2 positions, found 1
}

func ExampleWrite() {
	f := &feature.Feature{
		UUID:     "0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e01",
		Name:     "Callao",
		Geometry: geom.NewPointFlat(geom.XY, []float64{-77.142857142, -12.0464}),
	}
	layer := formats.LayerData{
		Layer: formats.Layer{Name: "ports"},
		Features: func(fn func(*feature.Feature) error) error {
			return fn(f)
		},
	}
	if err := geojson.Write(context.Background(), os.Stdout, layer); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"type":"FeatureCollection","name":"ports","features":[
	// {"type":"Feature","id":"0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e01","properties":{"uuid":"0b7c6a52-5c1e-4f0e-9a57-2f1d3c6b9e01","name":"Callao"},"geometry":{"type":"Point","coordinates":[-77.1428571,-12.0464]}}
	// ]}
}
