// Package geojson reads and writes GeoJSON (RFC 7946).
//
// The reader streams: it decodes one feature at a time with its own
// tokenizer, so memory stays flat whatever the file's size. It accepts a
// FeatureCollection, a Feature or a bare geometry as the root, every
// geometry type (GeometryCollections too) and keeps Z (go-geom XYZ layout;
// a geometry mixing 2D and 3D positions gets Z = 0 for the 2D ones). The
// legacy crs member may name WGS 84 (EPSG:4326, OGC CRS84) or Web Mercator
// (EPSG:3857, 900913, 102100), which is reprojected to longitude and
// latitude; any other CRS is refused with formats.ErrUnsupportedCRS.
//
// Members of a feature map to the Feature like this:
//   - properties become Feature.Properties (JSON numbers written as
//     integers that fit an int64 become int64, others float64; objects
//     map[string]any, arrays []any);
//   - a foreign member (any member that is not type, id, geometry,
//     properties, bbox or crs, such as a STAC item's stac_version) becomes
//     the property of the same name, or "geojson:"+name when the properties
//     already hold that name;
//   - id becomes Feature.UUID when it is a UUID string, else the property
//     "id" (named like a foreign member);
//   - the property name (else Name, NAME, title) fills Feature.Name and
//     stays a property; classification, releasable_to (a comma-separated
//     string or an array of strings), uuid, created_at, updated_at (RFC
//     3339), author and version (an integer) fill their Feature fields and
//     leave the properties;
//   - bbox members are ignored (they are recomputed).
//
// Validation follows GDAL: the reader refuses what is structurally broken
// (bad JSON, truncation, unknown type, coordinates nested wrongly or not
// numbers, positions of fewer than 2 or more than 3 numbers, LineStrings of
// one position, rings of fewer than 3) and accepts what a strict validator
// merely warns about: rings of either winding order, unclosed rings (which
// it closes), trailing commas, type names in the wrong case. A null
// geometry, or one whose coordinates are missing or null, is a nil
// Feature.Geometry; empty coordinates give an empty geometry; null members
// of a Multi* geometry, a Polygon or a GeometryCollection are dropped.
//
// The writer writes an RFC 7946 FeatureCollection: polygons follow the
// right-hand rule, coordinates carry at most 7 decimals, and Corridor's
// columns are written as properties.
package geojson
