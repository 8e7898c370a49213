package geojson

import (
	"fmt"
	"math"
	"strconv"
)

// numChar marks the bytes that may appear in a JSON number.
var numChar = func() (t [256]bool) {
	for _, c := range []byte("0123456789+-.eE") {
		t[c] = true
	}
	return t
}()

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// numberToken returns the bytes of the number at pos and its start index,
// advancing past it. The bytes are valid until the next scanner call.
func (s *scanner) numberToken() ([]byte, int, error) {
	start := s.pos
	i := start
	for {
		for i < s.end && numChar[s.buf[i]] {
			i++
		}
		if i < s.end || s.eof {
			break
		}
		off := i - start
		if off > maxNumber {
			return nil, start, s.errAt(start, "a number longer than %d KiB: refused", maxNumber>>10)
		}
		if !s.fill(start) {
			start = s.pos
			i = start + off
			break
		}
		start = s.pos
		i = start + off
	}
	if i == s.end && s.rerr != nil {
		return nil, start, s.eofErr()
	}
	s.pos = i
	return s.buf[start:i], start, nil
}

// maxNumber is the most bytes of a number token the scanner gathers (past
// it, a hostile file would grow the buffer without bound).
const maxNumber = 64 << 10

// number reads a JSON number as a float64.
func (s *scanner) number() (float64, error) {
	tok, start, err := s.numberToken()
	if err != nil {
		return 0, err
	}
	f, ok := parseFloat(tok)
	if !ok {
		return 0, s.badNumber(tok, start)
	}
	return f, nil
}

func (s *scanner) badNumber(tok []byte, start int) error {
	if s.pos == s.end && s.eof {
		return s.eofErr() // a number cut by the end of the file
	}
	if f, err := strconv.ParseFloat(string(tok), 64); err != nil && math.IsInf(f, 0) {
		return s.errAt(start, "number %s is out of range", clip(tok))
	}
	return s.errAt(start, "invalid number %q", clip(tok))
}

// clip shortens a token quoted in an error message to its first 40 bytes
// and its length: a megabyte of digits makes no useful message.
func clip(tok []byte) string {
	if len(tok) <= 40 {
		return string(tok)
	}
	return fmt.Sprintf("%s… (%d characters)", tok[:40], len(tok))
}

// parseFloat parses a JSON number. Numbers of up to 15 significant digits
// with a small exponent (nearly every coordinate) take an exact fast path;
// the others go through strconv. It refuses infinities.
func parseFloat(b []byte) (float64, bool) {
	i, n := 0, len(b)
	neg := false
	if n > 0 && b[0] == '-' {
		neg = true
		i++
	}
	if i == n || b[i] < '0' || b[i] > '9' {
		return 0, false
	}
	var mant uint64
	nd, exp := 0, 0
	trunc := false
	for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
		if nd < 19 {
			mant = mant*10 + uint64(b[i]-'0')
			if mant != 0 {
				nd++
			}
		} else {
			exp++
			trunc = true
		}
	}
	if i < n && b[i] == '.' {
		i++
		if i == n || b[i] < '0' || b[i] > '9' {
			return 0, false
		}
		for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
			if nd < 19 {
				mant = mant*10 + uint64(b[i]-'0')
				if mant != 0 {
					nd++
				}
				exp--
			} else {
				trunc = true
			}
		}
	}
	if i < n && (b[i] == 'e' || b[i] == 'E') {
		i++
		eneg := false
		if i < n && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		if i == n || b[i] < '0' || b[i] > '9' {
			return 0, false
		}
		e := 0
		for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
			if e < 100000 {
				e = e*10 + int(b[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != n {
		return 0, false
	}
	if !trunc {
		if mant == 0 {
			if neg {
				return math.Copysign(0, -1), true
			}
			return 0, true
		}
		if mant < 1<<53 && exp >= -22 && exp <= 22 {
			f := float64(mant)
			if exp < 0 {
				f /= pow10[-exp]
			} else {
				f *= pow10[exp]
			}
			if neg {
				f = -f
			}
			return f, true
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange && !math.IsInf(f, 0) {
			return f, true // underflow to zero or a denormal: fine
		}
		return 0, false
	}
	return f, true
}

// parseInt returns the integer value of a JSON number written without a
// fraction or exponent that fits an int64.
func parseInt(b []byte) (int64, bool) {
	for _, c := range b {
		if c == '.' || c == 'e' || c == 'E' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	return v, err == nil
}
