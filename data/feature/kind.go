package feature

import "corridor/geo/style"

// Kind is what a layer holds; it selects the symbology and kind-specific
// columns. The kinds are declared once, in geo/style (geo may not import
// data); these are the same type and values.
type Kind = style.Kind

// The layer kinds of DESIGN.md.
const (
	KindBorder       = style.KindBorder
	KindPort         = style.KindPort
	KindRoute        = style.KindRoute
	KindPatrolArea   = style.KindPatrolArea
	KindInterdiction = style.KindInterdiction
	KindAnnotation   = style.KindAnnotation
	KindOther        = style.KindOther
)

// Kinds lists every layer kind: style.Kinds, the one list.
var Kinds = style.Kinds

// ParseKind checks that s names a layer kind.
func ParseKind(s string) (Kind, error) { return style.ParseKind(s) }

// Column is a kind-specific attribute column of a feature table.
type Column struct {
	// Name is the column name, also the property key it is read from.
	Name string
	// Type is the GeoPackage/SQLite type: TEXT, REAL, INTEGER, DATETIME.
	Type string
}

// KindColumns returns the extra columns a feature table of kind k carries.
func KindColumns(k Kind) []Column {
	switch k {
	case KindInterdiction:
		return []Column{
			{"route_uuid", "TEXT"}, {"measure_m", "REAL"}, {"occurred_at", "DATETIME"},
			{"type", "TEXT"}, {"commodity", "TEXT"}, {"quantity", "REAL"}, {"unit", "TEXT"},
			{"agency", "TEXT"}, {"notes", "TEXT"},
		}
	case KindPatrolArea:
		return []Column{
			{"agencies", "TEXT"}, {"valid_from", "DATE"}, {"valid_to", "DATE"},
			{"units", "TEXT"}, {"notes", "TEXT"},
		}
	case KindAnnotation:
		return []Column{
			{"text", "TEXT"}, {"leader_lon", "REAL"}, {"leader_lat", "REAL"},
		}
	}
	return nil
}
