package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
)

// TestNonFiniteCoordinatesRefused checks that no write path stores a NaN or
// infinite coordinate (an infinite one made the layer's bounds +Inf, which
// `layers --json` cannot print), while an empty point (NaN by convention)
// is still accepted.
// nest returns n geometry collections, one inside the other, around a point.
func nest(n int) geom.T { return nestAround(n, geom.NewPointFlat(geom.XY, []float64{1, 2})) }

// nestAround returns n geometry collections, one inside the other, around g.
func nestAround(n int, g geom.T) geom.T {
	for range n {
		c := geom.NewGeometryCollection()
		c.MustPush(g)
		g = c
	}
	return g
}

// TestBadGeometriesRefused checks what a workspace refuses to store, by
// one edit and in a bulk import, and that what it stores reads back.
func TestBadGeometriesRefused(t *testing.T) {
	ctx := context.Background()
	nan, inf := math.NaN(), math.Inf(1)
	nested := geom.NewGeometryCollection()
	inner := geom.NewGeometryCollection()
	inner.MustPush(line(0, 0, inf, 1))
	nested.MustPush(inner)
	cases := []struct {
		name string
		g    geom.T
		ok   bool
	}{
		{"finite line", line(0, 0, 1, 1), true},
		{"empty point", geom.NewPointEmpty(geom.XY), true},
		{"multipoint with an empty member", geom.NewMultiPointFlat(geom.XY, []float64{nan, nan, 1, 2}), true},
		{"NaN vertex", line(0, 0, nan, nan, 1, 1), false},
		{"infinite vertex", line(0, 0, inf, 1), false},
		{"half-NaN point", geom.NewPointFlat(geom.XY, []float64{nan, 2}), false},
		{"infinite Z", geom.NewPointFlat(geom.XYZ, []float64{1, 2, -inf}), false},
		{"nested collection with an infinite vertex", nested, false},
		{"line written across the antimeridian", line(170, 0, 190, 1), true},
		{"latitude past the pole, as GDAL and geojsonhint accept", geom.NewPointFlat(geom.XY, []float64{-150, -141}), true},
		{"metres read as degrees", geom.NewPointFlat(geom.XY, []float64{500000, 4649776}), false},
		{"huge longitude", geom.NewPointFlat(geom.XY, []float64{1e308, 5}), false},
		{"latitude -400", line(0, 0, 1, -400), false},
		{"line of one position", line(1, 2), false},
		{"empty line", geom.NewLineString(geom.XY), true},
		{"multiline with a line of one position", geom.NewMultiLineStringFlat(geom.XY, []float64{0, 0, 1, 1, 2, 2}, []int{4, 6}), false},
		{"triangle ring", geom.NewPolygonFlat(geom.XY, []float64{0, 0, 1, 0, 0, 1}, []int{6}), true},
		{"ring of two positions", geom.NewPolygonFlat(geom.XY, []float64{0, 0, 1, 0}, []int{4}), false},
		{"multipolygon whose second ring is short", geom.NewMultiPolygonFlat(geom.XY,
			[]float64{0, 0, 1, 0, 0, 1, 0, 0, 5, 5, 6, 5}, [][]int{{8}, {12}}), false},
		{"collections 16 deep", nest(16), true},
		{"collections 17 deep", nest(17), false},
		{"multipoint in collections 15 deep", nestAround(15, geom.NewMultiPointFlat(geom.XY, []float64{1, 2})), true},
		{"multipoint in collections 16 deep", nestAround(16, geom.NewMultiPointFlat(geom.XY, []float64{1, 2})), false},
		{"empty multipoint in collections 16 deep", nestAround(16, geom.NewMultiPoint(geom.XY)), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, _ := newWorkspace(t)
			l, err := w.CreateLayer(ctx, LayerSpec{Title: "L"})
			if err != nil {
				t.Fatal(err)
			}
			err = w.AddFeature(ctx, l.Table, &feature.Feature{Geometry: c.g})
			if (err == nil) != c.ok {
				t.Fatalf("AddFeature: %v, want ok=%v", err, c.ok)
			}
			n := 0
			if err := w.Features(ctx, l.Table, func(*feature.Feature) error { n++; return nil }); err != nil || (n == 1) != c.ok {
				t.Fatalf("reading back: %d features, %v", n, err)
			}
			err = w.Bulk(ctx, func(b *Batch) error {
				table, err := b.CreateLayer(LayerSpec{Title: "B"})
				if err != nil {
					return err
				}
				return b.Add(table, &feature.Feature{Geometry: c.g})
			})
			if (err == nil) != c.ok {
				t.Fatalf("Batch.Add: %v, want ok=%v", err, c.ok)
			}
			ls, err := w.Layers(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range ls {
				for _, v := range l.Bounds {
					if math.IsInf(v, 0) || math.IsNaN(v) {
						t.Fatalf("layer %s bounds %v", l.Title, l.Bounds)
					}
				}
			}
		})
	}
}

