package formats

import (
	"errors"
	"io"
	"testing"
)

func TestPrintable(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Suspected routes", "Suspected routes"},
		{"café ✓", "café ✓"},
		{"red\x1b[31mALERT\x1b[0m", `red\x1b[31mALERT\x1b[0m`},
		{"a\nb\rc\td", `a\nb\rc\td`},
		{"Suspected\u200b routes\u2060", `Suspected\u200b routes\u2060`},
		{"\u202eetuor", `\u202eetuor`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"\u0085next\u2028line", `\u0085next\u2028line`},
	}
	for _, c := range cases {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	err := PrintableError(errors.Join(errors.New("x\x1b]0;pwned\x07"), io.EOF))
	if err.Error() != `x\x1b]0;pwned\a\nEOF` {
		t.Errorf("PrintableError: %q", err.Error())
	}
	if !errors.Is(err, io.EOF) {
		t.Error("PrintableError hides the error it wraps")
	}
}
