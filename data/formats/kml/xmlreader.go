package kml

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// xmlReader wraps an xml.Decoder with the few helpers the KML parsers share.
type xmlReader struct {
	dec    *xml.Decoder
	ctx    context.Context
	tokens int
}

func newXMLReader(ctx context.Context, r io.Reader) *xmlReader {
	dec := xml.NewDecoder(&runCap{r: r})
	dec.CharsetReader = charsetReader
	return &xmlReader{dec: dec, ctx: ctx}
}

// next returns the next token; io.EOF at the end of a well-formed document.
func (x *xmlReader) next() (xml.Token, error) {
	x.tokens++
	if x.tokens&4095 == 0 {
		if err := x.ctx.Err(); err != nil {
			return nil, err
		}
	}
	return x.dec.Token()
}

// skip consumes tokens through the end of the element just started.
func (x *xmlReader) skip() error {
	depth := 1
	for depth > 0 {
		tok, err := x.next()
		if err != nil {
			return noEOF(err)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// text returns the character data (CDATA included) of the element just
// started, through its end, trimmed; text of nested elements is included.
func (x *xmlReader) text() (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := x.next()
		if err != nil {
			return "", noEOF(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(t)
		}
	}
	return strings.TrimSpace(b.String()), nil
}

// children calls fn for each child element of the element just started,
// through its end. fn must consume the child (through its end element).
func (x *xmlReader) children(fn func(start xml.StartElement) error) error {
	for {
		tok, err := x.next()
		if err != nil {
			return noEOF(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// line is the current line in the input, for error messages.
func (x *xmlReader) line() int {
	l, _ := x.dec.InputPos()
	return l
}

// noEOF turns an EOF inside an element into an unexpected-EOF error.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// attr returns the value of the attribute with the given local name.
func attr(start xml.StartElement, local string) string {
	for _, a := range start.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// charsetReader decodes the single-byte encodings KML files declare besides
// UTF-8 (ISO-8859-1 and Windows-1252, read as Latin-1).
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		return &latin1Reader{r: input}, nil
	}
	return nil, fmt.Errorf("unsupported character encoding %q", charset)
}

// latin1Reader converts Latin-1 bytes to UTF-8.
type latin1Reader struct {
	r   io.Reader
	buf []byte
	out bytes.Buffer
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	for l.out.Len() == 0 {
		if cap(l.buf) == 0 {
			l.buf = make([]byte, 4096)
		}
		n, err := l.r.Read(l.buf[:cap(l.buf)])
		for _, c := range l.buf[:n] {
			if c < utf8.RuneSelf {
				l.out.WriteByte(c)
			} else {
				l.out.WriteRune(rune(c))
			}
		}
		if err != nil {
			if l.out.Len() == 0 {
				return 0, err
			}
			break
		}
	}
	return l.out.Read(p)
}

var errNotKML = errors.New("not a KML document")

// MaxRun is the most bytes from one '<' to the next: encoding/xml gathers a
// text (or a tag) whole, at about 3.7 times its size, so a longer one is
// refused while it is read. The coordinates of a LineString of two million
// positions fit.
const MaxRun = 64 << 20

// runCap fails once more than MaxRun bytes have passed without a '<'.
type runCap struct {
	r   io.Reader
	run int
}

func (c *runCap) Read(p []byte) (int, error) {
	if c.run > MaxRun {
		return 0, fmt.Errorf("a text or tag longer than %d MiB: refused", MaxRun>>20)
	}
	n, err := c.r.Read(p)
	if i := bytes.LastIndexByte(p[:n], '<'); i >= 0 {
		c.run = n - i - 1
	} else {
		c.run += n
	}
	return n, err
}
