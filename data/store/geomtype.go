package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

// TypeName returns the GeoPackage geometry type name of g (POINT, LINESTRING, ...).
func TypeName(g geom.T) string {
	switch g.(type) {
	case *geom.Point:
		return "POINT"
	case *geom.LineString:
		return "LINESTRING"
	case *geom.Polygon:
		return "POLYGON"
	case *geom.MultiPoint:
		return "MULTIPOINT"
	case *geom.MultiLineString:
		return "MULTILINESTRING"
	case *geom.MultiPolygon:
		return "MULTIPOLYGON"
	case *geom.GeometryCollection:
		return "GEOMETRYCOLLECTION"
	}
	return "GEOMETRY"
}

// widenGeometryType makes the declared geometry type admit f's geometry:
// a layer declared LINESTRING that receives a MULTILINESTRING becomes GEOMETRY.
func widenGeometryType(ctx context.Context, tx *sql.Tx, table string, f *feature.Feature) error {
	if f.Geometry == nil {
		return nil
	}
	l := f.Geometry.Layout()
	if err := markDimensions(ctx, tx, table, l.ZIndex() >= 0, l.MIndex() >= 0); err != nil {
		return err
	}
	var declared string
	if err := tx.QueryRowContext(ctx, `SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?`, table).Scan(&declared); err != nil {
		return err
	}
	if strings.EqualFold(declared, "GEOMETRY") || strings.EqualFold(declared, TypeName(f.Geometry)) {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE gpkg_geometry_columns SET geometry_type_name = 'GEOMETRY' WHERE table_name = ?`, table)
	return err
}

// settleGeometryType declares the geometry type after a bulk load that saw
// the given types. A layer created by that load gets the single type its
// geometries share (so QGIS and GDAL show "LineString", not "Unknown"); an
// existing layer can only widen to GEOMETRY.
func settleGeometryType(ctx context.Context, tx *sql.Tx, table string, types map[string]bool, fresh bool) error {
	var declared string
	if err := tx.QueryRowContext(ctx, `SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?`, table).Scan(&declared); err != nil {
		return err
	}
	name := declared
	switch {
	case fresh && len(types) == 1:
		for t := range types {
			name = t
		}
	case fresh && len(types) > 1:
		name = "GEOMETRY"
	case !fresh && !strings.EqualFold(declared, "GEOMETRY") && (len(types) > 1 || (len(types) == 1 && !types[strings.ToUpper(declared)])):
		name = "GEOMETRY"
	}
	if name == declared {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE gpkg_geometry_columns SET geometry_type_name = ? WHERE table_name = ?`, name, table)
	return err
}

// markDimensions sets gpkg_geometry_columns' z and m to 1 when the layer
// now holds a geometry with Z or M (0 says it holds none; Corridor never
// declares 2, "optional", so that QGIS types a 2D layer as 2D).
func markDimensions(ctx context.Context, tx *sql.Tx, table string, z, m bool) error {
	if !z && !m {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE gpkg_geometry_columns SET z = max(z, ?), m = max(m, ?) WHERE table_name = ?`, z, m, table)
	return err
}
