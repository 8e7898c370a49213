package store

import (
	"context"
	"fmt"
)

// SetLayerOrder sets the draw order as one changeset, "Reorder layers":
// tables lists every layer of the workspace, bottom first, each once. A list
// that leaves out a layer, names one twice or names one that does not exist
// changes nothing. Undo puts every layer back where it was.
func (w *Workspace) SetLayerOrder(ctx context.Context, tables []string) error {
	_, err := w.Edit(ctx, "Reorder layers", func(e *Editor) error {
		var n int
		if err := e.tx.QueryRowContext(e.ctx, `SELECT count(*) FROM corridor_layers`).Scan(&n); err != nil {
			return describeSQLiteError(err)
		}
		if n != len(tables) {
			return fmt.Errorf("layer order: %d layers given, the workspace has %d", len(tables), n)
		}
		seen := make(map[string]bool, len(tables))
		for _, t := range tables {
			if seen[t] {
				return fmt.Errorf("layer order: %q given twice", t)
			}
			seen[t] = true
		}
		for i, t := range tables {
			order := i + 1
			if err := e.UpdateLayer(t, LayerUpdate{Order: &order}); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}
