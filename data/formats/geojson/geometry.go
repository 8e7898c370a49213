package geojson

import (
	"errors"
	"slices"

	"github.com/twpayne/go-geom"
)

// maxGeomDepth bounds GeometryCollection nesting.
const maxGeomDepth = 32

// errNoCoords marks a geometry without coordinates (or geometries): GDAL
// reads it as a null geometry inside a feature.
var errNoCoords = errors.New("no coordinates")

// geomObj collects the members of a geometry object, which may come in any
// order: coordinates met before the type are captured and parsed at the end.
type geomObj struct {
	kind      geomKind
	typeSeen  bool
	start     int64 // absolute offset of the object
	g         geom.T
	hasCoords bool
	raw       []byte // coordinates captured before the type was known
	rawAbs    int64
	rawLine   int
	rawCol    int
	children  []geom.T
	hasGeoms  bool
}

// geomType reads a geometry object's type member.
func (p *parser) geomType(o *geomObj) error {
	s := p.s
	b, err := s.peek()
	if err != nil {
		return err
	}
	at := s.setMark(markValue)
	if o.typeSeen {
		return s.errAbs(at, "duplicate \"type\" member")
	}
	if b != '"' {
		return s.errAbs(at, "geometry \"type\" must be a string, found %s", describe(b))
	}
	t, err := s.str()
	if err != nil {
		return err
	}
	o.kind = geomKindOf(t)
	if o.kind == kindNone {
		return s.errAbs(at, "unknown geometry type %q", t)
	}
	o.typeSeen = true
	return nil
}

// geomMember handles the coordinates, geometries and bbox members of a
// geometry object, reporting false for any other member.
func (p *parser) geomMember(o *geomObj, key []byte, depth int) (bool, error) {
	s := p.s
	switch string(key) {
	case "coordinates":
		b, err := s.peek()
		if err != nil {
			return true, err
		}
		switch {
		case b == 'n':
			o.hasCoords = false
			return true, s.literal("null")
		case o.kind == kindNone:
			o.raw, o.rawAbs, o.rawLine, o.rawCol, err = s.capture()
			return true, err
		case o.kind == kindCollection:
			return true, s.skipValue(depth)
		}
		if err := p.coordinates(o.kind); err != nil {
			return true, err
		}
		o.g, o.hasCoords = p.build(), true
		return true, nil
	case "geometries":
		if o.kind != kindNone && o.kind != kindCollection {
			return true, s.skipValue(depth)
		}
		b, err := s.peek()
		if err != nil {
			return true, err
		}
		if b == 'n' {
			o.hasGeoms = false
			return true, s.literal("null")
		}
		if b != '[' {
			return true, s.errAt(s.pos, "GeometryCollection \"geometries\" must be an array, found %s", describe(b))
		}
		s.pos++
		o.children, o.hasGeoms = o.children[:0], true
		more, err := s.first(']')
		for more && err == nil {
			var g geom.T
			if g, err = p.geometryValue(depth + 1); err != nil {
				return true, err
			}
			if g != nil {
				o.children = append(o.children, g)
			}
			more, err = s.more(']')
		}
		return true, err
	case "bbox":
		return true, s.skipValue(depth)
	}
	return false, nil
}

// finishGeom builds the geometry once its object has ended. It returns
// errNoCoords when the coordinates (or geometries) are missing or null.
func (p *parser) finishGeom(o *geomObj) (geom.T, error) {
	if !o.typeSeen {
		return nil, p.s.errAbs(o.start, "geometry has no \"type\" member")
	}
	if o.kind == kindCollection {
		if !o.hasGeoms {
			return nil, errNoCoords
		}
		return collection(o.children), nil
	}
	if o.raw != nil {
		sub := &parser{s: newSubScanner(p.s, o.raw, o.rawAbs, o.rawLine, o.rawCol), crs: p.crs, c: p.c}
		if b, err := sub.s.peek(); err == nil && b == 'n' {
			return nil, errNoCoords
		}
		err := sub.coordinates(o.kind)
		p.c = sub.c // keep the grown scratch buffers
		if err != nil {
			return nil, err
		}
		o.g, o.hasCoords = p.build(), true
	}
	if !o.hasCoords {
		return nil, errNoCoords
	}
	return o.g, nil
}

