package store

import (
	"strings"
	"unicode"
)

// quoteIdent quotes an SQL identifier, doubling any embedded quote, so that a
// name a user typed can never end the identifier early.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// slug turns a title into a table-name stem: lower-case ASCII letters, digits
// and underscores, starting with a letter, at most 40 characters.
func slug(title string) string {
	var b strings.Builder
	lastUnderscore := true
	for _, r := range strings.ToLower(title) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			lastUnderscore = false
		case !lastUnderscore:
			b.WriteByte('_')
			lastUnderscore = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	s := strings.Trim(b.String(), "_")
	if s == "" || !unicode.IsLetter(rune(s[0])) {
		s = "layer_" + s
		s = strings.TrimRight(s, "_")
	}
	if strings.HasPrefix(s, "gpkg_") || strings.HasPrefix(s, "rtree_") || strings.HasPrefix(s, "corridor_") || strings.HasPrefix(s, "sqlite_") {
		s = "l_" + s
	}
	if len(s) > 40 { // a prefix may have pushed it over; s is ASCII
		s = strings.TrimRight(s[:40], "_")
	}
	return s
}
