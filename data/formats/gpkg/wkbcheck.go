package gpkg

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// MaxCollectionDepth bounds how deeply geometry collections may nest in
// the geometries this package reads (and so in what a workspace stores).
const MaxCollectionDepth = 16

// Flags of the pre-ISO "2.5D" WKB that GDAL writes outside GeoPackages.
const (
	wkbFlagZ    = 0x80000000
	wkbFlagM    = 0x40000000
	wkbFlagSRID = 0x20000000
)

var errTruncatedWKB = errors.New("truncated WKB")

// checkWKB walks the WKB in b without building anything and fails when a
// count is larger than the bytes left could hold, when collections nest too
// deeply, or on a geometry type Corridor does not read. The decoder trusts
// counts and would allocate for them, so a few lying bytes could otherwise
// ask for gigabytes. Geometry types with the old Z and M flags are rewritten
// to their ISO codes; it then returns a copy of b, else b itself.
func checkWKB(b []byte) ([]byte, error) {
	w := wkbWalker{b: b}
	if _, err := w.geometry(0, 0); err != nil {
		return nil, err
	}
	return w.b, nil
}

type wkbWalker struct {
	b      []byte
	copied bool
}

func (w *wkbWalker) geometry(off, depth int) (int, error) {
	b := w.b
	if depth > MaxCollectionDepth {
		return 0, fmt.Errorf("geometry collections nested more than %d deep", MaxCollectionDepth)
	}
	if len(b)-off < 5 {
		return 0, errTruncatedWKB
	}
	var order binary.ByteOrder
	switch b[off] {
	case 0:
		order = binary.BigEndian
	case 1:
		order = binary.LittleEndian
	default:
		return 0, fmt.Errorf("bad WKB byte order %d", b[off])
	}
	typ := order.Uint32(b[off+1:])
	if typ&(wkbFlagZ|wkbFlagM|wkbFlagSRID) != 0 {
		iso, err := isoType(typ)
		if err != nil {
			return 0, err
		}
		if !w.copied {
			w.b = append([]byte(nil), w.b...)
			w.copied = true
			b = w.b
		}
		order.PutUint32(b[off+1:], iso)
		typ = iso
	}
	off += 5
	dims := typ / 1000
	if dims > 3 {
		return 0, fmt.Errorf("unsupported WKB geometry type %d", typ)
	}
	stride := [4]int{2, 3, 3, 4}[dims]
	point := 8 * stride
	count := func(minSize int) (int, error) {
		if len(b)-off < 4 {
			return 0, errTruncatedWKB
		}
		n := uint64(order.Uint32(b[off:]))
		off += 4
		if n*uint64(minSize) > uint64(len(b)-off) {
			return 0, fmt.Errorf("WKB count %d is larger than the %d bytes left", n, len(b)-off)
		}
		return int(n), nil
	}
	switch typ % 1000 {
	case 1: // Point
		if len(b)-off < point {
			return 0, errTruncatedWKB
		}
		return off + point, nil
	case 2: // LineString
		n, err := count(point)
		if err != nil {
			return 0, err
		}
		return off + n*point, nil
	case 3: // Polygon
		rings, err := count(4)
		if err != nil {
			return 0, err
		}
		for range rings {
			n, err := count(point)
			if err != nil {
				return 0, err
			}
			off += n * point
		}
		return off, nil
	case 4, 5, 6, 7: // MultiPoint, MultiLineString, MultiPolygon, GeometryCollection
		n, err := count(5)
		if err != nil {
			return 0, err
		}
		for range n {
			if off, err = w.geometry(off, depth+1); err != nil {
				return 0, err
			}
		}
		return off, nil
	}
	return 0, fmt.Errorf("unsupported WKB geometry type %d", typ)
}

// isoType converts a geometry type with the old Z and M flags to its ISO code.
func isoType(typ uint32) (uint32, error) {
	base := typ &^ (wkbFlagZ | wkbFlagM | wkbFlagSRID)
	if typ&wkbFlagSRID != 0 || base == 0 || base >= 1000 {
		return 0, fmt.Errorf("unsupported WKB geometry type %#x", typ)
	}
	if typ&wkbFlagZ != 0 {
		base += 1000
	}
	if typ&wkbFlagM != 0 {
		base += 2000
	}
	return base, nil
}
