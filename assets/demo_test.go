package assets

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/geo/measure"
)

// alpha2ISO maps the ports' ISO 3166 alpha-2 codes to the basemap's numeric codes.
var alpha2ISO = map[string]string{
	"US": "840", "PR": "630", "CA": "124", "MX": "484", "GT": "320", "HN": "340", "SV": "222", "NI": "558",
	"CR": "188", "PA": "591", "BZ": "084", "CO": "170", "EC": "218", "PE": "604", "CL": "152", "BR": "076",
	"PY": "600", "AR": "032", "UY": "858", "VE": "862", "GY": "328", "SR": "740", "JM": "388", "DO": "214",
	"HT": "332", "BS": "044", "TT": "780", "CW": "531", "CU": "192", "BB": "052", "BO": "068",
}

func loadDemoLayers(t *testing.T) map[string]DemoLayer {
	t.Helper()
	layers, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		title string
		kind  feature.Kind
		min   int
	}{
		{"Countries", feature.KindOther, 200},
		{"Borders", feature.KindBorder, 35},
		{"Patrol areas", feature.KindPatrolArea, 3},
		{"Suspected routes", feature.KindRoute, 8},
		{"Ports", feature.KindPort, 60},
		{"Interdictions", feature.KindInterdiction, 20},
		{"Annotations", feature.KindAnnotation, 5},
	}
	if len(layers) != len(want) {
		t.Fatalf("got %d layers, want %d", len(layers), len(want))
	}
	out := map[string]DemoLayer{}
	for i, w := range want {
		l := layers[i]
		if l.Title != w.title || l.Kind != w.kind {
			t.Errorf("layer %d is %q (%s), want %q (%s)", i, l.Title, l.Kind, w.title, w.kind)
		}
		if len(l.Features) < w.min {
			t.Errorf("layer %q has %d features, want >= %d", l.Title, len(l.Features), w.min)
		}
		out[l.Title] = l
	}
	return out
}

func TestDemoCommonFields(t *testing.T) {
	layers := loadDemoLayers(t)
	seen := map[string]string{}
	releasability := map[string]bool{}
	for title, l := range layers {
		for _, f := range l.Features {
			if _, err := uuid.Parse(f.UUID); err != nil {
				t.Errorf("%s: %q: bad UUID %q", title, f.Name, f.UUID)
			}
			if other, dup := seen[f.UUID]; dup {
				t.Errorf("UUID %s used by %q and %q", f.UUID, other, f.Name)
			}
			seen[f.UUID] = f.Name
			if f.Name == "" {
				t.Errorf("%s: feature %s has no name", title, f.UUID)
			}
			if f.Classification != "UNCLASSIFIED" {
				t.Errorf("%s: %q: classification %q", title, f.Name, f.Classification)
			}
			if f.Author != DemoAuthor {
				t.Errorf("%s: %q: author %q", title, f.Name, f.Author)
			}
			if len(f.ReleasableTo) == 0 {
				t.Errorf("%s: %q: no releasability", title, f.Name)
			}
			releasability[strings.Join(f.ReleasableTo, ",")] = true
			for _, k := range []string{"name", "classification", "releasable_to", "author"} {
				if f.Prop(k) != nil {
					t.Errorf("%s: %q: property %q left in Properties", title, f.Name, k)
				}
			}
			if title != "Countries" && title != "Borders" && title != "Ports" && f.Prop("illustrative") != true {
				t.Errorf("%s: %q is not marked illustrative", title, f.Name)
			}
		}
	}
	if len(releasability) < 10 {
		t.Errorf("only %d distinct releasability lists; want variety for share filtering", len(releasability))
	}
	// The demo is reproducible.
	again := loadDemoLayers(t)
	for title, l := range layers {
		for i, f := range l.Features {
			if again[title].Features[i].UUID != f.UUID {
				t.Fatalf("%s: UUIDs differ between two loads", title)
			}
		}
	}
}

