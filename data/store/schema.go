package store

import (
	"fmt"
	"strings"

	"corridor/data/feature"
)

// SchemaVersion is the version of Corridor's own tables this build writes.
// A workspace with a higher version was written by a newer Corridor; one
// with a lower version is upgraded when opened writable (see migrate.go).
// Version 2: feature tables take NULL uuid and version (triggers fill them),
// journal triggers on every feature table, changesets.
const SchemaVersion = 2

// GeoPackage identification, GeoPackage 1.3.
const (
	applicationID = 0x47504B47 // 'GPKG' = 1196444487
	userVersion   = 10300
)

const wgs84WKT = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`

// coreSchema creates the GeoPackage core tables and Corridor's own tables.
var coreSchema = []string{
	`PRAGMA application_id = 1196444487`,
	`PRAGMA user_version = 10300`,
	`CREATE TABLE gpkg_spatial_ref_sys (
		srs_name TEXT NOT NULL,
		srs_id INTEGER NOT NULL PRIMARY KEY,
		organization TEXT NOT NULL,
		organization_coordsys_id INTEGER NOT NULL,
		definition TEXT NOT NULL,
		description TEXT)`,
	`INSERT INTO gpkg_spatial_ref_sys VALUES
		('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
		('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
		('WGS 84 geodetic', 4326, 'EPSG', 4326, '` + wgs84WKT + `', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')`,
	`CREATE TABLE gpkg_contents (
		table_name TEXT NOT NULL PRIMARY KEY,
		data_type TEXT NOT NULL,
		identifier TEXT UNIQUE,
		description TEXT DEFAULT '',
		last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
		min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
		srs_id INTEGER,
		CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`,
	`CREATE TABLE gpkg_geometry_columns (
		table_name TEXT NOT NULL,
		column_name TEXT NOT NULL,
		geometry_type_name TEXT NOT NULL,
		srs_id INTEGER NOT NULL,
		z TINYINT NOT NULL,
		m TINYINT NOT NULL,
		CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
		CONSTRAINT uk_gc_table_name UNIQUE (table_name),
		CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
		CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
	`CREATE TABLE gpkg_tile_matrix_set (
		table_name TEXT NOT NULL PRIMARY KEY,
		srs_id INTEGER NOT NULL,
		min_x DOUBLE NOT NULL, min_y DOUBLE NOT NULL, max_x DOUBLE NOT NULL, max_y DOUBLE NOT NULL,
		CONSTRAINT fk_gtms_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
		CONSTRAINT fk_gtms_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
	`CREATE TABLE gpkg_tile_matrix (
		table_name TEXT NOT NULL,
		zoom_level INTEGER NOT NULL,
		matrix_width INTEGER NOT NULL, matrix_height INTEGER NOT NULL,
		tile_width INTEGER NOT NULL, tile_height INTEGER NOT NULL,
		pixel_x_size DOUBLE NOT NULL, pixel_y_size DOUBLE NOT NULL,
		CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level),
		CONSTRAINT fk_tmm_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name))`,
	`CREATE TABLE gpkg_extensions (
		table_name TEXT,
		column_name TEXT,
		extension_name TEXT NOT NULL,
		definition TEXT NOT NULL,
		scope TEXT NOT NULL,
		CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))`,
	`CREATE TABLE corridor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`CREATE TABLE corridor_layers (
		table_name TEXT NOT NULL PRIMARY KEY,
		title TEXT NOT NULL,
		kind TEXT NOT NULL,
		style TEXT NOT NULL DEFAULT '',
		visible INTEGER NOT NULL DEFAULT 1,
		draw_order INTEGER NOT NULL,
		opacity REAL NOT NULL DEFAULT 1,
		classification TEXT NOT NULL DEFAULT '',
		releasable_to TEXT NOT NULL DEFAULT '')`,
	`CREATE TABLE corridor_history (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at TEXT NOT NULL,
		author TEXT NOT NULL DEFAULT '',
		layer TEXT NOT NULL,
		feature_uuid TEXT,
		operation TEXT NOT NULL,
		before TEXT,
		after TEXT,
		state TEXT NOT NULL DEFAULT 'done',
		changeset INTEGER)`,
	`CREATE INDEX corridor_history_state ON corridor_history(state, id)`,
	// The window asks for each layer's latest entry after every edit.
	`CREATE INDEX corridor_history_layer ON corridor_history(layer, id)`,
	changesetSchema[0], changesetSchema[1], changesetSchema[2], changesetSchema[3], changesetSchema[4], changesetSchema[5],
	// Corridor's own tables are registered as attribute tables, so that GDAL
	// and QGIS list exactly the registered tables (and show the journal as a
	// plain table) rather than guessing at unregistered ones.
	`INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
		('corridor_meta', 'attributes', 'corridor_meta', 'Corridor workspace settings'),
		('corridor_layers', 'attributes', 'corridor_layers', 'Corridor layer catalogue: title, kind, style, order'),
		('corridor_history', 'attributes', 'corridor_history', 'Corridor edit journal: undo, redo and audit trail'),
		('corridor_changesets', 'attributes', 'corridor_changesets', 'Corridor edit journal: one row per user action'),
		('corridor_writing', 'attributes', 'corridor_writing', 'Corridor: marks Corridor''s own writes while they run (always empty)')`,
}

// changesetSchema is what schema version 2 adds to Corridor's own tables
// (created by Create and by the upgrade from version 1).
var changesetSchema = []string{
	// One row per user action; corridor_history rows point at theirs.
	// state: done, undone (can be redone), discarded (can no longer be
	// redone), audit (an undo or redo, which reverts is the changeset it
	// reverted; never walked).
	`CREATE TABLE corridor_changesets (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at TEXT NOT NULL,
		author TEXT NOT NULL DEFAULT '',
		label TEXT NOT NULL,
		state TEXT NOT NULL DEFAULT 'done',
		reverts INTEGER)`,
	`CREATE INDEX corridor_changesets_state ON corridor_changesets(state, id)`,
	`CREATE INDEX corridor_changesets_reverts ON corridor_changesets(reverts)`,
	`CREATE INDEX corridor_history_changeset ON corridor_history(changeset, id)`,
	// A row while Corridor writes: the journal triggers skip those writes.
	`CREATE TABLE corridor_writing (id INTEGER PRIMARY KEY)`,
	// Conflict checks look up a feature's later journal rows.
	`CREATE INDEX corridor_history_feature ON corridor_history(feature_uuid, id)`,
}

// commonColumns are the columns every Corridor feature table has after fid and geom.
var commonColumns = []feature.Column{
	{Name: "uuid", Type: "TEXT"}, {Name: "name", Type: "TEXT"}, {Name: "properties", Type: "TEXT"},
	{Name: "classification", Type: "TEXT"}, {Name: "releasable_to", Type: "TEXT"},
	{Name: "created_at", Type: "DATETIME"}, {Name: "updated_at", Type: "DATETIME"},
	{Name: "author", Type: "TEXT"}, {Name: "version", Type: "INTEGER"},
}

// featureTableDDL returns the statements creating a feature table of kind k
// with its R*Tree index and, with triggers, the GeoPackage 1.3 triggers that
// keep the index current and Corridor's journal triggers (a bulk load adds
// them once it has filled the table: tableTriggers).
func featureTableDDL(table string, k feature.Kind, triggers bool) []string {
	t := quoteIdent(table)
	cols := []string{
		"fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
		"geom GEOMETRY",
		"uuid TEXT UNIQUE", // NULL from other tools: the insert trigger fills it
		"name TEXT",
		"properties TEXT",
		"classification TEXT",
		"releasable_to TEXT",
		"created_at DATETIME",
		"updated_at DATETIME",
		"author TEXT",
		"version INTEGER DEFAULT 1",
	}
	for _, c := range feature.KindColumns(k) {
		cols = append(cols, quoteIdent(c.Name)+" "+c.Type)
	}
	stmts := []string{fmt.Sprintf("CREATE TABLE %s (\n\t%s)", t, strings.Join(cols, ",\n\t"))}
	stmts = append(stmts, fmt.Sprintf("CREATE VIRTUAL TABLE %s USING rtree(id, minx, maxx, miny, maxy)", quoteIdent(rtreeName(table))))
	if triggers {
		stmts = append(stmts, rtreeTriggers(table)...)
		stmts = append(stmts, featureTriggerDDL(table, featureTableColumns(k))...)
	}
	return stmts
}

// featureTableColumns are the column names of a feature table of kind k as
// Corridor creates it, fid first (what PRAGMA table_info lists).
func featureTableColumns(k feature.Kind) []string {
	return append([]string{"fid"}, featureColumns(k)...)
}

// rtreeName is the R*Tree table of a feature table's geom column.
func rtreeName(table string) string { return "rtree_" + table + "_geom" }

// rtreeTriggers returns the six standard trigger definitions.
func rtreeTriggers(table string) []string {
	t, r := quoteIdent(table), quoteIdent(rtreeName(table))
	trig := func(suffix string) string { return quoteIdent(rtreeName(table) + "_" + suffix) }
	ins := fmt.Sprintf("INSERT OR REPLACE INTO %s VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));", r)
	return []string{
		fmt.Sprintf("CREATE TRIGGER %s AFTER INSERT ON %s WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN %s END", trig("insert"), t, ins),
		fmt.Sprintf("CREATE TRIGGER %s AFTER UPDATE OF geom ON %s WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN %s END", trig("update1"), t, ins),
		fmt.Sprintf("CREATE TRIGGER %s AFTER UPDATE OF geom ON %s WHEN OLD.fid = NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM %s WHERE id = OLD.fid; END", trig("update2"), t, r),
		fmt.Sprintf("CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM %s WHERE id = OLD.fid; %s END", trig("update3"), t, r, ins),
		fmt.Sprintf("CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.fid != NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM %s WHERE id IN (OLD.fid, NEW.fid); END", trig("update4"), t, r),
		fmt.Sprintf("CREATE TRIGGER %s AFTER DELETE ON %s WHEN old.geom NOT NULL BEGIN DELETE FROM %s WHERE id = OLD.fid; END", trig("delete"), t, r),
	}
}