// geometryValue reads a geometry object or null (nil). A geometry whose
// coordinates are missing or null, or hold a null where a position is
// needed, is nil, as GDAL reads it.
func (p *parser) geometryValue(depth int) (geom.T, error) {
	s := p.s
	b, err := s.peek()
	if err != nil {
		return nil, err
	}
	if b == 'n' {
		return nil, s.literal("null")
	}
	if b != '{' {
		return nil, s.errAt(s.pos, "geometry must be an object or null, found %s", describe(b))
	}
	if depth > maxGeomDepth {
		return nil, s.errAt(s.pos, "GeometryCollections nested more than %d deep", maxGeomDepth)
	}
	o := geomObj{start: s.abs()}
	s.pos++
	more, err := s.first('}')
	for more && err == nil {
		var key []byte
		if key, err = s.key(); err != nil {
			return nil, err
		}
		switch string(key) {
		case "type":
			err = p.geomType(&o)
		case "crs":
			err = p.nestedCRS()
		default:
			var handled bool
			if handled, err = p.geomMember(&o, key, depth); !handled && err == nil {
				err = s.skipValue(depth)
			}
		}
		if err != nil {
			return nil, err
		}
		more, err = s.more('}')
	}
	if err != nil {
		return nil, err
	}
	g, err := p.finishGeom(&o)
	if errors.Is(err, errNoCoords) {
		return nil, nil
	}
	return g, err
}

// nestedCRS checks a crs member on a feature or geometry: it must name the
// file's CRS.
func (p *parser) nestedCRS() error {
	at := p.s.setMark(markValue)
	v, err := p.s.value(0)
	if err != nil {
		return err
	}
	k, err := parseCRS(v)
	if err != nil {
		return p.s.errAbs(at, "%w", err)
	}
	if k != p.crs {
		return p.s.errAbs(at, "a crs member on a feature or geometry that differs from the file's is not supported")
	}
	return nil
}

// bigGeometry is the coordinate count above which the scratch buffer is
// handed to the geometry instead of copied (saving a large transient copy).
const bigGeometry = 1 << 20

// take returns the parsed coordinates as a slice owned by the geometry,
// reprojected when the file is in Web Mercator.
func (p *parser) take(extra int) []float64 {
	c := &p.c
	var flat []float64
	if extra == 0 && len(c.flat) >= bigGeometry {
		flat = c.flat[:len(c.flat):len(c.flat)]
		c.flat = nil
	} else if extra == 0 {
		flat = slices.Clone(c.flat) // no zeroing before the copy
	} else {
		flat = make([]float64, len(c.flat), len(c.flat)+extra)
		copy(flat, c.flat)
	}
	return flat
}

// build turns p.c into a geometry: nil when it held a misplaced null.
// Unclosed rings are closed. Coordinates are reprojected from Web Mercator
// when the file says so.
func (p *parser) build() geom.T {
	c := &p.c
	if c.null {
		return nil
	}
	layout := geom.XY
	if c.stride == 3 {
		layout = geom.XYZ
	}
	st := c.stride
	var g geom.T
	switch c.kind {
	case kindPoint:
		if c.npos == 0 {
			return geom.NewPointEmpty(geom.XY)
		}
		g = geom.NewPointFlat(layout, p.take(0))
	case kindLineString:
		g = geom.NewLineStringFlat(layout, p.take(0))
	case kindMultiPoint:
		g = geom.NewMultiPointFlat(layout, p.take(0))
	case kindMultiLineString:
		ends := make([]int, len(c.ends1))
		for i, e := range c.ends1 {
			ends[i] = e * st
		}
		g = geom.NewMultiLineStringFlat(layout, p.take(0), ends)
	case kindPolygon:
		flat, ends := p.rings(0, len(c.ends1))
		g = geom.NewPolygonFlat(layout, flat, ends)
	case kindMultiPolygon:
		open := p.openRings(0, len(c.ends1))
		var flat []float64
		if open == 0 {
			flat = p.take(0)
		} else {
			flat = make([]float64, 0, len(c.flat)+open*st)
		}
		endss := make([][]int, len(c.ends2))
		r := 0
		for i, e := range c.ends2 {
			var ends []int
			flat, ends = p.appendRings(flat, open != 0, r, e)
			endss[i] = ends
			r = e
		}
		g = geom.NewMultiPolygonFlat(layout, flat, endss)
	default:
		return nil
	}
	return p.reproject(g)
}

func (p *parser) reproject(g geom.T) geom.T {
	if p.crs == crsMercator {
		unproject(g.FlatCoords(), g.Stride())
	}
	return g
}

