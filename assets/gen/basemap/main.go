// Command basemap rebuilds Corridor's embedded basemap from Natural Earth's
// countries as TopoJSON (the npm package world-atlas@2.0.2, file
// countries-50m.json): it decodes the quantized, delta-encoded arcs and writes
//
//   - countries.geojson.gz: one feature per country (Polygon or MultiPolygon),
//     properties name and iso_n3 (the TopoJSON id: ISO 3166-1 numeric, "" for
//     the few units without one);
//   - borders.geojson.gz: the land borders, i.e. the arcs that exactly two
//     different countries share, merged into one feature per pair of
//     neighbours (LineString or MultiLineString), properties left, right,
//     left_iso_n3, right_iso_n3 (the country on each side going along the line).
//
// Coordinates are rounded to 5 decimals. The output is deterministic (gzip
// without name or time stamp), so regenerating leaves the files unchanged.
//
// Usage, from the repository root:
//
//	assets/gen/fetch-world-atlas.sh /tmp/world-atlas
//	go run ./assets/gen/basemap -in /tmp/world-atlas/package/countries-50m.json -out assets/basemap
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "", "world-atlas countries TopoJSON file (countries-50m.json)")
	out := flag.String("out", "assets/basemap", "output directory")
	flag.Parse()
	if *in == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: basemap -in countries-50m.json [-out DIR]")
		os.Exit(2)
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "basemap:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	topo, err := readTopology(in)
	if err != nil {
		return err
	}
	countries, err := topo.countries()
	if err != nil {
		return err
	}
	borders := topo.borders(countries)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeGzipGeoJSON(out+"/countries.geojson.gz", topo.countryFeatures(countries)); err != nil {
		return err
	}
	if err := writeGzipGeoJSON(out+"/borders.geojson.gz", borders); err != nil {
		return err
	}
	fmt.Printf("%d countries, %d borders\n", len(countries), len(borders))
	return nil
}
