package spatialite

import (
	"bytes"

	"corridor/data/formats"
	"corridor/data/formats/gpkg"
)

func init() {
	formats.Register(formats.Format{
		Name:       "SpatiaLite",
		Extensions: []string{".sqlite", ".db", ".spatialite", ".sqlite3"},
		Abilities:  formats.CanRead | formats.MultiLayer,
		Read:       Read,
		Sniff:      sniff,
	})
}

// sniff recognises an SQLite database that is not a GeoPackage.
func sniff(head []byte) bool {
	return bytes.HasPrefix(head, []byte("SQLite format 3\x00")) && !gpkg.Sniff(head)
}
