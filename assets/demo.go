package assets

import (
	"embed"
	"fmt"

	"github.com/google/uuid"

	"corridor/data/feature"
)

//go:embed demo/*.geojson
var demoFS embed.FS

// DemoAuthor is the author of every demo feature.
const DemoAuthor = "Corridor demo"

// DemoLayer is one layer of the demo workspace.
type DemoLayer struct {
	// Title is the layer's display name.
	Title string
	// Kind selects the layer's symbology and kind-specific columns.
	Kind feature.Kind
	// Features are the layer's features, each with a fixed UUID.
	Features []*feature.Feature
}

// demoFile is one demo layer stored as GeoJSON under demo/.
type demoFile struct {
	title, path string
	kind        feature.Kind
}

var demoFiles = []demoFile{
	{"Patrol areas", "demo/patrol_areas.geojson", feature.KindPatrolArea},
	{"Suspected routes", "demo/routes.geojson", feature.KindRoute},
	{"Ports", "demo/ports.geojson", feature.KindPort},
	{"Interdictions", "demo/interdictions.geojson", feature.KindInterdiction},
	{"Annotations", "demo/annotations.geojson", feature.KindAnnotation},
}

// Demo returns the demo workspace's layers, bottom to top: Countries (the
// whole world from the basemap, kind other), Borders (the Americas' land
// borders, kind border), Patrol areas, Suspected routes, Ports, Interdictions
// and Annotations. Ports are real; routes, patrol areas, interdictions and
// annotations are illustrative and say so in their properties (illustrative:
// true). Every feature has a fixed UUID, Classification "UNCLASSIFIED", a
// ReleasableTo list and Author DemoAuthor.
func Demo() ([]DemoLayer, error) {
	countries, err := Countries()
	if err != nil {
		return nil, err
	}
	borders, err := AmericasBorders()
	if err != nil {
		return nil, err
	}
	for _, f := range append(countries[:len(countries):len(countries)], borders...) {
		f.Author = DemoAuthor
	}
	layers := []DemoLayer{
		{Title: "Countries", Kind: feature.KindOther, Features: countries},
		{Title: "Borders", Kind: feature.KindBorder, Features: borders},
	}
	for _, df := range demoFiles {
		fs, err := loadDemo(df.path)
		if err != nil {
			return nil, err
		}
		layers = append(layers, DemoLayer{Title: df.title, Kind: df.kind, Features: fs})
	}
	return layers, nil
}

// loadDemo reads a demo GeoJSON file: the feature's id is its UUID; the
// properties name, classification, releasable_to and author become the
// Feature's fields and the others stay properties.
func loadDemo(path string) ([]*feature.Feature, error) {
	fc, err := readFeatureCollection(demoFS, path)
	if err != nil {
		return nil, err
	}
	out := make([]*feature.Feature, 0, len(fc.Features))
	for i, gf := range fc.Features {
		if _, err := uuid.Parse(gf.ID); err != nil {
			return nil, fmt.Errorf("assets: %s: feature %d: id %q is not a UUID", path, i, gf.ID)
		}
		if gf.Geometry == nil {
			return nil, fmt.Errorf("assets: %s: feature %s has no geometry", path, gf.ID)
		}
		p := gf.Properties
		f := &feature.Feature{
			UUID:           gf.ID,
			Name:           str(p["name"]),
			Geometry:       gf.Geometry,
			Classification: str(p["classification"]),
			Author:         str(p["author"]),
		}
		if list, ok := p["releasable_to"].([]any); ok {
			for _, v := range list {
				if s := str(v); s != "" {
					f.ReleasableTo = append(f.ReleasableTo, s)
				}
			}
		}
		if f.Classification == "" {
			f.Classification = basemapMarking
		}
		if f.Author == "" {
			f.Author = DemoAuthor
		}
		for _, k := range []string{"name", "classification", "releasable_to", "author"} {
			delete(p, k)
		}
		f.Properties = p
		out = append(out, f)
	}
	return out, nil
}
