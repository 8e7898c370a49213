package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A workspace may come from a partner, and SQLite runs whatever SQL a
// file's schema holds: views when they are read, triggers when a table is
// written, defaults and checks on every insert, virtual tables from any
// module. checkSchema admits only what Corridor, the GeoPackage standard,
// GDAL and QGIS put in a workspace, each trigger compared statement for
// statement with the one they would have written, and refuses the file,
// naming what it found, if it holds anything else.

// maxSchemaObjects bounds how much of a schema is read: no workspace holds
// nearly this many tables, indexes and triggers.
const maxSchemaObjects = 100000

// schemaObject is one row of sqlite_master.
type schemaObject struct {
	typ, name, table, sql string
}

// safePath is the advice given with every refusal of a foreign schema.
func safePath(path string) string {
	return fmt.Sprintf("import its layers into a clean workspace (corridor new clean.gpkg; corridor import clean.gpkg %s)", path)
}

// errSchema is wrapped by every refusal of checkSchema.
var errSchema = errors.New("refused: it holds SQL a workspace may not")

// checkSchema refuses a workspace whose schema holds anything but the
// objects listed in this file's comment. It reads sqlite_master first and
// only then the catalogue tables, once they are known to be plain tables.
func checkSchema(ctx context.Context, db *sql.DB, path string) error {
	objs, err := readSchema(ctx, db)
	if err != nil {
		return err
	}
	var bad []string
	tables := map[string]schemaObject{}
	for _, o := range objs {
		switch o.typ {
		case "table":
			tables[strings.ToLower(o.name)] = o
		case "view":
			bad = append(bad, fmt.Sprintf("view %q", o.name))
		case "index", "trigger":
		default:
			bad = append(bad, fmt.Sprintf("%s %q", o.typ, o.name))
		}
	}
	// The catalogue is read below: it must be plain tables.
	for _, name := range []string{"gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys", "corridor_meta", "corridor_layers", "corridor_history"} {
		if o, ok := tables[name]; ok && isVirtual(o.sql) {
			bad = append(bad, fmt.Sprintf("virtual table %q", o.name))
		}
	}
	if len(bad) > 0 {
		// Before the catalogue can be read safely, the triggers Corridor's
		// own tables never have can still be named.
		for _, o := range objs {
			if o.typ == "trigger" && strings.HasPrefix(strings.ToLower(o.table), "corridor_") {
				bad = append(bad, fmt.Sprintf("trigger %q on %q", o.name, o.table))
			}
		}
		return refuse(path, bad)
	}
	registered, geomCols, tiles, err := readCatalogue(ctx, db)
	if err != nil {
		return err
	}
	columns, err := readColumns(ctx, db)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	// R*Tree indexes: module rtree, named for a geometry column.
	admitted := map[string]bool{}
	for _, n := range names {
		o := tables[n]
		if !isVirtual(o.sql) {
			continue
		}
		if rtreeModule(o.sql) && geomCols.hasRtree(n) {
			admitted[n] = true
			for _, s := range []string{"_node", "_parent", "_rowid"} {
				admitted[n+s] = true
			}
			continue
		}
		bad = append(bad, fmt.Sprintf("virtual table %q", o.name))
	}
	for _, n := range names {
		o := tables[n]
		if isVirtual(o.sql) {
			continue
		}
		if !admitted[n] && !registered[n] && !ownOrStandardTable(n) {
			bad = append(bad, fmt.Sprintf("table %q", o.name))
			continue
		}
		bad = append(bad, checkTableSQL(o, columns[n])...)
	}
	expected := map[string]*triggerSet{} // table -> the triggers it may have
	for _, o := range objs {
		switch o.typ {
		case "index":
			if o.sql == "" { // an automatic index of a UNIQUE or PRIMARY KEY
				continue
			}
			if fs := uncheckedCalls(indexExpressions(tokenizeSQL(o.sql))); len(fs) > 0 {
				bad = append(bad, fmt.Sprintf("index %q calling %s", o.name, strings.Join(fs, ", ")))
			}
		case "trigger":
			t := strings.ToLower(o.table)
			if expected[t] == nil {
				expected[t] = allowedTriggers(t, columns[t], geomCols, tiles)
			}
			if !expected[t].admits(o.sql) {
				bad = append(bad, fmt.Sprintf("trigger %q on %q", o.name, o.table))
			}
		}
	}
	if len(bad) > 0 {
		return refuse(path, bad)
	}
	return nil
}

