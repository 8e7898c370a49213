package gpkg

import (
	"bytes"

	"corridor/data/formats"
)

func init() {
	formats.Register(formats.Format{
		Name:       "GeoPackage",
		Extensions: []string{".gpkg"},
		// written by data/transfer, as a new workspace
		Abilities: formats.CanRead | formats.CanWrite | formats.Styles | formats.MultiLayer,
		Read:      Read,
		Sniff:     Sniff,
	})
}

// Sniff recognises an SQLite database whose application_id is 'GPKG' (or
// 'GP10', 'GP11' of GeoPackage 1.0 and 1.1).
func Sniff(head []byte) bool {
	if len(head) < 72 || !bytes.HasPrefix(head, []byte("SQLite format 3\x00")) {
		return false
	}
	switch string(head[68:72]) {
	case "GPKG", "GP10", "GP11":
		return true
	}
	return false
}
