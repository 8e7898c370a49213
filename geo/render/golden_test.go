package render

import (
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"corridor/geo/style"
	"corridor/geo/viewport"

	"github.com/twpayne/go-geom"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

func line(id int64, label string, pts ...float64) *Feature {
	return &Feature{ID: id, Label: label, Geom: geom.NewLineStringFlat(geom.XY, pts)}
}

func poly(id int64, label string, rings ...[]float64) *Feature {
	var flat []float64
	var ends []int
	for _, r := range rings {
		flat = append(flat, r...)
		ends = append(ends, len(flat))
	}
	return &Feature{ID: id, Label: label, Geom: geom.NewPolygonFlat(geom.XY, flat, ends)}
}

func point(id int64, label string, lon, lat float64) *Feature {
	return &Feature{ID: id, Label: label, Geom: geom.NewPointFlat(geom.XY, []float64{lon, lat})}
}

func layer(id string, kind style.Kind, styleJSON string, fs ...*Feature) Layer {
	st, err := style.ForKind(kind, styleJSON)
	if err != nil {
		panic(err)
	}
	return Layer{ID: id, Kind: kind, Style: st, Visible: true, Source: NewMemSource(fs...), Generation: 1}
}

// land is a rough isthmus for the scenes' basemap.
func land() Layer {
	return layer("land", style.KindOther, "",
		poly(1, "", []float64{-83, 7, -80.5, 7.3, -79.5, 8.3, -78.2, 8.4, -77.2, 7.6, -76.8, 8.6, -77.5, 9.4, -79, 9.7, -80.2, 9.3, -81.5, 8.9, -83.5, 9.8, -84, 8.2, -83, 7}),
		poly(2, "", []float64{-77.4, 7.5, -76, 6.2, -75.5, 8.5, -75.8, 10.5, -76.9, 9, -77.4, 7.5}),
	)
}

type scene struct {
	name   string
	vp     viewport.Viewport
	layers []Layer
}

func scenes() []scene {
	panama := viewport.New(-79.6, 8.6, 7, 360, 240)
	return []scene{
		{"symbols", panama, []Layer{
			land(),
			layer("ports", style.KindPort, "", point(1, "Colón", -79.9, 9.35), point(2, "Balboa", -79.57, 8.95), point(3, "Turbo", -76.73, 8.09)),
			layer("seizures", style.KindInterdiction, `{"labels":true}`,
				&Feature{ID: 1, Label: "20 kg", Geom: geom.NewPointFlat(geom.XY, []float64{-80.6, 7.9})},
				&Feature{ID: 2, Label: "600 kg", Size: 600, Geom: geom.NewPointFlat(geom.XY, []float64{-78.6, 8.0})},
				&Feature{ID: 3, Label: "4 t", Size: 4000, Geom: geom.NewPointFlat(geom.XY, []float64{-81.6, 8.5})},
			),
		}},
		{"patrol", viewport.New(-79.9, 9.6, 7, 360, 240), []Layer{
			land(),
			layer("patrol", style.KindPatrolArea, "", poly(1, "Patrol Area North",
				[]float64{-81.5, 9.2, -78.4, 9.2, -78.4, 10.4, -81.5, 10.4, -81.5, 9.2},
				[]float64{-80.4, 9.6, -80.4, 10.0, -79.6, 10.0, -79.6, 9.6, -80.4, 9.6})),
		}},
		{"route", viewport.New(-79, 8.2, 6.8, 360, 240), []Layer{
			land(),
			layer("border", style.KindBorder, "", line(1, "", -77.9, 7.2, -77.5, 7.9, -77.3, 8.3, -77.4, 8.7, -77.2, 9.0)),
			layer("route", style.KindRoute, `{"dash":[9,4],"arrow_spacing":90}`,
				line(1, "Pacific corridor", -83.0, 6.6, -81.4, 6.9, -80.0, 7.1, -79.2, 7.6, -78.6, 8.1, -78.0, 9.0, -77.6, 10.0)),
		}},
		{"antimeridian", viewport.New(180, -17, 5, 360, 240), []Layer{
			layer("islands", style.KindOther, "", poly(1, "", []float64{178.5, -16.2, 179.9, -16.3, -179.6, -16.9, -179.9, -17.6, 178.6, -17.4, 178.5, -16.2})),
			layer("route", style.KindRoute, "", line(1, "Dateline run", 174.5, -19.5, 177, -18.6, 179.5, -18.4, -178.5, -17.5, -176, -15.5, -174.5, -14.8)),
			layer("ports", style.KindPort, "", point(1, "West", 178.8, -15.2), point(2, "East", -178.2, -16.2)),
		}},
		{"briefing", viewport.New(-79.5, 8.7, 6.6, 480, 320), []Layer{
			land(),
			layer("border", style.KindBorder, "", line(1, "", -77.9, 7.2, -77.5, 7.9, -77.3, 8.3, -77.4, 8.7, -77.2, 9.0)),
			layer("patrol", style.KindPatrolArea, "", poly(1, "Patrol Area South", []float64{-81, 6.3, -78.8, 6.3, -78.8, 7.4, -81, 7.4, -81, 6.3})),
			layer("route", style.KindRoute, "",
				line(1, "Pacific corridor", -84.5, 5.9, -82, 6.6, -80.0, 7.0, -79.2, 7.6, -78.6, 8.1, -78.0, 9.0, -77.6, 10.6),
				line(2, "Caribbean leg", -84, 11.5, -82, 10.8, -80.6, 10.2, -79.9, 9.4)),
			layer("seizures", style.KindInterdiction, "",
				&Feature{ID: 1, Size: 1200, Geom: geom.NewPointFlat(geom.XY, []float64{-79.9, 7.15})},
				&Feature{ID: 2, Size: 35, Geom: geom.NewPointFlat(geom.XY, []float64{-81.4, 10.45})}),
			layer("ports", style.KindPort, "", point(1, "Colón", -79.9, 9.35), point(2, "Balboa", -79.57, 8.95)),
			layer("notes", style.KindAnnotation, "", &Feature{ID: 1, Text: "1.2 t seized 14 Mar", Leader: &[2]float64{-79.9, 7.15}, Geom: geom.NewPointFlat(geom.XY, []float64{-81.6, 7.9})}),
		}},
	}
}

func TestGolden(t *testing.T) {
	for _, sc := range scenes() {
		t.Run(sc.name, func(t *testing.T) {
			// a renderer per scene: scenes reuse layer IDs and
			// generations, which key the geometry cache
			r := New(Options{})
			img, err := r.Render(context.Background(), sc.vp, sc.layers)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, sc.name, img)
		})
	}
}

