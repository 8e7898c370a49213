package store

import (
	"context"
	"database/sql"
	"errors"
)

// Meta returns a workspace setting from corridor_meta ("" when unset).
// Settings are not features: they are not journalled and undo ignores them.
func (w *Workspace) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := w.db.QueryRowContext(ctx, `SELECT value FROM corridor_meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, describeSQLiteError(err)
}

// SetMeta stores a workspace setting (such as the last map view) in corridor_meta.
func (w *Workspace) SetMeta(ctx context.Context, key, value string) error {
	if key == "schema_version" {
		return errors.New("schema_version is not a setting")
	}
	return w.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO corridor_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
