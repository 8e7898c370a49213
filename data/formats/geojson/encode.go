package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/twpayne/go-geom"
)

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// appendNumber appends a property number: NaN and infinities, which JSON
// cannot hold, become null.
func appendNumber(buf []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(buf, "null"...)
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(buf, f, 'e', -1, bits)
	}
	return strconv.AppendFloat(buf, f, 'f', -1, bits)
}

// appendValue appends a property value as JSON.
func appendValue(buf []byte, v any, depth int) ([]byte, error) {
	if depth > maxDepth {
		return buf, errors.New("value nested too deep")
	}
	var err error
	switch t := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case string:
		return appendString(buf, t), nil
	case bool:
		return strconv.AppendBool(buf, t), nil
	case int:
		return strconv.AppendInt(buf, int64(t), 10), nil
	case int8:
		return strconv.AppendInt(buf, int64(t), 10), nil
	case int16:
		return strconv.AppendInt(buf, int64(t), 10), nil
	case int32:
		return strconv.AppendInt(buf, int64(t), 10), nil
	case int64:
		return strconv.AppendInt(buf, t, 10), nil
	case uint:
		return strconv.AppendUint(buf, uint64(t), 10), nil
	case uint8:
		return strconv.AppendUint(buf, uint64(t), 10), nil
	case uint16:
		return strconv.AppendUint(buf, uint64(t), 10), nil
	case uint32:
		return strconv.AppendUint(buf, uint64(t), 10), nil
	case uint64:
		return strconv.AppendUint(buf, t, 10), nil
	case float32:
		return appendNumber(buf, float64(t), 32), nil
	case float64:
		return appendNumber(buf, t, 64), nil
	case json.Number:
		if _, e := strconv.ParseFloat(string(t), 64); e != nil {
			return appendString(buf, string(t)), nil
		}
		return append(buf, t...), nil
	case time.Time:
		return appendString(buf, t.Format(time.RFC3339Nano)), nil
	case []string:
		buf = append(buf, '[')
		for i, s := range t {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendString(buf, s)
		}
		return append(buf, ']'), nil
	case []any:
		buf = append(buf, '[')
		for i, e := range t {
			if i > 0 {
				buf = append(buf, ',')
			}
			if buf, err = appendValue(buf, e, depth+1); err != nil {
				return buf, err
			}
		}
		return append(buf, ']'), nil
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf = append(buf, '{')
		for i, k := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendString(buf, k)
			buf = append(buf, ':')
			if buf, err = appendValue(buf, t[k], depth+1); err != nil {
				return buf, err
			}
		}
		return append(buf, '}'), nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(buf, "null"...), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return buf, fmt.Errorf("cannot write a %T as JSON: %w", v, err)
	}
	return append(buf, b...), nil
}

// appendCoord appends a coordinate with at most 7 decimals.
func appendCoord(buf []byte, v float64) ([]byte, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return buf, fmt.Errorf("coordinate %v is not a finite number", v)
	}
	start := len(buf)
	buf = strconv.AppendFloat(buf, v, 'f', 7, 64)
	for buf[len(buf)-1] == '0' {
		buf = buf[:len(buf)-1]
	}
	if buf[len(buf)-1] == '.' {
		buf = buf[:len(buf)-1]
	}
	if string(buf[start:]) == "-0" {
		buf = append(buf[:start], '0')
	}
	return buf, nil
}

// appendPosition appends the position at flat[i:] (x, y and, when dims is
// 3, z).
func appendPosition(buf []byte, flat []float64, i, dims int) ([]byte, error) {
	buf = append(buf, '[')
	var err error
	for d := 0; d < dims; d++ {
		if d > 0 {
			buf = append(buf, ',')
		}
		if buf, err = appendCoord(buf, flat[i+d]); err != nil {
			return buf, err
		}
	}
	return append(buf, ']'), nil
}

// appendPositions appends positions [from, to) of flat (offsets in floats),
// backwards when reverse is set.
func appendPositions(buf []byte, flat []float64, from, to, stride, dims int, reverse bool) ([]byte, error) {
	buf = append(buf, '[')
	n := (to - from) / stride
	var err error
	for k := 0; k < n; k++ {
		if k > 0 {
			buf = append(buf, ',')
		}
		i := from + k*stride
		if reverse {
			i = to - (k+1)*stride
		}
		if buf, err = appendPosition(buf, flat, i, dims); err != nil {
			return buf, err
		}
	}
	return append(buf, ']'), nil
}

