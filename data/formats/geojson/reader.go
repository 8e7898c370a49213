package geojson

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"

	"corridor/data/feature"
	"corridor/data/formats"
)

// ctxEvery is how many features are decoded between context checks.
const ctxEvery = 1024

// parser decodes GeoJSON objects from a scanner.
type parser struct {
	s   *scanner
	c   coords
	crs crsKind
}

// Read decodes the GeoJSON file at path, streaming its features to emit.
// See Decode.
func Read(ctx context.Context, path string, emit formats.Emit) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Decode(ctx, f, path, emit)
}

// Decode reads a GeoJSON document (RFC 7946, plus the legacy crs member)
// from r and streams its features to emit, one at a time, in file order:
// memory use does not grow with the file. The root may be a
// FeatureCollection, a Feature or a bare geometry (emitted as one feature
// without properties). Bad input is reported as a *formats.Error naming
// name, the line and column, and the feature number.
func Decode(ctx context.Context, r io.Reader, name string, emit formats.Emit) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p := &parser{s: newScanner(r, name)}
	return p.root(ctx, emit)
}

// rootKind is what the root object turned out to be.
type rootKind uint8

const (
	rootUnknown rootKind = iota
	rootCollection
	rootFeature
	rootGeometry
)

// rootState collects the root object's members, which may come in any order.
type rootState struct {
	kind      rootKind
	start     int64
	feat      featObj
	geo       geomObj
	layer     formats.Layer
	features  bool // the features member was read (and streamed)
	emitted   int
	typeValue string
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func (p *parser) root(ctx context.Context, emit formats.Emit) error {
	s := p.s
	if s.ensure(3) && bytes.Equal(s.buf[s.pos:s.pos+3], bom) {
		s.pos += 3
	}
	b, err := s.peek()
	if err != nil {
		if s.rerr == nil && s.end == s.pos {
			return s.errAt(s.pos, "empty file: no GeoJSON object")
		}
		return err
	}
	if b != '{' {
		return s.errAt(s.pos, "expected a GeoJSON object (FeatureCollection, Feature or geometry), found %s", describe(b))
	}
	st := &rootState{start: s.abs()}
	st.geo.start = st.start
	s.pos++
	more, err := s.first('}')
	for more && err == nil {
		var key []byte
		if key, err = s.key(); err != nil {
			return err
		}
		if err = p.rootMember(ctx, st, key, emit); err != nil {
			return err
		}
		more, err = s.more('}')
	}
	if err != nil {
		return err
	}
	if b, err := s.peek(); err == nil {
		return s.errAt(s.pos, "more data after the end of the GeoJSON object: found %s", describe(b))
	} else if s.rerr != nil {
		return err
	}
	return p.finishRoot(st, emit)
}

// rootMember handles one member of the root object.
func (p *parser) rootMember(ctx context.Context, st *rootState, key []byte, emit formats.Emit) error {
	s := p.s
	switch string(key) {
	case "type":
		return p.rootType(st)
	case "features":
		switch st.kind {
		case rootUnknown, rootCollection:
			st.features = true
			return p.features(ctx, st, emit)
		case rootFeature:
			return p.featureMember(&st.feat, key)
		}
		return s.skipValue(0)
	case "crs":
		at := s.setMark(markValue)
		v, err := s.value(0)
		if err != nil {
			return err
		}
		k, err := parseCRS(v)
		if err != nil {
			return s.errAbs(at, "%w", err)
		}
		if st.emitted > 0 && k != p.crs {
			return s.errAbs(at, "the crs member comes after the features; it must come before them")
		}
		if k == crsMercator && p.crs != crsMercator {
			// A root Feature or geometry read before its crs member.
			unprojectTree(st.geo.g)
			for _, g := range st.geo.children {
				unprojectTree(g)
			}
			unprojectTree(st.feat.geom)
		}
		p.crs = k
		return nil
	case "name":
		if st.kind == rootCollection || st.kind == rootUnknown {
			v, err := s.value(0)
			if name, ok := v.(string); ok {
				st.layer.Name = name
			}
			if st.kind == rootUnknown {
				st.feat.foreign = append(st.feat.foreign, member{"name", v})
			}
			return err
		}
	case "coordinates", "geometries":
		if st.kind == rootUnknown || st.kind == rootGeometry {
			_, err := p.geomMember(&st.geo, key, 0)
			return err
		}
	case "bbox":
		return s.skipValue(0)
	}
	switch st.kind {
	case rootUnknown, rootFeature:
		return p.featureMember(&st.feat, key)
	}
	return s.skipValue(0)
}

// rootType reads the root's type member.
func (p *parser) rootType(st *rootState) error {
	s := p.s
	b, err := s.peek()
	if err != nil {
		return err
	}
	at := s.setMark(markValue)
	if st.typeValue != "" {
		return s.errAbs(at, "duplicate \"type\" member")
	}
	if b != '"' {
		return s.errAbs(at, "\"type\" must be a string, found %s", describe(b))
	}
	t, err := s.str()
	if err != nil {
		return err
	}
	st.typeValue = string(t)
	switch {
	case bytes.EqualFold(t, []byte("FeatureCollection")):
		st.kind = rootCollection
	case bytes.EqualFold(t, []byte("Feature")):
		st.kind = rootFeature
	default:
		st.geo.kind = geomKindOf(t)
		if st.geo.kind == kindNone {
			return s.errAbs(at, "unknown GeoJSON type %q", t)
		}
		st.geo.typeSeen = true
		st.kind = rootGeometry
	}
	if st.features && st.kind != rootCollection {
		return s.errAbs(at, "a %s has a \"features\" member", t)
	}
	return nil
}

// features streams the features array to emit.
func (p *parser) features(ctx context.Context, st *rootState, emit formats.Emit) error {
	s := p.s
	b, err := s.peek()
	if err != nil {
		return err
	}
	if b != '[' {
		return s.errAt(s.pos, "\"features\" must be an array, found %s", describe(b))
	}
	s.pos++
	layer := &st.layer
	more, err := s.first(']')
	for more && err == nil {
		s.feature++
		if s.feature%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var f *feature.Feature
		if f, err = p.featureValue(); err != nil {
			return err
		}
		if err = emit(layer, f); err != nil {
			return err
		}
		st.emitted++
		more, err = s.more(']')
	}
	s.feature = 0
	return err
}

// finishRoot checks the root object once it has ended and emits a root
// Feature or geometry.
func (p *parser) finishRoot(st *rootState, emit formats.Emit) error {
	s := p.s
	switch st.kind {
	case rootUnknown:
		return s.errAbs(st.start, "the object has no \"type\" member: not GeoJSON")
	case rootCollection:
		if !st.features {
			return s.errAbs(st.start, "FeatureCollection has no \"features\" member")
		}
		return nil
	case rootFeature:
		s.feature = 1
		return emit(&st.layer, assemble(&st.feat))
	}
	g, err := p.finishGeom(&st.geo)
	if errors.Is(err, errNoCoords) {
		what := "coordinates"
		if st.geo.kind == kindCollection {
			what = "geometries"
		}
		return s.errAbs(st.start, "%s has no %q member", st.geo.kind, what)
	}
	if err != nil {
		return err
	}
	if g == nil {
		return s.errAbs(st.start, "%s coordinates hold null where a position is needed", st.geo.kind)
	}
	s.feature = 1
	return emit(&st.layer, &feature.Feature{Geometry: g})
}
