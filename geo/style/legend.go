package style

// LegendEntry is one line of a map legend: a label and the symbol of a
// layer, drawn from the same Style the map uses.
type LegendEntry struct {
	Label string
	Kind  Kind
	Style Style
}

// Legend is an ordered list of legend entries, top first.
type Legend []LegendEntry

// Add appends an entry and returns the legend.
func (l Legend) Add(label string, kind Kind, s Style) Legend {
	return append(l, LegendEntry{Label: label, Kind: kind, Style: s})
}

// GeometryOf reports how a layer kind is drawn in a legend swatch: "point",
// "line" or "polygon".
func GeometryOf(kind Kind) string {
	switch kind {
	case KindPort, KindInterdiction, KindAnnotation:
		return "point"
	case KindBorder, KindRoute:
		return "line"
	}
	return "polygon"
}
