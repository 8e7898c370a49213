package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"corridor/data/feature"
)

// LayerSettings is a layer as the journal records it: what a layer change
// may change and what recreating the layer needs.
type LayerSettings struct {
	Table          string       `json:"table"`
	Title          string       `json:"title"`
	Kind           feature.Kind `json:"kind"`
	Style          string       `json:"style"`
	Visible        bool         `json:"visible"`
	Order          int          `json:"order"`
	Opacity        float64      `json:"opacity"`
	Classification string       `json:"classification,omitempty"`
	ReleasableTo   []string     `json:"releasable_to,omitempty"`
	GeometryType   string       `json:"geometry_type"`
	Z              int          `json:"z"`
	M              int          `json:"m"`
	// Features is the number of features a bulk load added with the layer.
	Features int64 `json:"features,omitempty"`
}

// same reports whether two settings show the layer the same way.
func (s *LayerSettings) same(o *LayerSettings) bool {
	return s.Title == o.Title && s.Style == o.Style && s.Visible == o.Visible && s.Order == o.Order && s.Opacity == o.Opacity
}

func (e *Editor) layerSettings(table string) (*LayerSettings, error) {
	var s LayerSettings
	var rel string
	err := e.tx.QueryRowContext(e.ctx, `SELECT l.table_name, l.title, l.kind, l.style, l.visible, l.draw_order, l.opacity, l.classification, l.releasable_to,
		coalesce(g.geometry_type_name, 'GEOMETRY'), coalesce(g.z, 0), coalesce(g.m, 0)
		FROM corridor_layers l LEFT JOIN gpkg_geometry_columns g ON g.table_name = l.table_name WHERE l.table_name = ?`, table).
		Scan(&s.Table, &s.Title, &s.Kind, &s.Style, &s.Visible, &s.Order, &s.Opacity, &s.Classification, &rel, &s.GeometryType, &s.Z, &s.M)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w %q", ErrNoLayer, table)
	}
	if err != nil {
		return nil, err
	}
	s.ReleasableTo = splitList(rel)
	return &s, nil
}

// CreateLayer adds an empty feature layer and returns its table name.
func (e *Editor) CreateLayer(spec LayerSpec) (string, error) {
	table, err := createLayerTx(e.ctx, e.tx, spec, true)
	if err != nil {
		return "", err
	}
	after, err := e.layerSettings(table)
	if err != nil {
		return "", err
	}
	return table, e.recordLayer(opLayerCreate, table, nil, after, "")
}

// LayerUpdate holds the layer settings to change; nil fields stay as they are.
type LayerUpdate struct {
	Title   *string
	Style   *string
	Visible *bool
	Opacity *float64
	Order   *int
}

// label names the change for the journal ("Hide layer", "Rename layer").
func (u LayerUpdate) label() string {
	n := 0
	label := "Change layer"
	if u.Title != nil {
		n, label = n+1, "Rename layer"
	}
	if u.Style != nil {
		n, label = n+1, "Change layer style"
	}
	if u.Visible != nil {
		n, label = n+1, "Show layer"
		if !*u.Visible {
			label = "Hide layer"
		}
	}
	if u.Opacity != nil {
		n, label = n+1, "Change layer opacity"
	}
	if u.Order != nil {
		n, label = n+1, "Reorder layers"
	}
	if n > 1 {
		return "Change layer"
	}
	return label
}

// UpdateLayer changes a layer's display settings, as one changeset.
func (w *Workspace) UpdateLayer(ctx context.Context, table string, u LayerUpdate) error {
	_, err := w.Edit(ctx, u.label(), func(e *Editor) error { return e.UpdateLayer(table, u) })
	return err
}

