package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/formats/gpkg/sqlfeature"
)

// entry is one feature table of gpkg_contents with its geometry column and SRS.
type entry struct {
	table, identifier, column string
	srs                       sqlfeature.SRS
}

// contents lists the feature tables of gpkg_contents in file order.
func contents(ctx context.Context, db *sql.DB) ([]entry, error) {
	const q = `SELECT c.table_name, c.identifier, g.column_name, g.srs_id,
		s.organization, s.organization_coordsys_id, s.srs_name
		FROM gpkg_contents c
		LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name COLLATE NOCASE
		LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
		WHERE lower(c.data_type) = 'features'
		ORDER BY c.rowid`
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read gpkg_contents: %w", err)
	}
	defer rows.Close()
	var out []entry
	for rows.Next() {
		var e entry
		var ident, column, org, name sql.NullString
		var srsID, code sql.NullInt64
		if err := rows.Scan(&e.table, &ident, &column, &srsID, &org, &code, &name); err != nil {
			return nil, fmt.Errorf("read gpkg_contents: %w", err)
		}
		e.identifier = strings.TrimSpace(ident.String)
		e.column = column.String
		e.srs = sqlfeature.SRS{ID: srsID.Int64, Authority: org.String, Code: code.Int64, Name: name.String}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read gpkg_contents: %w", err)
	}
	return out, nil
}

// corridorLayers returns the kind and style that a GeoPackage exported by
// Corridor records per table in corridor_layers, when it has that table
// with the columns table_name, kind and (optionally) style; none otherwise.
func corridorLayers(ctx context.Context, db *sql.DB) (map[string]formats.Layer, error) {
	cols, err := sqlfeature.Columns(ctx, db, "corridor_layers")
	if err != nil || !sqlfeature.HasColumn(cols, "table_name") || !sqlfeature.HasColumn(cols, "kind") {
		return nil, nil // the table is optional: anything unexpected means no hints
	}
	style := "''"
	if sqlfeature.HasColumn(cols, "style") {
		style = "style"
	}
	rows, err := db.QueryContext(ctx, "SELECT table_name, kind, "+style+" FROM corridor_layers")
	if err != nil {
		return nil, nil
	}
	defer rows.Close()
	hints := map[string]formats.Layer{}
	for rows.Next() {
		var table, kind, st sql.NullString
		if rows.Scan(&table, &kind, &st) != nil {
			return nil, nil
		}
		var l formats.Layer
		if k, err := feature.ParseKind(kind.String); err == nil {
			l.Kind = k
		}
		l.Style = st.String
		hints[table.String] = l
	}
	return hints, nil
}