func TestGoldenLegend(t *testing.T) {
	r := New(Options{})
	img := image.NewRGBA(image.Rect(0, 0, 7*44, 30))
	for i, kind := range style.Kinds {
		r.DrawSwatch(img, image.Rect(i*44+2, 2, i*44+42, 28), style.LegendEntry{Label: string(kind), Kind: kind, Style: style.Default(kind)})
	}
	checkGolden(t, "legend", img)
}

// checkGolden compares img with testdata/name.png: a pixel differs when a
// channel is off by more than 24, and at most 0.2% of pixels may differ.
func checkGolden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := writePNG(path, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %v", img.Bounds(), want.Bounds())
	}
	bad := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := img.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			if diff(r1, r2) > 24 || diff(g1, g2) > 24 || diff(b1, b2) > 24 || diff(a1, a2) > 24 {
				bad++
			}
		}
	}
	if limit := b.Dx() * b.Dy() / 500; bad > limit {
		out := filepath.Join(t.TempDir(), name+".png")
		_ = writePNG(out, img)
		t.Fatalf("%d pixels differ from %s (limit %d); got %s", bad, path, limit, out)
	}
}

func diff(a, b uint32) uint32 {
	a, b = a>>8, b>>8
	if a > b {
		return a - b
	}
	return b - a
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return f.Close()
}
