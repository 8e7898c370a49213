package spatialite

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"

	"corridor/data/formats/gpkg/sqlfeature"
)

// lookupSRS describes srid from spatial_ref_sys: its authority and code, and
// its name from ref_sys_name (SpatiaLite) or else the first quoted name of
// srtext (GDAL's variant). A missing table or row leaves only the ID.
func lookupSRS(ctx context.Context, db *sql.DB, srid int64) (sqlfeature.SRS, error) {
	s := sqlfeature.SRS{ID: srid}
	cols, err := sqlfeature.Columns(ctx, db, "spatial_ref_sys")
	if err != nil || len(cols) == 0 || !sqlfeature.HasColumn(cols, "auth_name") || !sqlfeature.HasColumn(cols, "auth_srid") {
		return s, err
	}
	name := "''"
	switch {
	case sqlfeature.HasColumn(cols, "ref_sys_name"):
		name = "ref_sys_name"
	case sqlfeature.HasColumn(cols, "srtext"):
		name = "srtext"
	case sqlfeature.HasColumn(cols, "srs_wkt"):
		name = "srs_wkt"
	}
	var auth, text sql.NullString
	var code sql.NullInt64
	err = db.QueryRowContext(ctx, "SELECT auth_name, auth_srid, "+name+" FROM spatial_ref_sys WHERE srid = ?", srid).Scan(&auth, &code, &text)
	if err == sql.ErrNoRows {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("read spatial_ref_sys: %w", err)
	}
	s.Authority, s.Code, s.Name = auth.String, code.Int64, text.String
	if m := wktName.FindStringSubmatch(s.Name); m != nil {
		s.Name = m[1]
	}
	return s, nil
}

// wktName matches the name at the start of a WKT CRS: PROJCS["name", ...
var wktName = regexp.MustCompile(`^\s*[A-Za-z_]+\s*\[\s*"([^"]*)"`)
