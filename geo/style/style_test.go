package style

import (
	"reflect"
	"strings"
	"testing"
)

func TestForKindOverrides(t *testing.T) {
	tests := []struct {
		name  string
		kind  Kind
		json  string
		check func(Style) bool
	}{
		{"empty keeps default", KindRoute, "", func(s Style) bool { return reflect.DeepEqual(s, Default(KindRoute)) }},
		{"stroke", KindRoute, `{"stroke":"#00FF00"}`, func(s Style) bool { return s.Stroke == Hex(0x00FF00) }},
		{"rgba", KindPatrolArea, `{"fill":"#11223380"}`, func(s Style) bool { return s.Fill == Color{0x11, 0x22, 0x33, 0x80} }},
		{"short hex", KindBorder, `{"stroke":"#abc"}`, func(s Style) bool { return s.Stroke == Hex(0xAABBCC) }},
		{"none", KindRoute, `{"casing":"none"}`, func(s Style) bool { return s.Casing.IsNone() }},
		{"dash and width", KindRoute, `{"width":3.5,"dash":[6,3]}`, func(s Style) bool { return s.Width == 3.5 && reflect.DeepEqual(s.Dash, []float64{6, 3}) }},
		{"solid", KindBorder, `{"dash":[]}`, func(s Style) bool { return len(s.Dash) == 0 }},
		{"symbol", KindOther, `{"symbol":"Diamond","symbol_size":9}`, func(s Style) bool { return s.Symbol == SymbolDiamond && s.SymbolSize == 9 }},
		{"unknown key ignored", KindPort, `{"zorder":3}`, func(s Style) bool { return reflect.DeepEqual(s, Default(KindPort)) }},
		{"unknown kind is other", "wibble", "", func(s Style) bool { return reflect.DeepEqual(s, Default(KindOther)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ForKind(tt.kind, tt.json)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(s) {
				t.Fatalf("got %+v", s)
			}
		})
	}
}

func TestForKindErrors(t *testing.T) {
	tests := []struct{ json, want string }{
		{`{"stroke":"red"}`, "stroke"},
		{`{"stroke":"#12345"}`, "stroke"},
		{`{"fill_opacity":1.5}`, "fill_opacity"},
		{`{"width":-1}`, "width"},
		{`{"dash":[3]}`, "dash"},
		{`{"symbol":"skull"}`, "symbol"},
		{`{"hatch_spacing":0.5}`, "hatch_spacing"},
		{`[1,2]`, "JSON object"},
		{`{"width":"wide"}`, "width"},
	}
	for _, tt := range tests {
		s, err := ForKind(KindRoute, tt.json)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want mention of %q", tt.json, err, tt.want)
		}
		if !reflect.DeepEqual(s, Default(KindRoute)) {
			t.Errorf("%s: bad override should return the default style", tt.json)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, k := range Kinds {
		s := Default(k)
		back, err := Default(KindOther).Apply(s.JSON())
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if !reflect.DeepEqual(back, s) && !(len(s.Dash) == 0 && len(back.Dash) == 0) {
			t.Fatalf("%s: round trip\n%+v\n%+v", k, s, back)
		}
	}
}

func TestDefaultsDistinct(t *testing.T) {
	if Default(KindRoute).Stroke == Default(KindBorder).Stroke {
		t.Fatal("routes and borders look the same")
	}
	if Default(KindPort).Symbol != SymbolAnchor || Default(KindInterdiction).Symbol != SymbolInterdiction {
		t.Fatal("point kinds lost their symbols")
	}
	if Default(KindPatrolArea).Hatch.IsNone() {
		t.Fatal("patrol areas are hatched")
	}
}

func TestSymbolDiameter(t *testing.T) {
	s := Default(KindInterdiction)
	if s.SymbolDiameter(0) != s.SymbolSize {
		t.Fatal("size 0 is the default size")
	}
	if !(s.SymbolDiameter(10) < s.SymbolDiameter(1000)) {
		t.Fatal("bigger quantity, bigger symbol")
	}
	if s.SymbolDiameter(1e12) != s.MaxSymbolSize {
		t.Fatal("capped at MaxSymbolSize")
	}
}

func TestLegend(t *testing.T) {
	var l Legend
	l = l.Add("Routes", KindRoute, Default(KindRoute)).Add("Ports", KindPort, Default(KindPort))
	if len(l) != 2 || l[1].Kind != KindPort || l[0].Style.Stroke != Default(KindRoute).Stroke {
		t.Fatalf("%+v", l)
	}
	for kind, want := range map[Kind]string{KindRoute: "line", KindPort: "point", KindPatrolArea: "polygon", KindOther: "polygon"} {
		if got := GeometryOf(kind); got != want {
			t.Errorf("GeometryOf(%s) = %s", kind, got)
		}
	}
}

func TestBriefingDefaults(t *testing.T) {
	b := Default(KindBorder)
	if b.Labels {
		t.Error("borders are labelled by default")
	}
	if b.Stroke.R > 0x60 || b.Width < 1.2 {
		t.Errorf("border %v at %v px is too faint over beige land", b.Stroke, b.Width)
	}
	s := Default(KindInterdiction)
	if s.Stroke.IsNone() || s.Width <= 0 || s.Stroke.R > 0x60 {
		t.Error("interdiction markers need a thin dark outline")
	}
	for _, tt := range []struct{ q, lo, hi float64 }{
		{0, 8, 8}, {1, 8, 10}, {100, 11, 13}, {1e4, 15, 16}, {1e9, 16, 16},
	} {
		if d := s.SymbolDiameter(tt.q); d < tt.lo || d > tt.hi {
			t.Errorf("interdiction of %g: %v px, want %v..%v", tt.q, d, tt.lo, tt.hi)
		}
	}
}

func TestScaled(t *testing.T) {
	s := Default(KindPatrolArea)
	s2 := s.Scaled(2)
	if s2.Width != 2*s.Width || s2.FontSize != 2*s.FontSize || s2.HaloWidth != 2*s.HaloWidth ||
		s2.SymbolSize != 2*s.SymbolSize || s2.HatchSpacing != 2*s.HatchSpacing || s2.Dash[0] != 2*s.Dash[0] {
		t.Errorf("Scaled(2) = %+v", s2)
	}
	if s.Dash[0] != Default(KindPatrolArea).Dash[0] {
		t.Error("Scaled changed the original's dash pattern")
	}
	if s1 := s.Scaled(1); s1.JSON() != s.JSON() {
		t.Error("Scaled(1) changed the style")
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(string(k)); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
	}
	_, err := ParseKind("spaceship")
	if err == nil || !strings.Contains(err.Error(), "patrol_area") {
		t.Errorf("ParseKind(spaceship): %v, want the valid kinds listed", err)
	}
}