func TestDemoPorts(t *testing.T) {
	layers := loadDemoLayers(t)
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	byISO := map[string]*feature.Feature{}
	for _, c := range cs {
		byISO[str(c.Prop("iso_n3"))] = c
	}
	locode := regexp.MustCompile(`^[A-Z]{2}[A-Z2-9]{3}$`)
	types := map[string]int{}
	seenCode := map[string]bool{}
	for _, p := range layers["Ports"].Features {
		pt, ok := p.Geometry.(*geom.Point)
		if !ok {
			t.Errorf("port %q: geometry %T", p.Name, p.Geometry)
			continue
		}
		country := str(p.Prop("country"))
		typ := str(p.Prop("port_type"))
		types[typ]++
		if code := str(p.Prop("unlocode")); code != "" {
			if !locode.MatchString(code) || code[:2] != country || seenCode[code] {
				t.Errorf("port %q: bad or repeated UN/LOCODE %q for country %q", p.Name, code, country)
			}
			seenCode[code] = true
		}
		c := byISO[alpha2ISO[country]]
		if c == nil {
			t.Errorf("port %q: unknown country %q", p.Name, country)
			continue
		}
		x, y := pt.X(), pt.Y()
		// A port lies in its country or on its coast (the Houston and Savannah
		// terminals are 25 km up their ship channels from the 1:50m coast).
		near := func(c *feature.Feature, maxM float64) bool {
			return contains(c.Geometry, x, y) || boundaryDistance(c.Geometry, x, y, 1) <= maxM
		}
		switch typ {
		case "seaport", "river port":
			if !near(c, 30000) {
				t.Errorf("port %q (%.3f, %.3f) is not in or near %s", p.Name, x, y, c.Name)
			}
		case "border crossing":
			other := byISO[alpha2ISO[str(p.Prop("other_country"))]]
			if other == nil {
				t.Errorf("crossing %q: unknown other_country %v", p.Name, p.Prop("other_country"))
				continue
			}
			if !near(c, 5000) || !near(other, 5000) {
				t.Errorf("crossing %q (%.3f, %.3f) is not on the %s–%s border", p.Name, x, y, c.Name, other.Name)
			}
		default:
			t.Errorf("port %q: port_type %q", p.Name, typ)
		}
	}
	if types["seaport"] < 40 || types["river port"] < 4 || types["border crossing"] < 10 {
		t.Errorf("port types %v: want >= 40 seaports, 4 river ports, 10 border crossings", types)
	}
}

func TestDemoRoutes(t *testing.T) {
	layers := loadDemoLayers(t)
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	modes := map[string]int{}
	for _, r := range layers["Suspected routes"].Features {
		line, ok := r.Geometry.(*geom.LineString)
		if !ok || line.NumCoords() < 2 {
			t.Errorf("route %q: geometry %T, want a LineString", r.Name, r.Geometry)
			continue
		}
		if r.Prop("note") != "Illustrative route for demonstration; not intelligence." {
			t.Errorf("route %q: note %q", r.Name, r.Prop("note"))
		}
		mode := str(r.Prop("mode"))
		modes[mode]++
		if mode != "maritime" {
			continue
		}
		// Maritime routes stay at sea: no vertex inside a country, unless
		// within 2 km of its coast.
		nearby := near(cs, line.Bounds(), 0)
		for i := 0; i < line.NumCoords(); i++ {
			x, y := line.Coord(i).X(), line.Coord(i).Y()
			for _, c := range nearby {
				if contains(c.Geometry, x, y) && boundaryDistance(c.Geometry, x, y, 1) > 2000 {
					t.Errorf("maritime route %q: vertex %d (%.3f, %.3f) is inside %s", r.Name, i, x, y, c.Name)
				}
			}
		}
	}
	if modes["maritime"] < 4 || modes["land"] < 3 || modes["air"] < 1 || len(modes) != 3 {
		t.Errorf("route modes %v: want maritime, land and air", modes)
	}
}

