package kml

import (
	"context"
	"encoding/xml"
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

// scan is the first pass: it checks that the document is well-formed KML,
// counts the features under <kml> and collects the shared styles.
func scan(ctx context.Context, r io.Reader) (summary, int, error) {
	x := newXMLReader(ctx, r)
	sum := summary{book: newStyleBook()}
	depth := 0
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
		case xml.EndElement:
			depth--
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
