// Command demo writes the demo workspace's interdictions,
// assets/demo/interdictions.geojson, from its routes (assets/demo/routes.geojson):
// each event of the table below names a route and a fraction of its length,
// and its point is computed with measure.PointAt, so that every interdiction
// lies on its route at its measure_m. All of it is illustrative.
//
// Usage, from the repository root:
//
//	go run ./assets/gen/demo -routes assets/demo/routes.geojson -out assets/demo/interdictions.geojson
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"

	"github.com/google/uuid"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"

	"corridor/geo/measure"
)

// namespace must equal assets.Namespace (the assets tests check the UUIDs).
var namespace = uuid.MustParse("5b0e4c1e-6f7a-4d3b-9c55-2f1d0c8e7a61")

// event is one illustrative interdiction.
type event struct {
	route      string  // the route's route_key
	frac       float64 // position along the route, 0..1
	at         string  // RFC 3339
	typ        string  // seizure, arrest, vessel stop, aircraft interdiction
	commodity  string
	quantity   float64
	unit       string
	agency     string
	notes      string
	releasable []string
}

var events = []event{
	{"pacific-central-america", 0.08, "2024-11-14T04:20:00Z", "seizure", "cocaine", 1250, "kg", "Colombian Navy", "Go-fast boat abandoned after a chase; three bales recovered from the water.", []string{"USA", "COL"}},
	{"pacific-galapagos-mexico", 0.31, "2024-12-09T22:45:00Z", "vessel stop", "fuel", 4800, "l", "Ecuadorian Navy", "Fishing vessel carrying fuel drums far beyond its needs; crew questioned.", []string{"USA", "ECU"}},
	{"caribbean-hispaniola", 0.55, "2025-01-18T02:10:00Z", "seizure", "cocaine", 860, "kg", "US Coast Guard", "Twin-engine go-fast stopped by a helicopter's warning shots.", []string{"USA", "COL", "DOM"}},
	{"central-america-land", 0.12, "2025-02-03T15:30:00Z", "seizure", "cocaine", 420, "kg", "Panamanian National Police", "Hidden compartment in a refrigerated truck at a highway checkpoint.", []string{"USA", "PAN"}},
	{"atlantic-europe", 0.04, "2025-02-27T09:00:00Z", "seizure", "cocaine", 2100, "kg", "Brazilian Federal Police", "Found in containers of frozen chicken bound for Europe.", []string{"USA", "BRA"}},
	{"pacific-central-america", 0.46, "2025-03-21T11:40:00Z", "vessel stop", "cocaine", 3000, "kg", "US Coast Guard", "Semi-submersible intercepted; four crew detained.", []string{"USA", "COL", "ECU"}},
	{"sonora-nogales", 0.93, "2025-04-10T19:05:00Z", "seizure", "fentanyl", 35, "kg", "US Customs and Border Protection", "Pills hidden in a passenger car's fuel tank at the port of entry.", []string{"USA", "MEX"}},
	{"air-apure-mosquitia", 0.97, "2025-05-02T06:50:00Z", "aircraft interdiction", "cocaine", 1400, "kg", "Honduran Air Force", "Twin-engine aircraft landed on a clandestine strip and was burned by its crew.", []string{"USA", "HND"}},
	{"andes-brazil", 0.28, "2025-05-24T13:15:00Z", "arrest", "persons", 3, "persons", "Bolivian Special Force to Fight Drug Trafficking (FELCN)", "Three drivers arrested after a chase near the border.", []string{"USA"}},
	{"caribbean-puerto-rico", 0.72, "2025-06-15T01:30:00Z", "seizure", "cocaine", 540, "kg", "US Coast Guard", "Bales thrown overboard recovered by a cutter's boat.", []string{"USA", "DOM"}},
	{"peten-land", 0.57, "2025-07-07T17:20:00Z", "seizure", "cocaine", 780, "kg", "Guatemalan National Civil Police", "Pickup trucks stopped on a dirt road through Petén.", []string{"USA", "GTM"}},
	{"pacific-galapagos-mexico", 0.82, "2025-07-29T03:00:00Z", "seizure", "cocaine", 2600, "kg", "Mexican Navy", "Fishing vessel boarded off Guerrero.", []string{"USA", "MEX"}},
	{"monterrey-laredo", 0.41, "2025-08-19T21:35:00Z", "seizure", "methamphetamine", 310, "kg", "US Customs and Border Protection", "Tractor-trailer carrying produce; drugs found by X-ray at the bridge.", []string{"USA", "MEX", "CAN"}},
	{"atlantic-europe", 0.49, "2025-09-08T12:00:00Z", "vessel stop", "cocaine", 3800, "kg", "Cape Verde Coast Guard", "Sailing yacht boarded on the Atlantic crossing.", []string{"USA", "BRA", "ESP"}},
	{"central-america-land", 0.63, "2025-09-30T08:45:00Z", "arrest", "persons", 5, "persons", "Honduran National Police", "Smuggling cell arrested at a border town.", []string{"USA", "HND"}},
	{"caribbean-hispaniola", 0.9, "2025-10-22T23:10:00Z", "seizure", "cocaine", 1100, "kg", "Dominican Navy", "Go-fast intercepted off the southern coast.", []string{"USA", "DOM"}},
	{"andes-brazil", 0.74, "2025-11-13T10:25:00Z", "seizure", "cocaine paste", 640, "kg", "Brazilian Federal Highway Police", "Hidden in a load of soybeans.", []string{"USA", "BRA"}},
	{"pacific-central-america", 0.77, "2025-12-05T05:55:00Z", "seizure", "cocaine", 1900, "kg", "Guatemalan Navy", "Go-fast boat stopped 60 nautical miles offshore.", []string{"USA", "GTM"}},
	{"air-apure-mosquitia", 0.35, "2026-01-16T02:40:00Z", "aircraft interdiction", "cocaine", 900, "kg", "Colombian Air Force", "Light aircraft tracked by radar and forced to land.", []string{"USA", "COL"}},
	{"atlantic-europe", 0.97, "2026-02-06T07:30:00Z", "seizure", "cocaine", 4500, "kg", "Spanish Customs Surveillance Service", "Bulk carrier boarded in the Gulf of Cádiz.", []string{"USA", "ESP", "GBR"}},
	{"sonora-nogales", 0.35, "2026-03-02T16:00:00Z", "arrest", "persons", 2, "persons", "Mexican National Guard", "Couriers detained at a highway checkpoint in Sonora.", []string{"MEX"}},
	{"caribbean-puerto-rico", 0.25, "2026-04-11T00:20:00Z", "vessel stop", "fuel", 2200, "l", "US Coast Guard", "Logistics boat carrying fuel for go-fasts.", []string{"USA"}},
	{"pacific-galapagos-mexico", 0.55, "2026-05-20T14:10:00Z", "vessel stop", "cocaine", 1700, "kg", "US Coast Guard", "Low-profile vessel intercepted; crew rescued as it sank.", []string{"USA", "ECU", "MEX"}},
	{"peten-land", 0.88, "2026-06-28T20:30:00Z", "seizure", "cash", 1250000, "USD", "Mexican National Guard", "Bulk cash found southbound near the border.", []string{"USA", "MEX"}},
	{"central-america-land", 0.88, "2026-08-04T09:50:00Z", "seizure", "cocaine", 360, "kg", "Guatemalan National Civil Police", "Bus with hidden compartments at the Tecún Umán crossing.", []string{"USA", "GTM", "MEX"}},
	{"caribbean-hispaniola", 0.22, "2026-09-17T03:35:00Z", "arrest", "persons", 4, "persons", "Colombian Navy", "Crew of a go-fast arrested off La Guajira.", []string{"USA", "COL"}},
	{"monterrey-laredo", 0.74, "2026-10-23T18:15:00Z", "seizure", "fentanyl", 12, "kg", "US Customs and Border Protection", "Powder in the spare tyre of a passenger car.", []string{"USA"}},
}

