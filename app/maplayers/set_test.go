package maplayers

import (
	"context"
	"image/color"
	"path/filepath"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/store"
	"corridor/geo/render"
	"corridor/geo/viewport"
)

// testWorkspace makes a workspace with a route, interdictions, an
// annotation and a hidden patrol area.
func testWorkspace(t *testing.T) *store.Workspace {
	t.Helper()
	ctx := context.Background()
	ws, err := store.Create(filepath.Join(t.TempDir(), "w.gpkg"), store.Options{Author: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	add := func(spec store.LayerSpec, fs ...*feature.Feature) string {
		l, err := ws.CreateLayer(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if err := ws.AddFeature(ctx, l.Table, f); err != nil {
				t.Fatal(err)
			}
		}
		return l.Table
	}
	line := geom.NewLineStringFlat(geom.XY, []float64{-80, 10, -70, 15, -60, 12})
	add(store.LayerSpec{Title: "Routes", Kind: feature.KindRoute}, &feature.Feature{Name: "Alpha", Geometry: line})
	add(store.LayerSpec{Title: "Seizures", Kind: feature.KindInterdiction},
		&feature.Feature{Name: "s1", Geometry: geom.NewPointFlat(geom.XY, []float64{-70, 15}), Properties: map[string]any{"quantity": 120.0}},
		&feature.Feature{Name: "s2", Geometry: geom.NewPointFlat(geom.XY, []float64{-65, 13})})
	add(store.LayerSpec{Title: "Notes", Kind: feature.KindAnnotation},
		&feature.Feature{Name: "n", Geometry: geom.NewPointFlat(geom.XY, []float64{-75, 20}),
			Properties: map[string]any{"text": "Hello", "leader_lon": -72.0, "leader_lat": 16.0}})
	square := geom.NewPolygonFlat(geom.XY, []float64{-90, 0, -85, 0, -85, 5, -90, 5, -90, 0}, []int{10})
	add(store.LayerSpec{Title: "Patrol", Kind: feature.KindPatrolArea, Hidden: true}, &feature.Feature{Name: "P", Geometry: square})
	return ws
}

func collect(t *testing.T, src render.Source, w, s, e, n float64) []*render.Feature {
	t.Helper()
	var out []*render.Feature
	if err := src.Query(context.Background(), w, s, e, n, func(f *render.Feature) error {
		out = append(out, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLayers(t *testing.T) {
	ctx := context.Background()
	ws := testWorkspace(t)
	s, err := New(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	ls := s.Layers()
	var kinds []string
	for _, l := range ls {
		kinds = append(kinds, string(l.Kind))
		if !l.Visible || l.Source == nil || l.Generation == 0 || l.Opacity != 1 {
			t.Errorf("layer %s: %+v", l.ID, l)
		}
	}
	want := []string{"route", "interdiction", "annotation"} // patrol area hidden
	if len(kinds) != len(want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("kinds %v, want %v", kinds, want)
		}
	}
	tests := []struct {
		layer int
		box   [4]float64
		check func(t *testing.T, fs []*render.Feature)
	}{
		{0, [4]float64{-100, -10, -50, 30}, func(t *testing.T, fs []*render.Feature) {
			if len(fs) != 1 || fs[0].Label != "Alpha" || fs[0].Geom.(*geom.LineString).NumCoords() != 3 {
				t.Errorf("route features %+v", fs)
			}
		}},
		{0, [4]float64{0, 0, 10, 10}, func(t *testing.T, fs []*render.Feature) {
			if len(fs) != 0 {
				t.Errorf("query outside got %d", len(fs))
			}
		}},
		{1, [4]float64{-71, 14, -69, 16}, func(t *testing.T, fs []*render.Feature) {
			if len(fs) != 1 || fs[0].Size != 120 || fs[0].Label != "s1" {
				t.Errorf("interdiction %+v", fs)
			}
		}},
		{2, [4]float64{-80, 15, -70, 25}, func(t *testing.T, fs []*render.Feature) {
			if len(fs) != 1 || fs[0].Text != "Hello" || fs[0].Leader == nil || *fs[0].Leader != [2]float64{-72, 16} {
				t.Errorf("annotation %+v", fs)
			}
		}},
	}
	for _, tt := range tests {
		tt.check(t, collect(t, ls[tt.layer].Source, tt.box[0], tt.box[1], tt.box[2], tt.box[3]))
	}
	b, ok := s.Bounds()
	if !ok || b != (viewport.Bounds{West: -90, South: 0, East: -60, North: 20}) {
		t.Errorf("bounds %+v %v", b, ok)
	}
	b2, ok2, err := Bounds(ctx, ws)
	if err != nil || !ok2 || b2 != b {
		t.Errorf("Bounds(ws) %+v %v %v", b2, ok2, err)
	}
}

func TestGenerationBumpsOnEdit(t *testing.T) {
	ctx := context.Background()
	ws := testWorkspace(t)
	s, err := New(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	gen := func() map[string]uint64 {
		m := map[string]uint64{}
		for _, l := range s.Layers() {
			m[l.ID] = l.Generation
		}
		return m
	}
	g0 := gen()
	if err := s.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	g1 := gen()
	for k := range g0 {
		if g0[k] != g1[k] {
			t.Fatalf("generation of %s changed without an edit", k)
		}
	}
	if err := ws.AddFeature(ctx, "routes", &feature.Feature{Name: "Beta", Geometry: geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1, 1})}); err != nil {
		t.Fatal(err)
	}
	if err := s.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	g2 := gen()
	for k := range g1 {
		if changed := g1[k] != g2[k]; changed != (k == "routes") {
			t.Errorf("layer %s: generation %d -> %d", k, g1[k], g2[k])
		}
	}
	if _, err := ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if g3 := gen(); g3["routes"] == g2["routes"] {
		t.Error("undo did not bump the generation")
	}
}

func TestStyleAndVisibility(t *testing.T) {
	ctx := context.Background()
	ws := testWorkspace(t)
	s, _ := New(ctx, ws)
	vis, op, st := true, 0.5, `{"stroke":"#00FF00"}`
	if err := ws.UpdateLayer(ctx, "patrol", store.LayerUpdate{Visible: &vis, Opacity: &op, Style: &st}); err != nil {
		t.Fatal(err)
	}
	bad := `{"width": "wide"}`
	if err := ws.UpdateLayer(ctx, "routes", store.LayerUpdate{Style: &bad}); err != nil {
		t.Fatal(err)
	}
	if err := s.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	var patrol *render.Layer
	ls := s.Layers()
	for i := range ls {
		if ls[i].ID == "patrol" {
			patrol = &ls[i]
		}
	}
	if patrol == nil || patrol.Opacity != 0.5 || patrol.Style.Stroke.G != 255 || patrol.Style.Stroke.R != 0 {
		t.Fatalf("patrol layer %+v", patrol)
	}
	if len(s.Warnings()) != 1 {
		t.Errorf("warnings %v", s.Warnings())
	}
	only, err := s.Only([]string{"Routes"})
	if err != nil || len(only) != 1 || only[0].ID != "routes" {
		t.Errorf("Only: %v %v", only, err)
	}
	if _, err := s.Only([]string{"nope"}); err == nil {
		t.Error("Only of a missing layer gave no error")
	}
}

func TestRenderDrawsLayers(t *testing.T) {
	ctx := context.Background()
	ws := testWorkspace(t)
	s, _ := New(ctx, ws)
	b, _ := s.Bounds()
	vp := viewport.Fit(b, 400, 300)
	img, err := s.Renderer(render.New(render.Options{Background: color.White}))(ctx, vp)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[color.Color]bool{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			colours[img.At(x, y)] = true
		}
	}
	if len(colours) < 5 {
		t.Fatalf("rendered image has %d colours", len(colours))
	}
}

func TestBoundsSkipsWorldBasemap(t *testing.T) {
	ctx := context.Background()
	ws := testWorkspace(t)
	world := geom.NewPolygonFlat(geom.XY, []float64{-180, -60, 180, -60, 180, 80, -180, 80, -180, -60}, []int{10})
	l, err := ws.CreateLayer(ctx, store.LayerSpec{Title: "Countries", Kind: feature.KindOther})
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.AddFeature(ctx, l.Table, &feature.Feature{Name: "World", Geometry: world}); err != nil {
		t.Fatal(err)
	}
	b, ok, err := Bounds(ctx, ws)
	if err != nil || !ok || b != (viewport.Bounds{West: -90, South: 0, East: -60, North: 20}) {
		t.Fatalf("bounds with a world basemap: %+v %v %v", b, ok, err)
	}
	// a workspace holding only the basemap fits the basemap
	only := filepath.Join(t.TempDir(), "only.gpkg")
	ws2, err := store.Create(only, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws2.Close()
	if _, ok, _ := Bounds(ctx, ws2); ok {
		t.Fatal("an empty workspace has bounds")
	}
	l2, _ := ws2.CreateLayer(ctx, store.LayerSpec{Title: "Countries", Kind: feature.KindOther})
	if err := ws2.AddFeature(ctx, l2.Table, &feature.Feature{Name: "World", Geometry: world}); err != nil {
		t.Fatal(err)
	}
	if b, ok, _ := Bounds(ctx, ws2); !ok || b.West != -180 || b.East != 180 {
		t.Fatalf("basemap-only bounds %+v %v", b, ok)
	}
}
