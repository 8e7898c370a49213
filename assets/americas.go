package assets

import (
	"corridor/data/feature"
)

// americasISO lists the ISO 3166-1 numeric codes of the countries and
// territories of North America, Central America, the Caribbean and South
// America.
var americasISO = map[string]bool{
	// North America.
	"124": true, "840": true, "484": true, "304": true, "060": true, "666": true,
	// Central America.
	"084": true, "188": true, "222": true, "320": true, "340": true, "558": true, "591": true,
	// The Caribbean.
	"028": true, "044": true, "052": true, "092": true, "136": true, "192": true, "212": true,
	"214": true, "308": true, "312": true, "332": true, "388": true, "474": true, "500": true,
	"531": true, "533": true, "534": true, "535": true, "630": true, "652": true, "659": true,
	"660": true, "662": true, "663": true, "670": true, "780": true, "796": true, "850": true,
	// South America.
	"032": true, "068": true, "076": true, "152": true, "170": true, "218": true, "238": true,
	"239": true, "254": true, "328": true, "600": true, "604": true, "740": true, "858": true,
	"862": true,
}

// IsAmericas reports whether isoN3, an ISO 3166-1 numeric code such as "170",
// is a country or territory of the Americas (North, Central and South America
// and the Caribbean).
func IsAmericas(isoN3 string) bool { return americasISO[isoN3] }

// inWesternHemisphere reports whether every vertex of f lies between 170°W
// and 30°W, the Americas' span of longitude.
func inWesternHemisphere(f *feature.Feature) bool {
	if f.Geometry == nil {
		return false
	}
	flat, stride := f.Geometry.FlatCoords(), f.Geometry.Stride()
	if len(flat) == 0 {
		return false
	}
	for i := 0; i < len(flat); i += stride {
		if flat[i] < -170 || flat[i] > -30 {
			return false
		}
	}
	return true
}
