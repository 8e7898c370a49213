package kml

import (
	"bytes"

	"corridor/data/formats"
)

func init() {
	formats.Register(formats.Format{
		Name:       "KML",
		Extensions: []string{".kml"},
		Abilities:  formats.CanRead | formats.CanWrite | formats.Styles | formats.MultiLayer,
		Read:       Read,
		Write:      Write,
		Sniff:      sniffKML,
	})
	formats.Register(formats.Format{
		Name:       "KMZ",
		Extensions: []string{".kmz"},
		Abilities:  formats.CanRead | formats.CanWrite | formats.Styles | formats.MultiLayer,
		Read:       Read,
		Write:      WriteKMZ,
		Sniff:      sniffKMZ,
	})
}

// sniffKML recognises XML whose head holds a kml element.
func sniffKML(head []byte) bool {
	head = formats.TrimText(head)
	return len(head) > 0 && head[0] == '<' && bytes.Contains(head, []byte("<kml"))
}

// sniffKMZ recognises a zip archive whose first entry is a .kml file (as
// the KMZ specification asks: doc.kml first).
func sniffKMZ(head []byte) bool {
	const local = 30 // size of a zip local file header before its name
	if len(head) < local || !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return false
	}
	n := int(head[26]) | int(head[27])<<8
	if local+n > len(head) {
		return false
	}
	return bytes.HasSuffix(bytes.ToLower(head[local:local+n]), []byte(".kml"))
}
