package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"corridor/data/feature"
)

// Undo reverts the latest changeset that is done, whole, in one
// transaction: every feature it changed is written back as a new version
// (versions only grow), every layer change is reverted. The undo is itself
// journalled (an audit changeset "Undo <label>"). It refuses with an error
// wrapping ErrConflict when something has changed since without a journal
// entry (a sync, a tool without Corridor's triggers).
func (w *Workspace) Undo(ctx context.Context) (*Changeset, error) {
	return w.step(ctx, true)
}

// Redo re-applies the changeset undone last, as new versions. It refuses
// with ErrConflict when a feature it touches has been edited since the undo.
func (w *Workspace) Redo(ctx context.Context) (*Changeset, error) {
	return w.step(ctx, false)
}

func (w *Workspace) step(ctx context.Context, undo bool) (*Changeset, error) {
	var out *Changeset
	err := w.write(ctx, func(tx *sql.Tx) error {
		// Undo takes the latest changeset done; redo the one undone last.
		q, none := `SELECT id, label FROM corridor_changesets WHERE state = 'done' ORDER BY id DESC LIMIT 1`, ErrNothingToUndo
		if !undo {
			q, none = `SELECT c.id, c.label FROM corridor_changesets c WHERE c.state = 'undone'
				ORDER BY (SELECT max(u.id) FROM corridor_changesets u WHERE u.reverts = c.id) DESC LIMIT 1`, ErrNothingToRedo
		}
		var id int64
		var label string
		if err := tx.QueryRowContext(ctx, q).Scan(&id, &label); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return none
			}
			return err
		}
		// Undo reverts the changeset's rows; redo reverts the rows of the
		// undo that reverted it.
		src, newLabel, newState := id, "Undo "+label, stateUndone
		if !undo {
			if err := tx.QueryRowContext(ctx, `SELECT id FROM corridor_changesets WHERE reverts = ? ORDER BY id DESC LIMIT 1`, id).Scan(&src); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("changeset %d (%s): the journal has no record of its undo", id, label)
				}
				return err
			}
			newLabel, newState = "Redo "+label, stateDone
		}
		e, err := w.newChangeset(ctx, tx, newLabel, stateAudit, src)
		if err != nil {
			return err
		}
		e.restoring = true
		if err := e.revert(src); err != nil {
			return fmt.Errorf("%s: %w", newLabel, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE corridor_changesets SET state = ? WHERE id = ?`, newState, id); err != nil {
			return err
		}
		out = e.cs
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

type journalRow struct {
	id              int64
	layer, uuid, op string
	before, after   string
}

// revert undoes changeset src's rows, newest first, journalling each step
// in e's changeset.
func (e *Editor) revert(src int64) error {
	rows, err := e.tx.QueryContext(e.ctx, `SELECT id, layer, coalesce(feature_uuid, ''), operation, coalesce(before, ''), coalesce(after, '') FROM corridor_history WHERE changeset = ? ORDER BY id DESC`, src)
	if err != nil {
		return err
	}
	var rs []journalRow
	for rows.Next() {
		var r journalRow
		if err := rows.Scan(&r.id, &r.layer, &r.uuid, &r.op, &r.before, &r.after); err != nil {
			rows.Close()
			return err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range rs {
		var err error
		switch r.op {
		case opInsert, opUpdate, opDelete:
			err = e.revertFeature(src, r)
		case opLayerUpdate:
			err = e.revertLayerUpdate(src, r)
		case opDeleteLayer:
			var s LayerSettings
			if err = json.Unmarshal([]byte(r.before), &s); err == nil {
				err = e.restoreLayer(&s)
			}
		case opLayerCreate:
			err = e.revertLayerCreate(src, r)
		case opImport:
			err = e.revertImport(src, r)
		default:
			err = fmt.Errorf("journal entry %d: cannot revert %q", r.id, r.op)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// laterDone fails when a changeset other than src that is done (not undone,
// not an undo or redo step) has journalled a change of the layer (or of one
// feature of it, when uuid is set) after row id.
func (e *Editor) laterDone(src int64, id int64, layer, uuid string) error {
	q := `SELECT c.id, c.label FROM corridor_history h JOIN corridor_changesets c ON c.id = h.changeset
		WHERE h.layer = ? AND h.id > ? AND c.state = 'done' AND c.id != ?`
	args := []any{layer, id, src}
	if uuid != "" {
		q += ` AND h.feature_uuid = ?`
		args = append(args, uuid)
	}
	var cid int64
	var label string
	err := e.tx.QueryRowContext(e.ctx, q+` LIMIT 1`, args...).Scan(&cid, &label)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("changed since by changeset %d (%s)", cid, label)
}

// revertFeature writes a feature back to row r's before state, after
// checking that the feature is where the journal last left it.
func (e *Editor) revertFeature(src int64, r journalRow) error {
	k, err := e.w.layerKind(e.ctx, e.tx, r.layer)
	if err != nil {
		if errors.Is(err, ErrNoLayer) {
			return &ConflictError{Layer: r.layer, Why: "the layer no longer exists"}
		}
		return err
	}
	// The state the journal last left: r's after, or that of the latest
	// later row of an undo or redo (of a newer changeset). A later row of
	// another changeset that is done means the feature has moved on.
	expected, overtaken := r.after, ""
	rows, err := e.tx.QueryContext(e.ctx, `SELECT coalesce(h.after, ''), coalesce(c.state, ''), coalesce(c.id, 0), coalesce(c.label, '')
		FROM corridor_history h LEFT JOIN corridor_changesets c ON c.id = h.changeset
		WHERE h.layer = ? AND h.feature_uuid = ? AND h.id > ? ORDER BY h.id`, r.layer, r.uuid, r.id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var after, state, label string
		var cid int64
		if err := rows.Scan(&after, &state, &cid, &label); err != nil {
			rows.Close()
			return err
		}
		switch {
		case overtaken != "":
		case state == stateDone && cid != src:
			overtaken = fmt.Sprintf("changed since by changeset %d, %s", cid, label)
		default:
			expected = after
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var exp *feature.Feature
	if expected != "" {
		if exp, err = fromSnapshot(expected); err != nil {
			return err
		}
	}
	cur, err := getTx(e.ctx, e.tx, r.layer, k, r.uuid)
	if err != nil && !errors.Is(err, ErrNoFeature) {
		return err
	}
	conflict := &ConflictError{Layer: r.layer, FeatureUUID: r.uuid, Why: overtaken}
	if exp != nil {
		conflict.Expected = exp.Version
	}
	if cur != nil {
		conflict.Found = cur.Version
	}
	if overtaken != "" || (exp == nil) != (cur == nil) || (exp != nil && exp.Version != cur.Version) {
		return conflict
	}
	if r.before == "" {
		return e.Delete(r.layer, r.uuid)
	}
	target, err := fromSnapshot(r.before)
	if err != nil {
		return err
	}
	if cur != nil {
		return e.Update(r.layer, target)
	}
	// back from deletion: a new version of the deleted one
	target.FID = 0
	target.Version++
	target.UpdatedAt = e.w.now()
	target.Author = e.w.author
	return e.Add(r.layer, target)
}

func (e *Editor) revertLayerUpdate(src int64, r journalRow) error {
	var before, after LayerSettings
	if err := json.Unmarshal([]byte(r.before), &before); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(r.after), &after); err != nil {
		return err
	}
	cur, err := e.layerSettings(r.layer)
	if err != nil {
		return &ConflictError{Layer: r.layer, Why: "the layer no longer exists"}
	}
	if why := e.laterDone(src, r.id, r.layer, ""); why != nil && !cur.same(&after) {
		return &ConflictError{Layer: r.layer, Why: why.Error()}
	}
	return e.applyLayerSettings(&before)
}

// revertLayerCreate deletes a created layer (its features are journalled,
// so that a redo brings them back).
func (e *Editor) revertLayerCreate(src int64, r journalRow) error {
	if _, err := e.layerSettings(r.layer); err != nil {
		return &ConflictError{Layer: r.layer, Why: "the layer no longer exists"}
	}
	if why := e.laterDone(src, r.id, r.layer, ""); why != nil {
		return &ConflictError{Layer: r.layer, Why: why.Error()}
	}
	return e.DeleteLayer(r.layer)
}

// revertImport deletes the features a bulk load added to an existing layer
// (the fid range it recorded), journalling each, so that a redo restores them.
func (e *Editor) revertImport(src int64, r journalRow) error {
	var rng struct {
		First int64 `json:"first_fid"`
		Last  int64 `json:"last_fid"`
	}
	if err := json.Unmarshal([]byte(r.after), &rng); err != nil {
		return err
	}
	if _, err := e.w.layerKind(e.ctx, e.tx, r.layer); err != nil {
		return &ConflictError{Layer: r.layer, Why: "the layer no longer exists"}
	}
	if why := e.laterDone(src, r.id, r.layer, ""); why != nil {
		return &ConflictError{Layer: r.layer, Why: why.Error()}
	}
	rows, err := e.tx.QueryContext(e.ctx, `SELECT uuid FROM `+quoteIdent(r.layer)+` WHERE fid BETWEEN ? AND ? ORDER BY fid`, rng.First, rng.Last)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id sql.NullString
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id.String)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := e.Delete(r.layer, id); err != nil {
			return err
		}
	}
	return nil
}
