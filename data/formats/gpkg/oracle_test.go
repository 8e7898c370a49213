package gpkg

import (
	"errors"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/internal/formattest"
	"corridor/data/internal/corpus"
)

// collect reads path with Read and returns the features per layer name.
func collect(t *testing.T, path string) (map[string][]*feature.Feature, []string, error) {
	t.Helper()
	return formattest.Collect(t, Read, path)
}

func TestOracle(t *testing.T) {
	for _, r := range corpus.Rows(t, ".gpkg") {
		t.Run(r.Path, func(t *testing.T) {
			path := r.File(t)
			before := formattest.Fingerprint(t, path)
			got, order, err := collect(t, path)
			if after := formattest.Fingerprint(t, path); after != before {
				t.Errorf("Read modified %s", path)
			}
			formattest.CheckLayers(t, r, path, got, order, err)
			if r.Expect != "import" {
				return
			}
			for _, fs := range got {
				for i, f := range fs {
					if f.Geometry == nil {
						t.Fatalf("feature %d has no geometry", i+1)
					}
					checkLonLat(t, f)
				}
			}
		})
	}
}

// TestRefuseProjected checks the message of a refused projected SRS.
func TestRefuseProjected(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"gdal-written/ne110_countries_utm18n.gpkg", []string{`table "countries"`, "SRS EPSG:32618 (WGS 84 / UTM zone 18N) is not supported: only EPSG:4326 and EPSG:3857"}},
		{"valid/gpkg/gdal_poly.gpkg", []string{`table "poly"`, "OSGB 1936 / British National Grid"}},
	}
	for _, tt := range tests {
		path := corpus.Path(t, tt.file)
		_, _, err := collect(t, path)
		if !errors.Is(err, formats.ErrUnsupportedCRS) {
			t.Fatalf("%s: error %v does not wrap ErrUnsupportedCRS", tt.file, err)
		}
		for _, w := range append(tt.want, path+": ") {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.file, err, w)
			}
		}
	}
}

// Test3857MatchesLonLat reads the same countries written in EPSG:4326 and in
// EPSG:3857 and checks that the reprojected coordinates agree.
func Test3857MatchesLonLat(t *testing.T) {
	ll, _, err := collect(t, corpus.Path(t, "gdal-written/ne110_countries.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	merc, _, err := collect(t, corpus.Path(t, "gdal-written/ne110_countries_3857.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := ll["countries"], merc["countries"]
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("%d features in 4326, %d in 3857", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			t.Fatalf("feature %d: name %q vs %q", i+1, a[i].Name, b[i].Name)
		}
		// GDAL clamps latitudes to ±85.06 before projecting, so compare
		// only the coordinates inside the Web Mercator band.
		fa, fb := a[i].Geometry.FlatCoords(), b[i].Geometry.FlatCoords()
		if len(fa) != len(fb) {
			t.Fatalf("feature %d (%s): %d vs %d coordinates", i+1, a[i].Name, len(fa), len(fb))
		}
		for j := 0; j < len(fa); j += 2 {
			if fa[j+1] > 85 || fa[j+1] < -85 {
				continue
			}
			if d := max(abs(fa[j]-fb[j]), abs(fa[j+1]-fb[j+1])); d > 1e-7 {
				t.Fatalf("feature %d (%s) vertex %d: %v,%v vs %v,%v", i+1, a[i].Name, j/2, fa[j], fa[j+1], fb[j], fb[j+1])
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// checkLonLat fails when a feature's coordinates are not longitudes and latitudes.
func checkLonLat(t *testing.T, f *feature.Feature) {
	t.Helper()
	b := f.Geometry.Bounds()
	if b.Min(0) < -180.000001 || b.Max(0) > 180.000001 || b.Min(1) < -90 || b.Max(1) > 90 {
		t.Fatalf("feature %q: bounds %v are not lon/lat", f.Name, b)
	}
}
