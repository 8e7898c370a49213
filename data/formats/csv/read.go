package csv

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"
)

// Options tune the reader.
type Options struct {
	// AllowNoGeometry imports a file without a geometry column, every row
	// as a feature with a nil geometry, instead of refusing it.
	AllowNoGeometry bool
}

// Read reads the CSV file at path and emits one feature per row.
func Read(ctx context.Context, path string, emit formats.Emit) error {
	f, err := os.Open(path)
	if err != nil {
		return &formats.Error{File: path, Err: err}
	}
	defer f.Close()
	return Decode(ctx, f, path, emit)
}

// Decode reads a CSV table from r and emits one feature per row; name is
// the file name used in errors.
func Decode(ctx context.Context, r io.Reader, name string, emit formats.Emit) error {
	return DecodeWith(ctx, r, name, Options{}, emit)
}

// DecodeWith is Decode with options.
func DecodeWith(ctx context.Context, r io.Reader, name string, opts Options, emit formats.Emit) error {
	br := bufio.NewReaderSize(r, sniffLen)
	if text, decoded := utf8Reader(br); decoded {
		br = bufio.NewReaderSize(text, 64<<10)
	}
	comma := detectDelimiter(br)
	rc := &recordCap{r: br}
	cr := csv.NewReader(rc)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	fail := func(line int, format string, args ...any) error {
		return &formats.Error{File: name, Line: line, Err: fmt.Errorf(format, args...)}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return fail(0, "empty file: no header line")
	}
	if err != nil {
		return readError(name, err)
	}
	rc.n, rc.line = 0, 1
	cols := analyse(header)
	switch {
	case cols.wkt < 0 && (cols.lat < 0) != (cols.lon < 0):
		missing := "longitude (lon, lng, long, longitude or x)"
		if cols.lat < 0 {
			missing = "latitude (lat, latitude or y)"
		}
		return fail(1, "no %s column to go with the other coordinate", missing)
	case cols.wkt < 0 && cols.lat < 0 && !opts.AllowNoGeometry:
		return fail(1, "no geometry column: expected latitude and longitude columns (lat/lon, latitude/longitude, y/x) or a WKT column (wkt, geometry, geom, the_geom)")
	}
	layer := &formats.Layer{}
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, errLongRecord) {
			return fail(rc.line+1, "%v", err)
		}
		if err != nil {
			return readError(name, err)
		}
		rc.n = 0
		if row&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line, _ := cr.FieldPos(0)
		rc.line = line
		if len(rec) > len(cols.names) {
			for _, extra := range rec[len(cols.names):] {
				if strings.TrimSpace(extra) != "" {
					return fail(line, "%d fields but the header has %d (wrong delimiter or unquoted %q?)", len(rec), len(cols.names), string(cr.Comma))
				}
			}
		}
		f, err := cols.feature(rec)
		if err != nil {
			return &formats.Error{File: name, Line: line, Err: err}
		}
		if err := emit(layer, f); err != nil {
			return err
		}
	}
}

// MaxRecord is the most bytes a record (a row) may have: a longer one is
// refused before encoding/csv gathers it, which costs about three times
// its size.
const MaxRecord = 64 << 20

var errLongRecord = fmt.Errorf("a record longer than %d MiB: refused", MaxRecord>>20)

// recordCap fails once more than MaxRecord bytes have been read since n
// was last reset (at each record; the csv reader reads ahead a little).
type recordCap struct {
	r    io.Reader
	n    int64
	line int // first line of the last record read, for errors
}

func (c *recordCap) Read(p []byte) (int, error) {
	if c.n > MaxRecord {
		return 0, errLongRecord
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readError converts an encoding/csv error to a positioned error.
func readError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		err := pe.Err
		if pe.StartLine != pe.Line {
			err = fmt.Errorf("%w (in the record starting on line %d)", err, pe.StartLine)
		}
		return &formats.Error{File: name, Line: pe.Line, Column: pe.Column, Err: err}
	}
	return &formats.Error{File: name, Err: err}
}

