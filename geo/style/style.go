package style

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// Symbol names a point symbol.
type Symbol string

// The point symbols the renderer draws.
const (
	SymbolNone         Symbol = "none"
	SymbolCircle       Symbol = "circle"
	SymbolSquare       Symbol = "square"
	SymbolTriangle     Symbol = "triangle"
	SymbolDiamond      Symbol = "diamond"
	SymbolAnchor       Symbol = "anchor"
	SymbolInterdiction Symbol = "interdiction"
)

// Style is the complete symbology of one layer. Lengths are in pixels. The
// JSON form is the schema described in the package documentation.
type Style struct {
	Stroke        Color     `json:"stroke"`
	StrokeOpacity float64   `json:"stroke_opacity"`
	Width         float64   `json:"width"`
	Dash          []float64 `json:"dash,omitempty"`
	Casing        Color     `json:"casing"`
	CasingWidth   float64   `json:"casing_width"`

	Fill         Color   `json:"fill"`
	FillOpacity  float64 `json:"fill_opacity"`
	Hatch        Color   `json:"hatch"`
	HatchSpacing float64 `json:"hatch_spacing"`
	HatchAngle   float64 `json:"hatch_angle"`
	HatchWidth   float64 `json:"hatch_width"`

	Arrows       bool    `json:"arrows"`
	ArrowSpacing float64 `json:"arrow_spacing"`
	ArrowSize    float64 `json:"arrow_size"`

	Symbol        Symbol  `json:"symbol"`
	SymbolSize    float64 `json:"symbol_size"`
	MaxSymbolSize float64 `json:"max_symbol_size"`

	Labels     bool    `json:"labels"`
	FontSize   float64 `json:"font_size"`
	Bold       bool    `json:"bold"`
	LabelColor Color   `json:"label_color"`
	Halo       Color   `json:"halo"`
	HaloWidth  float64 `json:"halo_width"`
}

// Background is the default map background: a light sea blue.
var Background = Hex(0xD6E6F0)

// base is what every kind starts from.
func base() Style {
	return Style{
		Stroke: Hex(0x555555), StrokeOpacity: 1, Width: 1,
		Casing: None,
		Fill:   Hex(0x999999), FillOpacity: 0.3,
		Hatch: None, HatchSpacing: 8, HatchAngle: 45, HatchWidth: 1,
		ArrowSpacing: 140, ArrowSize: 9,
		Symbol: SymbolCircle, SymbolSize: 8, MaxSymbolSize: 40,
		Labels: true, FontSize: 12, LabelColor: Hex(0x222222),
		Halo: Hex(0xFFFFFF), HaloWidth: 2,
	}
}

// Default returns the default style of a layer kind; an unknown kind gets
// the style of "other".
func Default(kind Kind) Style {
	s := base()
	switch kind {
	case KindOther: // basemap land: beige fill, quiet coast
		s.Stroke, s.Width = Hex(0xB9B09E), 0.7
		s.Fill, s.FillOpacity = Hex(0xF1ECDF), 1
		s.Symbol, s.SymbolSize = SymbolCircle, 6
		s.LabelColor, s.FontSize = Hex(0x6B655B), 11
	case KindBorder: // dark grey dash-dot over the beige land; no labels
		s.Stroke, s.Width = Hex(0x505050), 1.3
		s.Dash = []float64{8, 3, 2, 3}
		s.Fill, s.FillOpacity = None, 0
		s.Labels = false
		s.LabelColor, s.FontSize = Hex(0x505050), 11
	case KindPort:
		s.Stroke, s.Width = Hex(0x1F3A5F), 1.3
		s.Fill, s.FillOpacity = Hex(0xFFFFFF), 1
		s.Symbol, s.SymbolSize = SymbolAnchor, 13
		s.LabelColor, s.FontSize = Hex(0x1F3A5F), 12
	case KindRoute:
		s.Stroke, s.Width = Hex(0xB0172B), 2.2
		s.Casing, s.CasingWidth = Color{R: 255, G: 255, B: 255, A: 200}, 1
		s.Fill, s.FillOpacity = None, 0
		s.Arrows = true
		s.LabelColor, s.FontSize, s.Bold = Hex(0x8C1222), 11, true
	case KindPatrolArea:
		s.Stroke, s.Width = Hex(0x2E5E8C), 1.5
		s.Dash = []float64{6, 3}
		s.Fill, s.FillOpacity = Hex(0x2E5E8C), 0.10
		s.Hatch, s.HatchSpacing, s.HatchWidth = Color{R: 0x2E, G: 0x5E, B: 0x8C, A: 150}, 9, 1
		s.LabelColor, s.FontSize = Hex(0x23486B), 12
	case KindInterdiction:
		// small discs (8 to 16 px by quantity) with a thin dark outline
		// that reads on land and sea
		s.Stroke, s.Width = Hex(0x3A1400), 1
		s.Fill, s.FillOpacity = Hex(0xE8871E), 1
		s.Symbol, s.SymbolSize, s.MaxSymbolSize = SymbolInterdiction, 8, 16
		s.Labels = false
		s.LabelColor, s.FontSize = Hex(0x4A1C00), 11
	case KindAnnotation:
		s.Stroke, s.Width = Hex(0x333333), 1
		s.Fill, s.FillOpacity = Hex(0x333333), 1
		s.Symbol, s.SymbolSize = SymbolNone, 0
		s.LabelColor, s.FontSize, s.Bold = Hex(0x1A1A1A), 13, true
		s.HaloWidth = 2.5
	default:
		return Default(KindOther)
	}
	return s
}

