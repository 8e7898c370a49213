package geojson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"corridor/data/formats"
)

// bufSize is the scanner's initial buffer; tokens longer than it grow it.
const bufSize = 64 << 10

// maxDepth bounds the nesting of JSON arrays and objects, so that hostile
// input cannot exhaust the stack.
const maxDepth = 256

// MaxString is the most bytes a JSON string may have (a member name or a
// value): a longer one is refused before its bytes are gathered, so that a
// hostile file cannot make the reader allocate gigabytes. Imports cut
// values far shorter (transfer.MaxValueSize).
const MaxString = 16 << 20

// errEOF is the reason given for a file that ends in the middle of a value.
var errEOF = errors.New("unexpected end of file (truncated?)")

// scanner reads JSON tokens from a reader through its own sliding buffer,
// so that numbers and strings are parsed in place without copying. It keeps
// enough bookkeeping to turn a buffer index into a line and column.
type scanner struct {
	r    io.Reader
	name string
	buf  []byte
	pos  int  // next unread byte in buf
	end  int  // bytes of buf holding data
	eof  bool // the reader is exhausted (or failed: see rerr)
	rerr error
	pin  int // index that fill must keep (raw value capture), or -1

	// marks are positions that errors may name after fill has discarded
	// them: fill then records their line and column.
	marks [2]mark

	base      int64 // absolute offset of buf[0]
	lines     int   // newlines before buf[0]
	lineStart int64 // absolute offset where the line holding buf[0] starts

	feature int    // current feature number (1-based) for errors, 0 outside features
	scratch []byte // decoded strings with escapes
}

func newScanner(r io.Reader, name string) *scanner {
	return &scanner{r: r, name: name, buf: make([]byte, bufSize), pin: -1, marks: noMarks}
}

// newSubScanner scans a captured value whose first byte was at absolute
// offset base, on 1-based line line and column col of the original file.
func newSubScanner(parent *scanner, raw []byte, base int64, line, col int) *scanner {
	return &scanner{
		name: parent.name, buf: raw, end: len(raw), eof: true, pin: -1, marks: noMarks,
		base: base, lines: line - 1, lineStart: base - int64(col-1),
		feature: parent.feature,
	}
}

// fill keeps buf[keep:end] (and anything pinned), moves it to the front and
// reads more data. It reports whether new bytes arrived.
func (s *scanner) fill(keep int) bool {
	if s.eof {
		return false
	}
	if s.pin >= 0 && s.pin < keep {
		keep = s.pin
	}
	for k := range s.marks {
		m := &s.marks[k]
		switch {
		case m.idx < 0:
		case m.idx < keep:
			m.line, m.col = s.lineCol(m.idx)
			m.idx = -1
		default:
			m.idx -= keep
		}
	}
	if keep > 0 {
		done := s.buf[:keep]
		if n := bytes.Count(done, nl); n > 0 {
			s.lines += n
			s.lineStart = s.base + int64(bytes.LastIndexByte(done, '\n')) + 1
		}
		copy(s.buf, s.buf[keep:s.end])
		s.end -= keep
		s.pos -= keep
		s.base += int64(keep)
		if s.pin >= 0 {
			s.pin -= keep
		}
	}
	if s.end == len(s.buf) {
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

var nl = []byte{'\n'}

// lineCol turns a buffer index into a 1-based line and byte column.
func (s *scanner) lineCol(i int) (int, int) {
	if i < 0 {
		i = 0
	}
	if i > s.end {
		i = s.end
	}
	before := s.buf[:i]
	line := s.lines + bytes.Count(before, nl) + 1
	start := s.lineStart
	if k := bytes.LastIndexByte(before, '\n'); k >= 0 {
		start = s.base + int64(k) + 1
	}
	return line, int(s.base + int64(i) - start + 1)
}

// errAt returns a positioned error at buffer index i.
func (s *scanner) errAt(i int, format string, args ...any) *formats.Error {
	line, col := s.lineCol(i)
	return &formats.Error{File: s.name, Line: line, Column: col, Feature: s.feature, Err: fmt.Errorf(format, args...)}
}

// errAbs returns a positioned error at absolute offset abs, or at the
// current position when abs has left the buffer.
func (s *scanner) errAbs(abs int64, format string, args ...any) *formats.Error {
	i := s.pos
	switch {
	case abs >= s.base && abs <= s.base+int64(s.end):
		i = int(abs - s.base)
	default:
		for _, m := range s.marks {
			if m.abs == abs && m.line > 0 {
				return &formats.Error{File: s.name, Line: m.line, Column: m.col, Feature: s.feature, Err: fmt.Errorf(format, args...)}
			}
		}
	}
	return s.errAt(i, format, args...)
}

// mark is a remembered position: a buffer index (-1 once discarded), its
// absolute offset, and its line and column once discarded.
type mark struct {
	idx       int
	abs       int64
	line, col int
}

var noMarks = [2]mark{{idx: -1}, {idx: -1}}

// The mark slots: one for arrays of positions, one for shorter values.
const (
	markArray = 0
	markValue = 1
)

// setMark remembers the current position in slot k for errAbs and returns
// its absolute offset.
func (s *scanner) setMark(k int) int64 {
	s.marks[k] = mark{idx: s.pos, abs: s.abs()}
	return s.marks[k].abs
}

// abs returns the absolute offset of the current position.
func (s *scanner) abs() int64 { return s.base + int64(s.pos) }

// eofErr is the error for input ending at the current position.
func (s *scanner) eofErr() *formats.Error {
	if s.rerr != nil {
		return s.errAt(s.end, "read: %w", s.rerr)
	}
	return s.errAt(s.end, "%w", errEOF)
}

// peek skips white space and returns the next byte without consuming it.
func (s *scanner) peek() (byte, error) {
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			if c > ' ' {
				return c, nil
			}
			if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
				s.pos++
				continue
			}
			return c, nil
		}
		if !s.fill(s.pos) {
			return 0, s.eofErr()
		}
	}
}

