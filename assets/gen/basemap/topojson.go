package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// topology is the part of a TopoJSON file that the generator reads.
type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Type       string `json:"type"`
		Geometries []struct {
			Type       string          `json:"type"`
			ID         string          `json:"id"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]int64 `json:"arcs"`

	// decoded holds each arc's absolute quantized positions.
	decoded [][][2]int64
}

// country is one decoded country: polygons of rings of arc references.
type country struct {
	name, iso string
	// polys[i][j] is ring j of polygon i, as arc indexes (~k for arc k reversed).
	polys [][][]int
}

func readTopology(path string) (*topology, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if t.Type != "Topology" || t.Transform == nil {
		return nil, fmt.Errorf("%s: not a quantized TopoJSON topology", path)
	}
	// Delta decoding: each position after the first is relative to the one before.
	t.decoded = make([][][2]int64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y int64
		pts := make([][2]int64, len(arc))
		for j, d := range arc {
			x += d[0]
			y += d[1]
			pts[j] = [2]int64{x, y}
		}
		t.decoded[i] = pts
	}
	return &t, nil
}

// countries reads the "countries" object.
func (t *topology) countries() ([]country, error) {
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("no countries object")
	}
	var out []country
	for _, g := range obj.Geometries {
		c := country{name: g.Properties.Name, iso: g.ID}
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
			c.polys = [][][]int{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &c.polys); err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
		default:
			continue // null geometries carry no shape
		}
		out = append(out, c)
	}
	return out, nil
}

// arcIndex returns the arc index of a reference and whether it is reversed.
func arcIndex(ref int) (int, bool) {
	if ref < 0 {
		return ^ref, true
	}
	return ref, false
}

// ringPoints joins a ring's arcs into quantized positions, dropping the first
// position of every arc after the first (it repeats the previous arc's last).
func (t *topology) ringPoints(ring []int) [][2]int64 {
	var pts [][2]int64
	for k, ref := range ring {
		i, rev := arcIndex(ref)
		arc := t.decoded[i]
		seg := make([][2]int64, len(arc))
		for j := range arc {
			if rev {
				seg[j] = arc[len(arc)-1-j]
			} else {
				seg[j] = arc[j]
			}
		}
		if k > 0 {
			seg = seg[1:]
		}
		pts = append(pts, seg...)
	}
	return pts
}

// lonLat converts a quantized position to longitude, latitude rounded to 5 decimals.
func (t *topology) lonLat(p [2]int64) [2]float64 {
	return [2]float64{
		round5(float64(p[0])*t.Transform.Scale[0] + t.Transform.Translate[0]),
		round5(float64(p[1])*t.Transform.Scale[1] + t.Transform.Translate[1]),
	}
}
