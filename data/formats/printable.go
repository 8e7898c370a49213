package formats

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s with every control character (escape sequences
// included), format character (zero-width, bidirectional overrides) and
// invalid byte replaced by its Go escape (\x1b, \u202e, \xff), so that text
// taken from a file can be shown in a message or a terminal as it is,
// without acting on them. Text with none of them is returned unchanged.
func Printable(s string) string {
	i := strings.IndexFunc(s, hidden)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[0])|0x100, 16)[1:])
		case hidden(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// hidden reports whether r acts on a terminal or display instead of showing.
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError ||
		r == '\u2028' || r == '\u2029'
}

// PrintableError is err with a Printable message; errors.Is and errors.As
// still see err.
func PrintableError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if p := Printable(msg); p != msg {
		return &printableError{msg: p, err: err}
	}
	return err
}

type printableError struct {
	msg string
	err error
}

func (e *printableError) Error() string { return e.msg }
func (e *printableError) Unwrap() error { return e.err }
