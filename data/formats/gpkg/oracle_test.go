package gpkg

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

// corpus is the shared test corpus of files written by other tools.
const corpus = "../../../../shared/testdata"

// oracleRow is one line of the corpus oracle.
type oracleRow struct {
	path           string
	features, lays int
	expect         string
}

// readOracle returns the oracle rows whose path ends in suffix; it skips the
// test when the corpus is absent.
func readOracle(t *testing.T, suffix string) []oracleRow {
	t.Helper()
	f, err := os.Open(filepath.Join(corpus, "oracle.tsv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("test corpus %s is absent", corpus)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []oracleRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 5 || fields[0] == "path" || !strings.HasSuffix(fields[0], suffix) {
			continue
		}
		r := oracleRow{path: fields[0], expect: fields[4]}
		r.features, _ = strconv.Atoi(fields[2])
		r.lays, _ = strconv.Atoi(fields[3])
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("oracle.tsv has no %s rows", suffix)
	}
	return rows
}

// collect reads path with Read and returns the features per layer name.
func collect(t *testing.T, path string) (map[string][]*feature.Feature, []string, error) {
	t.Helper()
	got := map[string][]*feature.Feature{}
	var order []string
	err := Read(context.Background(), path, func(l *formats.Layer, f *feature.Feature) error {
		if _, ok := got[l.Name]; !ok {
			order = append(order, l.Name)
		}
		got[l.Name] = append(got[l.Name], f)
		return nil
	})
	return got, order, err
}

func TestOracle(t *testing.T) {
	for _, r := range readOracle(t, ".gpkg") {
		t.Run(r.path, func(t *testing.T) {
			path := filepath.Join(corpus, r.path)
			before := fingerprint(t, path)
			got, order, err := collect(t, path)
			if after := fingerprint(t, path); after != before {
				t.Errorf("Read modified %s", path)
			}
			n := 0
			for _, fs := range got {
				n += len(fs)
			}
			switch r.expect {
			case "import":
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				if n != r.features || len(order) != r.lays {
					t.Errorf("got %d features in %d layers, want %d in %d", n, len(order), r.features, r.lays)
				}
				for _, fs := range got {
					for i, f := range fs {
						if f.Geometry == nil {
							t.Fatalf("feature %d has no geometry", i+1)
						}
						checkLonLat(t, f)
					}
				}
			case "refuse":
				if err == nil {
					t.Fatalf("Read accepted the file (%d features)", n)
				}
				if n != 0 {
					t.Errorf("Read emitted %d features before refusing", n)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				t.Logf("refused: %v", err)
			default:
				t.Fatalf("unknown expectation %q", r.expect)
			}
		})
	}
}

// TestRefuseProjected checks the message of a refused projected SRS.
func TestRefuseProjected(t *testing.T) {
	readOracle(t, ".gpkg")
	tests := []struct {
		file string
		want []string
	}{
		{"gdal-written/ne110_countries_utm18n.gpkg", []string{`table "countries"`, "SRS EPSG:32618 (WGS 84 / UTM zone 18N) is not supported: only EPSG:4326 and EPSG:3857"}},
		{"valid/gpkg/gdal_poly.gpkg", []string{`table "poly"`, "OSGB 1936 / British National Grid"}},
	}
	for _, tt := range tests {
		path := filepath.Join(corpus, tt.file)
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
	readOracle(t, ".gpkg")
	ll, _, err := collect(t, filepath.Join(corpus, "gdal-written/ne110_countries.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	merc, _, err := collect(t, filepath.Join(corpus, "gdal-written/ne110_countries_3857.gpkg"))
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

// fingerprint returns a file's size, modification time and content digest,
// and fails if a -wal, -shm or -journal file sits beside it.
func fingerprint(t *testing.T, path string) string {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			t.Errorf("%s%s exists", path, s)
		}
	}
	var sum uint64 = 14695981039346656037
	for _, c := range b {
		sum = (sum ^ uint64(c)) * 1099511628211
	}
	return st.ModTime().String() + "/" + strconv.Itoa(len(b)) + "/" + strconv.FormatUint(sum, 16)
}
