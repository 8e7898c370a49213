package feature

import (
	"encoding/json"
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	cases := []struct {
		in   any
		want float64
		ok   bool
	}{
		{1.5, 1.5, true}, {float32(2), 2, true}, {3, 3, true}, {int64(4), 4, true},
		{json.Number("5.25"), 5.25, true}, {json.Number("x"), 0, false},
		{"6", 0, false}, {nil, 0, false}, {math.NaN(), 0, false}, {math.Inf(1), 0, false},
	}
	for _, c := range cases {
		got, ok := Number(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("Number(%#v) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
