// Package spatialite reads SpatiaLite databases (.sqlite) without
// mod_spatialite: geometry BLOBs are decoded natively in Go.
package spatialite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
)

// Markers and class types of the SpatiaLite BLOB-Geometry format.
const (
	blobStart       = 0x00
	blobMBREnd      = 0x7C
	blobEntity      = 0x69
	blobEnd         = 0xFE
	tinyPointLittle = 0x81
	tinyPointBig    = 0x80

	classPoint              = 1
	classLineString         = 2
	classPolygon            = 3
	classMultiPoint         = 4
	classMultiLineString    = 5
	classMultiPolygon       = 6
	classGeometryCollection = 7
	// compressedOffset is added to the class of a LineString or Polygon
	// whose intermediate vertices are stored as float32 deltas.
	compressedOffset = 1000000
)

// headerLen is the fixed part before the class type: start, byte order,
// SRID, MBR (4 doubles), MBR end.
const headerLen = 1 + 1 + 4 + 32 + 1

// ErrNotBlob is returned for bytes that are not a SpatiaLite geometry BLOB.
var ErrNotBlob = errors.New("not a SpatiaLite geometry BLOB")

var errTruncated = errors.New("truncated SpatiaLite geometry BLOB")

// DecodeBlob parses a SpatiaLite geometry BLOB (the classic format with an
// MBR, including the Z, M and ZM classes and the compressed LineString and
// Polygon classes, and the TinyPoint format) into a geometry and its SRID.
// A nil or empty slice decodes to a nil geometry. Counts are checked against
// the bytes left before anything is allocated.
func DecodeBlob(b []byte) (geom.T, int32, error) {
	if len(b) == 0 {
		return nil, 0, nil
	}
	if len(b) < 2 || b[0] != blobStart {
		return nil, 0, ErrNotBlob
	}
	if b[1] == tinyPointLittle || b[1] == tinyPointBig {
		return decodeTinyPoint(b)
	}
	if len(b) < headerLen+4+1 || b[headerLen-1] != blobMBREnd || b[len(b)-1] != blobEnd {
		return nil, 0, ErrNotBlob
	}
	d := decoder{b: b[:len(b)-1]}
	switch b[1] {
	case 0:
		d.order = binary.BigEndian
	case 1:
		d.order = binary.LittleEndian
	default:
		return nil, 0, fmt.Errorf("bad byte order %#x in SpatiaLite geometry BLOB", b[1])
	}
	srid := int32(d.order.Uint32(b[2:6]))
	d.off = headerLen
	class, err := d.uint32()
	if err != nil {
		return nil, srid, err
	}
	g, err := d.geometry(class)
	if err != nil {
		return nil, srid, err
	}
	if d.off != len(d.b) {
		return nil, srid, fmt.Errorf("%d unexpected bytes after the geometry in SpatiaLite BLOB", len(d.b)-d.off)
	}
	return g, srid, nil
}

// decodeTinyPoint reads SpatiaLite's short point format: start, 0x80 or
// 0x81 (byte order), SRID, one byte of dimensions (1 XY, 2 XYZ, 3 XYM,
// 4 XYZM), the coordinates, end.
func decodeTinyPoint(b []byte) (geom.T, int32, error) {
	if len(b) < 7 {
		return nil, 0, errTruncated
	}
	d := decoder{b: b[:len(b)-1], order: binary.BigEndian, off: 7}
	if b[1] == tinyPointLittle {
		d.order = binary.LittleEndian
	}
	srid := int32(d.order.Uint32(b[2:6]))
	layouts := [...]geom.Layout{1: geom.XY, 2: geom.XYZ, 3: geom.XYM, 4: geom.XYZM}
	if b[6] < 1 || int(b[6]) >= len(layouts) {
		return nil, srid, fmt.Errorf("bad TinyPoint type %d in SpatiaLite BLOB", b[6])
	}
	layout := layouts[b[6]]
	if b[len(b)-1] != blobEnd || len(d.b) != 7+8*layout.Stride() {
		return nil, srid, ErrNotBlob
	}
	coords, err := d.floats(nil, layout.Stride())
	if err != nil {
		return nil, srid, err
	}
	return geom.NewPointFlat(layout, coords), srid, nil
}

