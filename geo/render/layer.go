package render

import (
	"context"

	"corridor/geo/style"

	"github.com/twpayne/go-geom"
)

// Feature is one thing to draw. Geom is in EPSG:4326 (longitude,
// latitude); any go-geom layout is accepted and Z or M is ignored.
type Feature struct {
	// ID identifies the feature within its layer; it keys the geometry
	// cache, so it must be stable while the layer's Generation is.
	ID   int64
	Geom geom.T
	// Label is the name drawn beside the feature ("" = none).
	Label string
	// Size scales point symbols, e.g. an interdiction's quantity (0 = the
	// style's default size).
	Size float64
	// Text is an annotation's text, drawn at the point; it takes
	// precedence over Label for annotation layers.
	Text string
	// Leader, when set, is the lon/lat target of an annotation's leader
	// line, drawn from the annotation point.
	Leader *[2]float64
}

// Source reads the features of a layer that may intersect a lon/lat box
// (west <= east; the renderer splits boxes crossing the antimeridian into
// two calls, and drops a feature returned twice by its ID). fn is called
// once per feature; the renderer keeps the Feature and its Geom until the
// frame ends, so a Source must not modify or reuse them afterwards. Query
// stops and returns fn's error when fn returns one, and should return
// ctx.Err() promptly when ctx is cancelled.
type Source interface {
	Query(ctx context.Context, west, south, east, north float64, fn func(*Feature) error) error
}

// Layer is one styled layer to draw.
type Layer struct {
	// ID identifies the layer in the geometry cache.
	ID string
	// Kind is one of style's kinds; it chooses label priority and how an
	// annotation is drawn.
	Kind  style.Kind
	Style style.Style
	// Opacity in (0, 1] multiplies every colour of the layer; 0 is taken
	// as 1 so that the zero value draws. Hide a layer with Visible.
	Opacity float64
	Visible bool
	Source  Source
	// Generation changes whenever the layer's features change; cached
	// geometry of other generations is never used.
	Generation uint64
}
