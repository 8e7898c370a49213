package kml

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats"
)

// Read reads the KML or KMZ file at path (a KMZ is recognised by its
// extension or its zip signature) and emits its features in file order.
// Errors are *formats.Error naming path.
func Read(ctx context.Context, path string, emit formats.Emit) error {
	f, err := os.Open(path)
	if err != nil {
		return &formats.Error{File: path, Err: err}
	}
	defer f.Close()
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	if strings.EqualFold(filepath.Ext(path), ".kmz") || bytes.HasPrefix(head[:n], []byte("PK\x03\x04")) {
		st, err := f.Stat()
		if err != nil {
			return &formats.Error{File: path, Err: err}
		}
		return DecodeKMZ(ctx, f, st.Size(), path, emit)
	}
	return decodeTwice(ctx, func() (io.ReadCloser, error) {
		_, err := f.Seek(0, io.SeekStart)
		return io.NopCloser(f), err
	}, path, emit)
}

// Decode reads a KML document from r and emits its features; name is the
// file name used in errors. A reader that is not an io.ReadSeeker is
// copied to a temporary file first (the reader takes two passes).
func Decode(ctx context.Context, r io.Reader, name string, emit formats.Emit) error {
	if rs, ok := r.(io.ReadSeeker); ok {
		start, err := rs.Seek(0, io.SeekCurrent)
		if err == nil {
			return decodeTwice(ctx, func() (io.ReadCloser, error) {
				_, err := rs.Seek(start, io.SeekStart)
				return io.NopCloser(rs), err
			}, name, emit)
		}
	}
	tmp, err := os.CreateTemp("", "corridor-kml-*.kml")
	if err != nil {
		return &formats.Error{File: name, Err: fmt.Errorf("buffering input: %w", err)}
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err := io.Copy(tmp, r); err != nil {
		return &formats.Error{File: name, Err: fmt.Errorf("reading: %w", err)}
	}
	return decodeTwice(ctx, func() (io.ReadCloser, error) {
		_, err := tmp.Seek(0, io.SeekStart)
		return io.NopCloser(tmp), err
	}, name, emit)
}

// decodeTwice runs the two passes over the document open returns.
func decodeTwice(ctx context.Context, open func() (io.ReadCloser, error), name string, emit formats.Emit) error {
	r, err := open()
	if err != nil {
		return &formats.Error{File: name, Err: err}
	}
	sum, line, err := scan(ctx, r)
	r.Close()
	if err != nil {
		return positioned(name, line, err)
	}
	if r, err = open(); err != nil {
		return &formats.Error{File: name, Err: err}
	}
	defer r.Close()
	d := &decoder{x: newXMLReader(ctx, r), book: sum.book}
	d.emit = func(l *formats.Layer, f *feature.Feature) error {
		if err := ctx.Err(); err != nil {
			return emitError{err}
		}
		if err := emit(l, f); err != nil {
			return emitError{err}
		}
		return nil
	}
	if err := d.run(sum); err != nil {
		var ee emitError
		if errors.As(err, &ee) {
			return ee.err
		}
		return positioned(name, d.x.line(), err)
	}
	return nil
}

// emitError carries an error of the caller's Emit (or a cancelled context)
// back out of the parser unchanged.
type emitError struct{ err error }

func (e emitError) Error() string { return e.err.Error() }

// positioned wraps err as a *formats.Error at a line, preferring the line an
// XML syntax error carries.
func positioned(name string, line int, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if msg == "unexpected EOF" {
			msg = "unexpected end of file (truncated KML?)"
		}
		return &formats.Error{File: name, Line: se.Line, Err: errors.New("invalid XML: " + msg)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("unexpected end of file (truncated KML?)")
	}
	return &formats.Error{File: name, Line: line, Err: err}
}
