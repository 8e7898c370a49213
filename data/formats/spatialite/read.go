package spatialite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"

	"corridor/data/formats"
	"corridor/data/formats/gpkg"
	"corridor/data/formats/gpkg/sqlfeature"
)

// ErrNotSpatiaLite is wrapped when a SQLite database has no geometry_columns table.
var ErrNotSpatiaLite = errors.New("not a SpatiaLite database")

// ErrNoFeatureTables is wrapped when geometry_columns lists no existing table.
var ErrNoFeatureTables = errors.New("no feature tables")

// Read streams every table listed in geometry_columns of the SpatiaLite
// database at path to emit: one formats.Layer per geometry column (named by
// its table, or "table.column" when a table has several), features in table
// order with geometries in EPSG:4326. Both the SpatiaLite 4 layout of
// geometry_columns (geometry_type, integer) and the legacy one (type, text)
// are read, and GDAL's non-SpatiaLite variant whose geometry_format is WKB or
// WKT. Geometry BLOBs are decoded in Go: mod_spatialite is not needed. The
// SRS policy and the column mapping are those of gpkg.Read: EPSG:3857 is
// reprojected, any SRS but EPSG:4326 is refused by name before anything is
// emitted, Corridor's own columns fill the Feature fields. The file is opened
// read-only and never modified.
func Read(ctx context.Context, path string, emit formats.Emit) error {
	return sqlfeature.ReadFile(ctx, path, featureTables, emit)
}

// geomColumn is one row of geometry_columns.
type geomColumn struct {
	table, column, format string
	srid                  int64
}

// featureTables lists and checks every geometry column before any is read.
func featureTables(ctx context.Context, db *sql.DB, path string) ([]*sqlfeature.Table, []*formats.Layer, error) {
	fail := func(err error) ([]*sqlfeature.Table, []*formats.Layer, error) {
		return nil, nil, &formats.Error{File: path, Err: err}
	}
	gcs, err := geometryColumns(ctx, db)
	if err != nil {
		return fail(err)
	}
	perTable := map[string][]string{}
	for _, g := range gcs {
		key := strings.ToLower(g.table)
		perTable[key] = append(perTable[key], g.column)
	}
	var tables []*sqlfeature.Table
	var layers []*formats.Layer
	for _, g := range gcs {
		cols, err := sqlfeature.Columns(ctx, db, g.table)
		if err != nil {
			return fail(err)
		}
		if len(cols) == 0 || !sqlfeature.HasColumn(cols, g.column) {
			continue // a stale row: GDAL skips it too
		}
		srs, err := lookupSRS(ctx, db, g.srid)
		if err != nil {
			return fail(err)
		}
		toLonLat, err := sqlfeature.ToLonLat(g.table, srs)
		if err != nil {
			return fail(err)
		}
		decode, err := decoderFor(g.format)
		if err != nil {
			return fail(fmt.Errorf("table %q: %w", g.table, err))
		}
		siblings := perTable[strings.ToLower(g.table)]
		tables = append(tables, &sqlfeature.Table{
			File:             path,
			Name:             g.table,
			GeomColumn:       g.column,
			OtherGeomColumns: siblings,
			Columns:          cols,
			Decode:           decode,
			ToLonLat:         toLonLat,
		})
		name := g.table
		if len(siblings) > 1 {
			name = g.table + "." + g.column
		}
		layers = append(layers, &formats.Layer{Name: name})
	}
	if len(tables) == 0 {
		return fail(fmt.Errorf("%w: geometry_columns lists no existing table", ErrNoFeatureTables))
	}
	return tables, layers, nil
}

// geometryColumns reads geometry_columns in file order, whichever of its
// layouts the file has.
func geometryColumns(ctx context.Context, db *sql.DB) ([]geomColumn, error) {
	cols, err := sqlfeature.Columns(ctx, db, "geometry_columns")
	if err != nil {
		return nil, err
	}
	if len(cols) == 0 {
		if gp, _ := sqlfeature.TableExists(ctx, db, "gpkg_contents"); gp {
			return nil, fmt.Errorf("%w (no geometry_columns table; it looks like a GeoPackage)", ErrNotSpatiaLite)
		}
		return nil, fmt.Errorf("%w (no geometry_columns table)", ErrNotSpatiaLite)
	}
	for _, c := range []string{"f_table_name", "f_geometry_column", "srid"} {
		if !sqlfeature.HasColumn(cols, c) {
			return nil, fmt.Errorf("%w (geometry_columns has no %s column)", ErrNotSpatiaLite, c)
		}
	}
	format := "''"
	if sqlfeature.HasColumn(cols, "geometry_format") {
		format = "geometry_format"
	}
	rows, err := db.QueryContext(ctx, "SELECT f_table_name, f_geometry_column, srid, "+format+" FROM geometry_columns ORDER BY rowid")
	if err != nil {
		return nil, fmt.Errorf("read geometry_columns: %w", err)
	}
	defer rows.Close()
	var out []geomColumn
	for rows.Next() {
		var g geomColumn
		var table, column, f sql.NullString
		var srid sql.NullInt64
		if err := rows.Scan(&table, &column, &srid, &f); err != nil {
			return nil, fmt.Errorf("read geometry_columns: %w", err)
		}
		g.table, g.column, g.srid, g.format = table.String, column.String, srid.Int64, f.String
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read geometry_columns: %w", err)
	}
	return out, nil
}

// decoderFor returns the geometry decoder of a geometry_format value: empty
// or "SpatiaLite" for SpatiaLite BLOBs, "WKB" or "WKT" in GDAL's variant.
func decoderFor(format string) (func([]byte) (geom.T, error), error) {
	switch strings.ToUpper(strings.TrimSpace(format)) {
	case "", "SPATIALITE":
		return func(b []byte) (geom.T, error) {
			g, _, err := DecodeBlob(b)
			return g, err
		}, nil
	case "WKB":
		return gpkg.DecodeWKB, nil
	case "WKT":
		return func(b []byte) (geom.T, error) {
			g, err := wkt.Unmarshal(string(b))
			if err != nil {
				return nil, fmt.Errorf("decode WKT: %w", err)
			}
			return g, nil
		}, nil
	}
	return nil, fmt.Errorf("unknown geometry_format %q", format)
}