// expect consumes the byte c after optional white space.
func (s *scanner) expect(c byte, what string) error {
	b, err := s.peek()
	if err != nil {
		return err
	}
	if b != c {
		return s.errAt(s.pos, "expected %s, found %s", what, describe(b))
	}
	s.pos++
	return nil
}

// describe names the JSON value starting with byte b, for messages.
func describe(b byte) string {
	switch {
	case b == '{':
		return "an object"
	case b == '[':
		return "an array"
	case b == '"':
		return "a string"
	case b == '-' || (b >= '0' && b <= '9'):
		return "a number"
	case b == 't' || b == 'f':
		return "a boolean"
	case b == 'n':
		return "null"
	case b == ']' || b == '}' || b == ',' || b == ':':
		return fmt.Sprintf("%q", b)
	case b >= 0x20 && b < 0x7f:
		return fmt.Sprintf("the character %q", b)
	}
	return fmt.Sprintf("the byte 0x%02x", b)
}

// more is called after a value inside an array or object: it consumes a
// comma and reports true when another element follows, or consumes the
// closing byte and reports false. A trailing comma before the closing byte
// is accepted, as GDAL does.
func (s *scanner) more(closing byte) (bool, error) {
	b, err := s.peek()
	if err != nil {
		return false, err
	}
	if b == closing {
		s.pos++
		return false, nil
	}
	if b != ',' {
		return false, s.errAt(s.pos, "expected ',' or %q, found %s", closing, describe(b))
	}
	s.pos++
	b, err = s.peek()
	if err != nil {
		return false, err
	}
	if b == closing {
		s.pos++
		return false, nil
	}
	return true, nil
}

// first is called right after an opening byte: it reports whether the
// array or object has an element (consuming the closing byte if not).
func (s *scanner) first(closing byte) (bool, error) {
	b, err := s.peek()
	if err != nil {
		return false, err
	}
	if b == closing {
		s.pos++
		return false, nil
	}
	return true, nil
}