// TestSlugIsBounded checks that table names derived from long titles stay short.
func TestSlugIsBounded(t *testing.T) {
	for _, title := range []string{
		strings.Repeat("a", 200),
		strings.Repeat("ab ", 100),
		strings.Repeat("é", 100) + strings.Repeat("b", 100),
		strings.Repeat("1", 100),
		"gpkg_" + strings.Repeat("x", 100),
	} {
		if s := slug(title); len(s) > 40 || s == "" {
			t.Errorf("slug(%.20q...) = %q (%d bytes), want 1..40", title, s, len(s))
		}
	}
}

// TestUndoRestoresDeletedLayer checks that deleting a layer is a changeset
// undo reverts: a new layer that took the table name is undone first (its
// creation is a changeset too), then the deleted layer comes back with its
// features, as new versions, and the earlier edits follow.
func TestUndoRestoresDeletedLayer(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	a, _ := w.CreateLayer(ctx, LayerSpec{Title: "A"})
	b, _ := w.CreateLayer(ctx, LayerSpec{Title: "Routes"})
	fa := &feature.Feature{Name: "in A", Geometry: line(0, 0, 1, 1)}
	if err := w.AddFeature(ctx, a.Table, fa); err != nil {
		t.Fatal(err)
	}
	fb := &feature.Feature{Name: "in B", Geometry: line(0, 0, 1, 1)}
	if err := w.AddFeature(ctx, b.Table, fb); err != nil {
		t.Fatal(err)
	}
	if err := w.DeleteLayer(ctx, b.Table); err != nil {
		t.Fatal(err)
	}
	// A new layer with the same title gets the same table name.
	b2, err := w.CreateLayer(ctx, LayerSpec{Title: "Routes"})
	if err != nil {
		t.Fatal(err)
	}
	if b2.Table != b.Table {
		t.Logf("table %q reused as %q", b.Table, b2.Table)
	}
	labels := []string{}
	for i := 0; i < 2; i++ {
		cs, err := w.Undo(ctx)
		if err != nil {
			t.Fatalf("undo %d after deleting a layer: %v", i+1, err)
		}
		labels = append(labels, cs.Label)
	}
	if want := "Undo Create layer Routes,Undo Delete layer Routes"; strings.Join(labels, ",") != want {
		t.Fatalf("undid %q, want %q", labels, want)
	}
	back, err := w.Feature(ctx, b.Table, fb.UUID)
	if err != nil {
		t.Fatalf("feature of the restored layer: %v", err)
	}
	if back.Version != 2 || back.Name != "in B" {
		t.Fatalf("restored feature: version %d name %q, want a new version 2 of \"in B\"", back.Version, back.Name)
	}
	for i := 0; i < 4; i++ { // add fb, add fa, create Routes, create A
		if _, err := w.Undo(ctx); err != nil {
			t.Fatalf("undo %d: %v", i+3, err)
		}
	}
	if _, err := w.Feature(ctx, a.Table, fa.UUID); err == nil {
		t.Fatal("feature in A after undo")
	}
	if _, err := w.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("last undo: %v", err)
	}
	hist, err := w.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hist {
		if h.Operation == "delete_layer" && h.Layer == b.Table {
			found = true
		}
	}
	if !found {
		t.Fatal("the layer deletion is not in the journal")
	}
}

// TestKindColumnNumbers checks the conversion of property values to the
// numeric kind columns: numbers and numeric strings pass, anything that is
// not a finite number is refused with the property's name.
func TestKindColumnNumbers(t *testing.T) {
	c := feature.Column{Name: "quantity", Type: "REAL"}
	cases := []struct {
		in   any
		want any
		ok   bool
	}{
		{12.5, 12.5, true},
		{float32(2), 2.0, true},
		{int64(3), 3.0, true},
		{" 4 ", 4.0, true},
		{"", nil, true},
		{"lots", nil, false},
		{"NaN", nil, false},
		{"Inf", nil, false},
		{"1e999", nil, false},
		{math.Inf(-1), nil, false},
		{float32(math.NaN()), nil, false},
		{true, nil, false},
	}
	for _, c2 := range cases {
		got, err := columnValue(c, c2.in)
		if (err == nil) != c2.ok || (c2.ok && got != c2.want) {
			t.Errorf("columnValue(%#v) = %#v, %v; want %#v, ok=%v", c2.in, got, err, c2.want, c2.ok)
		}
	}
}

