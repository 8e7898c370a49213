package store

import (
	"context"
	"database/sql"
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

// CreateLayer adds an empty feature layer and returns it. The creation is a
// changeset of its own ("Create layer <title>"): undo deletes the layer.
func (w *Workspace) CreateLayer(ctx context.Context, spec LayerSpec) (*Layer, error) {
	var table string
	_, err := w.Edit(ctx, "Create layer "+CleanTitle(spec.Title), func(e *Editor) error {
		var err error
		table, err = e.CreateLayer(spec)
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
	return table, createLayerTable(ctx, tx, table, spec, triggers)
}

// createLayerTable creates the feature table, its index and registrations
// and its corridor_layers row, for a checked spec and a free table name.
func createLayerTable(ctx context.Context, tx *sql.Tx, table string, spec LayerSpec, triggers bool) error {
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
			return fmt.Errorf("create table: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, 4326)`,
		table, spec.Title, "Corridor "+string(spec.Kind)+" layer"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)`, table, gt); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`, table); err != nil {
		return err
	}
	var order int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(draw_order), 0) + 1 FROM corridor_layers`).Scan(&order); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO corridor_layers (table_name, title, kind, style, visible, draw_order, opacity, classification, releasable_to) VALUES (?,?,?,?,?,?,?,?,?)`,
		table, spec.Title, string(spec.Kind), spec.Style, !spec.Hidden, order, opacity, spec.Classification, joinList(spec.ReleasableTo)); err != nil {
		return err
	}
	return nil
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
var OwnTables = []string{"corridor_meta", "corridor_layers", "corridor_history", "corridor_changesets", "corridor_writing"}

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

// LayerProblem is a bad value in one layer's catalogue rows (a partner's
// file may hold anything): the layer is left out of Layers, or listed
// without the bad value, and the rest of the workspace still works.
type LayerProblem struct {
	// Table is the layer's table; Skipped says whether Layers left it out.
	Table   string
	Skipped bool
	Err     error
}

func (p LayerProblem) Error() string {
	what := "shown without it"
	if p.Skipped {
		what = "layer left out"
	}
	return fmt.Sprintf("layer %q: %v: %s", p.Table, p.Err, what)
}

func (p LayerProblem) Unwrap() error { return p.Err }

func scanLayer(row interface{ Scan(...any) error }) (*Layer, *LayerProblem, error) {
	var l Layer
	var table, title, kind, styleJSON, rel, gtype sql.NullString
	var visible, order, opacity, minx, miny, maxx, maxy any
	var classification sql.NullString
	if err := row.Scan(&table, &title, &kind, &styleJSON, &visible, &order, &opacity, &classification, &rel,
		&gtype, &minx, &miny, &maxx, &maxy); err != nil {
		return nil, nil, err
	}
	l.Table = table.String
	skip := func(format string, args ...any) (*Layer, *LayerProblem, error) {
		return nil, &LayerProblem{Table: l.Table, Skipped: true, Err: fmt.Errorf(format, args...)}, nil
	}
	if !title.Valid || strings.TrimSpace(title.String) == "" {
		return skip("no title in corridor_layers")
	}
	l.Title = title.String
	k, err := feature.ParseKind(kind.String)
	if err != nil {
		return skip("unknown kind %q in corridor_layers", clip(kind.String))
	}
	l.Kind = k
	l.Style = styleJSON.String
	var styleProblem *LayerProblem // a style too long to read: the kind's default is drawn
	if len(l.Style) > maxStyleBytes {
		styleProblem = &LayerProblem{Table: l.Table, Err: fmt.Errorf("style of %d bytes in corridor_layers (at most %d)", len(l.Style), maxStyleBytes)}
		l.Style = ""
	}
	v, ok := number(visible)
	if !ok {
		return skip("visible is %s in corridor_layers", describeValue(visible))
	}
	l.Visible = v != 0
	o, ok := number(order)
	if !ok || o != math.Trunc(o) || math.Abs(o) > 1e9 {
		return skip("draw_order is %s in corridor_layers", describeValue(order))
	}
	l.Order = int(o)
	op, ok := number(opacity)
	if !ok {
		op = 1
	}
	l.Opacity = math.Max(0, math.Min(1, op))
	l.Classification = classification.String
	l.ReleasableTo = splitList(rel.String)
	l.GeometryType = strings.ToUpper(gtype.String)
	if l.GeometryType == "" {
		l.GeometryType = "GEOMETRY"
	}
	vals := []any{minx, miny, maxx, maxy}
	if vals[0] == nil && vals[1] == nil && vals[2] == nil && vals[3] == nil {
		return &l, styleProblem, nil
	}
	b := make([]float64, 4)
	for i, v := range vals {
		f, ok := number(v)
		if !ok || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 1e7 {
			return &l, &LayerProblem{Table: l.Table, Err: fmt.Errorf("bounds in gpkg_contents hold %s", describeValue(v))}, nil
		}
		b[i] = f
	}
	if b[0] > b[2] || b[1] > b[3] {
		return &l, &LayerProblem{Table: l.Table, Err: fmt.Errorf("bounds in gpkg_contents are inverted (%g,%g,%g,%g)", b[0], b[1], b[2], b[3])}, nil
	}
	l.Bounds = b
	return &l, styleProblem, nil
}

// maxStyleBytes bounds a layer's style JSON: a style is a few hundred bytes.
const maxStyleBytes = 64 << 10

// number returns a numeric cell as a float64.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// describeValue says what a bad cell holds, briefly.
func describeValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return fmt.Sprintf("%q", clip(string(v)))
	case string:
		return fmt.Sprintf("%q", clip(v))
	}
	return fmt.Sprintf("%v", v)
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Layers lists the workspace's layers in draw order (bottom first) with
// their feature counts and bounds. A layer whose catalogue rows hold a bad
// value is left out (or listed without its bounds) rather than failing the
// whole list: LayersWithProblems says which and why.
func (w *Workspace) Layers(ctx context.Context) ([]*Layer, error) {
	ls, _, err := w.LayersWithProblems(ctx)
	return ls, err
}

// LayersWithProblems is Layers and the problems it worked around, for
// callers that warn about them.
func (w *Workspace) LayersWithProblems(ctx context.Context) ([]*Layer, []LayerProblem, error) {
	rows, err := w.db.QueryContext(ctx, layerSelect+` ORDER BY l.draw_order, l.table_name`)
	if err != nil {
		return nil, nil, describeSQLiteError(err)
	}
	var out []*Layer
	var problems []LayerProblem
	for rows.Next() {
		l, p, err := scanLayer(rows)
		if err != nil {
			rows.Close()
			return nil, nil, describeSQLiteError(err)
		}
		if p != nil {
			problems = append(problems, *p)
		}
		if l != nil {
			out = append(out, l)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, describeSQLiteError(err)
	}
	kept := out[:0]
	for _, l := range out {
		if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(l.Table)).Scan(&l.Features); err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			problems = append(problems, LayerProblem{Table: l.Table, Skipped: true, Err: describeSQLiteError(err)})
			continue
		}
		kept = append(kept, l)
	}
	return kept, problems, nil
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
