package geojson

import "bytes"

// geomKind is a GeoJSON geometry type.
type geomKind uint8

const (
	kindNone geomKind = iota
	kindPoint
	kindLineString
	kindPolygon
	kindMultiPoint
	kindMultiLineString
	kindMultiPolygon
	kindCollection
)

var kindNames = [...]string{"", "Point", "LineString", "Polygon", "MultiPoint",
	"MultiLineString", "MultiPolygon", "GeometryCollection"}

func (k geomKind) String() string { return kindNames[k] }

// geomKindOf returns the geometry type named b, ignoring case as GDAL does,
// or kindNone.
func geomKindOf(b []byte) geomKind {
	for k := kindPoint; k <= kindCollection; k++ {
		if bytes.EqualFold(b, []byte(kindNames[k])) {
			return k
		}
	}
	return kindNone
}

// coords accumulates the coordinates member of one geometry: positions in a
// flat slice of stride 2 (XY) or 3 (XYZ, once any position has a Z), with
// the ends of lines/rings and polygons counted in positions.
type coords struct {
	kind   geomKind
	flat   []float64
	stride int
	npos   int
	ends1  []int // position count at the end of each line or ring
	ends2  []int // len(ends1) at the end of each polygon of a MultiPolygon
	// null is set when a null stands where a position is needed (GDAL then
	// makes the geometry null); nulls in the outermost array are skipped.
	null bool
}

func (c *coords) reset(k geomKind) {
	c.kind = k
	c.flat = c.flat[:0]
	c.stride = 2
	c.npos = 0
	c.ends1 = c.ends1[:0]
	c.ends2 = c.ends2[:0]
	c.null = false
}

// toXYZ widens the positions read so far to stride 3 with Z = 0.
func (c *coords) toXYZ() {
	n := c.npos
	if cap(c.flat) < 3*n {
		nf := make([]float64, 3*n, 3*n+3*n/2+16)
		copy(nf, c.flat)
		c.flat = nf
	} else {
		c.flat = c.flat[:3*n]
	}
	for i := n - 1; i >= 0; i-- {
		x, y := c.flat[2*i], c.flat[2*i+1]
		c.flat[3*i], c.flat[3*i+1], c.flat[3*i+2] = x, y, 0
	}
	c.stride = 3
}

// coordinates parses a coordinates member (not null) for geometry kind k
// into p.c.
func (p *parser) coordinates(k geomKind) error {
	p.c.reset(k)
	switch k {
	case kindPoint:
		n, err := p.position()
		if err == nil && n == 0 && !p.c.null {
			p.c.npos = 0 // an empty point
		}
		return err
	case kindLineString:
		_, err := p.positions(false, 2)
		return err
	case kindMultiPoint:
		_, err := p.positions(true, 0)
		return err
	case kindPolygon:
		_, err := p.lines(true, 3)
		return err
	case kindMultiLineString:
		_, err := p.lines(true, 2)
		return err
	case kindMultiPolygon:
		return p.polygons()
	}
	return nil
}

// wrongNesting reports coordinates nested wrongly at pos.
func (p *parser) wrongNesting(want string, b byte) error {
	return p.s.errAt(p.s.pos, "%s coordinates: expected %s, found %s", p.c.kind, want, describe(b))
}

// openArray checks that an array starts at the next token (want names
// what it should hold) without consuming it.
func (p *parser) openArray(want string) error {
	b, err := p.s.peek()
	if err != nil {
		return err
	}
	if b != '[' {
		return p.wrongNesting(want, b)
	}
	return nil
}

