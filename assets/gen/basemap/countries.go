package main

// countryFeatures builds one Polygon or MultiPolygon feature per country, with
// rings wound as RFC 7946 asks (world-atlas winds them the other way).
// Rings that rounding collapses to fewer than 4 positions are dropped, and so
// are polygons whose exterior ring is dropped.
func (t *topology) countryFeatures(cs []country) []geoFeature {
	var out []geoFeature
	for _, c := range cs {
		var polys [][][][2]float64
		for _, p := range c.polys {
			var rings [][][2]float64
			for j, r := range p {
				pts := t.linePoints(t.ringPoints(r))
				if len(pts) < 4 || pts[0] != pts[len(pts)-1] {
					if j == 0 {
						break
					}
					continue
				}
				// RFC 7946: exterior rings counter-clockwise, holes clockwise.
				if (shoelace(pts) > 0) != (j == 0) {
					reverse(pts)
				}
				rings = append(rings, pts)
			}
			if len(rings) > 0 {
				polys = append(polys, rings)
			}
		}
		if len(polys) == 0 {
			continue
		}
		g := geoGeometry{Type: "MultiPolygon", Coordinates: polys}
		if len(polys) == 1 {
			g = geoGeometry{Type: "Polygon", Coordinates: polys[0]}
		}
		out = append(out, geoFeature{
			Type:       "Feature",
			Properties: map[string]string{"name": c.name, "iso_n3": c.iso},
			Geometry:   g,
		})
	}
	return out
}

// shoelace returns twice the signed planar area of a closed ring (positive when
// counter-clockwise).
func shoelace(r [][2]float64) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}

func reverse(r [][2]float64) {
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
}
