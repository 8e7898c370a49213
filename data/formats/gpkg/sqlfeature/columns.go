package sqlfeature

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Column is one column of a table, from PRAGMA table_info.
type Column struct {
	Name string
	// Type is the declared type, upper case ("TEXT", "INTEGER", "BOOLEAN").
	Type string
	// PK is true for a primary key column.
	PK bool
}

// Columns returns table's columns in declaration order; none when the table
// does not exist.
func Columns(ctx context.Context, db *sql.DB, table string) ([]Column, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, fmt.Errorf("list columns of table %q: %w", table, err)
	}
	defer rows.Close()
	var cols []Column
	for rows.Next() {
		var c Column
		var typ sql.NullString
		var pk int
		if err := rows.Scan(&c.Name, &typ, &pk); err != nil {
			return nil, fmt.Errorf("list columns of table %q: %w", table, err)
		}
		c.Type = strings.ToUpper(strings.TrimSpace(typ.String))
		c.PK = pk > 0
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list columns of table %q: %w", table, err)
	}
	return cols, nil
}

// TableExists reports whether db has a table or view called name.
func TableExists(ctx context.Context, db *sql.DB, name string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx,
		"SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look for table %q: %w", name, err)
	}
	return n > 0, nil
}

// HasColumn reports whether cols holds a column called name (SQLite column
// names are case-insensitive).
func HasColumn(cols []Column, name string) bool {
	for _, c := range cols {
		if strings.EqualFold(c.Name, name) {
			return true
		}
	}
	return false
}

// Quote returns name as a quoted SQL identifier.
func Quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
