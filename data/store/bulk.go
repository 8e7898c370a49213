package store

import (
	"context"
	"database/sql"
	"fmt"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
)

// Batch is an all-or-nothing bulk write: an import. Everything done through
// it commits together when the function given to Bulk returns nil, and
// nothing is left behind otherwise (an error, a cancelled context, a crash).
type Batch struct {
	w      *Workspace
	ctx    context.Context
	tx     *sql.Tx
	tables map[string]*batchTable
	order  []string
	added  int64
	ed     *Editor    // the import's changeset
	uuids  *uuidProbe // made by UUIDInUse
}

type batchTable struct {
	kind   feature.Kind
	fresh  bool // created in this batch: its triggers are added at the end
	insert *sql.Stmt
	rtree  *sql.Stmt
	types  map[string]bool
	count  int64
	env    gpkg.Envelope // exact extent of what this batch added
	// first and last are the fids this batch added (one transaction on an
	// AUTOINCREMENT table: a contiguous range); z and m whether any
	// geometry had Z or M.
	first, last int64
	z, m        bool
}

// Bulk runs fn with a Batch inside one transaction. Use it for imports.
// The journal records the load as one changeset, labelled "Import" or as
// SetLabel says: a "layer_create" row per layer it created (undo deletes the
// layer) and an "import" row per existing layer it added to, with the range
// of fids added (undo deletes them). Features are not snapshotted one by
// one: undo journals what it deletes, so that redo can bring it back.
func (w *Workspace) Bulk(ctx context.Context, fn func(b *Batch) error) error {
	return w.write(ctx, func(tx *sql.Tx) error {
		ed, err := w.newChangeset(ctx, tx, "Import", stateDone, 0)
		if err != nil {
			return err
		}
		b := &Batch{w: w, ctx: ctx, tx: tx, tables: map[string]*batchTable{}, ed: ed}
		defer b.closeStmts()
		if err := fn(b); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.finish(); err != nil {
			return err
		}
		return ed.drop()
	})
}

// SetLabel names the import's changeset in the journal ("Import routes.kml").
func (b *Batch) SetLabel(label string) error {
	b.ed.cs.Label = label
	_, err := b.tx.ExecContext(b.ctx, `UPDATE corridor_changesets SET label = ? WHERE id = ?`, label, b.ed.cs.ID)
	return err
}

// CreateLayer adds a layer in this batch; its R*Tree triggers are created at
// the end, after the index has been filled in one pass.
func (b *Batch) CreateLayer(spec LayerSpec) (string, error) {
	// The index's triggers come at the end (finish), after the batch has
	// filled the index itself: every statement that changes the schema
	// reads the whole schema, so a file with thousands of layers would
	// otherwise spend most of its time creating and dropping them.
	table, err := createLayerTx(b.ctx, b.tx, spec, false)
	if err != nil {
		return "", fmt.Errorf("create layer %q: %w", spec.Title, err)
	}
	bt, err := b.open(table)
	if err != nil {
		return "", err
	}
	bt.fresh = true
	return table, nil
}

func (b *Batch) open(table string) (*batchTable, error) {
	if bt, ok := b.tables[table]; ok {
		return bt, nil
	}
	k, err := b.w.layerKind(b.ctx, b.tx, table)
	if err != nil {
		return nil, err
	}
	ins, err := b.tx.PrepareContext(b.ctx, insertSQL(table, k))
	if err != nil {
		return nil, err
	}
	bt := &batchTable{kind: k, insert: ins, types: map[string]bool{}, env: gpkg.Envelope{Empty: true}}
	b.tables[table] = bt
	b.order = append(b.order, table)
	return bt, nil
}

// Add inserts a feature into table (a layer created in this batch or an
// existing one), filling its UUID, timestamps, author and version.
func (b *Batch) Add(table string, f *feature.Feature) error {
	bt, err := b.open(table)
	if err != nil {
		return err
	}
	if err := checkGeometry(f.Geometry); err != nil {
		return err
	}
	b.w.prepareNew(f)
	vals, err := toRow(bt.kind, f)
	if err != nil {
		return err
	}
	res, err := bt.insert.ExecContext(b.ctx, vals...)
	if err != nil {
		return describeSQLiteError(err)
	}
	f.FID, _ = res.LastInsertId()
	if bt.count == 0 {
		bt.first = f.FID
	}
	bt.last = f.FID
	bt.count++
	b.added++
	if f.Geometry != nil {
		bt.types[TypeName(f.Geometry)] = true
		l := f.Geometry.Layout()
		bt.z = bt.z || l.ZIndex() >= 0
		bt.m = bt.m || l.MIndex() >= 0
		if blob, ok := vals[0].([]byte); ok {
			env, err := gpkg.EnvelopeOf(blob)
			if err == nil && !env.Empty {
				bt.env = bt.env.Union(env)
			}
			if err == nil && !env.Empty && bt.fresh {
				if bt.rtree == nil {
					bt.rtree, err = b.tx.PrepareContext(b.ctx, `INSERT INTO `+quoteIdent(rtreeName(table))+` VALUES (?,?,?,?,?)`)
					if err != nil {
						return err
					}
				}
				if _, err := bt.rtree.ExecContext(b.ctx, f.FID, env.MinX, env.MaxX, env.MinY, env.MaxY); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Added returns how many features the batch has added so far.
func (b *Batch) Added() int64 { return b.added }

func (b *Batch) finish() error {
	for _, table := range b.order {
		bt := b.tables[table]
		if bt.fresh {
			for _, s := range rtreeTriggers(table) {
				if _, err := b.tx.ExecContext(b.ctx, s); err != nil {
					return err
				}
			}
			for _, s := range featureTriggerDDL(table, featureTableColumns(bt.kind)) {
				if _, err := b.tx.ExecContext(b.ctx, s); err != nil {
					return err
				}
			}
		}
		if err := growExtent(b.ctx, b.tx, table, bt.env); err != nil {
			return err
		}
		if err := settleGeometryType(b.ctx, b.tx, table, bt.types, bt.fresh); err != nil {
			return err
		}
		if err := markDimensions(b.ctx, b.tx, table, bt.z, bt.m); err != nil {
			return err
		}
		switch {
		case bt.fresh:
			s, err := b.ed.layerSettings(table)
			if err != nil {
				return err
			}
			s.Features = bt.count
			if err := b.ed.recordLayer(opLayerCreate, table, nil, s, ""); err != nil {
				return err
			}
		case bt.count > 0:
			after := fmt.Sprintf(`{"features":%d,"first_fid":%d,"last_fid":%d}`, bt.count, bt.first, bt.last)
			if err := b.ed.recordLayer(opImport, table, nil, nil, after); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *Batch) closeStmts() {
	if b.uuids != nil {
		b.uuids.close()
	}
	for _, bt := range b.tables {
		bt.insert.Close()
		if bt.rtree != nil {
			bt.rtree.Close()
		}
	}
}
