package store

import (
	"strings"
)

// sqlToken is one lexical token of SQLite SQL, in a normal form: key words
// and bare or quoted names that need no quotes are lower case and bare,
// other quoted names keep double quotes, string literals keep their text.
type sqlToken struct {
	text string
	kind tokenKind
}

type tokenKind int

const (
	tokWord   tokenKind = iota // key word or name
	tokString                  // '...'
	tokNumber
	tokPunct
)

// tokenizeSQL splits SQL into tokens, dropping white space and comments.
// It is not a parser: it is enough to compare two statements for equality
// whatever their spacing, quoting and case, and to find the names called as
// functions.
func tokenizeSQL(s string) []sqlToken {
	var out []sqlToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 4
			}
		case c == '\'':
			j, text := quoted(s, i, '\'')
			out = append(out, sqlToken{"'" + strings.ReplaceAll(text, "'", "''") + "'", tokString})
			i = j
		case c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			j, text := quoted(s, i, closer)
			out = append(out, sqlToken{normalName(text), tokWord})
			i = j
		case isWordByte(c):
			j := i
			for j < len(s) && (isWordByte(s[j]) || (s[j] >= '0' && s[j] <= '9') || s[j] == '$') {
				j++
			}
			out = append(out, sqlToken{strings.ToLower(s[i:j]), tokWord})
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E' || s[j] == 'x' || s[j] == 'X' ||
				s[j] >= 'a' && s[j] <= 'f' || s[j] >= 'A' && s[j] <= 'F' ||
				(s[j] == '+' || s[j] == '-') && (s[j-1] == 'e' || s[j-1] == 'E')) {
				j++
			}
			out = append(out, sqlToken{strings.ToLower(s[i:j]), tokNumber})
			i = j
		default:
			out = append(out, sqlToken{string(c), tokPunct})
			i++
		}
	}
	return out
}

// quoted returns the end of the quoted run starting at s[i] and its text,
// a doubled closing quote standing for one.
func quoted(s string, i int, closer byte) (int, string) {
	var b strings.Builder
	j := i + 1
	for j < len(s) {
		if s[j] == closer {
			if closer != ']' && j+1 < len(s) && s[j+1] == closer {
				b.WriteByte(closer)
				j += 2
				continue
			}
			return j + 1, b.String()
		}
		b.WriteByte(s[j])
		j++
	}
	return j, b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// normalName is a quoted name in normal form: bare if it needs no quotes.
func normalName(name string) string {
	n := strings.ToLower(name)
	bare := n != ""
	for i := 0; i < len(n); i++ {
		if !isWordByte(n[i]) && !(i > 0 && n[i] >= '0' && n[i] <= '9') {
			bare = false
			break
		}
	}
	if bare {
		return n
	}
	return `"` + strings.ReplaceAll(n, `"`, `""`) + `"`
}

// normalSQL is s's tokens joined by single spaces, without a trailing
// semicolon: two statements with the same normal form are the same statement.
func normalSQL(s string) string {
	toks := tokenizeSQL(s)
	for len(toks) > 0 && toks[len(toks)-1].text == ";" {
		toks = toks[:len(toks)-1]
	}
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}

// calledFunctions returns the names followed by "(" in toks, other than
// the key words that take a parenthesised list.
func calledFunctions(toks []sqlToken) []string {
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind == tokWord && toks[i+1].text == "(" && !parenKeywords[toks[i].text] {
			out = append(out, toks[i].text)
		}
	}
	return out
}

// parenKeywords are key words that may be followed by "(" without being a call.
var parenKeywords = map[string]bool{
	"check": true, "default": true, "as": true, "in": true, "key": true, "unique": true,
	"references": true, "using": true, "values": true, "exists": true, "not": true,
	"and": true, "or": true, "when": true, "then": true, "else": true, "on": true,
	"where": true, "is": true, "between": true, "like": true, "glob": true, "select": true,
	"cast": true, "filter": true, "over": true, "table": true, "index": true, "primary": true,
}

// innocuousFunctions are SQLite built-ins a workspace's DEFAULT, CHECK or
// index expressions may call: pure, bounded by the value cap, touching no
// file and no other table.
var innocuousFunctions = map[string]bool{
	"strftime": true, "datetime": true, "date": true, "time": true, "julianday": true, "unixepoch": true,
	"lower": true, "upper": true, "hex": true, "randomblob": true, "substr": true, "substring": true,
	"length": true, "typeof": true, "abs": true, "coalesce": true, "ifnull": true, "trim": true,
	"ltrim": true, "rtrim": true, "json_valid": true, "round": true, "cast": true,
}
