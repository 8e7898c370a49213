package store

import (
	"fmt"
	"slices"
	"strings"

	"corridor/data/feature"
)

// The feature invariants (uuid, version, timestamps, the journal) are kept by
// triggers written in plain SQL, so that QGIS, GDAL and the sqlite3 command
// keep them too. They call built-in SQLite functions only, and only those
// that SQLite deems innocuous (randomblob, hex, lower, substr, replace,
// strftime, coalesce, typeof, abs, random: not the JSON functions, which
// SQLite 3.40 refuses in a trigger under trusted_schema=OFF), so they run on
// any client and under Corridor's own trusted_schema=OFF, defensive
// connections.

// writingTable holds a row while Corridor itself writes (see Workspace.write)
// and while a trigger fixes up a row: the journal triggers skip those writes,
// so that nothing is journalled twice. The row never outlives its
// transaction, so no other connection ever sees one.
const writingTable = "corridor_writing"

// outsideAuthor is the author the triggers record: SQL cannot tell who
// edited the file.
const outsideAuthor = "unknown"

// sqlNow is the time in the format Corridor writes (timeFormat).
const sqlNow = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`

// sqlUUID is a random RFC 4122 version 4 UUID in lower-case text.
const sqlUUID = `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`

// notWriting is the condition under which a journal trigger acts.
const notWriting = `NOT EXISTS (SELECT 1 FROM ` + writingTable + `)`

// triggerNames returns the names of the journal triggers of table.
func triggerNames(table string) []string {
	return []string{"corridor_" + table + "_insert", "corridor_" + table + "_update", "corridor_" + table + "_delete"}
}

// featureTriggerDDL returns the CREATE TRIGGER statements that keep a
// feature table's invariants and journal edits made outside Corridor: an
// insert gets a uuid (when NULL or empty), version 1 and timestamps; an
// update of the geometry or attributes bumps version and updated_at unless
// the statement sets them; each insert, update and delete is a changeset
// "Edit outside Corridor (insert|update|delete)" by author "unknown".
// columns are the table's column names as PRAGMA table_info gives them;
// only the kind columns among them count (snapshots carry them), so a
// column another tool adds does not change the text. The same table and
// kind columns always give the same text, so that a schema check can
// regenerate the statements and compare them with sqlite_master.
func featureTriggerDDL(table string, columns []string) []string {
	t := quoteIdent(table)
	names := triggerNames(table)
	lit := sqlString(table)
	// guard wraps a statement in the writing flag, so that triggers fired
	// by it (ours) skip it. -1 is the triggers' own flag; Corridor uses 1.
	guard := func(stmt string) string {
		return `INSERT OR IGNORE INTO ` + writingTable + `(id) VALUES (-1); ` + stmt + `; DELETE FROM ` + writingTable + ` WHERE id = -1;`
	}
	journal := func(op, uuid, before, after string) string {
		return fmt.Sprintf(`INSERT INTO corridor_changesets (at, author, label, state) VALUES (%s, '%s', 'Edit outside Corridor (%s)', 'done'); `+
			`INSERT INTO corridor_history (at, author, layer, feature_uuid, operation, before, after, state, changeset) VALUES (%s, '%s', %s, %s, '%s', %s, %s, 'done', (SELECT max(id) FROM corridor_changesets));`,
			sqlNow, outsideAuthor, op, sqlNow, outsideAuthor, lit, uuid, op, before, after)
	}
	stored := fmt.Sprintf("(SELECT %s FROM %s r WHERE r.fid = NEW.fid)", snapshotSQL("r", columns), t)
	storedUUID := fmt.Sprintf("(SELECT r.uuid FROM %s r WHERE r.fid = NEW.fid)", t)
	insert := fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s BEGIN `, quoteIdent(names[0]), t, notWriting) +
		guard(fmt.Sprintf(`UPDATE %s SET uuid = coalesce(nullif(uuid, ''), %s), version = coalesce(version, 1), created_at = coalesce(created_at, %s), updated_at = coalesce(updated_at, %s) WHERE fid = NEW.fid AND (uuid IS NULL OR uuid = '' OR version IS NULL OR created_at IS NULL OR updated_at IS NULL)`,
			t, sqlUUID, sqlNow, sqlNow)) + " " +
		journal(opInsert, storedUUID, "NULL", stored) + " END"
	// Any update not Corridor's own is an edit (an UPDATE OF list or a
	// column-by-column comparison would tie the text to columns other
	// tools add, and miss edits of them).
	update := fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN %s BEGIN `, quoteIdent(names[1]), t, notWriting) +
		guard(fmt.Sprintf(`UPDATE %s SET uuid = coalesce(NEW.uuid, OLD.uuid, %s), version = CASE WHEN NEW.version IS OLD.version THEN coalesce(OLD.version, 0) + 1 ELSE NEW.version END, updated_at = CASE WHEN NEW.updated_at IS OLD.updated_at THEN %s ELSE NEW.updated_at END WHERE fid = NEW.fid`,
			t, sqlUUID, sqlNow)) + " " +
		journal(opUpdate, storedUUID, snapshotSQL("OLD", columns), stored) + " END"
	del := fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN %s BEGIN `, quoteIdent(names[2]), t, notWriting) +
		journal(opDelete, "OLD.uuid", snapshotSQL("OLD", columns), "NULL") + " END"
	return []string{insert, update, del}
}

