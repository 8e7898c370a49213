package sqlfeature

import (
	"errors"
	"math"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/formats"
)

func TestSRS(t *testing.T) {
	tests := []struct {
		srs    SRS
		epsg   int64
		String string
	}{
		{SRS{ID: 4326, Authority: "EPSG", Code: 4326, Name: "WGS 84 geodetic"}, 4326, "EPSG:4326 (WGS 84 geodetic)"},
		{SRS{ID: 3857, Authority: "epsg", Code: 3857, Name: "WGS 84 / Pseudo-Mercator"}, 3857, "EPSG:3857 (WGS 84 / Pseudo-Mercator)"},
		{SRS{ID: 100000, Authority: "EPSG", Code: 4326}, 4326, "EPSG:4326"},
		{SRS{ID: 4326}, 4326, "4326"},                                        // no spatial_ref_sys row
		{SRS{ID: 3857, Authority: "NONE", Code: 3857}, 3857, "3857"},         // authority left out
		{SRS{ID: 4326, Authority: "ESRI", Code: 102100}, 0, "ESRI:102100"},   // another authority claims it
		{SRS{ID: 4326, Authority: "EPSG", Code: 27700}, 27700, "EPSG:27700"}, // the authority wins
		{SRS{ID: 4327, Authority: "NONE", Code: 4327, Name: "OSGB 1936"}, 0, "4327 (OSGB 1936)"},
		{SRS{ID: 0, Authority: "NONE", Code: 0, Name: "Undefined geographic SRS"}, 0, "0 (Undefined geographic SRS)"},
	}
	for _, tt := range tests {
		if got := tt.srs.EPSG(); got != tt.epsg {
			t.Errorf("%+v: EPSG() = %d, want %d", tt.srs, got, tt.epsg)
		}
		if got := tt.srs.String(); got != tt.String {
			t.Errorf("%+v: String() = %q, want %q", tt.srs, got, tt.String)
		}
	}
}

func TestToLonLat(t *testing.T) {
	if f, err := ToLonLat("t", SRS{ID: 4326, Authority: "EPSG", Code: 4326}); f != nil || err != nil {
		t.Errorf("4326: conversion %t, %v", f != nil, err)
	}
	if f, err := ToLonLat("t", SRS{ID: 3857, Authority: "EPSG", Code: 3857}); f == nil || err != nil {
		t.Errorf("3857: %v", err)
	}
	_, err := ToLonLat("roads", SRS{ID: 32618, Authority: "EPSG", Code: 32618, Name: "WGS 84 / UTM zone 18N"})
	if !errors.Is(err, formats.ErrUnsupportedCRS) {
		t.Fatalf("32618: %v", err)
	}
	want := `table "roads": SRS EPSG:32618 (WGS 84 / UTM zone 18N) is not supported: only EPSG:4326 and EPSG:3857`
	if err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
}

func TestFromWebMercator(t *testing.T) {
	// Reference values from PROJ (cs2cs -f %.10f EPSG:3857 EPSG:4326).
	tests := []struct{ x, y, lon, lat float64 }{
		{0, 0, 0, 0},
		{20037508.342789244, 0, 180, 0},
		{-8575605.398444, 4707174.018280, -77.035974, 38.898717},
		{0, 20037508.342789244, 0, 85.0511287798066},
	}
	for _, tt := range tests {
		p := geom.NewPointFlat(geom.XYZ, []float64{tt.x, tt.y, 7})
		FromWebMercator(p)
		c := p.FlatCoords()
		if math.Abs(c[0]-tt.lon) > 1e-6 || math.Abs(c[1]-tt.lat) > 1e-6 || c[2] != 7 {
			t.Errorf("%v,%v -> %v, want %v,%v,7", tt.x, tt.y, c, tt.lon, tt.lat)
		}
	}
	gc := geom.NewGeometryCollection()
	if err := gc.Push(geom.NewPointFlat(geom.XY, []float64{20037508.342789244, 0})); err != nil {
		t.Fatal(err)
	}
	FromWebMercator(gc)
	if x := gc.Geom(0).FlatCoords()[0]; math.Abs(x-180) > 1e-9 {
		t.Errorf("collection member: %v", x)
	}
	FromWebMercator(nil)
}