// TestRenameToTakenTitle checks that renaming a layer to another layer's
// title is refused with a clear reason and changes nothing.
func TestRenameToTakenTitle(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	a, _ := w.CreateLayer(ctx, LayerSpec{Title: "A"})
	if _, err := w.CreateLayer(ctx, LayerSpec{Title: "B"}); err != nil {
		t.Fatal(err)
	}
	title := "B"
	err := w.UpdateLayer(ctx, a.Table, LayerUpdate{Title: &title})
	if err == nil || !strings.Contains(err.Error(), `"B" already exists`) {
		t.Fatalf("rename to a taken title: %v", err)
	}
	same := "A"
	if err := w.UpdateLayer(ctx, a.Table, LayerUpdate{Title: &same}); err != nil {
		t.Fatalf("rename to its own title: %v", err)
	}
	if l, err := w.Layer(ctx, a.Table); err != nil || l.Title != "A" {
		t.Fatalf("layer after refused rename: %+v, %v", l, err)
	}
}

func TestTitleOfCorridorTableIsRefusedClearly(t *testing.T) {
	w, _ := newWorkspace(t)
	_, err := w.CreateLayer(context.Background(), LayerSpec{Title: "corridor_meta", Kind: feature.KindOther})
	if err == nil || !strings.Contains(err.Error(), `"corridor_meta" is the name of one of Corridor's own tables`) {
		t.Fatalf("got %v", err)
	}
}

// TestTitlesAreCleaned checks that titles are stored with their white
// space folded and their control characters dropped, that such a title
// matches the clean one it looks like, and that an overlong one is refused.
func TestTitlesAreCleaned(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "  Ports\n of\t the\x07  Caribbean "})
	if err != nil {
		t.Fatal(err)
	}
	if l.Title != "Ports of the Caribbean" {
		t.Fatalf("title %q", l.Title)
	}
	if _, err := w.CreateLayer(ctx, LayerSpec{Title: "Ports of the Caribbean  "}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("a title differing by a trailing space: %v", err)
	}
	for _, bad := range []string{" \t\n ", "\u200b\u200b", strings.Repeat("é", MaxTitleLength+1)} {
		if _, err := w.CreateLayer(ctx, LayerSpec{Title: bad}); err == nil {
			t.Errorf("title %.20q… accepted", bad)
		}
	}
	if _, err := w.CreateLayer(ctx, LayerSpec{Title: strings.Repeat("é", MaxTitleLength)}); err != nil {
		t.Errorf("a title of %d characters: %v", MaxTitleLength, err)
	}
	renamed := " Ports\r\nrenamed "
	if err := w.UpdateLayer(ctx, l.Table, LayerUpdate{Title: &renamed}); err != nil {
		t.Fatal(err)
	}
	if got, _ := w.Layer(ctx, l.Table); got.Title != "Ports renamed" {
		t.Fatalf("renamed title %q", got.Title)
	}
}

// TestOldGeometriesStayEditable checks that a geometry stored before the
// rules of checkGeometry (here written past them) can still have its
// attributes edited and be deleted and undeleted, while a new shape must
// follow the rules.
func TestOldGeometriesStayEditable(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Old"})
	if err != nil {
		t.Fatal(err)
	}
	metres := line(500000, 4000000, 500100, 4000100)
	f := &feature.Feature{Name: "legacy", Geometry: metres}
	err = w.write(ctx, func(tx *sql.Tx) error { // as an older Corridor stored it
		w.prepareNew(f)
		return w.insertTx(ctx, tx, l.Table, feature.KindOther, f)
	})
	if err != nil {
		t.Fatal(err)
	}
	f.Name = "legacy, renamed"
	if err := w.UpdateFeature(ctx, l.Table, f); err != nil {
		t.Fatalf("editing the attributes: %v", err)
	}
	moved := *f
	moved.Geometry = line(600000, 4000000, 600100, 4000100)
	if err := w.UpdateFeature(ctx, l.Table, &moved); err == nil || !strings.Contains(err.Error(), "not in degrees") {
		t.Fatalf("a new shape past the rules: %v", err)
	}
	if err := w.DeleteFeature(ctx, l.Table, f.UUID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Undo(ctx); err != nil {
		t.Fatalf("undoing the delete: %v", err)
	}
	back, err := w.Feature(ctx, l.Table, f.UUID)
	if err != nil || back.Name != "legacy, renamed" || !sameGeometry(back.Geometry, metres) {
		t.Fatalf("after undo: %+v, %v", back, err)
	}
}