func refuse(path string, bad []string) error {
	const show = 8
	list := bad
	more := ""
	if len(list) > show {
		more = fmt.Sprintf(" and %d more", len(list)-show)
		list = list[:show]
	}
	return fmt.Errorf("%w (%s%s): Corridor runs no SQL from a partner's file; %s", errSchema, strings.Join(list, ", "), more, safePath(path))
}

func readSchema(ctx context.Context, db *sql.DB) ([]schemaObject, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master LIMIT ?`, maxSchemaObjects+1)
	if err != nil {
		return nil, describeSQLiteError(err)
	}
	defer rows.Close()
	var out []schemaObject
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return nil, describeSQLiteError(err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, describeSQLiteError(err)
	}
	if len(out) > maxSchemaObjects {
		return nil, fmt.Errorf("%w (more than %d tables, indexes and triggers)", errSchema, maxSchemaObjects)
	}
	return out, nil
}

// geometryColumns maps each feature table (lower case) to its geometry column.
type geometryColumns map[string]string

// hasRtree reports whether name is the R*Tree of a geometry column.
func (g geometryColumns) hasRtree(name string) bool {
	for t, c := range g {
		if name == "rtree_"+t+"_"+strings.ToLower(c) {
			return true
		}
	}
	return false
}

// readCatalogue returns the tables registered in gpkg_contents, which of
// them are tile pyramids, and the geometry column of each feature table.
func readCatalogue(ctx context.Context, db *sql.DB) (map[string]bool, geometryColumns, map[string]bool, error) {
	registered, tiles := map[string]bool{}, map[string]bool{}
	rows, err := db.QueryContext(ctx, `SELECT table_name, data_type FROM gpkg_contents LIMIT ?`, maxSchemaObjects)
	if err != nil {
		return nil, nil, nil, describeSQLiteError(err)
	}
	for rows.Next() {
		var t, typ sql.NullString
		if err := rows.Scan(&t, &typ); err != nil {
			rows.Close()
			return nil, nil, nil, describeSQLiteError(err)
		}
		registered[strings.ToLower(t.String)] = true
		if strings.EqualFold(typ.String, "tiles") {
			tiles[strings.ToLower(t.String)] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, nil, describeSQLiteError(err)
	}
	geom := geometryColumns{}
	rows, err = db.QueryContext(ctx, `SELECT table_name, column_name FROM gpkg_geometry_columns LIMIT ?`, maxSchemaObjects)
	if err != nil {
		return nil, nil, nil, describeSQLiteError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var t, c sql.NullString
		if err := rows.Scan(&t, &c); err != nil {
			return nil, nil, nil, describeSQLiteError(err)
		}
		if registered[strings.ToLower(t.String)] {
			geom[strings.ToLower(t.String)] = c.String
		}
	}
	return registered, geom, tiles, describeSQLiteError(rows.Err())
}

// ownOrStandardTable reports whether a table (lower case) is one Corridor,
// the GeoPackage standard and its extensions, SQLite, GDAL or QGIS keep.
func ownOrStandardTable(name string) bool {
	switch name {
	case "sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4",
		"layer_styles", "qgis_projects":
		return true
	}
	return strings.HasPrefix(name, "corridor_") || strings.HasPrefix(name, "gpkg_") || strings.HasPrefix(name, "gpkgext_")
}

func isVirtual(ddl string) bool {
	t := tokenizeSQL(ddl)
	return len(t) > 1 && t[0].text == "create" && t[1].text == "virtual"
}

// rtreeModule reports whether a CREATE VIRTUAL TABLE statement uses SQLite's R*Tree.
func rtreeModule(ddl string) bool {
	t := tokenizeSQL(ddl)
	for i := 0; i+1 < len(t); i++ {
		if t[i].text == "using" {
			return t[i+1].text == "rtree"
		}
	}
	return false
}

// schemaTable is a plain table's name as written and its columns.
type schemaTable struct {
	name string
	cols []columnInfo
}

// columnInfo is one row of PRAGMA table_xinfo.
type columnInfo struct {
	name   string
	dflt   sql.NullString
	hidden int
	pk     int
}

// readColumns reads the columns of every plain table in one query (virtual
// tables are left out: their module may not exist here).
func readColumns(ctx context.Context, db *sql.DB) (map[string]*schemaTable, error) {
	rows, err := db.QueryContext(ctx, `SELECT m.name, p.name, p.dflt_value, p.hidden, p.pk
		FROM sqlite_master m, pragma_table_xinfo(m.name) p
		WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'`)
	if err != nil {
		return nil, describeSQLiteError(err)
	}
	defer rows.Close()
	out := map[string]*schemaTable{}
	for rows.Next() {
		var table string
		var c columnInfo
		if err := rows.Scan(&table, &c.name, &c.dflt, &c.hidden, &c.pk); err != nil {
			return nil, describeSQLiteError(err)
		}
		key := strings.ToLower(table)
		if out[key] == nil {
			out[key] = &schemaTable{name: table}
		}
		out[key].cols = append(out[key].cols, c)
	}
	return out, describeSQLiteError(rows.Err())
}

