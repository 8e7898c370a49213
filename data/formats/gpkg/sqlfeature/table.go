package sqlfeature

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/formats"
)

// Table is one feature table to stream.
type Table struct {
	// File is the file's path as the user gave it, for messages.
	File string
	// Name is the SQL table name.
	Name string
	// GeomColumn is the geometry column; every other column of the same
	// table listed in OtherGeomColumns is left out of the properties too.
	GeomColumn       string
	OtherGeomColumns []string
	// Columns are the table's columns (see Columns).
	Columns []Column
	// Decode turns a geometry cell (a BLOB, or TEXT as bytes) into a geometry.
	Decode func([]byte) (geom.T, error)
	// ToLonLat brings decoded geometries to EPSG:4326 in place; nil when
	// they already are.
	ToLonLat func(geom.T)
}

// Stream reads every row of t in table order and emits it as a feature of
// layer. Errors name the file, the table and the row. A table that is a
// view may compute for ever without yielding a row, or yield rows for ever:
// SQLite is stopped when it spends longer than StallLimit on one row, and
// a view after MaxViewRows rows.
func (t *Table) Stream(ctx context.Context, db *sql.DB, layer *formats.Layer, emit formats.Emit) error {
	cols, roles, query := t.plan()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watchdog := time.AfterFunc(StallLimit, func() { cancel(errStalled) })
	defer watchdog.Stop()
	stalled := func(err error) error {
		if errors.Is(context.Cause(ctx), errStalled) {
			return &formats.Error{File: t.File, Err: fmt.Errorf("table %q: %w", t.Name, errStalled)}
		}
		return err
	}
	// A view may also yield rows for ever: its rows are counted.
	maxRows := -1
	var kind string
	if err := db.QueryRowContext(ctx, `SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE`, t.Name).Scan(&kind); err == nil && kind == "view" {
		maxRows = MaxViewRows
	}
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return stalled(&formats.Error{File: t.File, Err: fmt.Errorf("table %q: %w", t.Name, err)})
	}
	defer rows.Close()
	vals := make([]any, len(cols)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		watchdog.Stop() // the time emit takes is not SQLite's
		n++
		if n == maxRows+1 {
			return &formats.Error{File: t.File, Err: fmt.Errorf("view %q yields more than %d rows: stopped (a view that never ends?)", t.Name, maxRows)}
		}
		if err := ctx.Err(); err != nil {
			return stalled(err)
		}
		for i := range vals {
			vals[i] = nil
		}
		if err := rows.Scan(ptrs...); err != nil {
			return &formats.Error{File: t.File, Feature: n, Err: fmt.Errorf("table %q: %w", t.Name, err)}
		}
		f := &feature.Feature{}
		g, err := t.geometry(vals[0])
		if err != nil {
			return &formats.Error{File: t.File, Feature: n, Err: fmt.Errorf("table %q: geometry column %q: %w", t.Name, t.GeomColumn, err)}
		}
		f.Geometry = g
		for i, c := range cols {
			setColumn(f, c, roles[i], vals[i+1])
		}
		if err := emit(layer, f); err != nil {
			return err
		}
		watchdog.Reset(StallLimit)
	}
	if err := rows.Err(); err != nil {
		return stalled(&formats.Error{File: t.File, Feature: n + 1, Err: fmt.Errorf("table %q: %w", t.Name, err)})
	}
	return nil
}

// StallLimit is the longest SQLite may compute one row of a foreign table
// before the read is stopped; MaxViewRows is the most rows read from a view
// (a table is read whole); CatalogueBudget bounds listing a file's tables.
// All are far beyond what an honest file needs.
var (
	StallLimit      = 10 * time.Second
	CatalogueBudget = 10 * time.Second
	MaxViewRows     = 1_000_000
)

var errStalled = errors.New("stopped: no row came for too long (a view that never ends?)")

// plan returns the property columns in the order they are applied (the JSON
// properties column first, so that real columns win over its keys), their
// roles, and the query selecting the geometry then those columns. Property
// columns are selected as +"col" so that the driver sees an expression and
// returns the stored value as is (it would otherwise turn DATE and DATETIME
// text it cannot parse into a zero time).
func (t *Table) plan() ([]Column, []role, string) {
	skip := map[string]bool{strings.ToLower(t.GeomColumn): true}
	for _, g := range t.OtherGeomColumns {
		skip[strings.ToLower(g)] = true
	}
	var cols []Column
	var roles []role
	for _, c := range t.Columns {
		if skip[strings.ToLower(c.Name)] {
			continue
		}
		r := roleOf(c)
		if r == roleSkip {
			continue
		}
		if r == roleProperties {
			cols = append([]Column{c}, cols...)
			roles = append([]role{r}, roles...)
			continue
		}
		cols = append(cols, c)
		roles = append(roles, r)
	}
	var q strings.Builder
	q.WriteString("SELECT ")
	q.WriteString(Quote(t.GeomColumn))
	for _, c := range cols {
		q.WriteString(", +")
		q.WriteString(Quote(c.Name))
	}
	q.WriteString(" FROM ")
	q.WriteString(Quote(t.Name))
	return cols, roles, q.String()
}

func (t *Table) geometry(v any) (geom.T, error) {
	var b []byte
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return nil, fmt.Errorf("a %T is not a geometry", v)
	}
	if len(b) == 0 {
		return nil, nil
	}
	g, err := t.Decode(b)
	if err != nil || g == nil {
		return nil, err
	}
	if t.ToLonLat != nil {
		t.ToLonLat(g)
	}
	return g, nil
}

// Catalogue lists the feature tables of an open database and the layer each
// one is read as; it refuses, before anything is emitted, a database it
// cannot read (errors name path).
type Catalogue func(ctx context.Context, db *sql.DB, path string) ([]*Table, []*formats.Layer, error)

// ReadFile opens the database at path read-only, lists its tables with list
// and streams every table to emit in turn: the body of gpkg.Read and
// spatialite.Read, which differ only in how they find their tables.
func ReadFile(ctx context.Context, path string, list Catalogue, emit formats.Emit) error {
	db, err := Open(path)
	if err != nil {
		return &formats.Error{File: path, Err: err}
	}
	defer db.Close()
	lctx, cancel := context.WithTimeout(ctx, CatalogueBudget)
	tables, layers, err := list(lctx, db, path)
	timedOut := lctx.Err() != nil && ctx.Err() == nil
	cancel()
	if timedOut {
		return &formats.Error{File: path, Err: fmt.Errorf("listing its tables took longer than %s: stopped", CatalogueBudget)}
	}
	if err != nil {
		return err
	}
	for i, t := range tables {
		if err := t.Stream(ctx, db, layers[i], emit); err != nil {
			return err
		}
	}
	return nil
}