func TestDemoInterdictions(t *testing.T) {
	layers := loadDemoLayers(t)
	routes := map[string]*geom.LineString{}
	for _, r := range layers["Suspected routes"].Features {
		routes[r.UUID], _ = r.Geometry.(*geom.LineString)
	}
	from := time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	years := map[int]bool{}
	types := map[string]bool{}
	for _, f := range layers["Interdictions"].Features {
		pt, ok := f.Geometry.(*geom.Point)
		if !ok {
			t.Errorf("%q: geometry %T", f.Name, f.Geometry)
			continue
		}
		line := routes[str(f.Prop("route_uuid"))]
		if line == nil {
			t.Errorf("%q: route_uuid %v is not a demo route", f.Name, f.Prop("route_uuid"))
			continue
		}
		m, ok := f.Prop("measure_m").(float64)
		if !ok || m < 0 || m > measure.LineLength(line) {
			t.Errorf("%q: measure_m %v outside its route", f.Name, f.Prop("measure_m"))
			continue
		}
		lon, lat := measure.PointAt(line, m)
		if d := measure.Distance(lon, lat, pt.X(), pt.Y()); d > 50 {
			t.Errorf("%q is %.1f m from its route at measure %.1f, want <= 50", f.Name, d, m)
		}
		if gotM, d := measure.Locate(line, pt.X(), pt.Y()); d > 50 || math.Abs(gotM-m) > 50 {
			t.Errorf("%q: Locate gives measure %.1f at %.1f m, want %.1f on the line", f.Name, gotM, d, m)
		}
		at, err := time.Parse(time.RFC3339, str(f.Prop("occurred_at")))
		if err != nil || at.Before(from) || !at.Before(to) {
			t.Errorf("%q: occurred_at %v outside 2024-11-01..2026-10-31", f.Name, f.Prop("occurred_at"))
		}
		years[at.Year()] = true
		typ := str(f.Prop("type"))
		switch typ {
		case "seizure", "arrest", "vessel stop", "aircraft interdiction":
			types[typ] = true
		default:
			t.Errorf("%q: type %q", f.Name, typ)
		}
		if q, _ := f.Prop("quantity").(float64); q <= 0 || str(f.Prop("unit")) == "" ||
			str(f.Prop("commodity")) == "" || str(f.Prop("agency")) == "" || str(f.Prop("notes")) == "" {
			t.Errorf("%q: incomplete quantity, unit, commodity, agency or notes", f.Name)
		}
	}
	if len(years) < 3 || len(types) < 4 {
		t.Errorf("interdictions span years %v and types %v; want 2024-2026 and all four types", years, types)
	}
}

func TestDemoPatrolAreas(t *testing.T) {
	layers := loadDemoLayers(t)
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range layers["Patrol areas"].Features {
		p, ok := f.Geometry.(*geom.Polygon)
		if !ok {
			t.Errorf("%q: geometry %T", f.Name, f.Geometry)
			continue
		}
		for _, k := range []string{"agencies", "units", "notes"} {
			if str(f.Prop(k)) == "" {
				t.Errorf("%q: no %s", f.Name, k)
			}
		}
		if !strings.Contains(str(f.Prop("agencies")), ", ") {
			t.Errorf("%q: agencies %q: want several, comma-separated", f.Name, f.Prop("agencies"))
		}
		vf, err1 := time.Parse(time.DateOnly, str(f.Prop("valid_from")))
		vt, err2 := time.Parse(time.DateOnly, str(f.Prop("valid_to")))
		if err1 != nil || err2 != nil || vt.Before(vf) {
			t.Errorf("%q: validity %v..%v", f.Name, f.Prop("valid_from"), f.Prop("valid_to"))
		}
		// Across borders: a grid over the area meets at least two countries.
		met := map[string]bool{}
		b := p.Bounds()
		nearby := near(cs, b, 0)
		for i := 0; i <= 30; i++ {
			for j := 0; j <= 30; j++ {
				x := b.Min(0) + (b.Max(0)-b.Min(0))*float64(i)/30
				y := b.Min(1) + (b.Max(1)-b.Min(1))*float64(j)/30
				if !contains(p, x, y) {
					continue
				}
				for _, c := range nearby {
					if contains(c.Geometry, x, y) {
						met[c.Name] = true
					}
				}
			}
		}
		if len(met) < 2 {
			t.Errorf("%q covers %v, want at least two countries", f.Name, met)
		}
		if a := measure.Area(p); a < 1e8 {
			t.Errorf("%q: area %.0f m², implausibly small", f.Name, a)
		}
	}
}

func TestDemoAnnotations(t *testing.T) {
	layers := loadDemoLayers(t)
	for _, f := range layers["Annotations"].Features {
		if _, ok := f.Geometry.(*geom.Point); !ok {
			t.Errorf("%q: geometry %T", f.Name, f.Geometry)
		}
		if !strings.Contains(str(f.Prop("text")), "illustrative") {
			t.Errorf("%q: text %q does not say it is illustrative", f.Name, f.Prop("text"))
		}
		_, hasLon := f.Prop("leader_lon").(float64)
		_, hasLat := f.Prop("leader_lat").(float64)
		if hasLon != hasLat {
			t.Errorf("%q: leader_lon and leader_lat must come together", f.Name)
		}
	}
}

// TestDemoInterdictionUUIDs checks that the generator (gen/demo) uses
// Namespace, so that the UUIDs stay put when the file is regenerated.
func TestDemoInterdictionUUIDs(t *testing.T) {
	layers := loadDemoLayers(t)
	for i, f := range layers["Interdictions"].Features {
		want := uuid.NewSHA1(Namespace, fmt.Appendf(nil, "interdiction:%02d", i+1)).String()
		if f.UUID != want {
			t.Errorf("interdiction %d: UUID %s, want %s", i+1, f.UUID, want)
		}
	}
}