// ringBounds returns the first and end position index of ring r.
func (c *coords) ringBounds(r int) (int, int) {
	start := 0
	if r > 0 {
		start = c.ends1[r-1]
	}
	return start, c.ends1[r]
}

// closed reports whether ring r ends where it starts.
func (c *coords) closed(r int) bool {
	a, b := c.ringBounds(r)
	st := c.stride
	first, last := c.flat[a*st:a*st+st], c.flat[(b-1)*st:b*st]
	for i := range first {
		if first[i] != last[i] {
			return false
		}
	}
	return true
}

// openRings counts the unclosed rings among rings [from, to).
func (p *parser) openRings(from, to int) int {
	n := 0
	for r := from; r < to; r++ {
		if !p.c.closed(r) {
			n++
		}
	}
	return n
}

// rings returns the flat coordinates and ends of rings [from, to), closed.
func (p *parser) rings(from, to int) ([]float64, []int) {
	c := &p.c
	open := p.openRings(from, to)
	if open == 0 {
		ends := make([]int, to-from)
		for i := range ends {
			ends[i] = c.ends1[from+i] * c.stride
		}
		return p.take(0), ends
	}
	return p.appendRings(make([]float64, 0, len(c.flat)+open*c.stride), true, from, to)
}

// appendRings appends rings [from, to) to flat (copying and closing them
// when copy is set; otherwise flat already holds them) and returns their
// ends as offsets into flat.
func (p *parser) appendRings(flat []float64, copyRings bool, from, to int) ([]float64, []int) {
	c := &p.c
	st := c.stride
	ends := make([]int, 0, to-from)
	for r := from; r < to; r++ {
		a, b := c.ringBounds(r)
		if copyRings {
			flat = append(flat, c.flat[a*st:b*st]...)
			if !c.closed(r) {
				flat = append(flat, c.flat[a*st:a*st+st]...)
			}
			ends = append(ends, len(flat))
		} else {
			ends = append(ends, b*st)
		}
	}
	return flat, ends
}

// collection builds a GeometryCollection, widening its members to XYZ when
// any has a Z so that they share one layout.
func collection(children []geom.T) geom.T {
	layout := geom.XY
	for _, g := range children {
		if g.Layout() == geom.XYZ {
			layout = geom.XYZ
		}
	}
	gc := geom.NewGeometryCollection()
	members := make([]geom.T, len(children))
	for i, g := range children {
		if layout == geom.XYZ && g.Layout() != geom.XYZ {
			g = widen(g)
		}
		members[i] = g
	}
	if err := gc.Push(members...); err != nil {
		return gc
	}
	_ = gc.SetLayout(layout)
	return gc
}

// widen returns an XY geometry as XYZ with Z = 0.
func widen(g geom.T) geom.T {
	if g.Layout() == geom.XYZ {
		return g
	}
	if gc, ok := g.(*geom.GeometryCollection); ok {
		members := make([]geom.T, gc.NumGeoms())
		for i, m := range gc.Geoms() {
			members[i] = widen(m)
		}
		wide := geom.NewGeometryCollection()
		_ = wide.Push(members...)
		_ = wide.SetLayout(geom.XYZ)
		return wide
	}
	scale := func(ends []int) []int {
		out := make([]int, len(ends))
		for i, e := range ends {
			out[i] = e / 2 * 3
		}
		return out
	}
	flat := g.FlatCoords()
	wide := make([]float64, 0, len(flat)/2*3)
	for i := 0; i+1 < len(flat); i += 2 {
		wide = append(wide, flat[i], flat[i+1], 0)
	}
	switch t := g.(type) {
	case *geom.Point:
		if t.Empty() {
			return geom.NewPointEmpty(geom.XYZ)
		}
		return geom.NewPointFlat(geom.XYZ, wide)
	case *geom.LineString:
		return geom.NewLineStringFlat(geom.XYZ, wide)
	case *geom.MultiPoint:
		return geom.NewMultiPointFlat(geom.XYZ, wide)
	case *geom.MultiLineString:
		return geom.NewMultiLineStringFlat(geom.XYZ, wide, scale(t.Ends()))
	case *geom.Polygon:
		return geom.NewPolygonFlat(geom.XYZ, wide, scale(t.Ends()))
	case *geom.MultiPolygon:
		endss := make([][]int, len(t.Endss()))
		for i, e := range t.Endss() {
			endss[i] = scale(e)
		}
		return geom.NewMultiPolygonFlat(geom.XYZ, wide, endss)
	}
	return g
}
