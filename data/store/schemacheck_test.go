package store

import (
	"testing"
)

// GDAL 3.6.2's own text for a layer "My Layer" (from sqlite_master of a
// file ogr2ogr wrote), and the forms other writers give the same trigger.
func TestTriggerComparisonIgnoresOnlyFormatting(t *testing.T) {
	allowed := map[string]bool{}
	for _, s := range gdalRtreeTriggers("My Layer", "geom", "fid") {
		allowed[normalSQL(s)] = true
	}
	for _, s := range gdalFeatureCountTriggers("My Layer") {
		allowed[normalSQL(s)] = true
	}
	for _, tc := range []struct {
		sql  string
		want bool
	}{
		{`CREATE TRIGGER "rtree_My Layer_geom_insert" AFTER INSERT ON "My Layer" WHEN (new."geom" NOT NULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN INSERT OR REPLACE INTO "rtree_My Layer_geom" VALUES (NEW."fid",ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"),ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END`, true},
		{`CREATE TRIGGER "trigger_delete_feature_count_My Layer" AFTER DELETE ON "My Layer" BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 WHERE lower(table_name) = lower('My Layer'); END`, true},
		// the same, spread over lines, with a comment, other quotes and case
		{"create trigger [rtree_my layer_geom_delete]\n  after delete on `My Layer`\n  when old.geom not null -- a comment\nbegin\n  delete from \"rtree_My Layer_geom\" where id = old.fid;\nend;", true},
		// GeoPackage 1.4's update6, as a Python writer lays it out
		{`CREATE TRIGGER "rtree_My Layer_geom_update6" AFTER UPDATE OF "geom" ON "My Layer"
		  WHEN OLD."fid" = NEW."fid" AND
		       (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) AND
		       (OLD."geom" NOTNULL AND NOT ST_IsEmpty(OLD."geom"))
		BEGIN
		  UPDATE "rtree_My Layer_geom" SET
		    minx = ST_MinX(NEW."geom"),
		    maxx = ST_MaxX(NEW."geom"),
		    miny = ST_MinY(NEW."geom"),
		    maxy = ST_MaxY(NEW."geom")
		  WHERE id = NEW."fid";
		END`, true},
		// a string where a name was, another table, an extra statement
		{`CREATE TRIGGER "trigger_delete_feature_count_My Layer" AFTER DELETE ON "My Layer" BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 WHERE lower(table_name) = lower('my layer'); END`, false},
		{`CREATE TRIGGER "trigger_delete_feature_count_My Layer" AFTER DELETE ON "My Layer" BEGIN UPDATE corridor_layers SET feature_count = feature_count - 1 WHERE lower(table_name) = lower('My Layer'); END`, false},
		{`CREATE TRIGGER "rtree_My Layer_geom_delete" AFTER DELETE ON "My Layer" WHEN old."geom" NOT NULL BEGIN DELETE FROM "rtree_My Layer_geom" WHERE id = OLD."fid"; DELETE FROM corridor_history; END`, false},
	} {
		if got := allowed[normalSQL(tc.sql)]; got != tc.want {
			t.Errorf("allowed %v, want %v:\n%s\n%s", got, tc.want, tc.sql, normalSQL(tc.sql))
		}
	}
}

func TestUncheckedCalls(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want int
	}{
		{`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`, 0},
		{`(lower(hex(randomblob(16))))`, 0},
		{`'a(b)'`, 0},
		{`(readfile('/etc/passwd'))`, 1},
		{`("CloneTable"('main','x','y',1))`, 1},
	} {
		if got := len(uncheckedCalls(tokenizeSQL(tc.expr))); got != tc.want {
			t.Errorf("%s: %d unchecked calls, want %d", tc.expr, got, tc.want)
		}
	}
}
