package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"corridor/data/formats/gpkg"
)

// upgrade brings a workspace of an older schema version to SchemaVersion,
// in one transaction: on any failure the file is left as it was.
//
// Version 1 to 2: the changeset tables; each old journal row becomes a
// changeset of its own (what was undone can no longer be redone: version 1
// did not record what its undo wrote); every feature table is rebuilt so
// that uuid and version take NULL (fids, extra columns a user added, the
// R*Tree and the gpkg_* registrations are kept), gets its journal triggers
// back with the R*Tree ones, and its z and m say what it holds.
func (w *Workspace) upgrade() error {
	w.writeMu.Lock()
	defer w.writeMu.Unlock()
	ctx := context.Background()
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return describeSQLiteError(err)
	}
	defer tx.Rollback()
	var ver string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM corridor_meta WHERE key = 'schema_version'`).Scan(&ver); err != nil {
		return err
	}
	if v, _ := strconv.Atoi(ver); v >= SchemaVersion { // another process upgraded it meanwhile
		w.schema = v
		return nil
	}
	if err := upgrade1to2(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE corridor_meta SET value = ? WHERE key = 'schema_version'`, strconv.Itoa(SchemaVersion)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return describeSQLiteError(err)
	}
	w.schema = SchemaVersion
	return nil
}

func upgrade1to2(ctx context.Context, tx *sql.Tx) error {
	stmts := []string{`ALTER TABLE corridor_history ADD COLUMN changeset INTEGER`}
	stmts = append(stmts, changesetSchema...)
	stmts = append(stmts,
		`INSERT INTO corridor_changesets (id, at, author, label, state)
			SELECT id, at, author, CASE operation
				WHEN 'insert' THEN 'Add feature' WHEN 'update' THEN 'Edit feature' WHEN 'delete' THEN 'Delete feature'
				WHEN 'import' THEN 'Import' WHEN 'undo' THEN 'Undo' WHEN 'redo' THEN 'Redo'
				WHEN 'delete_layer' THEN 'Delete layer' ELSE operation END,
			CASE state WHEN 'undone' THEN 'discarded' ELSE state END FROM corridor_history ORDER BY id`,
		`UPDATE corridor_history SET changeset = id`,
		`INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
			('corridor_changesets', 'attributes', 'corridor_changesets', 'Corridor edit journal: one row per user action'),
			('corridor_writing', 'attributes', 'corridor_writing', 'Corridor: marks Corridor''s own writes while they run (always empty)')`,
	)
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%.60s: %w", s, err)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT l.table_name FROM corridor_layers l JOIN sqlite_master m ON m.name = l.table_name AND m.type = 'table' ORDER BY l.table_name`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range tables {
		if err := rebuildFeatureTable(ctx, tx, t); err != nil {
			return fmt.Errorf("layer table %s: %w", t, err)
		}
	}
	return nil
}

// tableColumns returns a table's column names as PRAGMA table_info lists them.
func tableColumns(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// rebuildFeatureTable recreates a schema 1 feature table without NOT NULL
// on uuid and version, as SQLite's documented way to change a constraint:
// new table, copy, drop, rename, triggers again.
func rebuildFeatureTable(ctx context.Context, tx *sql.Tx, table string) error {
	var ddl string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&ddl); err != nil {
		return err
	}
	cols, err := tableColumns(ctx, tx, table)
	if err != nil {
		return err
	}
	tmp := "corridor_upgrade_" + table
	i := strings.Index(ddl, "(")
	if i < 0 {
		return fmt.Errorf("cannot read its definition")
	}
	body := ddl[i:]
	for old, repl := range map[string]string{
		"uuid TEXT NOT NULL UNIQUE":          "uuid TEXT UNIQUE",
		"version INTEGER NOT NULL DEFAULT 1": "version INTEGER DEFAULT 1",
	} {
		body = strings.Replace(body, old, repl, 1)
	}
	var seq sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(seq) FROM sqlite_sequence WHERE name = ?`, table).Scan(&seq); err != nil {
		return err
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
	}
	list := strings.Join(quoted, ", ")
	for _, s := range []string{
		"CREATE TABLE " + quoteIdent(tmp) + " " + body,
		"INSERT INTO " + quoteIdent(tmp) + " (" + list + ") SELECT " + list + " FROM " + quoteIdent(table) + " ORDER BY fid",
		"DROP TABLE " + quoteIdent(table), // drops its triggers; the R*Tree table stays, with the same fids
		"ALTER TABLE " + quoteIdent(tmp) + " RENAME TO " + quoteIdent(table),
	} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%.60s: %w", s, err)
		}
	}
	if seq.Valid {
		if _, err := tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?`, seq.Int64, table); err != nil {
			return err
		}
	}
	stmts := rtreeTriggers(table)
	stmts = append(stmts, featureTriggerDDL(table, cols)...)
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	z, m, err := dimensionsOf(ctx, tx, table)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE gpkg_geometry_columns SET z = ?, m = ? WHERE table_name = ?`, z, m, table)
	return err
}

// dimensionsOf reports whether any geometry of the table has Z or M, from
// each blob's header and WKB type only.
func dimensionsOf(ctx context.Context, tx *sql.Tx, table string) (z, m int, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT substr(geom, 1, 80) FROM `+quoteIdent(table)+` WHERE geom IS NOT NULL`)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return 0, 0, err
		}
		h, err := gpkg.ParseHeader(b)
		if err != nil || h.WKBOffset+5 > len(b) {
			continue
		}
		wkb := b[h.WKBOffset:]
		var typ uint32
		if wkb[0] == 1 {
			typ = binary.LittleEndian.Uint32(wkb[1:5])
		} else {
			typ = binary.BigEndian.Uint32(wkb[1:5])
		}
		switch {
		case typ&0x80000000 != 0 || (typ%10000)/1000 == 1 || (typ%10000)/1000 == 3:
			z = 1
		}
		if typ&0x40000000 != 0 || (typ%10000)/1000 == 2 || (typ%10000)/1000 == 3 {
			m = 1
		}
	}
	return z, m, rows.Err()
}
