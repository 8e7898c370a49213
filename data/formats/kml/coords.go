package kml

import (
	"math"
	"strconv"
)

// parseCoordinates parses the text of a KML <coordinates> element: tuples
// "lon,lat[,alt]" separated by any whitespace. Numbers joined by commas
// (spaces allowed around them) belong to one tuple; a fourth number starts
// a new tuple, as libkml and Google Earth read "1,2,3,4,5". It returns the
// flat coordinates with stride 3 when any tuple has an altitude (missing
// altitudes are 0), else 2. ok is false when a value is not a finite number
// or a tuple has a single value (a lone value after a full tuple, as in
// "x,y,z,m", is dropped).
func parseCoordinates(s string) (flat []float64, stride int, ok bool) {
	var tuples [][3]float64
	var sizes []uint8
	var cur [3]float64
	n := 0
	sawComma := false
	overflow := false // the current tuple continues a full one ("x,y,z,m")
	flush := func() bool {
		if n == 0 {
			return true
		}
		if n == 1 {
			if overflow { // a lone extra value: dropped, as libkml does
				cur, n, overflow = [3]float64{}, 0, false
				return true
			}
			return false
		}
		tuples = append(tuples, cur)
		sizes = append(sizes, uint8(n))
		cur, n, overflow = [3]float64{}, 0, false
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isSpace(c):
			i++
			continue
		case c == ',':
			sawComma = true
			i++
			continue
		}
		j := i
		for j < len(s) && !isSpace(s[j]) && s[j] != ',' {
			j++
		}
		v, err := strconv.ParseFloat(s[i:j], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, 0, false
		}
		if n > 0 && (!sawComma || n == 3) {
			full := n == 3 && sawComma
			if !flush() {
				return nil, 0, false
			}
			overflow = full
		}
		cur[n] = v
		n++
		sawComma = false
		i = j
	}
	if !flush() {
		return nil, 0, false
	}
	stride = 2
	for _, sz := range sizes {
		if sz == 3 {
			stride = 3
			break
		}
	}
	flat = make([]float64, 0, len(tuples)*stride)
	for _, t := range tuples {
		flat = append(flat, t[:stride]...)
	}
	return flat, stride, true
}

// parseTrackCoord parses a gx:coord: "lon lat [alt]" separated by spaces.
func parseTrackCoord(s string) ([3]float64, int, bool) {
	var out [3]float64
	n := 0
	for i := 0; i < len(s); {
		if isSpace(s[i]) || s[i] == ',' {
			i++
			continue
		}
		j := i
		for j < len(s) && !isSpace(s[j]) && s[j] != ',' {
			j++
		}
		if n == 3 {
			return out, 0, false
		}
		v, err := strconv.ParseFloat(s[i:j], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return out, 0, false
		}
		out[n] = v
		n++
		i = j
	}
	return out, n, n >= 2
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
