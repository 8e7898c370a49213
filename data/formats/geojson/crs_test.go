package geojson

import (
	"errors"
	"testing"

	"corridor/data/formats"
)

func TestCRSNamed(t *testing.T) {
	for _, tt := range []struct {
		name string
		want crsKind
		ok   bool
	}{
		{"urn:ogc:def:crs:OGC:1.3:CRS84", crsWGS84, true},
		{"urn:ogc:def:crs:OGC::CRS84", crsWGS84, true},
		{"CRS:84", crsWGS84, true},
		{"EPSG:4326", crsWGS84, true},
		{"urn:ogc:def:crs:EPSG::4326", crsWGS84, true},
		{"http://www.opengis.net/def/crs/EPSG/0/4326", crsWGS84, true},
		{"EPSG:3857", crsMercator, true},
		{"urn:ogc:def:crs:EPSG::3857", crsMercator, true},
		{"EPSG:900913", crsMercator, true},
		{"EPSG:102100", crsMercator, true},
		{"ESRI:102100", crsMercator, true},
		{"urn:ogc:def:crs:EPSG::27700", 0, false},
		{"EPSG:32618", 0, false},
		{"4326", 0, false},
	} {
		got, err := crsNamed(tt.name)
		if tt.ok != (err == nil) || got != tt.want {
			t.Errorf("crsNamed(%q) = %v, %v; want %v, ok %v", tt.name, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, formats.ErrUnsupportedCRS) {
			t.Errorf("crsNamed(%q) error does not wrap ErrUnsupportedCRS: %v", tt.name, err)
		}
	}
}

func TestParseCRS(t *testing.T) {
	legacy := map[string]any{"type": "EPSG", "properties": map[string]any{"code": int64(3857)}}
	if k, err := parseCRS(legacy); err != nil || k != crsMercator {
		t.Errorf("EPSG code crs: %v, %v", k, err)
	}
	if k, err := parseCRS(nil); err != nil || k != crsWGS84 {
		t.Errorf("null crs: %v, %v", k, err)
	}
	link := map[string]any{"type": "link", "properties": map[string]any{"href": "http://example.com/crs"}}
	if _, err := parseCRS(link); !errors.Is(err, formats.ErrUnsupportedCRS) {
		t.Errorf("link crs: %v", err)
	}
	if _, err := parseCRS("EPSG:4326"); err == nil {
		t.Error("a string crs member was accepted")
	}
}