// ForKind returns the default style of kind with the JSON overrides in
// styleJSON applied (an empty string or "{}" keeps the default). On a bad
// override it returns the default style and an error saying which key is
// wrong, so a caller can still draw.
func ForKind(kind Kind, styleJSON string) (Style, error) {
	s := Default(kind)
	if strings.TrimSpace(styleJSON) == "" {
		return s, nil
	}
	o, err := s.Apply(styleJSON)
	if err != nil {
		return s, fmt.Errorf("style of %s layer: %w", kind, err)
	}
	return o, nil
}

// Apply returns s with the keys present in the JSON object styleJSON set.
func (s Style) Apply(styleJSON string) (Style, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(styleJSON), &raw); err != nil {
		return s, fmt.Errorf("not a JSON object: %w", err)
	}
	out := s
	out.Dash = append([]float64(nil), s.Dash...)
	for key, v := range raw {
		var err error
		switch key {
		case "stroke":
			err = json.Unmarshal(v, &out.Stroke)
		case "stroke_opacity":
			err = unitValue(v, &out.StrokeOpacity)
		case "width":
			err = lengthValue(v, &out.Width, 100)
		case "dash":
			var d []float64
			if err = json.Unmarshal(v, &d); err == nil {
				err = checkDash(d)
			}
			out.Dash = d
		case "casing":
			err = json.Unmarshal(v, &out.Casing)
		case "casing_width":
			err = lengthValue(v, &out.CasingWidth, 50)
		case "fill":
			err = json.Unmarshal(v, &out.Fill)
		case "fill_opacity":
			err = unitValue(v, &out.FillOpacity)
		case "hatch":
			err = json.Unmarshal(v, &out.Hatch)
		case "hatch_spacing":
			err = lengthValue(v, &out.HatchSpacing, 500)
			if err == nil && out.HatchSpacing < 2 {
				err = fmt.Errorf("must be at least 2")
			}
		case "hatch_angle":
			err = json.Unmarshal(v, &out.HatchAngle)
		case "hatch_width":
			err = lengthValue(v, &out.HatchWidth, 50)
		case "arrows":
			err = json.Unmarshal(v, &out.Arrows)
		case "arrow_spacing":
			err = lengthValue(v, &out.ArrowSpacing, 10000)
			if err == nil && out.ArrowSpacing < 10 {
				err = fmt.Errorf("must be at least 10")
			}
		case "arrow_size":
			err = lengthValue(v, &out.ArrowSize, 100)
		case "symbol":
			var sym string
			if err = json.Unmarshal(v, &sym); err == nil {
				out.Symbol, err = ParseSymbol(sym)
			}
		case "symbol_size":
			err = lengthValue(v, &out.SymbolSize, 200)
		case "max_symbol_size":
			err = lengthValue(v, &out.MaxSymbolSize, 400)
		case "labels":
			err = json.Unmarshal(v, &out.Labels)
		case "font_size":
			err = lengthValue(v, &out.FontSize, 200)
		case "bold":
			err = json.Unmarshal(v, &out.Bold)
		case "label_color":
			err = json.Unmarshal(v, &out.LabelColor)
		case "halo":
			err = json.Unmarshal(v, &out.Halo)
		case "halo_width":
			err = lengthValue(v, &out.HaloWidth, 20)
		}
		if err != nil {
			return s, fmt.Errorf("%q: %w", key, err)
		}
	}
	return out, nil
}

