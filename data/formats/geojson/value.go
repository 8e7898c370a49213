package geojson

// value decodes any JSON value at pos as map[string]any, []any, string,
// int64 (an integer literal that fits), float64, bool or nil.
func (s *scanner) value(depth int) (any, error) {
	b, err := s.peek()
	if err != nil {
		return nil, err
	}
	if depth > maxDepth {
		return nil, s.errAt(s.pos, "values nested more than %d deep", maxDepth)
	}
	switch {
	case b == '{':
		s.pos++
		m := map[string]any{}
		ok, err := s.first('}')
		for ok && err == nil {
			var k []byte
			if k, err = s.key(); err != nil {
				return nil, err
			}
			name := string(k)
			var v any
			if v, err = s.value(depth + 1); err != nil {
				return nil, err
			}
			m[name] = v
			ok, err = s.more('}')
		}
		return m, err
	case b == '[':
		s.pos++
		a := []any{}
		ok, err := s.first(']')
		for ok && err == nil {
			var v any
			if v, err = s.value(depth + 1); err != nil {
				return nil, err
			}
			a = append(a, v)
			ok, err = s.more(']')
		}
		return a, err
	case b == '"':
		str, err := s.str()
		if err != nil {
			return nil, err
		}
		return string(str), nil
	case b == '-' || (b >= '0' && b <= '9'):
		tok, start, err := s.numberToken()
		if err != nil {
			return nil, err
		}
		if i, ok := parseInt(tok); ok {
			return i, nil
		}
		f, ok := parseFloat(tok)
		if !ok {
			return nil, s.badNumber(tok, start)
		}
		return f, nil
	case b == 't':
		return true, s.literal("true")
	case b == 'f':
		return false, s.literal("false")
	case b == 'n':
		return nil, s.literal("null")
	}
	return nil, s.errAt(s.pos, "expected a value, found %s", describe(b))
}

// skipValue checks and discards the JSON value at pos.
func (s *scanner) skipValue(depth int) error {
	b, err := s.peek()
	if err != nil {
		return err
	}
	if depth > maxDepth {
		return s.errAt(s.pos, "values nested more than %d deep", maxDepth)
	}
	switch {
	case b == '{':
		s.pos++
		ok, err := s.first('}')
		for ok && err == nil {
			if _, err = s.key(); err != nil {
				return err
			}
			if err = s.skipValue(depth + 1); err != nil {
				return err
			}
			ok, err = s.more('}')
		}
		return err
	case b == '[':
		s.pos++
		ok, err := s.first(']')
		for ok && err == nil {
			if err = s.skipValue(depth + 1); err != nil {
				return err
			}
			ok, err = s.more(']')
		}
		return err
	case b == '"':
		_, err := s.str()
		return err
	case b == '-' || (b >= '0' && b <= '9'):
		_, err := s.number()
		return err
	case b == 't':
		return s.literal("true")
	case b == 'f':
		return s.literal("false")
	case b == 'n':
		return s.literal("null")
	}
	return s.errAt(s.pos, "expected a value, found %s", describe(b))
}

// capture checks the JSON value at pos and returns a copy of its bytes with
// its absolute offset, line and column, for parsing later.
func (s *scanner) capture() (raw []byte, abs int64, line, col int, err error) {
	if _, err = s.peek(); err != nil {
		return nil, 0, 0, 0, err
	}
	line, col = s.lineCol(s.pos)
	abs = s.abs()
	s.pin = s.pos
	err = s.skipValue(0)
	if err == nil {
		raw = append([]byte(nil), s.buf[s.pin:s.pos]...)
	}
	s.pin = -1
	return raw, abs, line, col, err
}