// decoder reads the geometry part of a BLOB, without the end marker.
type decoder struct {
	b     []byte
	off   int
	order binary.ByteOrder
}

func (d *decoder) left() int { return len(d.b) - d.off }

func (d *decoder) uint32() (uint32, error) {
	if d.left() < 4 {
		return 0, errTruncated
	}
	v := d.order.Uint32(d.b[d.off:])
	d.off += 4
	return v, nil
}

// count reads a count of items of at least minSize bytes each, refusing one
// the bytes left cannot hold.
func (d *decoder) count(minSize int) (int, error) {
	n, err := d.uint32()
	if err != nil {
		return 0, err
	}
	if uint64(n)*uint64(minSize) > uint64(d.left()) {
		return 0, fmt.Errorf("count %d in SpatiaLite BLOB is larger than the %d bytes left", n, d.left())
	}
	return int(n), nil
}

// floats appends n float64 values to dst.
func (d *decoder) floats(dst []float64, n int) ([]float64, error) {
	if d.left() < 8*n {
		return nil, errTruncated
	}
	for range n {
		dst = append(dst, math.Float64frombits(d.order.Uint64(d.b[d.off:])))
		d.off += 8
	}
	return dst, nil
}

func (d *decoder) float32() float64 {
	v := math.Float32frombits(d.order.Uint32(d.b[d.off:]))
	d.off += 4
	return float64(v)
}

// classLayout splits a class type into its base class (1..7), layout and
// whether its coordinates are compressed.
func classLayout(class uint32) (base uint32, layout geom.Layout, compressed bool, err error) {
	c := class
	if c >= compressedOffset && c < compressedOffset+4000 {
		compressed = true
		c -= compressedOffset
	}
	base = c % 1000
	switch c / 1000 {
	case 0:
		layout = geom.XY
	case 1:
		layout = geom.XYZ
	case 2:
		layout = geom.XYM
	case 3:
		layout = geom.XYZM
	default:
		return 0, 0, false, fmt.Errorf("unknown class type %d in SpatiaLite BLOB", class)
	}
	if base < classPoint || base > classGeometryCollection ||
		compressed && base != classLineString && base != classPolygon {
		return 0, 0, false, fmt.Errorf("unknown class type %d in SpatiaLite BLOB", class)
	}
	return base, layout, compressed, nil
}

// geometry reads the body of a geometry of the given class.
func (d *decoder) geometry(class uint32) (geom.T, error) {
	base, layout, compressed, err := classLayout(class)
	if err != nil {
		return nil, err
	}
	switch base {
	case classPoint:
		coords, err := d.floats(nil, layout.Stride())
		if err != nil {
			return nil, err
		}
		return geom.NewPointFlat(layout, coords), nil
	case classLineString:
		coords, err := d.line(nil, layout, compressed)
		if err != nil {
			return nil, err
		}
		return geom.NewLineStringFlat(layout, coords), nil
	case classPolygon:
		coords, ends, err := d.polygon(nil, nil, layout, compressed)
		if err != nil {
			return nil, err
		}
		return geom.NewPolygonFlat(layout, coords, ends), nil
	}
	return d.collection(base, layout)
}

