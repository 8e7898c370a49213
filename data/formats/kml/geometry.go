package kml

import (
	"encoding/xml"

	"github.com/twpayne/go-geom"
)

// isGeometry reports whether local names a KML geometry element, including
// the non-conformant Multi* elements GDAL accepts and (gx:)Track/MultiTrack.
func isGeometry(local string) bool {
	switch local {
	case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry",
		"MultiPoint", "MultiLineString", "MultiPolygon", "Track", "MultiTrack":
		return true
	}
	return false
}

// parseGeometry reads the geometry element just started. It returns nil for
// an empty geometry, one whose coordinates are not numbers, a line of one
// position and a polygon whose outer ring has fewer than three (a shorter
// hole is dropped): the placemark is kept without a geometry, or without
// that part of a MultiGeometry.
func (x *xmlReader) parseGeometry(start xml.StartElement) (geom.T, error) {
	switch start.Name.Local {
	case "Point":
		flat, stride, err := x.coordinatesChild()
		if err != nil || len(flat) < stride || stride == 0 {
			return nil, err
		}
		return geom.NewPointFlat(layoutOf(stride), flat[:stride]), nil
	case "LineString", "LinearRing":
		flat, stride, err := x.coordinatesChild()
		if err != nil || len(flat) < 2*stride {
			// no line: kept without a geometry, as bad coordinates are
			return nil, err
		}
		return geom.NewLineStringFlat(layoutOf(stride), flat), nil
	case "Polygon":
		return x.parsePolygon()
	case "Track":
		return x.parseTrack()
	default: // MultiGeometry, Multi*, MultiTrack
		var parts []geom.T
		err := x.children(func(c xml.StartElement) error {
			if !isGeometry(c.Name.Local) {
				return x.skip()
			}
			g, err := x.parseGeometry(c)
			if g != nil {
				parts = append(parts, g)
			}
			return err
		})
		if err != nil || len(parts) == 0 {
			return nil, err
		}
		return collect(parts), nil
	}
}

// coordinatesChild reads the children of the element just started and
// parses its <coordinates>. stride is 0 when there are none or bad ones.
func (x *xmlReader) coordinatesChild() (flat []float64, stride int, err error) {
	bad := false
	err = x.children(func(c xml.StartElement) error {
		if c.Name.Local != "coordinates" {
			return x.skip()
		}
		s, err := x.text()
		if err != nil {
			return err
		}
		f, st, ok := parseCoordinates(s)
		if !ok {
			bad = true
		}
		flat, stride = f, st
		return nil
	})
	if bad {
		return nil, 0, err
	}
	return flat, stride, err
}

// parsePolygon reads a <Polygon> element just started: an outer ring and any
// inner rings (several LinearRings in one innerBoundaryIs are accepted).
func (x *xmlReader) parsePolygon() (geom.T, error) {
	var outer []float64
	var outerStride int
	var inners [][]float64
	var innerStrides []int
	err := x.children(func(c xml.StartElement) error {
		local := c.Name.Local
		if local != "outerBoundaryIs" && local != "innerBoundaryIs" {
			return x.skip()
		}
		return x.children(func(r xml.StartElement) error {
			if r.Name.Local != "LinearRing" {
				return x.skip()
			}
			flat, stride, err := x.coordinatesChild()
			if err != nil {
				return err
			}
			if stride == 0 || len(flat) < 3*stride {
				return nil // empty, short or bad ring: no outer ring, or the hole is dropped
			}
			if local == "outerBoundaryIs" {
				outer, outerStride = flat, stride
			} else {
				inners = append(inners, flat)
				innerStrides = append(innerStrides, stride)
			}
			return nil
		})
	})
	if err != nil || len(outer) == 0 {
		return nil, err
	}
	stride := outerStride
	for _, s := range innerStrides {
		stride = max(stride, s)
	}
	flat := toStride(outer, outerStride, stride)
	ends := []int{len(flat)}
	for i, r := range inners {
		flat = append(flat, toStride(r, innerStrides[i], stride)...)
		ends = append(ends, len(flat))
	}
	return geom.NewPolygonFlat(layoutOf(stride), flat, ends), nil
}

// parseTrack reads a (gx:)Track just started as a line through its
// gx:coord positions (a point when it has one).
func (x *xmlReader) parseTrack() (geom.T, error) {
	var coords [][3]float64
	stride := 2
	bad := false
	err := x.children(func(c xml.StartElement) error {
		if c.Name.Local != "coord" {
			return x.skip()
		}
		s, err := x.text()
		if err != nil {
			return err
		}
		v, n, ok := parseTrackCoord(s)
		if !ok {
			bad = true
			return nil
		}
		stride = max(stride, n)
		coords = append(coords, v)
		return nil
	})
	if err != nil || bad || len(coords) == 0 {
		return nil, err
	}
	flat := make([]float64, 0, len(coords)*stride)
	for _, c := range coords {
		flat = append(flat, c[:stride]...)
	}
	if len(coords) == 1 {
		return geom.NewPointFlat(layoutOf(stride), flat), nil
	}
	return geom.NewLineStringFlat(layoutOf(stride), flat), nil
}