// key reads an object member name and the colon after it. The returned
// bytes are valid until the next scanner call.
func (s *scanner) key() ([]byte, error) {
	b, err := s.peek()
	if err != nil {
		return nil, err
	}
	if b != '"' {
		return nil, s.errAt(s.pos, "expected a member name (a string), found %s", describe(b))
	}
	k, err := s.str()
	if err != nil {
		return nil, err
	}
	// The key may live in buf; copy it to scratch before peek can refill.
	if s.pos >= s.end || s.buf[s.pos] != ':' {
		s.scratch = append(s.scratch[:0], k...)
		k = s.scratch
		if err := s.expect(':', "':'"); err != nil {
			return nil, err
		}
		return k, nil
	}
	s.pos++
	return k, nil
}

// literal consumes the word lit (true, false, null).
func (s *scanner) literal(lit string) error {
	start := s.pos
	for s.end-s.pos < len(lit) {
		if !s.fill(s.pos) {
			start = s.pos
			if string(s.buf[s.pos:s.end]) == lit[:s.end-s.pos] {
				return s.eofErr()
			}
			return s.errAt(start, "invalid literal, expected %s", lit)
		}
		start = s.pos
	}
	if string(s.buf[s.pos:s.pos+len(lit)]) != lit {
		return s.errAt(start, "invalid literal, expected %s", lit)
	}
	s.pos += len(lit)
	return nil
}

// ensure makes n bytes available from pos, reporting false at end of input.
func (s *scanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill(s.pos) {
			return false
		}
	}
	return true
}

// str reads a string starting at pos (which holds '"'). The returned bytes
// are valid until the next scanner call.
func (s *scanner) str() ([]byte, error) {
	start := s.pos
	i := start + 1
	for {
		for i < s.end {
			c := s.buf[i]
			if c == '"' {
				if i-start > MaxString+1 {
					return nil, s.errLong(start)
				}
				s.pos = i + 1
				return s.buf[start+1 : i], nil
			}
			if c == '\\' {
				s.scratch = append(s.scratch[:0], s.buf[start+1:i]...)
				s.pos = i
				return s.strEscaped()
			}
			i++
		}
		off := i - start
		if off > MaxString {
			return nil, s.errLong(start)
		}
		if !s.fill(start) {
			return nil, s.strEOF()
		}
		start = s.pos
		i = start + off
	}
}

// errLong refuses a string longer than MaxString, at i.
func (s *scanner) errLong(i int) error {
	return s.errAt(i, "a string longer than %d MiB: refused", MaxString>>20)
}

func (s *scanner) strEOF() error {
	if s.rerr != nil {
		return s.eofErr()
	}
	return s.errAt(s.end, "unterminated string: %w", errEOF)
}

// strEscaped continues a string at a backslash, decoding into scratch.
func (s *scanner) strEscaped() ([]byte, error) {
	out := s.scratch
	for {
		if len(out) > MaxString {
			return nil, s.errLong(s.pos)
		}
		if !s.ensure(1) {
			return nil, s.strEOF()
		}
		c := s.buf[s.pos]
		switch {
		case c == '"':
			s.pos++
			s.scratch = out
			return out, nil
		case c != '\\':
			out = append(out, c)
			s.pos++
			continue
		}
		if !s.ensure(2) {
			return nil, s.strEOF()
		}
		e := s.buf[s.pos+1]
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n, err := s.unicodeEscape()
			if err != nil {
				return nil, err
			}
			out = utf8.AppendRune(out, r)
			s.pos += n
			continue
		default:
			return nil, s.errAt(s.pos, "invalid escape sequence \\%c in a string", e)
		}
		s.pos += 2
	}
}

// unicodeEscape decodes \uXXXX (and a following low surrogate) at pos,
// returning the rune and the bytes it spans.
func (s *scanner) unicodeEscape() (rune, int, error) {
	if !s.ensure(6) {
		return 0, 0, s.strEOF()
	}
	r, ok := hex4(s.buf[s.pos+2 : s.pos+6])
	if !ok {
		return 0, 0, s.errAt(s.pos, "invalid \\u escape in a string")
	}
	if !utf16.IsSurrogate(r) {
		return r, 6, nil
	}
	if s.ensure(12) && s.buf[s.pos+6] == '\\' && s.buf[s.pos+7] == 'u' {
		if r2, ok := hex4(s.buf[s.pos+8 : s.pos+12]); ok {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				return d, 12, nil
			}
		}
	}
	return utf8.RuneError, 6, nil
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