// signedArea2 returns twice the signed (shoelace) area of the ring in
// flat[from:to]: positive when counter-clockwise.
func signedArea2(flat []float64, from, to, stride int) float64 {
	var a float64
	for i := from; i+stride < to; i += stride {
		a += flat[i]*flat[i+stride+1] - flat[i+stride]*flat[i+1]
	}
	return a
}

// appendRings appends a polygon's rings [from, ends...) following the
// right-hand rule.
func appendRings(buf []byte, flat []float64, from int, ends []int, stride, dims int) ([]byte, error) {
	buf = append(buf, '[')
	var err error
	for r, end := range ends {
		if r > 0 {
			buf = append(buf, ',')
		}
		a := signedArea2(flat, from, end, stride)
		reverse := (r == 0 && a < 0) || (r > 0 && a > 0)
		if buf, err = appendPositions(buf, flat, from, end, stride, dims, reverse); err != nil {
			return buf, err
		}
		from = end
	}
	return append(buf, ']'), nil
}

// appendGeometry appends a GeoJSON geometry object.
func appendGeometry(buf []byte, g geom.T, depth int) ([]byte, error) {
	if depth > maxGeomDepth {
		return buf, errors.New("GeometryCollections nested too deep")
	}
	if gc, ok := g.(*geom.GeometryCollection); ok {
		buf = append(buf, `{"type":"GeometryCollection","geometries":[`...)
		var err error
		for i, m := range gc.Geoms() {
			if i > 0 {
				buf = append(buf, ',')
			}
			if buf, err = appendGeometry(buf, m, depth+1); err != nil {
				return buf, err
			}
		}
		return append(buf, "]}"...), nil
	}
	stride := g.Stride()
	dims := 2
	if l := g.Layout(); l == geom.XYZ || l == geom.XYZM {
		dims = 3
	}
	if stride < dims {
		return buf, fmt.Errorf("geometry %T has no valid layout", g)
	}
	flat := g.FlatCoords()
	var err error
	switch t := g.(type) {
	case *geom.Point:
		buf = append(buf, `{"type":"Point","coordinates":`...)
		if t.Empty() {
			buf = append(buf, "[]"...)
		} else {
			buf, err = appendPosition(buf, flat, 0, dims)
		}
	case *geom.LineString:
		buf = append(buf, `{"type":"LineString","coordinates":`...)
		buf, err = appendPositions(buf, flat, 0, len(flat), stride, dims, false)
	case *geom.LinearRing:
		buf = append(buf, `{"type":"LineString","coordinates":`...)
		buf, err = appendPositions(buf, flat, 0, len(flat), stride, dims, false)
	case *geom.Polygon:
		buf = append(buf, `{"type":"Polygon","coordinates":`...)
		buf, err = appendRings(buf, flat, 0, t.Ends(), stride, dims)
	case *geom.MultiPoint:
		buf = append(buf, `{"type":"MultiPoint","coordinates":[`...)
		from, k := 0, 0
		for _, end := range t.Ends() {
			if end > from {
				if k > 0 {
					buf = append(buf, ',')
				}
				k++
				if buf, err = appendPosition(buf, flat, from, dims); err != nil {
					return buf, err
				}
			}
			from = end
		}
		buf = append(buf, ']')
	case *geom.MultiLineString:
		buf = append(buf, `{"type":"MultiLineString","coordinates":[`...)
		from := 0
		for i, end := range t.Ends() {
			if i > 0 {
				buf = append(buf, ',')
			}
			if buf, err = appendPositions(buf, flat, from, end, stride, dims, false); err != nil {
				return buf, err
			}
			from = end
		}
		buf = append(buf, ']')
	case *geom.MultiPolygon:
		buf = append(buf, `{"type":"MultiPolygon","coordinates":[`...)
		from := 0
		for i, ends := range t.Endss() {
			if i > 0 {
				buf = append(buf, ',')
			}
			if buf, err = appendRings(buf, flat, from, ends, stride, dims); err != nil {
				return buf, err
			}
			if len(ends) > 0 {
				from = ends[len(ends)-1]
			}
		}
		buf = append(buf, ']')
	default:
		return buf, fmt.Errorf("unsupported geometry type %T", g)
	}
	if err != nil {
		return buf, err
	}
	return append(buf, '}'), nil
}