// position reads one position (2 or 3 numbers), returning how many numbers
// it had (0 for []).
func (p *parser) position() (int, error) {
	s, c := p.s, &p.c
	if n, ok := p.fastPosition(); ok {
		return n, nil
	}
	if err := p.openArray("a position (an array of numbers)"); err != nil {
		return 0, err
	}
	var b byte
	start := s.setMark(markValue)
	s.pos++
	var v [3]float64
	n, null := 0, false
	more, err := s.first(']')
	for more && err == nil {
		if b, err = s.peek(); err != nil {
			return 0, err
		}
		switch {
		case b == 'n':
			if err = s.literal("null"); err != nil {
				return 0, err
			}
			null = true
		case b == '-' || (b >= '0' && b <= '9'):
			var f float64
			if f, err = s.number(); err != nil {
				return 0, err
			}
			if n < 3 {
				v[n] = f
			}
			n++
		default:
			return 0, p.wrongNesting("a number in a position", b)
		}
		more, err = s.more(']')
	}
	if err != nil {
		return 0, err
	}
	switch {
	case null:
		c.null = true
		return n, nil
	case n == 0:
		if c.kind == kindPoint {
			return 0, nil
		}
		return 0, s.errAbs(start, "%s coordinates: empty position", c.kind)
	case n == 1 || n > 3:
		return 0, s.errAbs(start, "%s coordinates: a position needs 2 or 3 numbers (x, y[, z]), found %d", c.kind, n)
	}
	p.add(v[0], v[1], v[2], n == 3)
	return n, nil
}

// add appends a position.
func (p *parser) add(x, y, z float64, hasZ bool) {
	c := &p.c
	if hasZ && c.stride == 2 {
		c.toXYZ()
	}
	if c.stride == 2 {
		c.flat = append(c.flat, x, y)
	} else {
		c.flat = append(c.flat, x, y, z)
	}
	c.npos++
}

