// Package gpkg encodes and decodes GeoPackage geometry blobs and reads feature
// tables of GeoPackages written by other tools (GDAL, QGIS).
package gpkg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
	"github.com/twpayne/go-geom/encoding/wkbcommon"
)

// Envelope is a geometry's bounding box as stored in a blob header.
type Envelope struct {
	MinX, MaxX, MinY, MaxY float64
	// Empty is true for an empty geometry (no coordinates).
	Empty bool
}

// Union returns the envelope covering e and o (an empty one covers nothing).
func (e Envelope) Union(o Envelope) Envelope {
	switch {
	case e.Empty:
		return o
	case o.Empty:
		return e
	}
	return Envelope{MinX: min(e.MinX, o.MinX), MinY: min(e.MinY, o.MinY), MaxX: max(e.MaxX, o.MaxX), MaxY: max(e.MaxY, o.MaxY)}
}

const headerLen = 8

// Encode returns the GeoPackage blob (standard binary, little-endian) of g
// with an XY envelope. A nil geometry encodes to nil (SQL NULL).
func Encode(g geom.T, srsID int32) ([]byte, error) {
	if g == nil {
		return nil, nil
	}
	e := GeometryEnvelope(g)
	var env []float64
	flags := byte(0x01) // little endian
	if e.Empty {
		flags |= 0x10
	} else {
		env = []float64{e.MinX, e.MaxX, e.MinY, e.MaxY}
		flags |= 1 << 1 // envelope [minx, maxx, miny, maxy]
	}
	var buf bytes.Buffer
	buf.Grow(headerLen + 8*len(env) + 9 + 8*numCoords(g))
	buf.Write([]byte{'G', 'P', 0, flags})
	var tmp [8]byte
	binary.LittleEndian.PutUint32(tmp[:4], uint32(srsID))
	buf.Write(tmp[:4])
	for _, v := range env {
		binary.LittleEndian.PutUint64(tmp[:], math.Float64bits(v))
		buf.Write(tmp[:])
	}
	if err := wkb.Write(&buf, wkb.NDR, g, wkbcommon.WKBOptionEmptyPointHandling(wkbcommon.EmptyPointHandlingNaN)); err != nil {
		return nil, fmt.Errorf("encode geometry: %w", err)
	}
	return buf.Bytes(), nil
}

// numCoords returns how many numbers g holds (FlatCoords panics on a
// GeometryCollection, so its members are counted instead).
func numCoords(g geom.T) int {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		n := 0
		for _, m := range gc.Geoms() {
			n += numCoords(m)
		}
		return n
	}
	return len(g.FlatCoords())
}

// Header is the parsed fixed part of a blob.
type Header struct {
	SRSID    int32
	Envelope Envelope
	// HasEnvelope is false when the blob carries no envelope.
	HasEnvelope bool
	// WKBOffset is where the WKB starts.
	WKBOffset int
}

// ErrNotBlob is returned for bytes that are not a GeoPackage geometry blob.
var ErrNotBlob = errors.New("not a GeoPackage geometry blob")

// ParseHeader reads a blob's header without decoding the geometry.
func ParseHeader(b []byte) (Header, error) {
	var h Header
	if len(b) < headerLen || b[0] != 'G' || b[1] != 'P' {
		return h, ErrNotBlob
	}
	flags := b[3]
	if flags&0x20 != 0 {
		return h, errors.New("extended GeoPackage geometry blobs are not supported")
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&1 == 1 {
		order = binary.LittleEndian
	}
	h.SRSID = int32(order.Uint32(b[4:8]))
	n := 0
	switch (flags >> 1) & 0x7 {
	case 0:
	case 1:
		n = 4
	case 2, 3:
		n = 6
	case 4:
		n = 8
	default:
		return h, fmt.Errorf("bad envelope code %d in GeoPackage blob", (flags>>1)&0x7)
	}
	if len(b) < headerLen+8*n {
		return h, errors.New("truncated GeoPackage blob header")
	}
	h.WKBOffset = headerLen + 8*n
	h.Envelope.Empty = flags&0x10 != 0
	if n > 0 {
		f := func(i int) float64 { return math.Float64frombits(order.Uint64(b[headerLen+8*i:])) }
		h.Envelope.MinX, h.Envelope.MaxX, h.Envelope.MinY, h.Envelope.MaxY = f(0), f(1), f(2), f(3)
		h.HasEnvelope = true
	}
	return h, nil
}

// Decode parses a GeoPackage blob into a geometry and its SRS id. A nil or
// empty slice decodes to a nil geometry.
func Decode(b []byte) (geom.T, int32, error) {
	if len(b) == 0 {
		return nil, 0, nil
	}
	h, err := ParseHeader(b)
	if err != nil {
		return nil, 0, err
	}
	g, err := DecodeWKB(b[h.WKBOffset:])
	if err != nil {
		return nil, h.SRSID, err
	}
	return g, h.SRSID, nil
}

// DecodeWKB parses ISO WKB (as written in GeoPackage blobs), with empty points
// as NaN; the older Z and M type flags are read too. Counts are checked
// against the bytes left before anything is allocated.
func DecodeWKB(b []byte) (geom.T, error) {
	b, err := checkWKB(b)
	if err != nil {
		return nil, fmt.Errorf("decode WKB: %w", err)
	}
	if g, ok := decodeWKBFast(b); ok {
		return g, nil
	}
	g, err := wkb.Unmarshal(b, wkbcommon.WKBOptionEmptyPointHandling(wkbcommon.EmptyPointHandlingNaN))
	if err != nil {
		return nil, fmt.Errorf("decode WKB: %w", err)
	}
	return g, nil
}

// EnvelopeOf returns the envelope of a blob: from its header when present,
// else by decoding the geometry. It is what the R*Tree triggers use.
func EnvelopeOf(b []byte) (Envelope, error) {
	h, err := ParseHeader(b)
	if err != nil {
		return Envelope{}, err
	}
	if h.HasEnvelope || h.Envelope.Empty {
		return h.Envelope, nil
	}
	g, err := DecodeWKB(b[h.WKBOffset:])
	if err != nil {
		return Envelope{}, err
	}
	return GeometryEnvelope(g), nil
}

// GeometryEnvelope returns g's XY envelope, walking collections member by
// member (go-geom's Bounds panics on nested GeometryCollections) and skipping
// NaN coordinates (empty points). A geometry without coordinates is Empty.
func GeometryEnvelope(g geom.T) Envelope {
	e := Envelope{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
	var walk func(g geom.T)
	walk = func(g geom.T) {
		if gc, ok := g.(*geom.GeometryCollection); ok {
			for _, m := range gc.Geoms() {
				walk(m)
			}
			return
		}
		if g == nil {
			return
		}
		flat, stride := g.FlatCoords(), g.Stride()
		for i := 0; i+1 < len(flat); i += stride {
			x, y := flat[i], flat[i+1]
			if math.IsNaN(x) || math.IsNaN(y) {
				continue
			}
			e.MinX, e.MaxX = math.Min(e.MinX, x), math.Max(e.MaxX, x)
			e.MinY, e.MaxY = math.Min(e.MinY, y), math.Max(e.MaxY, y)
		}
	}
	walk(g)
	if e.MinX > e.MaxX {
		return Envelope{Empty: true}
	}
	return e
}
