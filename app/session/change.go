package session

import "corridor/geo/viewport"

// Change is the notice of one write: one user action.
type Change struct {
	// Label says what was done, for reading: "Hide layer Ports",
	// "Import docks.geojson", "Undid insert in routes".
	Label string
	// Layers are the tables whose features or settings changed.
	Layers []string
	// Bounds is the lon/lat box the change touched, when known (nil: redraw
	// the whole view).
	Bounds *viewport.Bounds
	// Meta is set when layer settings or the layer list changed (visibility,
	// order, opacity, style, title, a new layer): the layer panel rebuilds,
	// the whole map redraws.
	Meta bool
}

// Touches reports whether the change involves table.
func (c Change) Touches(table string) bool {
	for _, l := range c.Layers {
		if l == table {
			return true
		}
	}
	return false
}
