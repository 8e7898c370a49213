package geojson

import (
	"bytes"

	"corridor/data/formats"
)

func init() {
	formats.Register(formats.Format{
		Name:       "GeoJSON",
		Extensions: []string{".geojson", ".json"},
		Abilities:  formats.CanRead | formats.CanWrite,
		Read:       Read,
		Write:      WriteLayers,
		Sniff:      sniff,
	})
}

// sniff recognises a JSON object that names a GeoJSON type near its start.
func sniff(head []byte) bool {
	head = formats.TrimText(head)
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	for _, t := range []string{`"FeatureCollection"`, `"Feature"`, `"type"`} {
		if bytes.Contains(head, []byte(t)) {
			return true
		}
	}
	return false
}
