package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
)

// Journal operations (corridor_history.operation).
const (
	opInsert = "insert"
	opUpdate = "update"
	opDelete = "delete"
	// opImport records features a bulk load added to an existing layer:
	// after is {"features":N,"first_fid":A,"last_fid":B}.
	opImport = "import"
	// Layer changes: before and after are layerSettings JSON.
	opLayerUpdate = "layer_update"
	opLayerCreate = "layer_create"
	opDeleteLayer = "delete_layer"
	// Schema version 1 audit rows, kept in old journals.
	opUndo = "undo"
	opRedo = "redo"
)

// Changeset states (corridor_changesets.state): done, undone (can be
// redone), discarded (undone, then superseded by a new edit: can no longer
// be redone) and audit (an undo or a redo: recorded, never walked).
const (
	stateDone      = "done"
	stateUndone    = "undone"
	stateDiscarded = "discarded"
	stateAudit     = "audit"
)

// snapshot is a feature as journalled: every column, the geometry as a
// GeoPackage blob. Corridor writes Geom (base64 in the JSON); the SQL
// triggers write GeomHex, PropertiesText, ReleasableText and Columns, as
// SQL without a custom function can build them (see triggers.go).
type snapshot struct {
	Geom           []byte          `json:"geom,omitempty"`
	GeomHex        string          `json:"geom_hex,omitempty"`
	UUID           any             `json:"uuid"`
	Name           any             `json:"name,omitempty"`
	Properties     map[string]any  `json:"properties,omitempty"`
	PropertiesText any             `json:"properties_text,omitempty"`
	Columns        map[string]any  `json:"columns,omitempty"`
	Classification any             `json:"classification,omitempty"`
	ReleasableTo   json.RawMessage `json:"releasable_to,omitempty"`
	ReleasableText any             `json:"releasable_text,omitempty"`
	CreatedAt      any             `json:"created_at"`
	UpdatedAt      any             `json:"updated_at"`
	Author         any             `json:"author,omitempty"`
	Version        any             `json:"version"`
}

func toSnapshot(f *feature.Feature) (string, error) {
	if f == nil {
		return "", nil
	}
	blob, err := gpkg.Encode(f.Geometry, 4326)
	if err != nil {
		return "", err
	}
	var rel json.RawMessage
	if len(f.ReleasableTo) > 0 {
		rel, _ = json.Marshal(f.ReleasableTo)
	}
	var name, class, author any
	if f.Name != "" {
		name = f.Name
	}
	if f.Classification != "" {
		class = f.Classification
	}
	if f.Author != "" {
		author = f.Author
	}
	b, err := json.Marshal(snapshot{Geom: blob, UUID: f.UUID, Name: name, Properties: f.Properties,
		Classification: class, ReleasableTo: rel, CreatedAt: f.CreatedAt.UTC().Format(time.RFC3339Nano),
		UpdatedAt: f.UpdatedAt.UTC().Format(time.RFC3339Nano), Author: author, Version: f.Version})
	return string(b), err
}

// escapeControls escapes the control characters that a trigger's snapshot
// may carry raw inside its strings (SQL escapes only \ and "): the JSON it
// builds has no white space between tokens, so every such byte is in a string.
func escapeControls(s string) []byte {
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 {
			fmt.Fprintf(&b, `\u%04x`, c)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.Bytes()
}

func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func parseTime(v any) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, textOf(v))
	return t
}

func fromSnapshot(s string) (*feature.Feature, error) {
	var sn snapshot
	if err := json.Unmarshal(escapeControls(s), &sn); err != nil {
		return nil, fmt.Errorf("journal entry: %w", err)
	}
	blob := sn.Geom
	if sn.GeomHex != "" {
		var err error
		if blob, err = hex.DecodeString(sn.GeomHex); err != nil {
			return nil, fmt.Errorf("journal entry: geometry: %w", err)
		}
	}
	g, _, err := gpkg.Decode(blob)
	if err != nil {
		return nil, fmt.Errorf("journal entry: %w", err)
	}
	f := &feature.Feature{Geometry: g, UUID: textOf(sn.UUID), Name: textOf(sn.Name), Properties: sn.Properties,
		Classification: textOf(sn.Classification), CreatedAt: parseTime(sn.CreatedAt),
		UpdatedAt: parseTime(sn.UpdatedAt), Author: textOf(sn.Author)}
	if v, err := strconv.ParseFloat(textOf(sn.Version), 64); err == nil {
		f.Version = int(v)
	}
	if len(sn.ReleasableTo) > 0 {
		if err := json.Unmarshal(sn.ReleasableTo, &f.ReleasableTo); err != nil {
			return nil, fmt.Errorf("journal entry: releasable_to: %w", err)
		}
	} else if t := textOf(sn.ReleasableText); t != "" {
		f.ReleasableTo = splitList(t)
	}
	if t := textOf(sn.PropertiesText); t != "" {
		// properties another tool wrote that are not a JSON object are
		// dropped, as scanFeature cannot read them either
		_ = json.Unmarshal([]byte(t), &f.Properties)
	}
	for k, v := range sn.Columns {
		if v != nil {
			f.SetProp(k, v)
		}
	}
	return f, nil
}