// collect turns the parts of a MultiGeometry into a MultiPoint,
// MultiLineString or MultiPolygon when they are all of one kind (nested
// multi-geometries are flattened), else a GeometryCollection. Parts are
// brought to one layout (XYZ when any has Z).
func collect(parts []geom.T) geom.T {
	var flatParts []geom.T
	for _, p := range parts {
		flatParts = appendFlattened(flatParts, p)
	}
	stride := 2
	for _, p := range flatParts {
		stride = max(stride, p.Stride())
	}
	layout := layoutOf(stride)
	kind := ""
	for i, p := range flatParts {
		k := ""
		switch p.(type) {
		case *geom.Point:
			k = "point"
		case *geom.LineString:
			k = "line"
		case *geom.Polygon:
			k = "polygon"
		}
		if i == 0 {
			kind = k
		} else if k != kind {
			kind = ""
		}
	}
	switch kind {
	case "point":
		mp := geom.NewMultiPoint(layout)
		for _, p := range flatParts {
			_ = mp.Push(geom.NewPointFlat(layout, toStride(p.FlatCoords(), p.Stride(), stride)))
		}
		return mp
	case "line":
		ml := geom.NewMultiLineString(layout)
		for _, p := range flatParts {
			_ = ml.Push(geom.NewLineStringFlat(layout, toStride(p.FlatCoords(), p.Stride(), stride)))
		}
		return ml
	case "polygon":
		mp := geom.NewMultiPolygon(layout)
		for _, p := range flatParts {
			_ = mp.Push(restridePolygon(p.(*geom.Polygon), stride))
		}
		return mp
	}
	gc := geom.NewGeometryCollection()
	for _, p := range parts {
		_ = gc.Push(restride(p, stride))
	}
	_ = gc.SetLayout(layout)
	return gc
}

// appendFlattened appends the simple geometries of g to dst.
func appendFlattened(dst []geom.T, g geom.T) []geom.T {
	switch t := g.(type) {
	case *geom.MultiPoint:
		for i := range t.NumPoints() {
			dst = append(dst, t.Point(i))
		}
	case *geom.MultiLineString:
		for i := range t.NumLineStrings() {
			dst = append(dst, t.LineString(i))
		}
	case *geom.MultiPolygon:
		for i := range t.NumPolygons() {
			dst = append(dst, t.Polygon(i))
		}
	case *geom.GeometryCollection:
		for _, c := range t.Geoms() {
			dst = appendFlattened(dst, c)
		}
	default:
		dst = append(dst, g)
	}
	return dst
}

// restride returns g in the layout of the given stride (2 or 3).
func restride(g geom.T, stride int) geom.T {
	if g.Stride() == stride {
		return g
	}
	layout := layoutOf(stride)
	switch t := g.(type) {
	case *geom.Point:
		return geom.NewPointFlat(layout, toStride(t.FlatCoords(), t.Stride(), stride))
	case *geom.LineString:
		return geom.NewLineStringFlat(layout, toStride(t.FlatCoords(), t.Stride(), stride))
	case *geom.Polygon:
		return restridePolygon(t, stride)
	case *geom.GeometryCollection:
		gc := geom.NewGeometryCollection()
		for _, c := range t.Geoms() {
			_ = gc.Push(restride(c, stride))
		}
		_ = gc.SetLayout(layout)
		return gc
	case *geom.MultiPoint:
		return geom.NewMultiPointFlat(layout, toStride(t.FlatCoords(), t.Stride(), stride))
	case *geom.MultiLineString:
		return geom.NewMultiLineStringFlat(layout, toStride(t.FlatCoords(), t.Stride(), stride), scaleEnds(t.Ends(), t.Stride(), stride))
	case *geom.MultiPolygon:
		endss := make([][]int, len(t.Endss()))
		for i, e := range t.Endss() {
			endss[i] = scaleEnds(e, t.Stride(), stride)
		}
		return geom.NewMultiPolygonFlat(layout, toStride(t.FlatCoords(), t.Stride(), stride), endss)
	}
	return g
}

func scaleEnds(ends []int, from, to int) []int {
	out := make([]int, len(ends))
	for i, e := range ends {
		out[i] = e / from * to
	}
	return out
}

func restridePolygon(p *geom.Polygon, stride int) *geom.Polygon {
	if p.Stride() == stride {
		return p
	}
	flat := toStride(p.FlatCoords(), p.Stride(), stride)
	return geom.NewPolygonFlat(layoutOf(stride), flat, scaleEnds(p.Ends(), p.Stride(), stride))
}

// toStride converts flat coordinates from one stride to another (adding
// zero altitudes or dropping them).
func toStride(flat []float64, from, to int) []float64 {
	if from == to {
		return flat
	}
	out := make([]float64, 0, len(flat)/from*to)
	for i := 0; i+from <= len(flat); i += from {
		for k := range to {
			if k < from {
				out = append(out, flat[i+k])
			} else {
				out = append(out, 0)
			}
		}
	}
	return out
}

func layoutOf(stride int) geom.Layout {
	if stride == 3 {
		return geom.XYZ
	}
	return geom.XY
}