// checkTableSQL finds generated columns, computed defaults and CHECK
// constraints that call anything but innocuous built-ins.
func checkTableSQL(o schemaObject, t *schemaTable) []string {
	var bad []string
	if t != nil {
		for _, c := range t.cols {
			if c.hidden == 2 || c.hidden == 3 {
				bad = append(bad, fmt.Sprintf("generated column %q.%q", o.name, c.name))
			}
			if c.dflt.Valid {
				toks := tokenizeSQL(c.dflt.String)
				if fs := uncheckedCalls(toks); len(fs) > 0 || hasWord(toks, "select") {
					bad = append(bad, fmt.Sprintf("default of %q.%q calling %s", o.name, c.name, strings.Join(append(fs, "a query")[:max(len(fs), 1)], ", ")))
				}
			}
		}
	}
	toks := tokenizeSQL(o.sql)
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].text != "check" || toks[i+1].text != "(" {
			continue
		}
		end := matchParen(toks, i+1)
		if fs := uncheckedCalls(toks[i+2 : end]); len(fs) > 0 || hasWord(toks[i+2:end], "select") {
			bad = append(bad, fmt.Sprintf("CHECK of %q calling %s", o.name, strings.Join(append(fs, "a query")[:max(len(fs), 1)], ", ")))
		}
		i = end
	}
	return bad
}

// matchParen returns the index of the ")" closing the "(" at toks[open], or len(toks).
func matchParen(toks []sqlToken, open int) int {
	depth := 0
	for j := open; j < len(toks); j++ {
		switch toks[j].text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(toks)
}

// indexExpressions returns the tokens of a CREATE INDEX after "ON table (".
func indexExpressions(toks []sqlToken) []sqlToken {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].text == "on" && toks[i+2].text == "(" {
			return toks[i+3:]
		}
	}
	return nil
}

// uncheckedCalls lists the functions toks call that are not innocuous built-ins.
func uncheckedCalls(toks []sqlToken) []string {
	var out []string
	for _, f := range calledFunctions(toks) {
		if !innocuousFunctions[f] {
			out = append(out, f+"()")
		}
	}
	return out
}

func hasWord(toks []sqlToken, w string) bool {
	for _, t := range toks {
		if t.kind == tokWord && t.text == w {
			return true
		}
	}
	return false
}

// allowedTriggers returns the normal forms of the triggers table (lower
// case) may carry: Corridor's own and GDAL's for a feature table, GDAL's
// checks for gpkg_tile_matrix and for a tile pyramid, none for any other.
func allowedTriggers(table string, t *schemaTable, geom geometryColumns, tiles map[string]bool) *triggerSet {
	set := &triggerSet{raw: map[string]bool{}}
	switch gc, isFeatures := geom[table]; {
	case table == "gpkg_tile_matrix":
		set.others = gdalTileMatrixTriggers()
	case t == nil:
	case tiles[table]:
		set.others = gdalTileTableTriggers(t.name)
	case isFeatures:
		pk := "fid"
		var names []string
		for _, c := range t.cols {
			names = append(names, c.name)
			if c.pk == 1 {
				pk = c.name
			}
		}
		own := expectedTriggers(t.name, names)
		for _, s := range own {
			set.raw[s] = true
		}
		set.others = append(own, gdalRtreeTriggers(t.name, gc, pk)...)
		set.others = append(set.others, gdalFeatureCountTriggers(t.name)...)
	}
	return set
}

