package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"corridor/data/feature"
)

// Changeset is one user action in the journal: every change it made, under
// one label ("Move vertex", "Import routes.kml", "Hide layer").
type Changeset struct {
	ID     int64
	Label  string
	At     time.Time
	Author string
	// State is done, undone, discarded or audit (an undo or redo step).
	State string
	// Reverts is, for an undo or redo step, the changeset it reverted.
	Reverts int64
	// Counts of what it changed; Inserted includes features a bulk load added.
	Inserted, Updated, Deleted, LayerChanges int
	// Changes lists what an Edit, Undo or Redo did, in order (empty in
	// Changesets' listing).
	Changes []Change
}

// Change is one change of a changeset: a feature's (Before and After, nil
// for an insert's before and a delete's after) or a layer's.
type Change struct {
	Layer       string
	FeatureUUID string
	Operation   string
	Before      *feature.Feature
	After       *feature.Feature
	LayerBefore *LayerSettings
	LayerAfter  *LayerSettings
}

func (c *Changeset) count(op, after string) {
	switch op {
	case opInsert:
		c.Inserted++
	case opUpdate:
		c.Updated++
	case opDelete:
		c.Deleted++
	case opImport:
		c.Inserted += importCount(after)
	case opLayerCreate:
		c.Inserted += importCount(after)
		c.LayerChanges++
	case opLayerUpdate, opDeleteLayer:
		c.LayerChanges++
	}
}

// ErrConflict is wrapped by the error of an undo or redo that finds a
// feature or layer changed since the journal recorded it (by another tool
// or a sync): nothing is changed.
var ErrConflict = errors.New("conflict")

// ConflictError says which feature or layer has moved on. Version 0 means
// the feature did not exist.
type ConflictError struct {
	Layer, FeatureUUID string
	Expected, Found    int
	Why                string
}