// kindColumnNames are the columns of every kind, which snapshots carry as
// properties (as Corridor's own snapshots do).
var kindColumnNames = func() []string {
	var out []string
	for _, k := range feature.Kinds {
		for _, c := range feature.KindColumns(k) {
			if !slices.Contains(out, c.Name) {
				out = append(out, c.Name)
			}
		}
	}
	return out
}()

// snapshotSQL is an SQL expression building the JSON snapshot of row r
// (NEW, OLD or an alias) that fromSnapshot reads: the geometry in hex, the
// properties column as text, the kind columns under "columns".
func snapshotSQL(r string, columns []string) string {
	col := func(c string) string { return r + "." + quoteIdent(c) }
	parts := []string{
		`'{"geom_hex":"' || coalesce(hex(` + col("geom") + `), '') || '"'`,
		`',"uuid":' || ` + jsonValueSQL(col("uuid")),
		`',"name":' || ` + jsonValueSQL(col("name")),
		`',"properties_text":' || ` + jsonValueSQL(col("properties")),
		`',"classification":' || ` + jsonValueSQL(col("classification")),
		`',"releasable_text":' || ` + jsonValueSQL(col("releasable_to")),
		`',"created_at":' || ` + jsonValueSQL(col("created_at")),
		`',"updated_at":' || ` + jsonValueSQL(col("updated_at")),
		`',"author":' || ` + jsonValueSQL(col("author")),
		`',"version":' || ` + jsonValueSQL(col("version")),
	}
	var kind []string
	for _, c := range columns {
		if slices.Contains(kindColumnNames, c) {
			kind = append(kind, `'`+jsonQuoteLiteral(c)+`:' || `+jsonValueSQL(col(c)))
		}
	}
	s := "(" + strings.Join(parts, " || ")
	if len(kind) > 0 {
		s += ` || ',"columns":{' || ` + strings.Join(kind, " || ',' || ") + ` || '}'`
	}
	return s + " || '}')"
}

// jsonValueSQL is an SQL expression giving x as a JSON value. Strings are
// escaped for backslash and double quote only: other control characters
// are escaped by fromSnapshot before it decodes.
func jsonValueSQL(x string) string {
	return fmt.Sprintf(`(CASE typeof(%[1]s) WHEN 'null' THEN 'null' WHEN 'integer' THEN CAST(%[1]s AS TEXT) WHEN 'real' THEN CAST(%[1]s AS TEXT) WHEN 'blob' THEN '"' || hex(%[1]s) || '"' ELSE '"' || replace(replace(%[1]s, '\', '\\'), '"', '\"') || '"' END)`, x)
}

// jsonQuoteLiteral is s as a JSON string, for a column name known in Go.
func jsonQuoteLiteral(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// sqlString is s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
