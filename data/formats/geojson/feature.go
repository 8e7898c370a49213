package geojson

import (
	"bytes"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

// member is a foreign member of a feature: a name and its decoded value.
type member struct {
	name  string
	value any
}

// featObj collects the members of a feature object, in any order.
type featObj struct {
	typeSeen bool
	geom     geom.T
	props    map[string]any
	id       any
	hasID    bool
	foreign  []member
}

// featureMember handles one member of a feature other than type.
func (p *parser) featureMember(f *featObj, key []byte) error {
	s := p.s
	switch string(key) {
	case "geometry":
		g, err := p.geometryValue(0)
		f.geom = g
		return err
	case "properties":
		b, err := s.peek()
		if err != nil {
			return err
		}
		switch b {
		case 'n':
			f.props = nil
			return s.literal("null")
		case '{':
			v, err := s.value(0)
			if err != nil {
				return err
			}
			f.props, _ = v.(map[string]any)
			return nil
		}
		return s.errAt(s.pos, "feature \"properties\" must be an object or null, found %s", describe(b))
	case "id":
		v, err := s.value(0)
		f.id, f.hasID = v, true
		return err
	case "bbox":
		return s.skipValue(0)
	case "crs":
		return p.nestedCRS()
	}
	name := string(key)
	v, err := s.value(0)
	if err != nil {
		return err
	}
	f.foreign = append(f.foreign, member{name, v})
	return nil
}

// featureValue reads one element of a FeatureCollection's features array.
// A missing type is taken as Feature; any other type is refused.
func (p *parser) featureValue() (*feature.Feature, error) {
	s := p.s
	b, err := s.peek()
	if err != nil {
		return nil, err
	}
	if b != '{' {
		return nil, s.errAt(s.pos, "a feature must be an object, found %s", describe(b))
	}
	s.pos++
	var f featObj
	more, err := s.first('}')
	for more && err == nil {
		var key []byte
		if key, err = s.key(); err != nil {
			return nil, err
		}
		if string(key) == "type" {
			err = p.featureType(&f)
		} else {
			err = p.featureMember(&f, key)
		}
		if err != nil {
			return nil, err
		}
		more, err = s.more('}')
	}
	if err != nil {
		return nil, err
	}
	return assemble(&f), nil
}

// featureType reads and checks a feature's type member.
func (p *parser) featureType(f *featObj) error {
	s := p.s
	b, err := s.peek()
	if err != nil {
		return err
	}
	at := s.setMark(markValue)
	if f.typeSeen {
		return s.errAbs(at, "duplicate \"type\" member")
	}
	if b != '"' {
		return s.errAbs(at, "feature \"type\" must be the string \"Feature\", found %s", describe(b))
	}
	t, err := s.str()
	if err != nil {
		return err
	}
	if !bytes.EqualFold(t, []byte("Feature")) {
		return s.errAbs(at, "feature \"type\" must be \"Feature\", found %q", t)
	}
	f.typeSeen = true
	return nil
}

// foreignPrefix is put before a foreign member's name when the feature's
// properties already hold that name.
const foreignPrefix = "geojson:"

// assemble turns a parsed feature object into a Feature (see the package
// documentation for how members map to fields and properties).
func assemble(f *featObj) *feature.Feature {
	ft := &feature.Feature{Properties: f.props}
	if f.geom != nil {
		ft.Geometry = f.geom
	}
	if ft.Properties == nil && (len(f.foreign) > 0 || f.hasID) {
		ft.Properties = map[string]any{}
	}
	for _, m := range f.foreign {
		addForeign(ft.Properties, m.name, m.value)
	}
	if f.hasID {
		if id, ok := f.id.(string); ok && isUUID(id) {
			ft.UUID = strings.ToLower(id)
		} else {
			addForeign(ft.Properties, "id", f.id)
		}
	}
	applyReserved(ft)
	if len(ft.Properties) == 0 {
		ft.Properties = nil
	}
	return ft
}

func addForeign(props map[string]any, name string, v any) {
	if _, clash := props[name]; clash {
		name = foreignPrefix + name
	}
	props[name] = v
}

// nameKeys are the properties that give a feature its name, by priority.
var nameKeys = []string{"name", "Name", "NAME", "title"}

// applyReserved fills the Feature's fields from the properties Corridor
// writes (and the common name properties).
func applyReserved(ft *feature.Feature) {
	props := ft.Properties
	if props == nil {
		return
	}
	for _, k := range nameKeys {
		if v, ok := props[k].(string); ok && v != "" {
			ft.Name = v
			break
		}
	}
	if v, ok := props["classification"].(string); ok {
		ft.Classification = v
		delete(props, "classification")
	}
	if list, ok := releasability(props["releasable_to"]); ok {
		ft.ReleasableTo = list
		delete(props, "releasable_to")
	}
	if v, ok := props["uuid"].(string); ok && isUUID(v) {
		ft.UUID = strings.ToLower(v)
		delete(props, "uuid")
	}
	for _, k := range []string{"created_at", "updated_at"} {
		v, ok := props[k].(string)
		if !ok {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			continue
		}
		if k == "created_at" {
			ft.CreatedAt = t
		} else {
			ft.UpdatedAt = t
		}
		delete(props, k)
	}
	if v, ok := props["author"].(string); ok {
		ft.Author = v
		delete(props, "author")
	}
	if v, ok := props["version"].(int64); ok && v >= 0 && v <= 1<<31-1 {
		ft.Version = int(v)
		delete(props, "version")
	}
}

// releasability reads releasable_to: a comma-separated string or an array
// of strings. It reports false for anything else.
func releasability(v any) ([]string, bool) {
	var parts []string
	switch t := v.(type) {
	case string:
		parts = strings.Split(t, ",")
	case []any:
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			parts = append(parts, s)
		}
	default:
		return nil, false
	}
	var list []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			list = append(list, s)
		}
	}
	return list, true
}

// isUUID reports whether s is a UUID in the canonical 8-4-4-4-12 hex form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
