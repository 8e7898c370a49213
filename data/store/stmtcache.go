package store

import (
	"context"
	"database/sql"
)

// exec runs query in tx through a statement the workspace prepares once:
// the statements of every edit (the journal's, a layer's INSERT) compile
// the triggers they fire, which costs more than running them. A statement
// that cannot be prepared outside tx (on a table tx has just created) runs
// uncached.
func (w *Workspace) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	w.stmtMu.Lock()
	s, ok := w.stmts[query]
	if !ok {
		var err error
		if s, err = w.db.PrepareContext(ctx, query); err != nil {
			w.stmtMu.Unlock()
			return tx.ExecContext(ctx, query, args...)
		}
		if w.stmts == nil {
			w.stmts = map[string]*sql.Stmt{}
		}
		w.stmts[query] = s
	}
	w.stmtMu.Unlock()
	return tx.StmtContext(ctx, s).ExecContext(ctx, args...)
}
