package store

import (
	"context"
	"database/sql"
	"fmt"

	"corridor/data/feature"
)

// Bounds is a lon/lat box. West > East means the box crosses the antimeridian.
type Bounds struct {
	West, South, East, North float64
}

// Query calls fn for every feature of the layer whose bounding box
// intersects b, found through the layer's R*Tree. Stopping early: return an
// error from fn; Query returns it.
func (w *Workspace) Query(ctx context.Context, table string, b Bounds, fn func(*feature.Feature) error) error {
	k, err := w.layerKind(ctx, w.db, table)
	if err != nil {
		return err
	}
	q := `SELECT ` + selectColumns(k, "t.") + ` FROM ` + quoteIdent(table) + ` t JOIN ` + quoteIdent(rtreeName(table)) +
		` r ON t.fid = r.id WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?`
	boxes := [][4]float64{{b.East, b.West, b.North, b.South}}
	if b.West > b.East { // split at the antimeridian
		boxes = [][4]float64{{180, b.West, b.North, b.South}, {b.East, -180, b.North, b.South}}
	}
	seen := map[int64]bool{}
	for _, box := range boxes {
		err := w.scan(ctx, k, q, []any{box[0], box[1], box[2], box[3]}, func(f *feature.Feature) error {
			if len(boxes) > 1 {
				if seen[f.FID] {
					return nil
				}
				seen[f.FID] = true
			}
			return fn(f)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Features calls fn for every feature of the layer in fid order.
func (w *Workspace) Features(ctx context.Context, table string, fn func(*feature.Feature) error) error {
	k, err := w.layerKind(ctx, w.db, table)
	if err != nil {
		return err
	}
	return w.scan(ctx, k, `SELECT `+selectColumns(k, "")+` FROM `+quoteIdent(table)+` ORDER BY fid`, nil, fn)
}

func (w *Workspace) scan(ctx context.Context, k feature.Kind, q string, args []any, fn func(*feature.Feature) error) error {
	rows, err := w.db.QueryContext(ctx, q, args...)
	if err != nil {
		return describeSQLiteError(err)
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFeature(k, rows)
		if err != nil {
			return describeSQLiteError(err)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return describeSQLiteError(rows.Err())
}

// QueryBlobs is the lean path for drawing: it calls fn with the fid, the raw
// GeoPackage geometry blob and the name of each feature whose box intersects
// b (not split at the antimeridian: pass West <= East). The blob is only
// valid during the call.
func (w *Workspace) QueryBlobs(ctx context.Context, table string, b Bounds, fn func(fid int64, blob []byte, name string) error) error {
	q := `SELECT t.fid, t.geom, coalesce(t.name, '') FROM ` + quoteIdent(table) + ` t JOIN ` + quoteIdent(rtreeName(table)) +
		` r ON t.fid = r.id WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?`
	rows, err := w.db.QueryContext(ctx, q, b.East, b.West, b.North, b.South)
	if err != nil {
		return fmt.Errorf("query %s: %w", table, describeSQLiteError(err))
	}
	defer rows.Close()
	var (
		fid  int64
		blob sql.RawBytes
		name string
	)
	for rows.Next() {
		if err := rows.Scan(&fid, &blob, &name); err != nil {
			return err
		}
		if err := fn(fid, blob, name); err != nil {
			return err
		}
	}
	return describeSQLiteError(rows.Err())
}
