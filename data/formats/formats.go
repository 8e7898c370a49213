// Package formats holds what every file format reader and writer shares: the
// layer description a reader reports, the callback it streams features to,
// and the positioned error it returns for bad input.
package formats

import (
	"errors"
	"fmt"

	"corridor/data/feature"
)

// Layer describes a layer found in (or written to) a file.
type Layer struct {
	// Name is the layer's name in the file (a KML Folder, a GeoPackage table);
	// empty when the format has a single unnamed layer (the caller then uses
	// the file's base name).
	Name string
	// Kind is the file's own hint (a Corridor workspace's catalogue), empty
	// when the file does not say. A file is untrusted: imports apply it
	// only when the user says so.
	Kind feature.Kind
	// Style is the layer's style as Corridor style JSON (see geo/style), or
	// empty. KML readers fill it from the file's styles.
	Style string
}

// Emit receives each feature a reader decodes, in file order, with the layer
// it belongs to. Returning an error stops the reader, which returns that error.
type Emit func(layer *Layer, f *feature.Feature) error

// FeatureSource streams a layer's features to fn, stopping at fn's first error.
type FeatureSource func(fn func(f *feature.Feature) error) error

// LayerData is one layer handed to a writer.
type LayerData struct {
	Layer
	// Color is the layer's main colour as #RRGGBB (writers that carry styles use it).
	Color string
	// Features streams the layer's features.
	Features FeatureSource
}

// Error is bad input at a known place in a file. Its message names the file,
// the position (line and column, or feature number) and the reason.
type Error struct {
	File    string
	Line    int // 1-based; 0 when unknown
	Column  int // 1-based; 0 when unknown
	Feature int // 1-based feature number; 0 when unknown
	Err     error
}

// Error returns "FILE: line L, column C: feature N: reason" (parts that are unknown left out).
func (e *Error) Error() string {
	pos := ""
	switch {
	case e.Line > 0 && e.Column > 0:
		pos = fmt.Sprintf("line %d, column %d: ", e.Line, e.Column)
	case e.Line > 0:
		pos = fmt.Sprintf("line %d: ", e.Line)
	}
	if e.Feature > 0 {
		pos += fmt.Sprintf("feature %d: ", e.Feature)
	}
	return fmt.Sprintf("%s: %s%v", e.File, pos, e.Err)
}

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// ErrUnsupportedCRS is wrapped by readers that refuse a coordinate reference
// system other than EPSG:4326/CRS84 or EPSG:3857.
var ErrUnsupportedCRS = errors.New("unsupported coordinate reference system")
