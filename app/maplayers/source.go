package maplayers

import (
	"context"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
	"corridor/data/store"
	"corridor/geo/render"
)

// blobSource is the lean Source: fid, geometry blob and name only, for
// kinds whose drawing needs no other attribute (borders, routes, ports,
// patrol areas, other).
type blobSource struct {
	ws    *store.Workspace
	table string
}

// Query implements render.Source through Workspace.QueryBlobs. A feature
// whose blob does not decode is skipped: one bad row must not blank the map.
func (s blobSource) Query(ctx context.Context, west, south, east, north float64, fn func(*render.Feature) error) error {
	b := store.Bounds{West: west, South: south, East: east, North: north}
	n := 0
	return s.ws.QueryBlobs(ctx, s.table, b, func(fid int64, blob []byte, name string) error {
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		g, _, err := gpkg.Decode(blob)
		if err != nil || g == nil {
			return nil
		}
		return fn(&render.Feature{ID: fid, Geom: g, Label: name})
	})
}

// attrSource reads whole features, for kinds drawn from their attributes:
// interdictions (symbol size from quantity) and annotations (text and
// leader line).
type attrSource struct {
	ws    *store.Workspace
	table string
}

// Query implements render.Source through Workspace.Query.
func (s attrSource) Query(ctx context.Context, west, south, east, north float64, fn func(*render.Feature) error) error {
	b := store.Bounds{West: west, South: south, East: east, North: north}
	n := 0
	return s.ws.Query(ctx, s.table, b, func(f *feature.Feature) error {
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if f.Geometry == nil {
			return nil
		}
		return fn(ToRender(f))
	})
}

// ToRender converts a stored feature to the renderer's feature: its name
// as the label, quantity as the symbol size, an annotation's text and
// leader target.
func ToRender(f *feature.Feature) *render.Feature {
	rf := &render.Feature{ID: f.FID, Geom: f.Geometry, Label: f.Name}
	if q, ok := feature.Number(f.Prop("quantity")); ok && q > 0 {
		rf.Size = q
	}
	if t, ok := f.Prop("text").(string); ok {
		rf.Text = t
	}
	lon, okLon := feature.Number(f.Prop("leader_lon"))
	lat, okLat := feature.Number(f.Prop("leader_lat"))
	if okLon && okLat && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 {
		rf.Leader = &[2]float64{lon, lat}
	}
	return rf
}

// needsAttributes reports whether a layer kind is drawn from attributes
// beyond the geometry and the name.
func needsAttributes(k feature.Kind) bool {
	return k == feature.KindInterdiction || k == feature.KindAnnotation
}

var (
	_ render.Source = blobSource{}
	_ render.Source = attrSource{}
)