// triggerSet is the triggers a table may have: Corridor's own, admitted
// when their text is exactly what Corridor writes (the common case, with no
// parsing), and all of them, Corridor's and GDAL's, compared in normal form
// (spacing, case, quoting and comments aside), normalised only when a
// trigger is not Corridor's to the letter.
type triggerSet struct {
	raw    map[string]bool
	others []string
	norm   map[string]bool
}

// admits reports whether a trigger of this text may be on the table.
func (s *triggerSet) admits(sql string) bool {
	if s.raw[sql] {
		return true
	}
	if s.norm == nil {
		s.norm = make(map[string]bool, len(s.others))
		for _, o := range s.others {
			s.norm[normalSQL(o)] = true
		}
	}
	return s.norm[normalSQL(sql)]
}

// expectedTriggers returns the triggers Corridor itself creates on one of
// its feature tables, given its column names: the R*Tree triggers, and at
// merge the feature invariant triggers (featureTriggerDDL).
func expectedTriggers(table string, columns []string) []string {
	return append(rtreeTriggers(table), featureTriggerDDL(table, columns)...)
}

// gdalRtreeTriggers returns the R*Tree triggers GDAL writes for geometry
// column geom of table with primary key pk: GeoPackage 1.3's (insert,
// update1 to update4, delete) and 1.4's (update5 to update7 replace update1
// and update3).
func gdalRtreeTriggers(table, geom, pk string) []string {
	t, c, i := quoteIdent(table), quoteIdent(geom), quoteIdent(pk)
	r := quoteIdent("rtree_" + table + "_" + geom)
	name := func(s string) string { return quoteIdent("rtree_" + table + "_" + geom + "_" + s) }
	ins := fmt.Sprintf(`INSERT OR REPLACE INTO %s VALUES (NEW.%s,ST_MinX(NEW.%s), ST_MaxX(NEW.%s),ST_MinY(NEW.%s), ST_MaxY(NEW.%s));`, r, i, c, c, c, c)
	changedID := func(n string) string {
		return fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND (NEW.%s NOTNULL AND NOT ST_IsEmpty(NEW.%s)) BEGIN DELETE FROM %s WHERE id = OLD.%s; %s END`, name(n), t, i, i, c, c, r, i, ins)
	}
	return []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN (new.%s NOT NULL AND NOT ST_IsEmpty(NEW.%s)) BEGIN %s END`, name("insert"), t, c, c, ins),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND (NEW.%s NOTNULL AND NOT ST_IsEmpty(NEW.%s)) BEGIN %s END`, name("update1"), c, t, i, i, c, c, ins),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND (NEW.%s ISNULL OR ST_IsEmpty(NEW.%s)) BEGIN DELETE FROM %s WHERE id = OLD.%s; END`, name("update2"), c, t, i, i, c, c, r, i),
		changedID("update3"),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND (NEW.%s ISNULL OR ST_IsEmpty(NEW.%s)) BEGIN DELETE FROM %s WHERE id IN (OLD.%s, NEW.%s); END`, name("update4"), t, i, i, c, c, r, i, i),
		changedID("update5"),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND (NEW.%s NOTNULL AND NOT ST_IsEmpty(NEW.%s)) AND (OLD.%s NOTNULL AND NOT ST_IsEmpty(OLD.%s)) BEGIN UPDATE %s SET minx = ST_MinX(NEW.%s), maxx = ST_MaxX(NEW.%s), miny = ST_MinY(NEW.%s), maxy = ST_MaxY(NEW.%s) WHERE id = NEW.%s; END`, name("update6"), c, t, i, i, c, c, c, c, r, c, c, c, c, i),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND (NEW.%s NOTNULL AND NOT ST_IsEmpty(NEW.%s)) AND (OLD.%s ISNULL OR ST_IsEmpty(OLD.%s)) BEGIN INSERT INTO %s VALUES (NEW.%s, ST_MinX(NEW.%s), ST_MaxX(NEW.%s), ST_MinY(NEW.%s), ST_MaxY(NEW.%s)); END`, name("update7"), c, t, i, i, c, c, c, c, r, i, c, c, c, c),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN old.%s NOT NULL BEGIN DELETE FROM %s WHERE id = OLD.%s; END`, name("delete"), t, c, r, i),
	}
}