// UpdateLayer changes a layer's display settings.
func (e *Editor) UpdateLayer(table string, u LayerUpdate) error {
	before, err := e.layerSettings(table)
	if err != nil {
		return err
	}
	tx, ctx := e.tx, e.ctx
	set := func(col string, v any) error {
		_, err := tx.ExecContext(ctx, `UPDATE corridor_layers SET `+col+` = ? WHERE table_name = ?`, v, table)
		return err
	}
	if u.Title != nil {
		title, err := checkTitle(*u.Title)
		if err != nil {
			return err
		}
		if err := checkTitleFree(ctx, tx, title, table); err != nil {
			return err
		}
		if err := set("title", title); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET identifier = ? WHERE table_name = ?`, title, table); err != nil {
			return err
		}
	}
	if u.Style != nil {
		if err := set("style", *u.Style); err != nil {
			return err
		}
	}
	if u.Visible != nil {
		if err := set("visible", *u.Visible); err != nil {
			return err
		}
	}
	if u.Opacity != nil {
		if err := set("opacity", math.Max(0, math.Min(1, *u.Opacity))); err != nil {
			return err
		}
	}
	if u.Order != nil {
		if err := set("draw_order", *u.Order); err != nil {
			return err
		}
	}
	after, err := e.layerSettings(table)
	if err != nil {
		return err
	}
	if after.same(before) {
		return nil
	}
	return e.recordLayer(opLayerUpdate, table, before, after, "")
}

// DeleteLayer removes a layer, its table, index and triggers, as one
// changeset that undo reverts (the layer's features are journalled).
func (w *Workspace) DeleteLayer(ctx context.Context, table string) error {
	_, err := w.Edit(ctx, "Delete layer", func(e *Editor) error {
		var title string
		if err := e.tx.QueryRowContext(ctx, `SELECT title FROM corridor_layers WHERE table_name = ?`, table).Scan(&title); err == nil {
			e.cs.Label = "Delete layer " + title
			if _, err := e.tx.ExecContext(ctx, `UPDATE corridor_changesets SET label = ? WHERE id = ?`, e.cs.Label, e.cs.ID); err != nil {
				return err
			}
		}
		return e.DeleteLayer(table)
	})
	return err
}

// DeleteLayer removes a layer. Each feature is journalled as deleted, then
// the layer, so that undo (in reverse order) recreates the layer and then
// its features.
func (e *Editor) DeleteLayer(table string) error {
	before, err := e.layerSettings(table)
	if err != nil {
		return err
	}
	rows, err := e.tx.QueryContext(e.ctx, `SELECT `+selectColumns(before.Kind, "")+` FROM `+quoteIdent(table)+` ORDER BY fid`)
	if err != nil {
		return err
	}
	var feats []*feature.Feature
	for rows.Next() {
		f, err := scanFeature(before.Kind, rows)
		if err != nil {
			rows.Close()
			return err
		}
		feats = append(feats, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range feats {
		if err := e.record(opDelete, table, f.UUID, f, nil); err != nil {
			return err
		}
	}
	if err := dropLayer(e.ctx, e.tx, table); err != nil {
		return err
	}
	return e.recordLayer(opDeleteLayer, table, before, nil, "")
}

// dropLayer removes a layer's table, index, triggers and registrations.
func dropLayer(ctx context.Context, tx *sql.Tx, table string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM corridor_layers WHERE table_name = ?`, table); err != nil {
		return err
	}
	for _, s := range []string{
		`DROP TABLE IF EXISTS ` + quoteIdent(rtreeName(table)),
		`DROP TABLE IF EXISTS ` + quoteIdent(table),
	} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	for _, q := range []string{
		`DELETE FROM gpkg_extensions WHERE table_name = ?`,
		`DELETE FROM gpkg_geometry_columns WHERE table_name = ?`,
		`DELETE FROM gpkg_contents WHERE table_name = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, table); err != nil {
			return err
		}
	}
	return nil
}

// restoreLayer recreates a deleted layer, empty, under its table name.
func (e *Editor) restoreLayer(s *LayerSettings) error {
	var n int
	if err := e.tx.QueryRowContext(e.ctx, `SELECT count(*) FROM sqlite_master WHERE lower(name) = lower(?)`, s.Table).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &ConflictError{Layer: s.Table, Why: "a table of that name exists again"}
	}
	if err := checkTitleFree(e.ctx, e.tx, s.Title, ""); err != nil {
		return &ConflictError{Layer: s.Table, Why: err.Error()}
	}
	spec := LayerSpec{Title: s.Title, Kind: s.Kind, Style: s.Style, GeometryType: s.GeometryType,
		Classification: s.Classification, ReleasableTo: s.ReleasableTo, Hidden: !s.Visible, Opacity: s.Opacity}
	if err := createLayerTable(e.ctx, e.tx, s.Table, spec, true); err != nil {
		return err
	}
	if _, err := e.tx.ExecContext(e.ctx, `UPDATE corridor_layers SET draw_order = ?, opacity = ? WHERE table_name = ?`, s.Order, s.Opacity, s.Table); err != nil {
		return err
	}
	if _, err := e.tx.ExecContext(e.ctx, `UPDATE gpkg_geometry_columns SET z = ?, m = ? WHERE table_name = ?`, s.Z, s.M, s.Table); err != nil {
		return err
	}
	after, err := e.layerSettings(s.Table)
	if err != nil {
		return err
	}
	return e.recordLayer(opLayerCreate, s.Table, nil, after, "")
}

// applyLayerSettings sets a layer's display settings to s.
func (e *Editor) applyLayerSettings(s *LayerSettings) error {
	title, style, visible, opacity, order := s.Title, s.Style, s.Visible, s.Opacity, s.Order
	cur, err := e.layerSettings(s.Table)
	if err != nil {
		return err
	}
	u := LayerUpdate{Style: &style, Visible: &visible, Opacity: &opacity, Order: &order}
	if cur.Title != title {
		u.Title = &title
	}
	return e.UpdateLayer(s.Table, u)
}
