package kml

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
)

// summary is what the first pass learns about a document.
type summary struct {
	// topLevel counts the features directly under <kml>.
	topLevel int
	// book holds the shared styles, wherever they are declared.
	book *styleBook
}

// isFeature reports whether local names a KML Feature element.
func isFeature(local string) bool {
	switch local {
	case "Document", "Folder", "Placemark", "GroundOverlay", "PhotoOverlay",
		"ScreenOverlay", "NetworkLink", "Tour":
		return true
	}
	return false
}

// MaxNesting is how deeply containers (Document, Folder) and geometry
// collections (MultiGeometry, Multi*, MultiTrack) may each nest; a deeper
// document is refused by the first pass, before the second pass recurses.
const MaxNesting = 64

// MaxDepth is how deeply elements of any kind may nest.
const MaxDepth = 256

// Kinds of open elements the first pass counts.
const (
	openOther byte = iota
	openContainer
	openCollection
)

// isCollection reports whether local names a geometry that holds geometries.
func isCollection(local string) bool {
	switch local {
	case "MultiGeometry", "MultiPoint", "MultiLineString", "MultiPolygon", "MultiTrack":
		return true
	}
	return false
}

// scan is the first pass: it checks that the document is well-formed KML
// nested within MaxNesting and MaxDepth, counts the features under <kml>
// and collects the shared styles.
func scan(ctx context.Context, r io.Reader) (summary, int, error) {
	x := newXMLReader(ctx, r)
	sum := summary{book: newStyleBook()}
	depth := 0
	var open []byte                 // kind of each open element
	var containers, collections int // open ones
	rootSeen := false
	rootIsKML := false
	for {
		tok, err := x.next()
		if err == io.EOF {
			if !rootSeen {
				return sum, x.line(), errNotKML
			}
			return sum, 0, nil
		}
		if err != nil {
			return sum, x.line(), err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			local := t.Name.Local
			if !rootSeen {
				rootSeen = true
				rootIsKML = local == "kml"
				if !rootIsKML && !isFeature(local) {
					return sum, x.line(), errNotKML
				}
				if !rootIsKML {
					sum.topLevel = 1
				}
			} else if depth == 1 && rootIsKML && isFeature(local) {
				sum.topLevel++
			}
			if id := attr(t, "id"); id != "" {
				if done, err := x.collectStyle(sum.book, local, id); err != nil {
					return sum, x.line(), err
				} else if done {
					continue
				}
			}
			depth++
			kind := openOther
			switch {
			case local == "Document" || local == "Folder":
				kind = openContainer
				containers++
			case isCollection(local):
				kind = openCollection
				collections++
			}
			open = append(open, kind)
			switch {
			case containers > MaxNesting:
				return sum, x.line(), fmt.Errorf("Documents and Folders nested more than %d deep", MaxNesting)
			case collections > MaxNesting:
				return sum, x.line(), fmt.Errorf("MultiGeometry elements nested more than %d deep", MaxNesting)
			case depth > MaxDepth:
				return sum, x.line(), fmt.Errorf("elements nested more than %d deep", MaxDepth)
			}
		case xml.EndElement:
			depth--
			if n := len(open); n > 0 {
				switch open[n-1] {
				case openContainer:
					containers--
				case openCollection:
					collections--
				}
				open = open[:n-1]
			}
		}
	}
}

// collectStyle records a Style, StyleMap or gx:CascadingStyle with an id,
// consuming it; done is false (nothing consumed) for other elements.
func (x *xmlReader) collectStyle(book *styleBook, local, id string) (done bool, err error) {
	switch local {
	case "Style":
		s, err := x.parseStyle()
		book.styles[id] = s
		return true, err
	case "StyleMap":
		ref, err := x.parseStyleMap()
		book.maps[id] = ref
		return true, err
	case "CascadingStyle":
		return true, x.children(func(c xml.StartElement) error {
			if c.Name.Local != "Style" {
				return x.skip()
			}
			s, err := x.parseStyle()
			book.styles[id] = s
			return err
		})
	}
	return false, nil
}
