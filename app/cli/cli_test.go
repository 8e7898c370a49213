package cli

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"corridor/data/store"
)

// run executes a command line in-process and returns exit code, stdout, stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestNewDemoLayersMatchGDAL(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "demo.gpkg")
	if code, _, stderr := run(t, "new", ws, "--demo"); code != 0 {
		t.Fatalf("new --demo: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := run(t, "layers", ws, "--json")
	if code != 0 {
		t.Fatalf("layers: exit %d: %s", code, stderr)
	}
	var layers []layerJSON
	if err := json.Unmarshal([]byte(stdout), &layers); err != nil {
		t.Fatalf("layers --json: %v\n%s", err, stdout)
	}
	// The demo's layers, by title and kind, with the minimum counts the issue names.
	want := []struct {
		title, kind string
		min         int64
	}{
		{"Countries", "other", 30}, {"Borders", "border", 20}, {"Ports", "port", 60},
		{"Suspected routes", "route", 8}, {"Patrol areas", "patrol_area", 3},
		{"Interdictions", "interdiction", 20}, {"Annotations", "annotation", 5},
	}
	byTitle := map[string]layerJSON{}
	for _, l := range layers {
		byTitle[l.Name] = l
		if len(l.BBox) != 4 || l.BBox[0] > l.BBox[2] || l.BBox[1] > l.BBox[3] {
			t.Errorf("layer %q: bad bbox %v", l.Name, l.BBox)
		}
	}
	for _, w := range want {
		l, ok := byTitle[w.title]
		if !ok {
			t.Errorf("demo has no layer %q", w.title)
			continue
		}
		if l.Kind != w.kind || l.Features < w.min {
			t.Errorf("layer %q: kind %s, %d features; want kind %s, at least %d", w.title, l.Kind, l.Features, w.kind, w.min)
		}
	}

	db, err := sql.Open("sqlite3", "file:"+ws+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var appID, userVersion int64
	db.QueryRow(`PRAGMA application_id`).Scan(&appID)
	db.QueryRow(`PRAGMA user_version`).Scan(&userVersion)
	db.Close()
	if appID != 1196444487 || userVersion != 10300 {
		t.Errorf("application_id %d, user_version %d", appID, userVersion)
	}

	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo (GDAL) not installed: the independent check is skipped")
	}
	cmd := exec.Command("ogrinfo", "-ro", "-so", "-al", ws)
	var gout, gerr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &gout, &gerr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, gerr.String())
	}
	if s := gerr.String() + gout.String(); strings.Contains(s, "Warning") || strings.Contains(s, "ERROR") {
		t.Fatalf("ogrinfo warns:\n%s", s)
	}
	counts := map[string]int64{}
	re := regexp.MustCompile(`(?m)^Layer name: (.*)\n(?:.*\n)*?Feature Count: (\d+)`)
	for _, m := range re.FindAllStringSubmatch(gout.String(), -1) {
		n, _ := strconv.ParseInt(m[2], 10, 64)
		counts[m[1]] = n
	}
	// GDAL lists the feature layers plus Corridor's three attribute tables.
	for _, own := range []string{"corridor_meta", "corridor_layers", "corridor_history"} {
		if _, ok := counts[own]; !ok {
			t.Errorf("GDAL does not list the attribute table %s", own)
		}
	}
	if len(counts) != len(layers)+len(store.OwnTables) {
		t.Fatalf("GDAL sees %d layers, corridor %d feature layers + its own tables:\n%s", len(counts), len(layers), gout.String())
	}
	for _, l := range layers {
		if got, ok := counts[l.Table]; !ok || got != l.Features {
			t.Errorf("layer %q (table %s): GDAL counts %d, corridor %d", l.Name, l.Table, got, l.Features)
		}
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.gpkg")
	os.WriteFile(notes, []byte("not a map"), 0o644)
	existing := filepath.Join(dir, "ws.gpkg")
	if code, _, stderr := run(t, "new", existing); code != 0 {
		t.Fatal(stderr)
	}
	os.Mkdir(filepath.Join(dir, "folder.geojson"), 0o755)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"layers"}, 2, "usage:"},
		{[]string{"layers", existing, "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"layers", filepath.Join(dir, "missing.gpkg")}, 1, "corridor: " + filepath.Join(dir, "missing.gpkg") + ": no such file"},
		{[]string{"layers", notes}, 1, "corridor: " + notes + ": not a GeoPackage"},
		{[]string{"new", existing}, 1, "already exists"},
		{[]string{"new", filepath.Join(dir, "routes.geojson")}, 2, "its name ends in .gpkg"},
		{[]string{"new", ""}, 2, "the workspace file name is empty"},
		{[]string{"new", filepath.Join(dir, "ws")}, 1, "already exists"}, // ws.gpkg
		{[]string{"export", existing, filepath.Join(dir, "folder.geojson")}, 1, filepath.Join(dir, "folder.geojson") + ": is a directory"},
		{[]string{"import", existing, filepath.Join(dir, "x.shp")}, 1, "unknown file type"},
		{[]string{"import", existing, filepath.Join(dir, "missing.geojson")}, 1, "no such file"},
		{[]string{"import", existing, "x.geojson", "--kind", "spaceship"}, 2, "unknown layer kind"},
		{[]string{"export", existing, filepath.Join(dir, "out.xyz")}, 2, "unknown output type"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", c.args, code, stderr, c.code, c.msg)
		}
		if c.code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: want one line on stderr, got %q", c.args, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "routes.geojson")); err == nil {
		t.Error("new created a workspace named .geojson")
	}
	if code, out, _ := run(t, "new", filepath.Join(dir, "plain")); code != 0 || !strings.Contains(out, "plain.gpkg") {
		t.Errorf("new without an extension: exit %d, %q; want plain.gpkg created", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.gpkg")); err == nil {
		t.Error("a command created the missing workspace")
	}
}

func TestVersionSaysSpatiaLite(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !strings.Contains(out, "corridor ") || !strings.Contains(out, "SpatiaLite: ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestMapRendersDemo(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "demo.gpkg")
	if code, _, stderr := run(t, "new", ws, "--demo"); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "caribbean.png")
	if code, _, stderr := run(t, "map", ws, out, "--bbox", "-90,5,-60,25", "--size", "800x500"); code != 0 {
		t.Fatalf("map: %d %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 500 {
		t.Fatalf("size %v", b)
	}
	colours := map[color.RGBA]int{}
	crimson := 0
	for y := 0; y < 500; y += 2 {
		for x := 0; x < 800; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
			colours[c]++
			if c.R > 150 && c.G < 60 && c.B < 80 {
				crimson++ // route pixels
			}
		}
	}
	if len(colours) < 50 {
		t.Fatalf("the map has only %d colours: blank?", len(colours))
	}
	if crimson == 0 {
		t.Fatal("no route drawn in the Caribbean view")
	}

	// Only the named layers; a bad layer name or bbox is a clear error.
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"map", ws, out, "--layers", "Nope"}, 1, `no such layer "Nope"`},
		{[]string{"map", ws, out, "--bbox", "1,2,3"}, 2, "want W,S,E,N"},
		{[]string{"map", ws, out, "--bbox", "NaN,0,1,1"}, 2, `"NaN" is not a number`},
		{[]string{"map", ws, out, "--layers", ""}, 2, `--layers: "" names no layer`},
		{[]string{"map", ws, out, "--layers", " , "}, 2, `--layers: " , " names no layer`},
		{[]string{"map", ws, out, "--bbox", "0,-inf,1,1"}, 2, `"-inf" is not a number`},
		{[]string{"map", ws, out, "--bbox", "0,0,1,0"}, 2, "want -90 <= S < N <= 90"},
		{[]string{"map", ws, out, "--size", "big"}, 2, "want WxH"},
		{[]string{"map", ws, filepath.Join(dir, "x.tiff")}, 2, "unknown image type"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d %q; want %d with %q", c.args[3:], code, stderr, c.code, c.msg)
		}
	}
}

