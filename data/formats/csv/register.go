package csv

import (
	"bytes"

	"corridor/data/formats"
)

func init() {
	formats.Register(formats.Format{
		Name:       "CSV",
		Extensions: []string{".csv"},
		Abilities:  formats.CanRead | formats.CanWrite,
		Read:       Read,
		Write:      Write,
		Sniff:      sniff,
		Rank:       10, // its sniffer is loose: after the others
	})
	// read with the same reader, which finds the delimiter; written as
	// .csv only (Write writes commas)
	formats.Register(formats.Format{
		Name:       "Delimited text",
		Extensions: []string{".tsv", ".txt"},
		Abilities:  formats.CanRead,
		Read:       Read,
		Rank:       10,
	})
}

// sniff recognises text whose first line is a delimited header naming a
// coordinate or geometry column. It is tried last of the text formats:
// most text has commas.
func sniff(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	head = formats.TrimText(head)
	if len(head) == 0 || bytes.IndexByte([]byte("{[<"), head[0]) >= 0 {
		return false // JSON or XML
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if !bytes.ContainsAny(line, ",;\t|") {
		return false
	}
	low := bytes.ToLower(line)
	for _, name := range []string{"lat", "lon", "lng", "wkt", "geom", "coord"} {
		if bytes.Contains(low, []byte(name)) {
			return true
		}
	}
	return false
}
