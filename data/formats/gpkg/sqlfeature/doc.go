// Package sqlfeature holds what the GeoPackage and SpatiaLite readers share:
// opening a SQLite file strictly read-only, the coordinate reference system
// policy (EPSG:4326 as is, EPSG:3857 reprojected, anything else refused by
// name), and streaming a feature table's rows as Corridor features, with
// Corridor's own columns mapped to the Feature fields and every other column
// kept as a property.
package sqlfeature