func TestImportExportCommands(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.gpkg")
	run(t, "new", ws)
	src := filepath.Join("..", "..", "..", "shared", "testdata", "naturalearth", "ne_10m_ports_first65.geojson")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("shared corpus absent: %v", err)
	}
	code, out, stderr := run(t, "import", ws, src, "--layer", "Ports", "--kind", "port")
	if code != 0 || !strings.Contains(out, `imported 65 features into "Ports"`) {
		t.Fatalf("import: %d %q %q", code, out, stderr)
	}
	// A second import into the same layer appends (its title as typed,
	// with a stray space, names the same layer).
	run(t, "import", ws, src, "--layer", "Ports ")
	code, out, _ = run(t, "layers", ws, "--json")
	var layers []layerJSON
	json.Unmarshal([]byte(out), &layers)
	if code != 0 || len(layers) != 1 || layers[0].Features != 130 || layers[0].Kind != "port" || layers[0].Geometry != "POINT" {
		t.Fatalf("layers after two imports: %+v", layers)
	}
	for _, ext := range []string{"geojson", "kml", "kmz", "csv", "gpkg"} {
		o := filepath.Join(dir, "ports."+ext)
		code, out, stderr := run(t, "export", ws, o, "--layer", "Ports")
		if code != 0 || !strings.Contains(out, "exported 130 features") {
			t.Errorf("export %s: %d %q %q", ext, code, out, stderr)
		}
	}
	// Placemarks whose coordinates cannot be read are kept without a
	// geometry, as GDAL keeps them, and the import says so.
	kml := filepath.Join(dir, "nan.kml")
	os.WriteFile(kml, []byte(`<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>a</name><Point><coordinates>NaN,10</coordinates></Point></Placemark>
<Placemark><name>b</name><Point><coordinates>1,2</coordinates></Point></Placemark>
</Document></kml>`), 0o644)
	code, out, stderr = run(t, "import", ws, kml)
	if want := `imported 2 features into "nan" (1 without a geometry: kept, not drawn)`; code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("import nan.kml: %d %q %q; want %q", code, out, stderr, want)
	}
	one := filepath.Join(dir, "one.kml")
	os.WriteFile(one, []byte(`<kml><Placemark><Point><coordinates>1,2</coordinates></Point></Placemark></kml>`), 0o644)
	code, out, _ = run(t, "import", ws, one)
	if want := `imported 1 feature into "one"`; code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("import one.kml: %d %q; want %q", code, out, want)
	}
	// A refused import leaves the workspace as it was.
	before, _ := os.ReadFile(ws)
	bad := filepath.Join(dir, "bad.geojson")
	os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}},{"type":"Feature","geometry":{"type":"Point","coordinates":["x",2]},"properties":{}}]}`), 0o644)
	code, _, stderr = run(t, "import", ws, bad)
	if code != 1 || !strings.Contains(stderr, "bad.geojson") || !strings.Contains(stderr, "feature 2") {
		t.Fatalf("bad import: %d %q", code, stderr)
	}
	after, _ := os.ReadFile(ws)
	if !bytes.Equal(before, after) {
		t.Fatal("a refused import changed the workspace")
	}
}
