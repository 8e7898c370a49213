package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"corridor/data/feature"
)

// Layer describes one feature layer of a workspace.
type Layer struct {
	// Table is the feature table's name (an identifier derived from the title).
	Table string
	// Title is the name users see and type.
	Title string
	// Kind selects the symbology and the kind-specific columns.
	Kind feature.Kind
	// Style is the layer's style JSON (see geo/style); empty for the kind's default.
	Style string
	// Visible is false for a layer hidden in the window and in maps.
	Visible bool
	// Order is the draw order: lower draws first (further down).
	Order int
	// Opacity is the layer's opacity, 0 to 1.
	Opacity float64
	// Classification is the layer's marking; ReleasableTo lists the partners
	// it may be shared with.
	Classification string
	ReleasableTo   []string
	// GeometryType is the declared GeoPackage geometry type (POINT, LINESTRING, ..., GEOMETRY).
	GeometryType string
	// Features is the number of features.
	Features int64
	// Bounds is [west, south, east, north] of the features with geometry; nil when none.
	Bounds []float64
}

// LayerSpec is what CreateLayer needs.
type LayerSpec struct {
	Title          string
	Kind           feature.Kind
	Style          string
	GeometryType   string // default GEOMETRY
	Classification string
	ReleasableTo   []string
	Hidden         bool
	Opacity        float64 // default 1
}

// ErrNoLayer is wrapped when a layer name matches no layer.
var ErrNoLayer = errors.New("no such layer")

// CreateLayer adds an empty feature layer and returns it.
func (w *Workspace) CreateLayer(ctx context.Context, spec LayerSpec) (*Layer, error) {
	var table string
	err := w.write(ctx, func(tx *sql.Tx) error {
		var err error
		table, err = createLayerTx(ctx, tx, spec, true)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create layer %q: %w", spec.Title, err)
	}
	return w.Layer(ctx, table)
}

func createLayerTx(ctx context.Context, tx *sql.Tx, spec LayerSpec, triggers bool) (string, error) {
	title, err := checkTitle(spec.Title)
	if err != nil {
		return "", err
	}
	spec.Title = title
	if spec.Kind == "" {
		spec.Kind = feature.KindOther
	}
	if _, err := feature.ParseKind(string(spec.Kind)); err != nil {
		return "", err
	}
	if err := checkTitleFree(ctx, tx, spec.Title, ""); err != nil {
		return "", err
	}
	table, err := uniqueTable(ctx, tx, slug(spec.Title))
	if err != nil {
		return "", err
	}
	gt := strings.ToUpper(spec.GeometryType)
	if gt == "" {
		gt = "GEOMETRY"
	}
	opacity := spec.Opacity
	if opacity <= 0 || opacity > 1 {
		opacity = 1
	}
	for _, s := range featureTableDDL(table, spec.Kind, triggers) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return "", fmt.Errorf("create table: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, 4326)`,
		table, spec.Title, "Corridor "+string(spec.Kind)+" layer"); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 2, 0)`, table, gt); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`, table); err != nil {
		return "", err
	}
	var order int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(draw_order), 0) + 1 FROM corridor_layers`).Scan(&order); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO corridor_layers (table_name, title, kind, style, visible, draw_order, opacity, classification, releasable_to) VALUES (?,?,?,?,?,?,?,?,?)`,
		table, spec.Title, string(spec.Kind), spec.Style, !spec.Hidden, order, opacity, spec.Classification, joinList(spec.ReleasableTo)); err != nil {
		return "", err
	}
	return table, nil
}

// checkTitleFree fails when title is already the identifier of a table in
// gpkg_contents (a layer, or one of Corridor's own tables) other than except.
func checkTitleFree(ctx context.Context, tx *sql.Tx, title, except string) error {
	var dup int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM gpkg_contents WHERE identifier = ? AND table_name != ?`, title, except).Scan(&dup); err != nil {
		return err
	}
	if dup > 0 {
		if slices.Contains(OwnTables, title) { // their identifiers are their names
			return fmt.Errorf("%q is the name of one of Corridor's own tables: choose another title", title)
		}
		return fmt.Errorf("a layer titled %q already exists", title)
	}
	return nil
}

// OwnTables are the tables of Corridor's own in every workspace. Their
// names are identifiers in gpkg_contents, so no layer may take them as its
// title.
var OwnTables = []string{"corridor_meta", "corridor_layers", "corridor_history"}

// MaxTitleLength is the most characters a layer title may have.
const MaxTitleLength = 200

// CleanTitle is a layer title as a workspace stores it: NFKC-normalised
// (look-alike compatibility forms become one), each run of white space
// (tabs and line breaks too) is one space, other control characters and
// format characters (zero-width, word joiner, bidirectional overrides) are
// dropped, and the ends are trimmed; so a title shows as what it is.
func CleanTitle(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKC.String(s) {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkTitle returns the clean form of a layer title, or why it cannot be one.
func checkTitle(title string) (string, error) {
	t := CleanTitle(title)
	if !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsGraphic(r) && !unicode.IsSpace(r) }) {
		return "", errors.New("a layer needs a title") // none, or only invisible characters
	}
	if n := utf8.RuneCountInString(t); n > MaxTitleLength {
		return "", fmt.Errorf("a layer title has at most %d characters, this one has %d", MaxTitleLength, n)
	}
	return t, nil
}

func uniqueTable(ctx context.Context, tx *sql.Tx, stem string) (string, error) {
	name := stem
	for i := 2; ; i++ {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE lower(name) = lower(?)`, name).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return name, nil
		}
		name = fmt.Sprintf("%s_%d", stem, i)
	}
}

