package main

import "sort"

// use is one country's use of an arc: the country index and whether its ring
// runs the arc backwards.
type use struct {
	country  int
	reversed bool
}

// borders returns the land borders: the arcs shared by exactly two different
// countries, oriented so that the first country of the pair (in input order)
// is on the left, and chained where one arc ends where the next begins.
//
// world-atlas rings wind clockwise (d3's spherical convention), so a country
// lies to the right of the arcs its rings run forwards and to the left of those
// they run backwards.
func (t *topology) borders(cs []country) []geoFeature {
	uses := make([][]use, len(t.decoded))
	for ci, c := range cs {
		for _, p := range c.polys {
			for _, r := range p {
				for _, ref := range r {
					i, rev := arcIndex(ref)
					uses[i] = append(uses[i], use{ci, rev})
				}
			}
		}
	}
	type pair struct{ left, right int }
	arcsOf := map[pair][][][2]int64{}
	var pairs []pair
	for i, us := range uses {
		distinct := map[int]use{}
		for _, u := range us {
			distinct[u.country] = u
		}
		if len(distinct) != 2 {
			continue
		}
		a, b := us[0], us[0]
		for _, u := range distinct {
			if u.country < a.country {
				a = u
			}
			if u.country > b.country {
				b = u
			}
		}
		// Orient so that country a is on the left: a's ring runs it backwards.
		pts := append([][2]int64(nil), t.decoded[i]...)
		if !a.reversed {
			for l, r := 0, len(pts)-1; l < r; l, r = l+1, r-1 {
				pts[l], pts[r] = pts[r], pts[l]
			}
		}
		k := pair{a.country, b.country}
		if _, ok := arcsOf[k]; !ok {
			pairs = append(pairs, k)
		}
		arcsOf[k] = append(arcsOf[k], pts)
	}
	sort.Slice(pairs, func(i, j int) bool {
		pi, pj := pairs[i], pairs[j]
		if cs[pi.left].name != cs[pj.left].name {
			return cs[pi.left].name < cs[pj.left].name
		}
		return cs[pi.right].name < cs[pj.right].name
	})
	var out []geoFeature
	for _, k := range pairs {
		var lines [][][2]float64
		for _, chain := range chainLines(arcsOf[k]) {
			if pts := t.linePoints(chain); len(pts) >= 2 {
				lines = append(lines, pts)
			}
		}
		if len(lines) == 0 {
			continue
		}
		g := geoGeometry{Type: "MultiLineString", Coordinates: lines}
		if len(lines) == 1 {
			g = geoGeometry{Type: "LineString", Coordinates: lines[0]}
		}
		l, r := cs[k.left], cs[k.right]
		out = append(out, geoFeature{
			Type: "Feature",
			Properties: map[string]string{
				"left": l.name, "right": r.name, "left_iso_n3": l.iso, "right_iso_n3": r.iso,
			},
			Geometry: g,
		})
	}
	return out
}

// chainLines joins lines end to start where one ends exactly where another
// begins, keeping the input order of the chains' first lines.
func chainLines(lines [][][2]int64) [][][2]int64 {
	used := make([]bool, len(lines))
	var out [][][2]int64
	for i := range lines {
		if used[i] {
			continue
		}
		used[i] = true
		chain := append([][2]int64(nil), lines[i]...)
		for grown := true; grown; {
			grown = false
			for j := range lines {
				if used[j] {
					continue
				}
				switch {
				case lines[j][0] == chain[len(chain)-1]:
					chain = append(chain, lines[j][1:]...)
				case lines[j][len(lines[j])-1] == chain[0]:
					chain = append(append([][2]int64(nil), lines[j]...), chain[1:]...)
				default:
					continue
				}
				used[j] = true
				grown = true
			}
		}
		out = append(out, chain)
	}
	return out
}
