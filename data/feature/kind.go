package feature

import "fmt"

// Kind is what a layer holds; it selects the symbology and kind-specific columns.
type Kind string

// The layer kinds of DESIGN.md.
const (
	KindBorder       Kind = "border"
	KindPort         Kind = "port"
	KindRoute        Kind = "route"
	KindPatrolArea   Kind = "patrol_area"
	KindInterdiction Kind = "interdiction"
	KindAnnotation   Kind = "annotation"
	KindOther        Kind = "other"
)

// Kinds lists every layer kind in a stable order.
var Kinds = []Kind{KindBorder, KindPort, KindRoute, KindPatrolArea, KindInterdiction, KindAnnotation, KindOther}

// ParseKind checks that s names a layer kind.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown layer kind %q (want one of border, port, route, patrol_area, interdiction, annotation, other)", s)
}

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
