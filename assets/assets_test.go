package assets

import (
	"bytes"
	"image/png"
	"math"
	"testing"

	"github.com/google/uuid"
	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/geo/measure"
)

func countryByName(t *testing.T, cs []*feature.Feature) map[string]*feature.Feature {
	t.Helper()
	m := map[string]*feature.Feature{}
	for _, c := range cs {
		m[c.Name] = c
	}
	return m
}

func TestCountries(t *testing.T) {
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 200 {
		t.Fatalf("got %d countries, want >= 200", len(cs))
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if c.Name == "" {
			t.Errorf("country %s has no name", c.UUID)
		}
		if len(polygonsOf(c.Geometry)) == 0 {
			t.Errorf("%s: geometry %T, want Polygon or MultiPolygon", c.Name, c.Geometry)
		}
		if _, err := uuid.Parse(c.UUID); err != nil || seen[c.UUID] {
			t.Errorf("%s: bad or duplicate UUID %q", c.Name, c.UUID)
		}
		seen[c.UUID] = true
	}
	by := countryByName(t, cs)
	// Areas from measure against the countries' known areas (land and inland
	// water), within the 1:50m generalisation's error.
	tests := []struct {
		name, iso string
		areaKm2   float64
	}{
		{"Brazil", "076", 8515767},
		{"Colombia", "170", 1141748},
		{"Ecuador", "218", 256370},
		{"Paraguay", "600", 406752},
	}
	for _, tc := range tests {
		c := by[tc.name]
		if c == nil {
			t.Errorf("no country %q", tc.name)
			continue
		}
		if got := c.Prop("iso_n3"); got != tc.iso {
			t.Errorf("%s: iso_n3 = %v, want %s", tc.name, got, tc.iso)
		}
		area := 0.0
		for _, p := range polygonsOf(c.Geometry) {
			area += measure.Area(p)
		}
		if rel := math.Abs(area/1e6-tc.areaKm2) / tc.areaKm2; rel > 0.03 {
			t.Errorf("%s: area %.0f km², want %.0f ± 3%%", tc.name, area/1e6, tc.areaKm2)
		}
	}
	// Callers get their own copies.
	cs[0].Name = "changed"
	again, _ := Countries()
	if again[0].Name == "changed" {
		t.Error("Countries returns shared features")
	}
}

func TestBorders(t *testing.T) {
	bs, err := Borders()
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) < 300 {
		t.Fatalf("got %d borders, want >= 300", len(bs))
	}
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	by := countryByName(t, cs)
	leftOK, checked := 0, 0
	for _, b := range bs {
		l, r := str(b.Prop("left")), str(b.Prop("right"))
		if l == "" || r == "" || l == r {
			t.Errorf("border %q: left %q, right %q", b.Name, l, r)
			continue
		}
		switch b.Geometry.(type) {
		case *geom.LineString, *geom.MultiLineString:
		default:
			t.Errorf("border %q: geometry %T", b.Name, b.Geometry)
			continue
		}
		// The left country lies to the left of the line: probe 300 m to the
		// left of the middle of the longest segment.
		x, y, ok := leftProbe(b.Geometry)
		if !ok || by[l] == nil {
			continue
		}
		checked++
		if contains(by[l].Geometry, x, y) {
			leftOK++
		}
	}
	t.Logf("%d borders; left country on the left of %d of %d probed", len(bs), leftOK, checked)
	if checked < 300 || float64(leftOK) < 0.98*float64(checked) {
		t.Errorf("left country to the left of %d of %d borders, want >= 98%%", leftOK, checked)
	}
}

// leftProbe returns a point 300 m to the left of the middle of the longest
// segment of a line or multiline.
func leftProbe(g geom.T) (x, y float64, ok bool) {
	flat, stride := g.FlatCoords(), g.Stride()
	var ends []int
	switch g := g.(type) {
	case *geom.LineString:
		ends = []int{len(flat)}
	case *geom.MultiLineString:
		ends = g.Ends()
	}
	best, start := 0.0, 0
	for _, end := range ends {
		for i := start; i+stride < end; i += stride {
			d := measure.Distance(flat[i], flat[i+1], flat[i+stride], flat[i+stride+1])
			if d > best && d > 2000 {
				best = d
				bearing := measure.Bearing(flat[i], flat[i+1], flat[i+stride], flat[i+stride+1])
				mx, my := measure.Destination(flat[i], flat[i+1], bearing, d/2)
				x, y = measure.Destination(mx, my, bearing-90, 300)
				ok = true
			}
		}
		start = end
	}
	return x, y, ok
}

func TestAmericasBorders(t *testing.T) {
	bs, err := AmericasBorders()
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[[2]string]bool{}
	for _, b := range bs {
		l, r := str(b.Prop("left")), str(b.Prop("right"))
		pairs[[2]string{l, r}], pairs[[2]string{r, l}] = true, true
	}
	for _, want := range [][2]string{
		{"Colombia", "Ecuador"}, {"United States of America", "Mexico"}, {"Brazil", "Paraguay"},
		{"Haiti", "Dominican Rep."}, {"Brazil", "France"}, {"Panama", "Colombia"}, {"Canada", "United States of America"},
	} {
		if !pairs[want] {
			t.Errorf("no border %s – %s", want[0], want[1])
		}
	}
	for _, notWant := range [][2]string{{"France", "Spain"}, {"Russia", "China"}} {
		if pairs[notWant] {
			t.Errorf("border %s – %s is not in the Americas", notWant[0], notWant[1])
		}
	}
	t.Logf("%d borders in the Americas", len(bs))
	if len(bs) < 35 || len(bs) > 60 {
		t.Errorf("got %d borders in the Americas, want 35..60", len(bs))
	}
}

func TestIsAmericas(t *testing.T) {
	tests := []struct {
		iso  string
		want bool
	}{
		{"170", true}, {"840", true}, {"630", true}, {"032", true}, {"250", false}, {"724", false}, {"", false},
	}
	for _, tc := range tests {
		if got := IsAmericas(tc.iso); got != tc.want {
			t.Errorf("IsAmericas(%q) = %v, want %v", tc.iso, got, tc.want)
		}
	}
}

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Fatalf("icon is %v, want 256x256", b)
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("icon corner alpha %d, want transparent", a)
	}
	if _, _, _, a := img.At(128, 200).RGBA(); a != 0xffff {
		t.Errorf("icon centre alpha %d, want opaque", a)
	}
	ic := Icon()
	ic[0] = 0
	if Icon()[0] == 0 {
		t.Error("Icon returns the shared slice")
	}
}

func BenchmarkCountries(b *testing.B) {
	for b.Loop() {
		if _, err := Countries(); err != nil {
			b.Fatal(err)
		}
	}
}
