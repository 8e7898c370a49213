package store

import "context"

// EditMarks returns, for each layer with journalled edits, a number that
// grows with every edit of its features (the latest journal entry's id): a
// layer whose mark changed has changed features. Readers that cache
// geometry (the map's layer set) compare marks instead of reading the
// journal themselves.
func (w *Workspace) EditMarks(ctx context.Context) (map[string]int64, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT layer, max(id) FROM corridor_history GROUP BY layer`)
	if err != nil {
		return nil, describeSQLiteError(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var layer string
		var id int64
		if err := rows.Scan(&layer, &id); err != nil {
			return nil, describeSQLiteError(err)
		}
		out[layer] = id
	}
	return out, rows.Err()
}
