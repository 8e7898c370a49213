package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SetLayerOrder sets the draw order in one transaction: tables lists every
// layer of the workspace, bottom first, each once. A list that leaves out a
// layer, names one twice or names one that does not exist changes nothing.
func (w *Workspace) SetLayerOrder(ctx context.Context, tables []string) error {
	return w.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM corridor_layers`).Scan(&n); err != nil {
			return describeSQLiteError(err)
		}
		if n != len(tables) {
			return fmt.Errorf("layer order: %d layers given, the workspace has %d", len(tables), n)
		}
		seen := make(map[string]bool, len(tables))
		for i, t := range tables {
			if seen[t] {
				return fmt.Errorf("layer order: %q given twice", t)
			}
			seen[t] = true
			res, err := tx.ExecContext(ctx, `UPDATE corridor_layers SET draw_order = ? WHERE table_name = ?`, i+1, t)
			if err != nil {
				return describeSQLiteError(err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return fmt.Errorf("%w %q", ErrNoLayer, t)
			}
		}
		return nil
	})
}