func main() {
	routesPath := flag.String("routes", "assets/demo/routes.geojson", "routes GeoJSON (input)")
	out := flag.String("out", "assets/demo/interdictions.geojson", "interdictions GeoJSON (output)")
	flag.Parse()
	if err := run(*routesPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

type route struct {
	uuid, name string
	line       *geom.LineString
}

func run(routesPath, out string) error {
	b, err := os.ReadFile(routesPath)
	if err != nil {
		return err
	}
	var fc geojson.FeatureCollection
	if err := json.Unmarshal(b, &fc); err != nil {
		return fmt.Errorf("%s: %w", routesPath, err)
	}
	routes := map[string]route{}
	for _, f := range fc.Features {
		key, _ := f.Properties["route_key"].(string)
		name, _ := f.Properties["name"].(string)
		line, ok := f.Geometry.(*geom.LineString)
		if !ok || key == "" {
			return fmt.Errorf("%s: feature %s: want a LineString with a route_key", routesPath, f.ID)
		}
		routes[key] = route{f.ID, name, line}
	}
	var buf bytes.Buffer
	buf.WriteString("{\"type\":\"FeatureCollection\",\"features\":[\n")
	for i, e := range events {
		r, ok := routes[e.route]
		if !ok {
			return fmt.Errorf("event %d: no route %q", i, e.route)
		}
		m := math.Round(e.frac*measure.LineLength(r.line)*10) / 10
		lon, lat := measure.PointAt(r.line, m)
		feat := outFeature{
			Type: "Feature",
			ID:   uuid.NewSHA1(namespace, []byte(fmt.Sprintf("interdiction:%02d", i+1))).String(),
			Properties: map[string]any{
				"name":           fmt.Sprintf("%s, %s (%s)", capitalize(e.typ), e.agency, e.at[:10]),
				"classification": "UNCLASSIFIED",
				"releasable_to":  e.releasable,
				"author":         "Corridor demo",
				"route_uuid":     r.uuid,
				"route_name":     r.name,
				"measure_m":      m,
				"occurred_at":    e.at,
				"type":           e.typ,
				"commodity":      e.commodity,
				"quantity":       e.quantity,
				"unit":           e.unit,
				"agency":         e.agency,
				"notes":          e.notes + " Illustrative; not intelligence.",
				"illustrative":   true,
			},
			Geometry: outPoint{Type: "Point", Coordinates: [2]float64{round(lon, 6), round(lat, 6)}},
		}
		line, err := json.Marshal(feat)
		if err != nil {
			return err
		}
		buf.Write(line)
		if i < len(events)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// outFeature keeps GeoJSON's usual member order in the output.
type outFeature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Properties map[string]any `json:"properties"`
	Geometry   outPoint       `json:"geometry"`
}

type outPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
