package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
)

// ErrNoFeature is wrapped when a feature UUID matches nothing in the layer.
var ErrNoFeature = errors.New("no such feature")

func (w *Workspace) layerKind(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, table string) (feature.Kind, error) {
	var k string
	if err := q.QueryRowContext(ctx, `SELECT kind FROM corridor_layers WHERE table_name = ?`, table).Scan(&k); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("%w %q", ErrNoLayer, table)
		}
		return "", describeSQLiteError(err)
	}
	return feature.Kind(k), nil
}

// prepareNew fills the store-managed fields of a feature about to be inserted.
func (w *Workspace) prepareNew(f *feature.Feature) {
	now := w.now()
	if f.UUID == "" {
		f.UUID = uuid.NewString()
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = now
	}
	if f.UpdatedAt.IsZero() {
		f.UpdatedAt = now
	}
	if f.Author == "" {
		f.Author = w.author
	}
	if f.Version <= 0 {
		f.Version = 1
	}
}

func insertSQL(table string, k feature.Kind) string {
	cols := featureColumns(k)
	q := make([]string, len(cols))
	for i, c := range cols {
		cols[i] = quoteIdent(c)
		q[i] = "?"
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quoteIdent(table), strings.Join(cols, ", "), strings.Join(q, ", "))
}

func (w *Workspace) insertTx(ctx context.Context, tx *sql.Tx, table string, k feature.Kind, f *feature.Feature) error {
	vals, err := toRow(k, f)
	if err != nil {
		return err
	}
	res, err := w.exec(ctx, tx, insertSQL(table, k), vals...)
	if err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("a feature with uuid %s already exists in this layer", f.UUID)
		}
		return err
	}
	f.FID, _ = res.LastInsertId()
	return extendExtent(ctx, tx, table, f)
}

// extendExtent grows gpkg_contents' bounds to include f.
func extendExtent(ctx context.Context, tx *sql.Tx, table string, f *feature.Feature) error {
	if f.Geometry == nil {
		return nil
	}
	return growExtent(ctx, tx, table, gpkg.GeometryEnvelope(f.Geometry))
}

// growExtent grows gpkg_contents' bounds to include e (exact values: the
// R*Tree holds 32-bit floats rounded outwards) and stamps last_change.
func growExtent(ctx context.Context, tx *sql.Tx, table string, e gpkg.Envelope) error {
	if e.Empty {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET
		min_x = min(coalesce(min_x, ?1), ?1), min_y = min(coalesce(min_y, ?2), ?2),
		max_x = max(coalesce(max_x, ?3), ?3), max_y = max(coalesce(max_y, ?4), ?4),
		last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?5`,
		e.MinX, e.MinY, e.MaxX, e.MaxY, table)
	return err
}

func getTx(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, table string, k feature.Kind, id string) (*feature.Feature, error) {
	row := q.QueryRowContext(ctx, `SELECT `+selectColumns(k, "")+` FROM `+quoteIdent(table)+` WHERE uuid = ?`, id)
	f, err := scanFeature(k, row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w %s", ErrNoFeature, id)
	}
	return f, err
}

func (w *Workspace) updateTx(ctx context.Context, tx *sql.Tx, table string, k feature.Kind, f *feature.Feature) error {
	vals, err := toRow(k, f)
	if err != nil {
		return err
	}
	cols := featureColumns(k)
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = quoteIdent(c) + " = ?"
	}
	res, err := w.exec(ctx, tx, fmt.Sprintf("UPDATE %s SET %s WHERE uuid = ?", quoteIdent(table), strings.Join(set, ", ")), append(vals, f.UUID)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w %s", ErrNoFeature, f.UUID)
	}
	return extendExtent(ctx, tx, table, f)
}

func (w *Workspace) deleteTx(ctx context.Context, tx *sql.Tx, table, id string) error {
	res, err := w.exec(ctx, tx, `DELETE FROM `+quoteIdent(table)+` WHERE uuid = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w %s", ErrNoFeature, id)
	}
	return nil
}

// Feature returns the feature with that UUID.
func (w *Workspace) Feature(ctx context.Context, table, id string) (*feature.Feature, error) {
	k, err := w.layerKind(ctx, w.db, table)
	if err != nil {
		return nil, err
	}
	return getTx(ctx, w.db, table, k, id)
}
