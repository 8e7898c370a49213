package feature

import (
	"encoding/json"
	"math"
)

// Number reads a numeric property value (float64, float32, int, int64 or
// json.Number) as a finite float64; ok is false for anything else,
// including NaN and infinities.
func Number(v any) (f float64, ok bool) {
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case json.Number:
		var err error
		if f, err = x.Float64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}
