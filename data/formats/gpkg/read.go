package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/twpayne/go-geom"

	"corridor/data/formats"
	"corridor/data/formats/gpkg/sqlfeature"
)

// ErrNotGeoPackage is wrapped when a SQLite database has no GeoPackage
// tables (gpkg_contents, gpkg_geometry_columns, gpkg_spatial_ref_sys).
var ErrNotGeoPackage = errors.New("not a GeoPackage")

// ErrNoFeatureTables is wrapped when a GeoPackage lists no feature table.
var ErrNoFeatureTables = errors.New("no feature tables")

// Read streams every feature table of the GeoPackage at path, as listed in
// gpkg_contents (data_type 'features'), to emit: one formats.Layer per table,
// named by its gpkg_contents identifier (else the table name), features in
// table order with geometries in EPSG:4326. Tables in EPSG:3857 are
// reprojected; a table in any other SRS is refused (an error naming the
// file, the table and the SRS, wrapping formats.ErrUnsupportedCRS) before
// anything is emitted. Every column but the geometry and the fid becomes a
// property, except Corridor's own columns (uuid, name, properties,
// classification, releasable_to, created_at, updated_at, author, version),
// which fill the Feature fields. The file is opened read-only and never
// modified.
func Read(ctx context.Context, path string, emit formats.Emit) error {
	return sqlfeature.ReadFile(ctx, path, featureTables, emit)
}

// featureTables lists and checks every feature table before any is read.
func featureTables(ctx context.Context, db *sql.DB, path string) ([]*sqlfeature.Table, []*formats.Layer, error) {
	fail := func(err error) ([]*sqlfeature.Table, []*formats.Layer, error) {
		return nil, nil, &formats.Error{File: path, Err: err}
	}
	if err := checkGeoPackage(ctx, db); err != nil {
		return fail(err)
	}
	entries, err := contents(ctx, db)
	if err != nil {
		return fail(err)
	}
	if len(entries) == 0 {
		return fail(fmt.Errorf("%w: gpkg_contents lists no table of data_type 'features'", ErrNoFeatureTables))
	}
	hints, err := corridorLayers(ctx, db)
	if err != nil {
		return fail(err)
	}
	var tables []*sqlfeature.Table
	var layers []*formats.Layer
	for _, e := range entries {
		if e.column == "" {
			return fail(fmt.Errorf("table %q is listed in gpkg_contents but has no row in gpkg_geometry_columns", e.table))
		}
		toLonLat, err := sqlfeature.ToLonLat(e.table, e.srs)
		if err != nil {
			return fail(err)
		}
		cols, err := sqlfeature.Columns(ctx, db, e.table)
		if err != nil {
			return fail(err)
		}
		if len(cols) == 0 {
			return fail(fmt.Errorf("table %q is listed in gpkg_contents but does not exist", e.table))
		}
		if !sqlfeature.HasColumn(cols, e.column) {
			return fail(fmt.Errorf("table %q has no geometry column %q", e.table, e.column))
		}
		tables = append(tables, &sqlfeature.Table{
			File:       path,
			Name:       e.table,
			GeomColumn: e.column,
			Columns:    cols,
			Decode:     decodeGeometry,
			ToLonLat:   toLonLat,
		})
		layer := hints[e.table]
		layer.Name = e.table
		if e.identifier != "" {
			layer.Name = e.identifier
		}
		layers = append(layers, &layer)
	}
	return tables, layers, nil
}

func decodeGeometry(b []byte) (geom.T, error) {
	g, _, err := Decode(b)
	return g, err
}

// checkGeoPackage refuses a database without the GeoPackage tables, saying
// so when it looks like a SpatiaLite database instead.
func checkGeoPackage(ctx context.Context, db *sql.DB) error {
	for _, name := range []string{"gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"} {
		ok, err := sqlfeature.TableExists(ctx, db, name)
		if err != nil {
			return err
		}
		if ok {
			continue
		}
		if spl, _ := sqlfeature.TableExists(ctx, db, "geometry_columns"); spl {
			return fmt.Errorf("%w (no %s table; it looks like a SpatiaLite database)", ErrNotGeoPackage, name)
		}
		return fmt.Errorf("%w (no %s table)", ErrNotGeoPackage, name)
	}
	return nil
}
