package style

import (
	"encoding/json"
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// Color is a straight-alpha RGBA colour that reads and writes JSON as
// "#RRGGBB", "#RRGGBBAA" or "none" (fully transparent).
type Color color.NRGBA

// Hex builds an opaque Color from 0xRRGGBB.
func Hex(rgb uint32) Color {
	return Color{R: uint8(rgb >> 16), G: uint8(rgb >> 8), B: uint8(rgb), A: 255}
}

// None is the transparent colour: a style part with colour None is not drawn.
var None = Color{}

// IsNone reports whether the colour is fully transparent.
func (c Color) IsNone() bool { return c.A == 0 }

// RGBA implements color.Color.
func (c Color) RGBA() (r, g, b, a uint32) { return color.NRGBA(c).RGBA() }

// String returns "#RRGGBB", "#RRGGBBAA" when not opaque, or "none".
func (c Color) String() string {
	switch c.A {
	case 0:
		return "none"
	case 255:
		return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)
	}
	return fmt.Sprintf("#%02X%02X%02X%02X", c.R, c.G, c.B, c.A)
}

// ParseColor reads "#RRGGBB", "#RRGGBBAA", "#RGB" or "none".
func ParseColor(s string) (Color, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "none") || strings.EqualFold(s, "transparent") {
		return None, nil
	}
	h, ok := strings.CutPrefix(s, "#")
	if !ok {
		return None, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 && len(h) != 8 {
		return None, fmt.Errorf("colour %q: want #RRGGBB or #RRGGBBAA", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return None, fmt.Errorf("colour %q: not hexadecimal", s)
	}
	if len(h) == 6 {
		return Hex(uint32(v)), nil
	}
	return Color{R: uint8(v >> 24), G: uint8(v >> 16), B: uint8(v >> 8), A: uint8(v)}, nil
}

// MarshalJSON writes the colour as a JSON string.
func (c Color) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// UnmarshalJSON reads a colour from a JSON string.
func (c *Color) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("colour: want a string like \"#RRGGBB\"")
	}
	v, err := ParseColor(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}