// gdalFeatureCountTriggers returns the triggers GDAL adds to keep
// gpkg_ogr_contents' feature counts.
func gdalFeatureCountTriggers(table string) []string {
	lit := "'" + strings.ReplaceAll(table, "'", "''") + "'"
	return []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = lower(%s); END`, quoteIdent("trigger_insert_feature_count_"+table), quoteIdent(table), lit),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 WHERE lower(table_name) = lower(%s); END`, quoteIdent("trigger_delete_feature_count_"+table), quoteIdent(table), lit),
	}
}

// gdalTileTableTriggers returns the checks GDAL puts on a tile pyramid table.
func gdalTileTableTriggers(table string) []string {
	lit := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	t := quoteIdent(table)
	var out []string
	for _, op := range []struct{ verb, when string }{{"insert", "BEFORE INSERT"}, {"update", "BEFORE UPDATE OF %s"}} {
		when := func(col string) string {
			if op.verb == "update" {
				return fmt.Sprintf(op.when, col)
			}
			return op.when
		}
		msg := func(m string) string { return lit(op.verb + " on table '" + table + "' violates constraint: " + m) }
		out = append(out,
			fmt.Sprintf(`CREATE TRIGGER %s %s ON %s FOR EACH ROW BEGIN SELECT RAISE(ABORT, %s) WHERE NOT (NEW.zoom_level IN (SELECT zoom_level FROM gpkg_tile_matrix WHERE lower(table_name) = lower(%s))) ; END`,
				quoteIdent(table+"_zoom_"+op.verb), when("zoom_level"), t, msg("zoom_level not specified for table in gpkg_tile_matrix"), lit(table)))
		for _, c := range []struct{ col, dim string }{{"tile_column", "matrix_width"}, {"tile_row", "matrix_height"}} {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER %s %s ON %s FOR EACH ROW BEGIN SELECT RAISE(ABORT, %s) WHERE (NEW.%s < 0) ; SELECT RAISE(ABORT, %s) WHERE NOT (NEW.%s < (SELECT %s FROM gpkg_tile_matrix WHERE lower(table_name) = lower(%s) AND zoom_level = NEW.zoom_level)); END`,
				quoteIdent(table+"_"+c.col+"_"+op.verb), when(c.col), t,
				msg(c.col+" cannot be < 0"), c.col,
				msg(c.col+" must by < "+c.dim+" specified for table and zoom level in gpkg_tile_matrix"), c.col, c.dim, lit(table)))
		}
	}
	return out
}

// gdalTileMatrixTriggers returns the checks GDAL puts on gpkg_tile_matrix.
func gdalTileMatrixTriggers() []string {
	var out []string
	for _, c := range []struct{ col, cond, msg string }{
		{"zoom_level", "(NEW.zoom_level < 0)", "zoom_level cannot be less than 0"},
		{"matrix_width", "(NEW.matrix_width < 1)", "matrix_width cannot be less than 1"},
		{"matrix_height", "(NEW.matrix_height < 1)", "matrix_height cannot be less than 1"},
		{"pixel_x_size", "NOT (NEW.pixel_x_size > 0)", "pixel_x_size must be greater than 0"},
		{"pixel_y_size", "NOT (NEW.pixel_y_size > 0)", "pixel_y_size must be greater than 0"},
	} {
		out = append(out,
			fmt.Sprintf(`CREATE TRIGGER 'gpkg_tile_matrix_%s_insert' BEFORE INSERT ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'insert on table ''gpkg_tile_matrix'' violates constraint: %s') WHERE %s; END`, c.col, c.msg, c.cond),
			fmt.Sprintf(`CREATE TRIGGER 'gpkg_tile_matrix_%s_update' BEFORE UPDATE OF %s ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'update on table ''gpkg_tile_matrix'' violates constraint: %s') WHERE %s; END`, c.col, c.col, c.msg, c.cond))
	}
	return out
}
