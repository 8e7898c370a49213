package store

import (
	"database/sql"
	"strings"
)

// uuidProbe checks uuids against the layers a batch found: one statement per
// group of tables, each an EXISTS on the table's unique uuid index.
type uuidProbe struct {
	stmts []*sql.Stmt
}

// probeGroup is how many tables one statement probes (SQLite bounds the
// depth of an expression).
const probeGroup = 200

// UUIDInUse reports whether id is the uuid of a feature of a layer that
// held features when the batch first asked (what the batch adds is not
// looked at: the caller knows it). Imports use it to give a feature whose
// uuid is taken a new one. Into a workspace without features it costs
// nothing.
func (b *Batch) UUIDInUse(id string) (bool, error) {
	if b.uuids == nil {
		p, err := b.newUUIDProbe()
		if err != nil {
			return false, describeSQLiteError(err)
		}
		b.uuids = p
	}
	for _, s := range b.uuids.stmts {
		var found bool
		if err := s.QueryRowContext(b.ctx, id).Scan(&found); err != nil {
			return false, describeSQLiteError(err)
		}
		if found {
			return true, nil
		}
	}
	return false, nil
}

func (b *Batch) newUUIDProbe() (*uuidProbe, error) {
	rows, err := b.tx.QueryContext(b.ctx, `SELECT l.table_name FROM corridor_layers l JOIN sqlite_master m ON m.type = 'table' AND m.name = l.table_name ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	held := tables[:0]
	for _, t := range tables {
		if bt, ok := b.tables[t]; ok && bt.fresh {
			continue // created by this batch
		}
		var any bool
		if err := b.tx.QueryRowContext(b.ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(t)+`)`).Scan(&any); err != nil {
			return nil, err
		}
		if any {
			held = append(held, t)
		}
	}
	tables = held
	p := &uuidProbe{}
	for len(tables) > 0 {
		n := min(len(tables), probeGroup)
		parts := make([]string, n)
		for i, t := range tables[:n] {
			parts[i] = `EXISTS (SELECT 1 FROM ` + quoteIdent(t) + ` WHERE uuid = ?1)`
		}
		s, err := b.tx.PrepareContext(b.ctx, `SELECT `+strings.Join(parts, ` OR `))
		if err != nil {
			p.close()
			return nil, err
		}
		p.stmts = append(p.stmts, s)
		tables = tables[n:]
	}
	return p, nil
}

func (p *uuidProbe) close() {
	for _, s := range p.stmts {
		s.Close()
	}
}