func (e *ConflictError) Error() string {
	if e.FeatureUUID == "" {
		return fmt.Sprintf("conflict: layer %s: %s", e.Layer, e.Why)
	}
	ver := func(v int) string {
		if v == 0 {
			return "no feature"
		}
		return fmt.Sprintf("version %d", v)
	}
	s := fmt.Sprintf("conflict: layer %s, feature %s: expected %s, found %s", e.Layer, e.FeatureUUID, ver(e.Expected), ver(e.Found))
	if e.Why != "" {
		s += " (" + e.Why + ")"
	}
	return s
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

// ErrNothingToUndo and ErrNothingToRedo are returned when the journal has no such step.
var (
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// Editor makes the changes of one changeset inside Edit's transaction.
type Editor struct {
	w   *Workspace
	ctx context.Context
	tx  *sql.Tx
	cs  *Changeset
	at  time.Time
	// restoring is set while undo or redo writes journalled content back:
	// geometries are restored as they were, not checked against today's rules.
	restoring bool
}

// Edit runs fn in one transaction and journals every change it makes under
// one changeset labelled label. It returns the changeset, with what each
// change replaced; nothing is written when fn fails. A changeset that
// changed nothing is not kept.
func (w *Workspace) Edit(ctx context.Context, label string, fn func(e *Editor) error) (*Changeset, error) {
	var cs *Changeset
	err := w.write(ctx, func(tx *sql.Tx) error {
		e, err := w.newChangeset(ctx, tx, label, stateDone, 0)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
		cs = e.cs
		return e.drop()
	})
	if err != nil {
		return nil, err
	}
	return cs, nil
}

// newChangeset starts a changeset. A new user action discards what was
// undone before it, as in every editor.
func (w *Workspace) newChangeset(ctx context.Context, tx *sql.Tx, label, state string, reverts int64) (*Editor, error) {
	now := w.now()
	if state == stateDone {
		if _, err := w.exec(ctx, tx, `UPDATE corridor_changesets SET state = ? WHERE state = ?`, stateDiscarded, stateUndone); err != nil {
			return nil, err
		}
	}
	var rev any
	if reverts != 0 {
		rev = reverts
	}
	res, err := w.exec(ctx, tx, `INSERT INTO corridor_changesets (at, author, label, state, reverts) VALUES (?,?,?,?,?)`,
		now.Format(timeFormat), w.author, label, state, rev)
	if err != nil {
		return nil, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	return &Editor{w: w, ctx: ctx, tx: tx, at: now, cs: &Changeset{ID: id, Label: label, At: now, Author: w.author, State: state, Reverts: reverts}}, nil
}

// drop removes the changeset row when nothing was journalled under it.
func (e *Editor) drop() error {
	if len(e.cs.Changes) > 0 || e.cs.Inserted > 0 {
		return nil
	}
	_, err := e.tx.ExecContext(e.ctx, `DELETE FROM corridor_changesets WHERE id = ?`, e.cs.ID)
	return err
}

// record journals a feature change.
func (e *Editor) record(op, table, id string, before, after *feature.Feature) error {
	b, err := toSnapshot(before)
	if err != nil {
		return err
	}
	a, err := toSnapshot(after)
	if err != nil {
		return err
	}
	if err := e.w.appendHistory(e.ctx, e.tx, e.at, e.w.author, e.cs.ID, op, table, id, b, a); err != nil {
		return err
	}
	e.cs.Changes = append(e.cs.Changes, Change{Layer: table, FeatureUUID: id, Operation: op, Before: before, After: after})
	e.cs.count(op, "")
	return nil
}

// recordLayer journals a layer change.
func (e *Editor) recordLayer(op, table string, before, after *LayerSettings, extra string) error {
	js := func(s *LayerSettings) string {
		if s == nil {
			return ""
		}
		b, _ := json.Marshal(s)
		return string(b)
	}
	a := js(after)
	if extra != "" {
		a = extra
	}
	if err := e.w.appendHistory(e.ctx, e.tx, e.at, e.w.author, e.cs.ID, op, table, "", js(before), a); err != nil {
		return err
	}
	e.cs.Changes = append(e.cs.Changes, Change{Layer: table, Operation: op, LayerBefore: before, LayerAfter: after})
	e.cs.count(op, a)
	return nil
}

// Add inserts f into the layer table, filling its UUID (when empty), FID,
// timestamps, author and version.
func (e *Editor) Add(table string, f *feature.Feature) error {
	k, err := e.w.layerKind(e.ctx, e.tx, table)
	if err != nil {
		return err
	}
	if !e.restoring {
		if err := checkGeometry(f.Geometry); err != nil {
			return err
		}
	}
	e.w.prepareNew(f)
	if err := e.w.insertTx(e.ctx, e.tx, table, k, f); err != nil {
		return err
	}
	if err := widenGeometryType(e.ctx, e.tx, table, f); err != nil {
		return err
	}
	return e.record(opInsert, table, f.UUID, nil, f)
}

// Update replaces the stored feature with f's UUID, bumping its version.
func (e *Editor) Update(table string, f *feature.Feature) error {
	k, err := e.w.layerKind(e.ctx, e.tx, table)
	if err != nil {
		return err
	}
	before, err := getTx(e.ctx, e.tx, table, k, f.UUID)
	if err != nil {
		return err
	}
	// a geometry stored before today's rules, and not edited, stays
	if !e.restoring && !sameGeometry(before.Geometry, f.Geometry) {
		if err := checkGeometry(f.Geometry); err != nil {
			return err
		}
	}
	f.FID = before.FID
	f.CreatedAt = before.CreatedAt
	f.UpdatedAt = e.w.now()
	f.Author = e.w.author
	f.Version = before.Version + 1
	if err := e.w.updateTx(e.ctx, e.tx, table, k, f); err != nil {
		return err
	}
	if err := widenGeometryType(e.ctx, e.tx, table, f); err != nil {
		return err
	}
	return e.record(opUpdate, table, f.UUID, before, f)
}

// Delete removes the feature with that UUID.
func (e *Editor) Delete(table, id string) error {
	k, err := e.w.layerKind(e.ctx, e.tx, table)
	if err != nil {
		return err
	}
	before, err := getTx(e.ctx, e.tx, table, k, id)
	if err != nil {
		return err
	}
	if err := e.w.deleteTx(e.ctx, e.tx, table, id); err != nil {
		return err
	}
	return e.record(opDelete, table, id, before, nil)
}

// AddFeature inserts f into the layer table in one transaction, journalled.
// It fills f's UUID (when empty), FID, timestamps, author and version.
func (w *Workspace) AddFeature(ctx context.Context, table string, f *feature.Feature) error {
	if _, err := w.Edit(ctx, "Add feature", func(e *Editor) error { return e.Add(table, f) }); err != nil {
		return fmt.Errorf("add feature to %s: %w", table, err)
	}
	return nil
}

// UpdateFeature replaces the stored feature with f's UUID, bumping its version.
func (w *Workspace) UpdateFeature(ctx context.Context, table string, f *feature.Feature) error {
	if _, err := w.Edit(ctx, "Edit feature", func(e *Editor) error { return e.Update(table, f) }); err != nil {
		return fmt.Errorf("update feature %s in %s: %w", f.UUID, table, err)
	}
	return nil
}

// DeleteFeature removes the feature with that UUID.
func (w *Workspace) DeleteFeature(ctx context.Context, table, id string) error {
	if _, err := w.Edit(ctx, "Delete feature", func(e *Editor) error { return e.Delete(table, id) }); err != nil {
		return fmt.Errorf("delete feature %s from %s: %w", id, table, err)
	}
	return nil
}