// feature builds the feature of one row.
func (l layout) feature(rec []string) (*feature.Feature, error) {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	f := &feature.Feature{Name: cell(l.name), UUID: cell(l.uuid), Classification: cell(l.class)}
	for _, p := range strings.Split(cell(l.releasableTo), ",") {
		if p = strings.TrimSpace(p); p != "" {
			f.ReleasableTo = append(f.ReleasableTo, p)
		}
	}
	var err error
	switch {
	case l.wkt >= 0:
		f.Geometry, err = parseWKT(l.names[l.wkt], cell(l.wkt))
	case l.lat >= 0:
		f.Geometry, err = l.point(cell(l.lat), cell(l.lon))
	}
	if err != nil {
		return nil, err
	}
	for i, v := range rec {
		if i >= len(l.names) || i == l.wkt || i == l.lat || i == l.lon || i == l.name ||
			i == l.uuid || i == l.class || i == l.releasableTo || strings.TrimSpace(v) == "" {
			continue
		}
		f.SetProp(l.names[i], v)
	}
	return f, nil
}

// point builds the point of a row from its latitude and longitude cells.
func (l layout) point(lat, lon string) (geom.T, error) {
	if lat == "" && lon == "" {
		return nil, nil
	}
	y, err := coordinate(l.names[l.lat], lat, true)
	if err != nil {
		return nil, err
	}
	x, err := coordinate(l.names[l.lon], lon, false)
	if err != nil {
		return nil, err
	}
	return geom.NewPointFlat(geom.XY, []float64{x, y}), nil
}

// coordinate parses a latitude or longitude cell and checks its range.
func coordinate(column, v string, lat bool) (float64, error) {
	what, limit := "longitude", 180.0
	if lat {
		what, limit = "latitude", 90
	}
	if v == "" {
		return 0, fmt.Errorf("column %q: empty %s", column, what)
	}
	a, err := parseAngle(v, lat)
	if err != nil {
		return 0, fmt.Errorf("column %q: %q is not a %s", column, v, what)
	}
	if math.Abs(a) > limit {
		return 0, fmt.Errorf("column %q: %q is out of range", column, v)
	}
	return a, nil
}

// parseWKT parses a WKT (or EWKT with SRID 4326) cell; empty is nil.
func parseWKT(column, v string) (geom.T, error) {
	if v == "" {
		return nil, nil
	}
	if rest, ok := cutPrefixFold(v, "SRID="); ok {
		srid, body, found := strings.Cut(rest, ";")
		if !found {
			return nil, fmt.Errorf("column %q: bad EWKT %q", column, short(v))
		}
		if n, err := strconv.Atoi(strings.TrimSpace(srid)); err != nil || (n != 4326 && n != 0) {
			return nil, fmt.Errorf("column %q: SRID %s: %w (want EPSG:4326)", column, srid, formats.ErrUnsupportedCRS)
		}
		v = body
	}
	if depth := parenDepth(v); depth > maxWKTDepth {
		return nil, fmt.Errorf("column %q: WKT nested more than %d deep (%d): refused", column, maxWKTDepth, depth)
	}
	g, err := wkt.Unmarshal(v)
	if err != nil {
		return nil, fmt.Errorf("column %q: not valid WKT (%v): %q", column, err, short(v))
	}
	if !inRange(g) {
		return nil, fmt.Errorf("column %q: coordinates outside longitude/latitude range (projected data?): %q", column, short(v))
	}
	return g, nil
}

// maxWKTDepth bounds the parentheses of a WKT cell, checked before it is
// parsed: a polygon of a multipolygon takes 3, and the workspace keeps
// collections nested at most gpkg.MaxCollectionDepth (16) deep.
const maxWKTDepth = 3 + 16

// parenDepth is the deepest nesting of parentheses in s, counted in one
// pass without allocating, stopping once past maxWKTDepth.
func parenDepth(s string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > maxWKTDepth {
					return deepest
				}
			}
		case ')':
			depth--
		}
	}
	return deepest
}

// inRange reports whether every coordinate of g is a longitude and latitude.
func inRange(g geom.T) bool {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		for _, c := range gc.Geoms() {
			if !inRange(c) {
				return false
			}
		}
		return true
	}
	flat, stride := g.FlatCoords(), g.Stride()
	for i := 0; stride >= 2 && i+1 < len(flat); i += stride {
		if !(math.Abs(flat[i]) <= 180 && math.Abs(flat[i+1]) <= 90) {
			return false
		}
	}
	return true
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// short cuts a long cell for an error message.
func short(s string) string {
	if len(s) > 60 {
		return strings.ToValidUTF8(s[:57], "") + "..."
	}
	return s
}
