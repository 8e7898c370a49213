package kml

import (
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
)

// kmlStyle is what Corridor keeps of a KML Style: line, polygon and icon
// colours, line width and polygon fill. A zero field means "not given".
type kmlStyle struct {
	line, poly, icon color
	width            float64
	fill             int8 // 0 not given, 1 filled, -1 not filled
}

// color is a colour with its opacity; set is false when not given.
type color struct {
	hex     string
	opacity float64
	set     bool
}

// styleJSON is Corridor style JSON (see geo/style), as far as KML carries it.
type styleJSON struct {
	Stroke        string   `json:"stroke,omitempty"`
	StrokeOpacity *float64 `json:"stroke_opacity,omitempty"`
	Width         *float64 `json:"width,omitempty"`
	Fill          string   `json:"fill,omitempty"`
	FillOpacity   *float64 `json:"fill_opacity,omitempty"`
}

// merge returns s with the fields given in over replacing its own.
func (s kmlStyle) merge(over kmlStyle) kmlStyle {
	if over.line.set {
		s.line = over.line
	}
	if over.poly.set {
		s.poly = over.poly
	}
	if over.icon.set {
		s.icon = over.icon
	}
	if over.width > 0 {
		s.width = over.width
	}
	if over.fill != 0 {
		s.fill = over.fill
	}
	return s
}

// json returns s as Corridor style JSON, or "" when s says nothing.
func (s kmlStyle) json() string {
	var j styleJSON
	if s.line.set {
		j.Stroke = s.line.hex
		j.StrokeOpacity = ptr(s.line.opacity)
	}
	if s.width > 0 {
		j.Width = ptr(s.width)
	}
	switch {
	case s.poly.set:
		j.Fill = s.poly.hex
		j.FillOpacity = ptr(s.poly.opacity)
	case s.icon.set:
		j.Fill = s.icon.hex
		j.FillOpacity = ptr(s.icon.opacity)
	}
	if s.fill < 0 {
		j.FillOpacity = ptr(0)
	}
	if j == (styleJSON{}) {
		return ""
	}
	b, err := json.Marshal(j)
	if err != nil {
		return ""
	}
	return string(b)
}

// parseStyleJSON reads Corridor style JSON; bad JSON gives the zero value.
func parseStyleJSON(s string) styleJSON {
	var j styleJSON
	if strings.TrimSpace(s) != "" {
		_ = json.Unmarshal([]byte(s), &j)
	}
	return j
}

func ptr(v float64) *float64 { return &v }

// parseStyle reads a <Style> element just started.
func (x *xmlReader) parseStyle() (kmlStyle, error) {
	var s kmlStyle
	err := x.children(func(start xml.StartElement) error {
		switch start.Name.Local {
		case "LineStyle", "PolyStyle", "IconStyle":
			return x.children(func(c xml.StartElement) error {
				v, err := x.text()
				if err != nil {
					return err
				}
				switch c.Name.Local {
				case "color":
					if hex, op, ok := parseColor(v); ok {
						col := color{hex: hex, opacity: op, set: true}
						switch start.Name.Local {
						case "LineStyle":
							s.line = col
						case "PolyStyle":
							s.poly = col
						default:
							s.icon = col
						}
					}
				case "width":
					if w, err := strconv.ParseFloat(v, 64); err == nil && w > 0 && w < 1000 && start.Name.Local == "LineStyle" {
						s.width = w
					}
				case "fill":
					if start.Name.Local == "PolyStyle" {
						s.fill = 1
						if v == "0" || strings.EqualFold(v, "false") {
							s.fill = -1
						}
					}
				}
				return nil
			})
		}
		return x.skip()
	})
	return s, err
}

// styleBook holds the shared styles of a document: Styles by id and
// StyleMaps by id (their "normal" styleUrl or inline Style).
type styleBook struct {
	styles map[string]kmlStyle
	maps   map[string]styleRef
}

// styleRef is a StyleMap's normal pair: a URL, or an inline style.
type styleRef struct {
	url    string
	inline *kmlStyle
}

func newStyleBook() *styleBook {
	return &styleBook{styles: map[string]kmlStyle{}, maps: map[string]styleRef{}}
}

// resolve returns the style a styleUrl names; ok is false when unknown.
// Only fragment URLs ("#id", or a bare id) are resolved: other documents
// are never read.
func (b *styleBook) resolve(url string) (kmlStyle, bool) {
	for range 4 { // StyleMaps may point to StyleMaps; bound the chain
		url = strings.TrimSpace(url)
		if i := strings.IndexByte(url, '#'); i > 0 {
			return kmlStyle{}, false
		}
		id := strings.TrimPrefix(url, "#")
		if s, ok := b.styles[id]; ok {
			return s, true
		}
		ref, ok := b.maps[id]
		if !ok {
			return kmlStyle{}, false
		}
		if ref.inline != nil {
			return *ref.inline, true
		}
		url = ref.url
	}
	return kmlStyle{}, false
}

// parseStyleMap reads a <StyleMap> element just started.
func (x *xmlReader) parseStyleMap() (styleRef, error) {
	var normal styleRef
	err := x.children(func(pair xml.StartElement) error {
		if pair.Name.Local != "Pair" {
			return x.skip()
		}
		var key string
		var ref styleRef
		err := x.children(func(c xml.StartElement) error {
			switch c.Name.Local {
			case "key":
				v, err := x.text()
				key = v
				return err
			case "styleUrl":
				v, err := x.text()
				ref.url = v
				return err
			case "Style":
				s, err := x.parseStyle()
				ref.inline = &s
				return err
			}
			return x.skip()
		})
		if key == "normal" {
			normal = ref
		}
		return err
	})
	return normal, err
}
