package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
)

// Journal operations.
const (
	opInsert = "insert"
	opUpdate = "update"
	opDelete = "delete"
	opImport = "import"
	opUndo   = "undo"
	opRedo   = "redo"
	// opDeleteLayer records a layer's deletion (audit only).
	opDeleteLayer = "delete_layer"
)

// Journal states: an edit is done, undone (can be redone) or discarded (undone
// and then superseded by a new edit, so it can no longer be redone, or made
// on a layer since deleted, so it can no longer be undone or redone). Audit
// entries (imports, undo and redo steps, layer deletions) are never walked.
const (
	stateDone      = "done"
	stateUndone    = "undone"
	stateDiscarded = "discarded"
	stateAudit     = "audit"
)

// snapshot is a feature as journalled: every column, the geometry as a
// GeoPackage blob (base64 in the JSON).
type snapshot struct {
	Geom           []byte         `json:"geom,omitempty"`
	UUID           string         `json:"uuid"`
	Name           string         `json:"name,omitempty"`
	Properties     map[string]any `json:"properties,omitempty"`
	Classification string         `json:"classification,omitempty"`
	ReleasableTo   []string       `json:"releasable_to,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
	Author         string         `json:"author,omitempty"`
	Version        int            `json:"version"`
}

func toSnapshot(f *feature.Feature) (string, error) {
	if f == nil {
		return "", nil
	}
	blob, err := gpkg.Encode(f.Geometry, 4326)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(snapshot{Geom: blob, UUID: f.UUID, Name: f.Name, Properties: f.Properties,
		Classification: f.Classification, ReleasableTo: f.ReleasableTo, CreatedAt: f.CreatedAt,
		UpdatedAt: f.UpdatedAt, Author: f.Author, Version: f.Version})
	return string(b), err
}

func fromSnapshot(s string) (*feature.Feature, error) {
	var sn snapshot
	if err := json.Unmarshal([]byte(s), &sn); err != nil {
		return nil, fmt.Errorf("journal entry: %w", err)
	}
	g, _, err := gpkg.Decode(sn.Geom)
	if err != nil {
		return nil, fmt.Errorf("journal entry: %w", err)
	}
	return &feature.Feature{Geometry: g, UUID: sn.UUID, Name: sn.Name, Properties: sn.Properties,
		Classification: sn.Classification, ReleasableTo: sn.ReleasableTo, CreatedAt: sn.CreatedAt,
		UpdatedAt: sn.UpdatedAt, Author: sn.Author, Version: sn.Version}, nil
}

// journal appends an edit to corridor_history. A new edit discards what was
// undone before it, as in every editor: redo only walks back undone edits
// that nothing has superseded.
func (w *Workspace) journal(ctx context.Context, tx *sql.Tx, op, table, id string, before, after *feature.Feature) error {
	b, err := toSnapshot(before)
	if err != nil {
		return err
	}
	a, err := toSnapshot(after)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE corridor_history SET state = ? WHERE state = ?`, stateDiscarded, stateUndone); err != nil {
		return err
	}
	return w.appendHistory(ctx, tx, op, table, id, b, a, stateDone)
}

func (w *Workspace) appendHistory(ctx context.Context, tx *sql.Tx, op, table, id, before, after, state string) error {
	nullable := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO corridor_history (at, author, layer, feature_uuid, operation, before, after, state) VALUES (?,?,?,?,?,?,?,?)`,
		w.now().Format(timeFormat), w.author, table, nullable(id), op, nullable(before), nullable(after), state)
	return err
}

// HistoryEntry is one row of the edit journal.
type HistoryEntry struct {
	ID          int64
	At          time.Time
	Author      string
	Layer       string
	FeatureUUID string
	Operation   string
	State       string
	Before      string // JSON snapshot, empty when none
	After       string
}

// History returns the journal, oldest first.
func (w *Workspace) History(ctx context.Context) ([]HistoryEntry, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT id, at, author, layer, coalesce(feature_uuid,''), operation, state, coalesce(before,''), coalesce(after,'') FROM corridor_history ORDER BY id`)
	if err != nil {
		return nil, describeSQLiteError(err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var e HistoryEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Author, &e.Layer, &e.FeatureUUID, &e.Operation, &e.State, &e.Before, &e.After); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ErrNothingToUndo and ErrNothingToRedo are returned when the journal has no such step.
var (
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// Undo reverts the latest edit that is not undone and returns its journal entry.
func (w *Workspace) Undo(ctx context.Context) (*HistoryEntry, error) {
	return w.step(ctx, true)
}

// Redo re-applies the most recently undone edit.
func (w *Workspace) Redo(ctx context.Context) (*HistoryEntry, error) {
	return w.step(ctx, false)
}

func (w *Workspace) step(ctx context.Context, undo bool) (*HistoryEntry, error) {
	var e HistoryEntry
	err := w.write(ctx, func(tx *sql.Tx) error {
		state, order, none := stateDone, "DESC", ErrNothingToUndo
		if !undo {
			state, order, none = stateUndone, "ASC", ErrNothingToRedo
		}
		row := tx.QueryRowContext(ctx, `SELECT id, layer, coalesce(feature_uuid,''), operation, coalesce(before,''), coalesce(after,'') FROM corridor_history
			WHERE state = ? AND operation IN ('insert','update','delete') ORDER BY id `+order+` LIMIT 1`, state)
		if err := row.Scan(&e.ID, &e.Layer, &e.FeatureUUID, &e.Operation, &e.Before, &e.After); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return none
			}
			return err
		}
		k, err := w.layerKind(ctx, tx, e.Layer)
		if err != nil {
			return fmt.Errorf("journal entry %d: %w", e.ID, err)
		}
		// target is the state the feature must reach.
		target := e.Before
		if !undo {
			target = e.After
		}
		if target == "" {
			if err := deleteTx(ctx, tx, e.Layer, e.FeatureUUID); err != nil {
				return err
			}
		} else {
			f, err := fromSnapshot(target)
			if err != nil {
				return err
			}
			if _, err := getTx(ctx, tx, e.Layer, k, f.UUID); err == nil {
				err = updateTx(ctx, tx, e.Layer, k, f)
				if err != nil {
					return err
				}
			} else if errors.Is(err, ErrNoFeature) {
				if err := insertTx(ctx, tx, e.Layer, k, f); err != nil {
					return err
				}
			} else {
				return err
			}
			if err := widenGeometryType(ctx, tx, e.Layer, f); err != nil {
				return err
			}
		}
		newState, op := stateUndone, opUndo
		if !undo {
			newState, op = stateDone, opRedo
		}
		if _, err := tx.ExecContext(ctx, `UPDATE corridor_history SET state = ? WHERE id = ?`, newState, e.ID); err != nil {
			return err
		}
		e.State = newState
		return w.appendHistory(ctx, tx, op, e.Layer, e.FeatureUUID, "", fmt.Sprintf(`{"entry":%d}`, e.ID), stateAudit)
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}
