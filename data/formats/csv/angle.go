package csv

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// errAngle is returned for text that is not an angle.
var errAngle = errors.New("not an angle")

// parseAngle reads a latitude (lat true) or longitude in decimal degrees or
// degrees, minutes and seconds, with an optional sign or hemisphere letter
// (N/S for latitudes, E/W for longitudes) before or after. It does not
// check the range.
func parseAngle(s string, lat bool) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errAngle
	}
	hemi := byte(0)
	if c := upper(s[len(s)-1]); isHemisphere(c) {
		hemi, s = c, strings.TrimSpace(s[:len(s)-1])
	} else if c := upper(s[0]); isHemisphere(c) {
		hemi, s = c, strings.TrimSpace(s[1:])
	}
	if hemi != 0 && (hemi == 'N' || hemi == 'S') != lat {
		return 0, errAngle
	}
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	if hemi == 'S' || hemi == 'W' {
		if neg {
			return 0, errAngle
		}
		neg = true
	}
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, errAngle
	}
	if v, err := strconv.ParseFloat(decimalPoint(s), 64); err == nil {
		return sign(v, neg)
	}
	parts := strings.FieldsFunc(s, isSeparator)
	if len(parts) == 0 || len(parts) > 3 {
		return 0, errAngle
	}
	v := 0.0
	for i, p := range parts {
		if strings.IndexFunc(p, isNotNumber) >= 0 {
			return 0, errAngle
		}
		f, err := strconv.ParseFloat(decimalPoint(p), 64)
		if err != nil || (i > 0 && f >= 60) || (i < len(parts)-1 && f != math.Trunc(f)) {
			return 0, errAngle
		}
		v += f / math.Pow(60, float64(i))
	}
	return sign(v, neg)
}

func sign(v float64, neg bool) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errAngle
	}
	if neg {
		v = -v
	}
	return v, nil
}

// decimalPoint turns a single decimal comma into a point.
func decimalPoint(s string) string {
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		return strings.Replace(s, ",", ".", 1)
	}
	return s
}

func isNotNumber(r rune) bool { return !(r >= '0' && r <= '9' || r == '.' || r == ',') }

// isSeparator reports whether r separates degrees, minutes and seconds.
func isSeparator(r rune) bool {
	switch r {
	case '°', 'º', '˚', '\'', '′', '’', '"', '″', '”', ':':
		return true
	}
	return unicode.IsSpace(r)
}

func isHemisphere(c byte) bool { return c == 'N' || c == 'S' || c == 'E' || c == 'W' }

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
