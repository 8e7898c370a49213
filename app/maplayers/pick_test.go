package maplayers

import (
	"context"
	"testing"

	"corridor/data/store"
	"corridor/geo/viewport"
)

func TestPick(t *testing.T) {
	ctx := context.Background()
	ws := testWorkspace(t)
	s, err := New(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	vp := viewport.Fit(viewport.Bounds{West: -92, South: -2, East: -58, North: 22}, 800, 600)
	at := func(lon, lat float64) (float64, float64) { return vp.ToScreen(lon, lat) }
	tests := []struct {
		name     string
		lon, lat float64
		dx, dy   float64
		want     string // feature name, "" = none
	}{
		{"on the route vertex", -80, 10, 0, 0, "Alpha"},
		{"near the route", -75, 12.5, 0, 3, "Alpha"},
		{"interdiction over route", -70, 15, 2, 0, "s1"},
		{"annotation", -75, 20, 0, 0, "n"},
		{"empty sea", -60, 0, 0, 0, ""},
		{"hidden patrol area", -87, 2, 0, 0, ""},
		{"too far from route", -75, 12.5, 0, 12, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := at(tt.lon, tt.lat)
			h, err := s.Pick(ctx, vp, x+tt.dx, y+tt.dy, 5)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if h != nil {
				got = h.Feature.Name
			}
			if got != tt.want {
				t.Fatalf("picked %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPickInsidePolygon(t *testing.T) {
	ctx := context.Background()
	ws := testWorkspace(t)
	vis := true
	if err := ws.UpdateLayer(ctx, "patrol", storeUpdateVisible(vis)); err != nil {
		t.Fatal(err)
	}
	s, _ := New(ctx, ws)
	vp := viewport.Fit(viewport.Bounds{West: -92, South: -2, East: -58, North: 22}, 800, 600)
	x, y := vp.ToScreen(-87, 2)
	h, err := s.Pick(ctx, vp, x, y, 5)
	if err != nil || h == nil || h.Feature.Name != "P" || h.Distance != 0 || h.Layer.Title != "Patrol" {
		t.Fatalf("pick inside polygon: %+v %v", h, err)
	}
}

func storeUpdateVisible(v bool) store.LayerUpdate { return store.LayerUpdate{Visible: &v} }
