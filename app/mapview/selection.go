package mapview

import "corridor/data/feature"

// Selection is the feature the map highlights and the panels describe. It
// names its layer by value, so that the map needs no workspace type (and
// links no SQL).
type Selection struct {
	// Layer is the table of the feature's layer.
	Layer string
	// LayerTitle is the layer's title, for reading.
	LayerTitle string
	// Kind is the layer's kind.
	Kind feature.Kind
	// Feature is the whole feature, attributes included.
	Feature *feature.Feature
}
