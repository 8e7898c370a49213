package gpkg

import (
	"encoding/binary"
	"math"

	"github.com/twpayne/go-geom"
)

// decodeWKBFast decodes the common geometry types (Point, LineString,
// Polygon, MultiLineString, MultiPolygon) straight into go-geom's flat
// coordinate slices, allocating each slice once. It must only see WKB that
// checkWKB accepted (counts are trusted). ok is false for what it leaves to
// the general decoder (MultiPoint, GeometryCollection, members whose
// dimension differs from their parent's).
func decodeWKBFast(b []byte) (g geom.T, ok bool) {
	r := wkbReader{b: b}
	order, typ := r.header()
	if typ%1000 < 1 || typ%1000 > 6 || typ%1000 == 4 {
		return nil, false
	}
	layout := [4]geom.Layout{geom.XY, geom.XYZ, geom.XYM, geom.XYZM}[typ/1000]
	stride := layout.Stride()
	switch typ % 1000 {
	case 1:
		flat := r.floats(order, stride)
		return geom.NewPointFlatMaybeEmpty(layout, flat), true
	case 2:
		n := int(r.u32(order))
		return geom.NewLineStringFlat(layout, r.floats(order, n*stride)), true
	case 3:
		flat, ends := r.rings(order, stride, nil, nil)
		return geom.NewPolygonFlat(layout, flat, ends), true
	case 5:
		n := int(r.u32(order))
		var flat []float64
		ends := make([]int, 0, n)
		for range n {
			o, t := r.header()
			if t != 2+1000*(typ/1000) {
				return nil, false
			}
			m := int(r.u32(o))
			flat = append(flat, r.floats(o, m*stride)...)
			ends = append(ends, len(flat))
		}
		return geom.NewMultiLineStringFlat(layout, flat, ends), true
	case 6:
		n := int(r.u32(order))
		var flat []float64
		endss := make([][]int, 0, n)
		for range n {
			o, t := r.header()
			if t != 3+1000*(typ/1000) {
				return nil, false
			}
			var ends []int
			flat, ends = r.rings(o, stride, flat, nil)
			endss = append(endss, ends)
		}
		return geom.NewMultiPolygonFlat(layout, flat, endss), true
	}
	return nil, false
}

type wkbReader struct {
	b   []byte
	off int
}

func (r *wkbReader) header() (binary.ByteOrder, uint32) {
	var order binary.ByteOrder = binary.LittleEndian
	if r.b[r.off] == 0 {
		order = binary.BigEndian
	}
	typ := order.Uint32(r.b[r.off+1:])
	r.off += 5
	return order, typ
}

func (r *wkbReader) u32(order binary.ByteOrder) uint32 {
	v := order.Uint32(r.b[r.off:])
	r.off += 4
	return v
}

// floats reads n float64 values.
func (r *wkbReader) floats(order binary.ByteOrder, n int) []float64 {
	out := make([]float64, n)
	src := r.b[r.off : r.off+8*n]
	if order == binary.LittleEndian {
		for i := range out {
			out[i] = math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:]))
		}
	} else {
		for i := range out {
			out[i] = math.Float64frombits(binary.BigEndian.Uint64(src[8*i:]))
		}
	}
	r.off += 8 * n
	return out
}

// rings reads a polygon body (ring count, then rings) appending to flat;
// ends are offsets into the returned flat slice.
func (r *wkbReader) rings(order binary.ByteOrder, stride int, flat []float64, ends []int) ([]float64, []int) {
	n := int(r.u32(order))
	for range n {
		m := int(r.u32(order))
		flat = append(flat, r.floats(order, m*stride)...)
		ends = append(ends, len(flat))
	}
	return flat, ends
}