const layerSelect = `SELECT l.table_name, l.title, l.kind, l.style, l.visible, l.draw_order, l.opacity, l.classification, l.releasable_to,
	coalesce(g.geometry_type_name, 'GEOMETRY'), c.min_x, c.min_y, c.max_x, c.max_y
	FROM corridor_layers l JOIN gpkg_contents c ON c.table_name = l.table_name
	LEFT JOIN gpkg_geometry_columns g ON g.table_name = l.table_name`

func scanLayer(row interface{ Scan(...any) error }) (*Layer, error) {
	var l Layer
	var kind, rel string
	var minx, miny, maxx, maxy sql.NullFloat64
	if err := row.Scan(&l.Table, &l.Title, &kind, &l.Style, &l.Visible, &l.Order, &l.Opacity, &l.Classification, &rel,
		&l.GeometryType, &minx, &miny, &maxx, &maxy); err != nil {
		return nil, err
	}
	l.Kind = feature.Kind(kind)
	l.ReleasableTo = splitList(rel)
	if minx.Valid && miny.Valid && maxx.Valid && maxy.Valid {
		l.Bounds = []float64{minx.Float64, miny.Float64, maxx.Float64, maxy.Float64}
	}
	return &l, nil
}

// Layers lists the workspace's layers in draw order (bottom first) with
// their feature counts and bounds.
func (w *Workspace) Layers(ctx context.Context) ([]*Layer, error) {
	rows, err := w.db.QueryContext(ctx, layerSelect+` ORDER BY l.draw_order, l.table_name`)
	if err != nil {
		return nil, describeSQLiteError(err)
	}
	var out []*Layer
	for rows.Next() {
		l, err := scanLayer(rows)
		if err != nil {
			rows.Close()
			return nil, describeSQLiteError(err)
		}
		out = append(out, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, describeSQLiteError(err)
	}
	for _, l := range out {
		if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(l.Table)).Scan(&l.Features); err != nil {
			return nil, fmt.Errorf("layer %q: %w", l.Title, describeSQLiteError(err))
		}
	}
	return out, nil
}

// Layer returns the layer whose table name or title is name (exact match,
// then case-insensitive).
func (w *Workspace) Layer(ctx context.Context, name string) (*Layer, error) {
	ls, err := w.Layers(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		if l.Table == name || l.Title == name {
			return l, nil
		}
	}
	for _, l := range ls {
		if strings.EqualFold(l.Table, name) || strings.EqualFold(l.Title, name) {
			return l, nil
		}
	}
	return nil, fmt.Errorf("%w %q", ErrNoLayer, name)
}

// LayerUpdate holds the layer settings to change; nil fields stay as they are.
type LayerUpdate struct {
	Title   *string
	Style   *string
	Visible *bool
	Opacity *float64
	Order   *int
}

// UpdateLayer changes a layer's display settings.
func (w *Workspace) UpdateLayer(ctx context.Context, table string, u LayerUpdate) error {
	return w.write(ctx, func(tx *sql.Tx) error {
		set := func(col string, v any) error {
			res, err := tx.ExecContext(ctx, `UPDATE corridor_layers SET `+col+` = ? WHERE table_name = ?`, v, table)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("%w %q", ErrNoLayer, table)
			}
			return nil
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
		return nil
	})
}

// DeleteLayer removes a layer, its table, index and triggers. The layer's
// edits can no longer be undone or redone (their journal entries are
// retired, so that a later layer reusing the table name is never touched by
// them); the deletion itself is journalled for the audit trail.
func (w *Workspace) DeleteLayer(ctx context.Context, table string) error {
	return w.write(ctx, func(tx *sql.Tx) error {
		var title string
		if err := tx.QueryRowContext(ctx, `SELECT title FROM corridor_layers WHERE table_name = ?`, table).Scan(&title); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w %q", ErrNoLayer, table)
			}
			return err
		}
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
		if _, err := tx.ExecContext(ctx, `UPDATE corridor_history SET state = ? WHERE layer = ? AND state IN (?, ?)`,
			stateDiscarded, table, stateDone, stateUndone); err != nil {
			return err
		}
		after, err := json.Marshal(map[string]string{"title": title})
		if err != nil {
			return err
		}
		return w.appendHistory(ctx, tx, opDeleteLayer, table, "", "", string(after), stateAudit)
	})
}

func joinList(l []string) string { return strings.Join(l, ",") }

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