// JSON returns the style as a JSON object that Apply reads back.
func (s Style) JSON() string {
	b, err := json.Marshal(s)
	if err != nil { // cannot happen: every field marshals
		return "{}"
	}
	return string(b)
}

// ParseSymbol checks a symbol name.
func ParseSymbol(name string) (Symbol, error) {
	switch sym := Symbol(strings.ToLower(strings.TrimSpace(name))); sym {
	case SymbolNone, SymbolCircle, SymbolSquare, SymbolTriangle, SymbolDiamond, SymbolAnchor, SymbolInterdiction:
		return sym, nil
	case "":
		return SymbolNone, nil
	}
	return SymbolNone, fmt.Errorf("unknown symbol %q", name)
}

func unitValue(v json.RawMessage, dst *float64) error {
	var f float64
	if err := json.Unmarshal(v, &f); err != nil {
		return fmt.Errorf("want a number")
	}
	if math.IsNaN(f) || f < 0 || f > 1 {
		return fmt.Errorf("%v is not in 0..1", f)
	}
	*dst = f
	return nil
}

func lengthValue(v json.RawMessage, dst *float64, max float64) error {
	var f float64
	if err := json.Unmarshal(v, &f); err != nil {
		return fmt.Errorf("want a number")
	}
	if math.IsNaN(f) || f < 0 || f > max {
		return fmt.Errorf("%v is not in 0..%v", f, max)
	}
	*dst = f
	return nil
}

func checkDash(d []float64) error {
	if len(d) == 0 {
		return nil
	}
	if len(d)%2 != 0 {
		return fmt.Errorf("want an even number of on/off lengths")
	}
	sum := 0.0
	for _, x := range d {
		if math.IsNaN(x) || x < 0 || x > 1000 {
			return fmt.Errorf("length %v is not in 0..1000", x)
		}
		sum += x
	}
	if sum < 1 {
		return fmt.Errorf("pattern shorter than one pixel")
	}
	return nil
}

// SymbolDiameter is the symbol size for a feature of the given size (for
// example an interdiction's quantity; 0 = the default size). Sizes grow
// with the logarithm of the quantity, by a quarter of SymbolSize per
// factor of ten (1 kg to 10 t spans SymbolSize to twice it), capped at
// MaxSymbolSize.
func (s Style) SymbolDiameter(size float64) float64 {
	d := s.SymbolSize
	if size > 0 && !math.IsInf(size, 0) {
		d *= 1 + 0.25*math.Log10(1+size)
	}
	if s.MaxSymbolSize > 0 && d > s.MaxSymbolSize {
		d = s.MaxSymbolSize
	}
	return d
}

// Scaled returns s with every length (widths, dashes, hatch spacing,
// arrows, symbol sizes, font size, halo) multiplied by k: the style for
// an image of k device pixels per style pixel (a HiDPI screen, a 300 DPI
// page). The dash pattern is copied, not shared.
func (s Style) Scaled(k float64) Style {
	if k == 1 || !(k > 0) {
		return s
	}
	s.Width *= k
	s.CasingWidth *= k
	if s.Dash != nil {
		d := make([]float64, len(s.Dash))
		for i, v := range s.Dash {
			d[i] = v * k
		}
		s.Dash = d
	}
	s.HatchSpacing *= k
	s.HatchWidth *= k
	s.ArrowSpacing *= k
	s.ArrowSize *= k
	s.SymbolSize *= k
	s.MaxSymbolSize *= k
	s.FontSize *= k
	s.HaloWidth *= k
	return s
}