// line reads a point count and the points of a LineString or a ring,
// appending them to dst. Compressed lines store their first and last
// vertices as doubles and the others as float32 deltas from the previous
// vertex for X, Y and Z (M stays a double).
func (d *decoder) line(dst []float64, layout geom.Layout, compressed bool) ([]float64, error) {
	stride := layout.Stride()
	full := 8 * stride
	small := full
	if compressed {
		small = 4 * stride
		if layout == geom.XYM || layout == geom.XYZM {
			small += 4 // M is a double
		}
	}
	n, err := d.count(small)
	if err != nil {
		return nil, err
	}
	if n >= 2 && uint64(2*full)+uint64(n-2)*uint64(small) > uint64(d.left()) {
		return nil, errTruncated
	}
	for i := range n {
		if !compressed || i == 0 || i == n-1 {
			if dst, err = d.floats(dst, stride); err != nil {
				return nil, err
			}
			continue
		}
		prev := dst[len(dst)-stride:]
		x, y := prev[0]+d.float32(), prev[1]+d.float32()
		dst = append(dst, x, y)
		switch layout {
		case geom.XYZ:
			dst = append(dst, prev[2]+d.float32())
		case geom.XYM:
			dst, _ = d.floats(dst, 1)
		case geom.XYZM:
			dst = append(dst, prev[2]+d.float32())
			dst, _ = d.floats(dst, 1)
		}
	}
	return dst, nil
}

// polygon reads a ring count and the rings, appending their coordinates to
// dst and their ends to ends.
func (d *decoder) polygon(dst []float64, ends []int, layout geom.Layout, compressed bool) ([]float64, []int, error) {
	rings, err := d.count(4)
	if err != nil {
		return nil, nil, err
	}
	for range rings {
		if dst, err = d.line(dst, layout, compressed); err != nil {
			return nil, nil, err
		}
		ends = append(ends, len(dst))
	}
	return dst, ends, nil
}

// collection reads the entities of a Multi* or GeometryCollection: each is
// the entity marker 0x69, a class type and a body. Entities of a Multi*
// must be of its element class and layout.
func (d *decoder) collection(base uint32, layout geom.Layout) (geom.T, error) {
	n, err := d.count(1 + 4 + 4)
	if err != nil {
		return nil, err
	}
	var flat []float64
	var ends []int
	var endss [][]int
	gc := geom.NewGeometryCollection()
	if err := gc.SetLayout(layout); err != nil {
		return nil, err
	}
	for i := range n {
		if d.left() < 5 || d.b[d.off] != blobEntity {
			return nil, fmt.Errorf("entity %d of a collection has no 0x69 marker in SpatiaLite BLOB", i+1)
		}
		d.off++
		class, _ := d.uint32()
		eBase, eLayout, compressed, err := classLayout(class)
		if err != nil {
			return nil, err
		}
		if eLayout != layout {
			return nil, fmt.Errorf("entity %d has layout %v in a collection of layout %v in SpatiaLite BLOB", i+1, eLayout, layout)
		}
		if base == classGeometryCollection {
			if eBase > classPolygon {
				return nil, fmt.Errorf("entity %d of a GeometryCollection is a collection in SpatiaLite BLOB", i+1)
			}
		} else if eBase != base-3 { // MultiPoint holds Points, and so on
			return nil, fmt.Errorf("entity %d has class %d in a collection of class %d in SpatiaLite BLOB", i+1, class, base)
		}
		switch base {
		case classMultiPoint:
			if flat, err = d.floats(flat, layout.Stride()); err != nil {
				return nil, err
			}
		case classMultiLineString:
			if flat, err = d.line(flat, layout, compressed); err != nil {
				return nil, err
			}
			ends = append(ends, len(flat))
		case classMultiPolygon:
			var ringEnds []int
			if flat, ringEnds, err = d.polygon(flat, nil, layout, compressed); err != nil {
				return nil, err
			}
			endss = append(endss, ringEnds)
		default:
			g, err := d.geometry(class)
			if err != nil {
				return nil, err
			}
			if err := gc.Push(g); err != nil {
				return nil, err
			}
		}
	}
	switch base {
	case classMultiPoint:
		return geom.NewMultiPointFlat(layout, flat), nil
	case classMultiLineString:
		return geom.NewMultiLineStringFlat(layout, flat, ends), nil
	case classMultiPolygon:
		return geom.NewMultiPolygonFlat(layout, flat, endss), nil
	}
	return gc, nil
}
