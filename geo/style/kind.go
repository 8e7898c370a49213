package style

import (
	"fmt"
	"strings"
)

// Kind is what a layer holds: it selects the layer's default symbology,
// its label priority and, in the workspace, its kind-specific columns.
// It is stored as its string in corridor_layers.kind. data/feature
// declares Kind as an alias of this type: the kinds are declared here
// only, where geo can see them.
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

// Kinds lists every layer kind, in their usual drawing order, bottom
// first. It is the one list of valid kinds.
var Kinds = []Kind{KindOther, KindBorder, KindPatrolArea, KindRoute, KindInterdiction, KindPort, KindAnnotation}

// ParseKind checks that s names a layer kind.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("unknown layer kind %q (want one of %s)", s, strings.Join(names, ", "))
}
