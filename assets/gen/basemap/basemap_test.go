package main

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// twoSquares is a quantized topology of two unit squares, A on [0,1] and B on
// [1,2] in x, sharing the edge x=1; rings wind clockwise as in world-atlas.
// Arc 0 is the shared edge, from (1,1) down to (1,0) (quantized units are
// half degrees from (-10, 20)).
const twoSquares = `{"type":"Topology",
 "transform":{"scale":[0.5,0.5],"translate":[-10,20]},
 "objects":{"countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","arcs":[[0,1]],"id":"001","properties":{"name":"A"}},
  {"type":"MultiPolygon","arcs":[[[2,-1]]],"id":"002","properties":{"name":"B"}},
  {"type":null,"id":"003","properties":{"name":"Nothing"}}]}},
 "arcs":[[[2,2],[0,-2]],[[2,0],[-2,0],[0,2],[2,0]],[[2,2],[2,0],[0,-2],[-2,0]]]}`

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "topo.json")
	if err := os.WriteFile(in, []byte(twoSquares), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(in, dir); err != nil {
		t.Fatal(err)
	}
	countries := readOut(t, filepath.Join(dir, "countries.geojson.gz"))
	if len(countries) != 2 {
		t.Fatalf("got %d countries, want 2", len(countries))
	}
	a := countries[0]
	if a.Properties["name"] != "A" || a.Properties["iso_n3"] != "001" || a.Geometry.Type != "Polygon" {
		t.Errorf("country A decoded as %+v", a)
	}
	// Delta decoding and transform: A's clockwise ring (-9,21) (-9,20) (-10,20)
	// (-10,21) is rewound counter-clockwise.
	var ring [][][2]float64
	if err := json.Unmarshal(a.Geometry.Coordinates, &ring); err != nil {
		t.Fatal(err)
	}
	want := [][2]float64{{-9, 21}, {-10, 21}, {-10, 20}, {-9, 20}, {-9, 21}}
	if len(ring) != 1 || len(ring[0]) != len(want) {
		t.Fatalf("ring %v, want %v", ring, want)
	}
	for i := range want {
		if ring[0][i] != want[i] {
			t.Fatalf("ring %v, want %v", ring[0], want)
		}
	}
	if countries[1].Geometry.Type != "Polygon" {
		t.Errorf("single-polygon MultiPolygon written as %s", countries[1].Geometry.Type)
	}

	borders := readOut(t, filepath.Join(dir, "borders.geojson.gz"))
	if len(borders) != 1 {
		t.Fatalf("got %d borders, want 1", len(borders))
	}
	b := borders[0]
	if b.Properties["left"] != "A" || b.Properties["right"] != "B" || b.Properties["left_iso_n3"] != "001" {
		t.Errorf("border properties %v", b.Properties)
	}
	var line [][2]float64
	if err := json.Unmarshal(b.Geometry.Coordinates, &line); err != nil {
		t.Fatal(err)
	}
	// A (x < -9) is on the left going along the line: it must run north.
	if len(line) != 2 || line[0] != [2]float64{-9, 20} || line[1] != [2]float64{-9, 21} {
		t.Errorf("border line %v, want [-9 20] to [-9 21]", line)
	}
}

func TestChainLines(t *testing.T) {
	lines := [][][2]int64{
		{{2, 0}, {3, 0}},
		{{0, 0}, {1, 0}},
		{{1, 0}, {2, 0}},
		{{5, 5}, {6, 6}},
	}
	got := chainLines(lines)
	if len(got) != 2 || len(got[0]) != 4 || got[0][0] != [2]int64{0, 0} || got[0][3] != [2]int64{3, 0} {
		t.Errorf("chainLines = %v", got)
	}
}

type outFeature struct {
	Properties map[string]string `json:"properties"`
	Geometry   struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

func readOut(t *testing.T, path string) []outFeature {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []outFeature `json:"features"`
	}
	if err := json.NewDecoder(zr).Decode(&fc); err != nil {
		t.Fatal(err)
	}
	return fc.Features
}
