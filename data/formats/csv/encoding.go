package csv

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// sniffLen is how much of a file decides its encoding.
const sniffLen = 64 << 10

// utf8Reader returns the text of br as UTF-8, and whether it decodes it from
// another encoding (UTF-8's byte order mark it skips in br itself). A byte
// order mark of UTF-16, as Excel's "Unicode text" writes, decodes UTF-16.
// Text whose first 64 KiB hold more bytes that are not UTF-8 than
// characters that are (beyond ASCII) is read as Windows-1252 (the Latin-1
// of Excel's CSV on Windows, where "Bogotá" has one byte 0xE1 for the á).
func utf8Reader(br *bufio.Reader) (io.Reader, bool) {
	head, _ := br.Peek(sniffLen)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		return br, false
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		return dec.Reader(br), true // UTF-16
	default:
		if valid, invalid := utf8Counts(head); invalid > valid {
			return charmap.Windows1252.NewDecoder().Reader(br), true
		}
	}
	return br, false
}

// utf8Counts counts, in b, the characters beyond ASCII that are valid UTF-8
// and the bytes that are not, leaving out a sequence cut at b's end. Text
// in Windows-1252 may hold a pair of bytes that happens to be UTF-8 ("É"
// then a no-break space is "\xc9\xa0"), but far fewer than bytes that are
// not.
func utf8Counts(b []byte) (valid, invalid int) {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[n:]
	}
	return valid, invalid
}