// fastPosition parses a plain position held whole in the buffer, such as
// [12.5,-3.25] or [ 1, 2, 3 ], without function calls per byte. It reports
// false, consuming nothing, for anything else (the general path then runs).
func (p *parser) fastPosition() (int, bool) {
	s := p.s
	if s.end-s.pos < 128 && !s.eof {
		s.fill(s.pos)
	}
	buf := s.buf[s.pos:s.end]
	i := 0
	for i < len(buf) && isSpace(buf[i]) {
		i++
	}
	if i >= len(buf) || buf[i] != '[' {
		return 0, false
	}
	i++
	var v [3]float64
	n := 0
	for {
		for i < len(buf) && isSpace(buf[i]) {
			i++
		}
		if n == 3 {
			return 0, false
		}
		f, j, ok := fastNumber(buf, i)
		if !ok {
			for j = i; j < len(buf) && numChar[buf[j]]; j++ {
			}
			if j == i || j == len(buf) {
				return 0, false
			}
			if f, ok = parseFloat(buf[i:j]); !ok {
				return 0, false
			}
		}
		v[n] = f
		n++
		i = j
		for i < len(buf) && isSpace(buf[i]) {
			i++
		}
		if i == len(buf) {
			return 0, false
		}
		if buf[i] == ']' {
			i++
			break
		}
		if buf[i] != ',' {
			return 0, false
		}
		i++
	}
	if n < 2 {
		return 0, false
	}
	s.pos += i
	if c := &p.c; n == 2 && c.stride == 2 {
		c.flat = append(c.flat, v[0], v[1])
		c.npos++
	} else {
		p.add(v[0], v[1], v[2], n == 3)
	}
	return n, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// positions reads an array of positions: a LineString, a ring or the points
// of a MultiPoint (skipNull: null points are dropped). It refuses a line
// of 1 to min-1 positions and a ring (min 3) of fewer than 3, and returns
// the count.
func (p *parser) positions(skipNull bool, min int) (int, error) {
	s, c := p.s, &p.c
	if err := p.openArray("an array of positions"); err != nil {
		return 0, err
	}
	var b byte
	start := s.setMark(markArray)
	s.pos++
	before := c.npos
	wasNull := c.null
	more, err := s.first(']')
	for more && err == nil {
		if _, ok := p.fastPosition(); ok {
			// The common case: a plain position. Step over a plain comma.
			if s.pos < s.end && s.buf[s.pos] == ',' {
				j := s.pos + 1
				for j < s.end && isSpace(s.buf[j]) {
					j++
				}
				if j < s.end && s.buf[j] == '[' {
					s.pos = j
					continue
				}
			}
			more, err = s.more(']')
			continue
		}
		if b, err = s.peek(); err != nil {
			return 0, err
		}
		if b == 'n' {
			if err = s.literal("null"); err != nil {
				return 0, err
			}
			if !skipNull {
				c.null = true
			}
		} else if _, err = p.position(); err != nil {
			return 0, err
		}
		more, err = s.more(']')
	}
	if err != nil {
		return 0, err
	}
	n := c.npos - before
	if c.null && !wasNull {
		return n, nil
	}
	if (n > 0 || min == 3) && n < min {
		switch c.kind {
		case kindLineString:
			return 0, s.errAbs(start, "LineString needs at least 2 positions, found %d", n)
		case kindMultiLineString:
			return 0, s.errAbs(start, "MultiLineString coordinates: a line needs at least 2 positions, found %d", n)
		}
		return 0, s.errAbs(start, "%s coordinates: a ring needs at least 3 positions, found %d", c.kind, n)
	}
	return n, nil
}

// lines reads an array of lines or rings (a Polygon, a MultiLineString or
// one polygon of a MultiPolygon), appending their ends. Nulls are skipped
// in the outermost array (top) and make the geometry null deeper down.
// Empty lines of a MultiLineString are dropped.
func (p *parser) lines(top bool, min int) (int, error) {
	s, c := p.s, &p.c
	if err := p.openArray("an array of lines or rings"); err != nil {
		return 0, err
	}
	var b byte
	s.pos++
	count := 0
	more, err := s.first(']')
	for more && err == nil {
		if b, err = s.peek(); err != nil {
			return 0, err
		}
		if b == 'n' {
			if err = s.literal("null"); err != nil {
				return 0, err
			}
			if !top {
				c.null = true
			}
		} else {
			var n int
			if n, err = p.positions(false, min); err != nil {
				return 0, err
			}
			if n > 0 {
				c.ends1 = append(c.ends1, c.npos)
				count++
			}
		}
		more, err = s.more(']')
	}
	return count, err
}

// polygons reads the coordinates of a MultiPolygon; empty polygons and null
// members are dropped.
func (p *parser) polygons() error {
	s, c := p.s, &p.c
	if err := p.openArray("an array of polygons"); err != nil {
		return err
	}
	var b byte
	s.pos++
	more, err := s.first(']')
	for more && err == nil {
		if b, err = s.peek(); err != nil {
			return err
		}
		if b == 'n' {
			err = s.literal("null")
		} else {
			var n int
			if n, err = p.lines(false, 3); err == nil && n > 0 {
				c.ends2 = append(c.ends2, len(c.ends1))
			}
		}
		if err != nil {
			return err
		}
		more, err = s.more(']')
	}
	return err
}

// fastNumber parses a plain decimal number (-?digits[.digits], at most 15
// significant digits, no exponent) at buf[i] in one pass, returning it and
// the index after it. It reports false for anything else, including a
// number that may continue past the end of buf.
func fastNumber(buf []byte, i int) (float64, int, bool) {
	neg := false
	if i < len(buf) && buf[i] == '-' {
		neg = true
		i++
	}
	start := i
	var mant uint64
	for i < len(buf) {
		d := buf[i] - '0'
		if d > 9 {
			break
		}
		mant = mant*10 + uint64(d)
		i++
	}
	digits := i - start
	if digits == 0 {
		return 0, i, false
	}
	frac := 0
	if i < len(buf) && buf[i] == '.' {
		i++
		fs := i
		for i < len(buf) {
			d := buf[i] - '0'
			if d > 9 {
				break
			}
			mant = mant*10 + uint64(d)
			i++
		}
		frac = i - fs
		if frac == 0 {
			return 0, i, false
		}
		digits += frac
	}
	if i >= len(buf) || buf[i] == 'e' || buf[i] == 'E' || digits > 19 || mant >= 1<<53 || frac > 22 {
		return 0, i, false
	}
	f := float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, i, true
}
