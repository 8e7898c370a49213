package kml

import (
	"encoding/xml"
	"strconv"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats"

	"github.com/twpayne/go-geom"
)

// decoder is the second pass: it walks the containers and emits features.
type decoder struct {
	x     *xmlReader
	book  *styleBook
	emit  formats.Emit
	count int // features emitted so far
}

// container is a Document or Folder being read (or the file itself, the
// root, which has no parent).
type container struct {
	parent *container
	name   string
	isDoc  bool
	layer  *formats.Layer
}

// run reads the document; sum comes from the first pass.
func (d *decoder) run(sum summary) error {
	root := &container{}
	for {
		tok, err := d.x.next()
		if err != nil {
			return noEOF(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if start.Name.Local != "kml" {
			return d.feature(start, root)
		}
		i := 0
		return d.x.children(func(c xml.StartElement) error {
			if !isFeature(c.Name.Local) {
				return d.x.skip()
			}
			i++
			if i < sum.topLevel {
				return d.x.skip() // libkml keeps only the last feature under <kml>
			}
			return d.feature(c, root)
		})
	}
}

// feature reads a Feature element just started, inside parent.
func (d *decoder) feature(start xml.StartElement, parent *container) error {
	switch start.Name.Local {
	case "Document", "Folder":
		c := &container{parent: parent, isDoc: start.Name.Local == "Document"}
		return d.x.children(func(e xml.StartElement) error {
			switch {
			case e.Name.Local == "name":
				v, err := d.x.text()
				c.name = v
				return err
			case isFeature(e.Name.Local):
				return d.feature(e, c)
			}
			return d.x.skip()
		})
	case "Placemark", "GroundOverlay":
		return d.placemark(start, parent)
	}
	return d.x.skip()
}

// placemark reads a Placemark or GroundOverlay just started and emits it.
func (d *decoder) placemark(start xml.StartElement, parent *container) error {
	f := &feature.Feature{}
	var parts []geom.T
	var inline kmlStyle
	var styleURL string
	overlay := start.Name.Local == "GroundOverlay"
	err := d.x.children(func(c xml.StartElement) error {
		local := c.Name.Local
		switch {
		case local == "name":
			v, err := d.x.text()
			f.Name = v
			return err
		case local == "description":
			v, err := d.x.text()
			if v != "" {
				f.SetProp("description", v)
			}
			return err
		case local == "styleUrl":
			v, err := d.x.text()
			styleURL = v
			return err
		case local == "Style":
			s, err := d.x.parseStyle()
			inline = inline.merge(s)
			return err
		case local == "ExtendedData":
			return d.extendedData(f)
		case local == "TimeStamp" || local == "TimeSpan":
			return d.x.children(func(t xml.StartElement) error {
				v, err := d.x.text()
				if err == nil && v != "" {
					switch t.Name.Local {
					case "when":
						f.SetProp("timestamp", v)
					case "begin", "end":
						f.SetProp(t.Name.Local, v)
					}
				}
				return err
			})
		case overlay && local == "LatLonBox":
			g, err := d.latLonBox()
			if g != nil {
				parts = append(parts, g)
			}
			return err
		case overlay && local == "LatLonQuad":
			flat, stride, err := d.x.coordinatesChild()
			if err == nil && stride > 0 && len(flat) >= 3*stride {
				flat = append(flat, flat[:stride]...)
				parts = append(parts, geom.NewPolygonFlat(layoutOf(stride), flat, []int{len(flat)}))
			}
			return err
		case !overlay && isGeometry(local):
			g, err := d.x.parseGeometry(c)
			if g != nil {
				parts = append(parts, g)
			}
			return err
		}
		return d.x.skip()
	})
	if err != nil {
		return err
	}
	switch len(parts) {
	case 0:
	case 1:
		f.Geometry = parts[0]
	default:
		f.Geometry = collect(parts)
	}
	style, _ := d.book.resolve(styleURL)
	style = style.merge(inline)
	d.count++
	return d.emit(parent.layerFor(style), f)
}

// extendedData reads an <ExtendedData> just started into f.
func (d *decoder) extendedData(f *feature.Feature) error {
	return d.x.children(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "Data":
			key := attr(e, "name")
			return d.x.children(func(v xml.StartElement) error {
				if v.Name.Local != "value" {
					return d.x.skip()
				}
				s, err := d.x.text()
				if err == nil && key != "" {
					setField(f, key, s)
				}
				return err
			})
		case "SchemaData":
			return d.x.children(func(v xml.StartElement) error {
				if v.Name.Local != "SimpleData" {
					return d.x.skip()
				}
				s, err := d.x.text()
				if key := attr(v, "name"); err == nil && key != "" {
					setField(f, key, s)
				}
				return err
			})
		}
		return d.x.skip()
	})
}

// setField stores an ExtendedData value: uuid, classification and
// releasable_to go to the Feature's own fields, the rest to its properties.
func setField(f *feature.Feature, key, value string) {
	switch key {
	case "uuid":
		f.UUID = value
	case "classification":
		f.Classification = value
	case "releasable_to":
		f.ReleasableTo = splitList(value)
	default:
		f.SetProp(key, value)
	}
}

// splitList splits a comma-separated list, trimming blanks and dropping
// empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// latLonBox reads a GroundOverlay's <LatLonBox> just started as its
// footprint polygon (rotation ignored).
func (d *decoder) latLonBox() (geom.T, error) {
	var n, s, e, w float64
	seen := 0
	err := d.x.children(func(c xml.StartElement) error {
		v, err := d.x.text()
		if err != nil {
			return err
		}
		f, perr := strconv.ParseFloat(v, 64)
		if perr != nil {
			return nil
		}
		switch c.Name.Local {
		case "north":
			n, seen = f, seen|1
		case "south":
			s, seen = f, seen|2
		case "east":
			e, seen = f, seen|4
		case "west":
			w, seen = f, seen|8
		}
		return nil
	})
	if err != nil || seen != 15 {
		return nil, err
	}
	flat := []float64{w, s, e, s, e, n, w, n, w, s}
	return geom.NewPolygonFlat(geom.XY, flat, []int{len(flat)}), nil
}

// layerFor returns the layer of c, creating it (with the style of its
// first feature) when needed.
func (c *container) layerFor(style kmlStyle) *formats.Layer {
	if c.layer == nil {
		c.layer = &formats.Layer{Name: c.path(), Style: style.json()}
	}
	return c.layer
}

// path is the layer name of c: the names of its Folders (and nested
// Documents) joined by "/", else the name of the outermost Document.
func (c *container) path() string {
	var segs []string
	outer := ""
	for p := c; p != nil && p.parent != nil; p = p.parent {
		if p.parent.parent == nil && p.isDoc {
			outer = p.name
			break
		}
		if p.name != "" {
			segs = append(segs, p.name)
		}
	}
	if len(segs) == 0 {
		return outer
	}
	for i, j := 0, len(segs)-1; i < j; i, j = i+1, j-1 {
		segs[i], segs[j] = segs[j], segs[i]
	}
	return strings.Join(segs, "/")
}
