package csv

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// TestEncodings checks that UTF-8 (with or without a byte order mark),
// UTF-16 with a byte order mark and Windows-1252 files read the same
// names, with the same line numbers in errors.
func TestEncodings(t *testing.T) {
	const text = "name;lat;lon\nBogotá;4.6;-74.08\nPanamá – Colón;9.35;-79.9\n"
	utf16le := func(s string, bigEndian bool) string {
		var b strings.Builder
		for _, u := range append([]uint16{0xfeff}, utf16.Encode([]rune(s))...) {
			if bigEndian {
				b.WriteByte(byte(u >> 8))
				b.WriteByte(byte(u))
			} else {
				b.WriteByte(byte(u))
				b.WriteByte(byte(u >> 8))
			}
		}
		return b.String()
	}
	cp1252 := strings.NewReplacer("á", "\xe1", "–", "\x96", "ó", "\xf3").Replace(text)
	cases := map[string]string{
		"UTF-8":          text,
		"UTF-8 with BOM": "\xef\xbb\xbf" + text,
		"UTF-16 LE":      utf16le(text, false),
		"UTF-16 BE":      utf16le(text, true),
		"Windows-1252":   cp1252,
	}
	for name, src := range cases {
		fs, err := decodeString(t, src, Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(fs) != 2 || fs[0].Name != "Bogotá" || fs[1].Name != "Panamá – Colón" {
			var names []string
			for _, f := range fs {
				names = append(names, f.Name)
			}
			t.Errorf("%s: names %q", name, names)
		}
	}
	// a bad row is named by its line whatever the encoding
	for name, src := range map[string]string{"UTF-16": utf16le(text+"Cúcuta;x;1\n", false), "Windows-1252": cp1252 + "C\xfacuta;x;1\n"} {
		_, err := decodeString(t, src, Options{})
		if err == nil || !strings.Contains(err.Error(), "line 4") {
			t.Errorf("%s: bad row: %v; want an error on line 4", name, err)
		}
	}
	// Windows-1252 in which a pair of bytes happens to be UTF-8 ("É" and a
	// no-break space), among more that are not
	fs, err := decodeString(t, "name,lat,lon\nCaf\xe9 \xc9\xa0Est,1,2\n\xc9t\xe9,3,4\n", Options{})
	if err != nil || len(fs) != 2 || fs[0].Name != "Café É\u00a0Est" || fs[1].Name != "Été" {
		t.Fatalf("Windows-1252 with a UTF-8-like pair: %v %v", fs, err)
	}
	// a character cut by the end of the 64 KiB looked at
	long := "name,lat,lon\n" + strings.Repeat("a", sniffLen-14) + "é,1,2\n" // é from byte sniffLen-1
	fs, err = decodeString(t, long, Options{})
	if err != nil || len(fs) != 1 || !strings.HasSuffix(fs[0].Name, "aé") {
		t.Fatalf("é across the 64 KiB mark: %v", err)
	}
	// UTF-8 that also holds a stray byte is still read as UTF-8
	fs, err = decodeString(t, "name,lat,lon\nBogotá \xff,4.6,-74.08\n", Options{})
	if err != nil || len(fs) != 1 || !strings.HasPrefix(fs[0].Name, "Bogotá ") {
		t.Fatalf("mixed: %v %v", fs, err)
	}
}