// appendHistory writes one journal row of changeset cs.
func (w *Workspace) appendHistory(ctx context.Context, tx *sql.Tx, at time.Time, author string, cs int64, op, table, id, before, after string) error {
	nullable := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	_, err := w.exec(ctx, tx, `INSERT INTO corridor_history (at, author, layer, feature_uuid, operation, before, after, state, changeset) VALUES (?,?,?,?,?,?,?,?,?)`,
		at.Format(timeFormat), author, table, nullable(id), op, nullable(before), nullable(after), stateDone, cs)
	return err
}

// HistoryEntry is one row of the edit journal.
type HistoryEntry struct {
	ID          int64
	Changeset   int64
	At          time.Time
	Author      string
	Layer       string
	FeatureUUID string
	Operation   string
	State       string // its changeset's state
	Before      string // JSON snapshot, empty when none
	After       string
}

// History returns the journal's rows, oldest first.
func (w *Workspace) History(ctx context.Context) ([]HistoryEntry, error) {
	q := `SELECT h.id, coalesce(h.changeset, h.id), h.at, h.author, h.layer, coalesce(h.feature_uuid,''), h.operation, coalesce(c.state, h.state), coalesce(h.before,''), coalesce(h.after,'')
		FROM corridor_history h LEFT JOIN corridor_changesets c ON c.id = h.changeset ORDER BY h.id`
	if w.schema < 2 {
		q = `SELECT id, id, at, author, layer, coalesce(feature_uuid,''), operation, state, coalesce(before,''), coalesce(after,'') FROM corridor_history ORDER BY id`
	}
	rows, err := w.db.QueryContext(ctx, q)
	if err != nil {
		return nil, describeSQLiteError(err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var e HistoryEntry
		var at string
		if err := rows.Scan(&e.ID, &e.Changeset, &at, &e.Author, &e.Layer, &e.FeatureUUID, &e.Operation, &e.State, &e.Before, &e.After); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// importCount reads the feature count of an import or layer_create row.
func importCount(after string) int {
	var v struct {
		Features int `json:"features"`
	}
	_ = json.Unmarshal([]byte(after), &v)
	return v.Features
}

// Changesets returns the journal's changesets, oldest first, with their
// counts (Changes is left empty). A schema version 1 workspace opened
// read-only shows each journal row as its own changeset.
func (w *Workspace) Changesets(ctx context.Context) ([]*Changeset, error) {
	q := `SELECT c.id, c.at, c.author, c.label, c.state, coalesce(c.reverts, 0), h.operation, coalesce(h.after, '')
		FROM corridor_changesets c LEFT JOIN corridor_history h ON h.changeset = c.id ORDER BY c.id, h.id`
	if w.schema < 2 {
		q = `SELECT id, at, author, operation, state, 0, operation, coalesce(after, '') FROM corridor_history ORDER BY id`
	}
	rows, err := w.db.QueryContext(ctx, q)
	if err != nil {
		return nil, describeSQLiteError(err)
	}
	defer rows.Close()
	var out []*Changeset
	for rows.Next() {
		var c Changeset
		var at string
		var op, after sql.NullString
		if err := rows.Scan(&c.ID, &at, &c.Author, &c.Label, &c.State, &c.Reverts, &op, &after); err != nil {
			return nil, err
		}
		cur := &c
		if n := len(out); n > 0 && out[n-1].ID == c.ID {
			cur = out[n-1]
		} else {
			c.At, _ = time.Parse(time.RFC3339Nano, at)
			out = append(out, &c)
			cur = out[len(out)-1]
		}
		cur.count(op.String, after.String)
	}
	return out, rows.Err()
}
