package store

import (
	"context"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twpayne/go-geom"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// runSQLite3 runs the sqlite3 command on path; with spatialite it loads
// mod_spatialite in GeoPackage mode first, as README tells sqlite3 users to.
func runSQLite3(t *testing.T, path string, spatialite bool, script string) (string, error) {
	t.Helper()
	args := []string{"-bail", path}
	if spatialite {
		args = []string{"-bail", "-cmd", ".load mod_spatialite", "-cmd", "SELECT EnableGpkgMode();", path}
	}
	cmd := exec.Command("sqlite3", args...)
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed", name)
	}
}

func blobHex(t *testing.T, g geom.T) string {
	t.Helper()
	b, err := gpkg.Encode(g, 4326)
	if err != nil {
		t.Fatal(err)
	}
	return "X'" + hex.EncodeToString(b) + "'"
}

func pt(x, y float64) geom.T { return geom.NewPointFlat(geom.XY, []float64{x, y}) }

// featureByName reads a feature of table by name.
func featureByName(t *testing.T, w *Workspace, table, name string) *feature.Feature {
	t.Helper()
	var id string
	if err := w.DB().QueryRow(`SELECT uuid FROM `+quoteIdent(table)+` WHERE name = ?`, name).Scan(&id); err != nil {
		t.Fatalf("feature %q: %v", name, err)
	}
	f, err := w.Feature(context.Background(), table, id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func checkStamps(t *testing.T, w *Workspace, table, id string) {
	t.Helper()
	var created, updated string
	if err := w.DB().QueryRow(`SELECT created_at || '', updated_at || '' FROM `+quoteIdent(table)+` WHERE uuid = ?`, id).Scan(&created, &updated); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{created, updated} {
		if _, err := time.Parse(timeFormat, s); err != nil {
			t.Errorf("timestamp %q is not in Corridor's format: %v (created %q updated %q)", s, err, created, updated)
		}
	}
}

func lastChangeset(t *testing.T, w *Workspace) *Changeset {
	t.Helper()
	cs, err := w.Changesets(context.Background())
	if err != nil || len(cs) == 0 {
		t.Fatalf("changesets: %v %d", err, len(cs))
	}
	return cs[len(cs)-1]
}

// TestOutsideEditsBySQLite3 edits a workspace with the sqlite3 command:
// inserts without uuid, updates of geometry and attributes, a delete. The
// triggers fill uuid, version and timestamps, keep the R*Tree, journal each
// edit as a changeset, and Corridor's undo reverts them as new versions;
// a redo that an outside edit has overtaken is refused.
func TestOutsideEditsBySQLite3(t *testing.T) {
	needTool(t, "sqlite3")
	ctx := context.Background()
	w, path := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Ports", Kind: feature.KindPort})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddFeature(ctx, l.Table, &feature.Feature{Name: "Alpha", Geometry: pt(1, 1)}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	tbl := quoteIdent(l.Table)

	// Without SpatiaLite, sqlite3 cannot run the R*Tree triggers' ST_ functions.
	if out, err := runSQLite3(t, path, false, `UPDATE `+tbl+` SET name = 'x';`); err == nil || !strings.Contains(out, "ST_") {
		t.Fatalf("plain sqlite3 update: %v %s", err, out)
	}
	if out, err := runSQLite3(t, path, true, `SELECT 1;`); err != nil {
		t.Skipf("mod_spatialite cannot be loaded: %v %s", err, out)
	}
	script := `INSERT INTO ` + tbl + ` (geom, name) VALUES (` + blobHex(t, pt(5, 5)) + `, 'Bravo');
UPDATE ` + tbl + ` SET geom = ` + blobHex(t, pt(20, 20)) + ` WHERE name = 'Alpha';
UPDATE ` + tbl + ` SET name = 'Bravo 2' WHERE name = 'Bravo';
`
	if out, err := runSQLite3(t, path, true, script); err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	// A delete needs no ST_ function.
	if out, err := runSQLite3(t, path, false, `DELETE FROM `+tbl+` WHERE name = 'Bravo 2';`); err != nil {
		t.Fatalf("sqlite3 delete: %v\n%s", err, out)
	}
	w, err = Open(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	alpha := featureByName(t, w, l.Table, "Alpha")
	if alpha.Version != 2 {
		t.Errorf("Alpha moved outside: version %d, want 2", alpha.Version)
	}
	var found []string
	if err := w.Query(ctx, l.Table, Bounds{19, 19, 21, 21}, func(f *feature.Feature) error { found = append(found, f.Name); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(found, ",") != "Alpha" {
		t.Errorf("bbox query at the new place finds %q", found)
	}
	cs, err := w.Changesets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, c := range cs[len(cs)-4:] {
		labels = append(labels, c.Label)
		if c.Author != outsideAuthor {
			t.Errorf("changeset %d author %q", c.ID, c.Author)
		}
	}
	want := "Edit outside Corridor (insert),Edit outside Corridor (update),Edit outside Corridor (update),Edit outside Corridor (delete)"
	if strings.Join(labels, ",") != want {
		t.Fatalf("outside changesets %q", labels)
	}
	h, err := w.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ins := h[len(h)-4]
	bravo, err := fromSnapshot(ins.After)
	if err != nil {
		t.Fatalf("trigger snapshot: %v\n%s", err, ins.After)
	}
	if !uuidV4.MatchString(bravo.UUID) || bravo.Version != 1 || bravo.Name != "Bravo" {
		t.Fatalf("inserted outside: uuid %q version %d name %q", bravo.UUID, bravo.Version, bravo.Name)
	}
	// Undo the delete, then the rename: each a new version.
	if _, err := w.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	back, err := w.Feature(ctx, l.Table, bravo.UUID)
	if err != nil {
		t.Fatalf("undo of an outside delete: %v", err)
	}
	if back.Name != "Bravo 2" || back.Version != 3 {
		t.Fatalf("after undoing the delete: %q version %d, want \"Bravo 2\" version 3", back.Name, back.Version)
	}
	checkStamps(t, w, l.Table, bravo.UUID)
	if _, err := w.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if back, _ = w.Feature(ctx, l.Table, bravo.UUID); back.Name != "Bravo" || back.Version != 4 {
		t.Fatalf("after undoing the rename: %q version %d, want \"Bravo\" version 4", back.Name, back.Version)
	}
	if _, err := w.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if back, _ = w.Feature(ctx, l.Table, bravo.UUID); back.Name != "Bravo 2" || back.Version != 5 {
		t.Fatalf("after redoing the rename: %q version %d, want \"Bravo 2\" version 5", back.Name, back.Version)
	}
	w.Close()
	// An outside edit overtakes the undone delete: its redo is refused.
	if out, err := runSQLite3(t, path, true, `UPDATE `+tbl+` SET name = 'Charlie' WHERE name = 'Bravo 2';`); err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	w, err = Open(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, err = w.Redo(ctx)
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), bravo.UUID) || !strings.Contains(err.Error(), "expected version 5, found version 6") {
		t.Fatalf("redo over an outside edit: %v", err)
	}
	if back, _ = w.Feature(ctx, l.Table, bravo.UUID); back.Name != "Charlie" || back.Version != 6 {
		t.Fatalf("a refused redo changed the feature: %q version %d", back.Name, back.Version)
	}
	// Undo takes the outside rename back, as version 7.
	if _, err := w.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if back, _ = w.Feature(ctx, l.Table, bravo.UUID); back.Name != "Bravo 2" || back.Version != 7 {
		t.Fatalf("after undoing the outside rename: %q version %d", back.Name, back.Version)
	}
}

// TestOutsideEditsByGDAL appends features with ogr2ogr (no uuid) and edits
// and deletes with ogrinfo's SQL; GDAL still opens the file without warning.
func TestOutsideEditsByGDAL(t *testing.T) {
	needTool(t, "ogr2ogr")
	needTool(t, "ogrinfo")
	ctx := context.Background()
	w, path := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Routes", Kind: feature.KindRoute})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddFeature(ctx, l.Table, &feature.Feature{Name: "Old", Geometry: line(0, 0, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	src := filepath.Join(t.TempDir(), "new.geojson")
	if err := os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"g1"},"geometry":{"type":"LineString","coordinates":[[10,10],[11,11]]}},
{"type":"Feature","properties":{"name":"g2"},"geometry":{"type":"LineString","coordinates":[[12,12],[13,13]]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil || strings.Contains(string(out), "ERROR") {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	run("ogr2ogr", "-append", "-nln", l.Table, path, src)
	run("ogrinfo", path, "-dialect", "SQLite", "-sql", "UPDATE "+l.Table+" SET name = 'g1 renamed', geom = "+blobHex(t, line(40, 40, 41, 41))+" WHERE name = 'g1'")
	run("ogrinfo", path, "-dialect", "SQLite", "-sql", "DELETE FROM "+l.Table+" WHERE name = 'g2'")
	ogrinfoAgrees(t, path, map[string]int{"Routes": 2})

	w, err = Open(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	g1 := featureByName(t, w, l.Table, "g1 renamed")
	if !uuidV4.MatchString(g1.UUID) || g1.Version != 2 {
		t.Fatalf("appended then edited by GDAL: uuid %q version %d", g1.UUID, g1.Version)
	}
	checkStamps(t, w, l.Table, g1.UUID)
	var found []string
	if err := w.Query(ctx, l.Table, Bounds{39, 39, 42, 42}, func(f *feature.Feature) error { found = append(found, f.Name); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(found, ",") != "g1 renamed" {
		t.Errorf("bbox query at the new place finds %q", found)
	}
	n := changesetLabels(t, w)
	if n["Edit outside Corridor (insert)"] != 2 || n["Edit outside Corridor (update)"] != 1 || n["Edit outside Corridor (delete)"] != 1 {
		t.Fatalf("outside changesets: %v", n)
	}
	// Undo the delete: g2 is back as version 2.
	if _, err := w.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	g2 := featureByName(t, w, l.Table, "g2")
	if g2.Version != 2 || !uuidV4.MatchString(g2.UUID) {
		t.Fatalf("g2 after undo: version %d uuid %q", g2.Version, g2.UUID)
	}
	// Undo the update: g1 is back at its place as version 3.
	if _, err := w.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	g1 = featureByName(t, w, l.Table, "g1")
	if g1.Version != 3 {
		t.Fatalf("g1 after undo: version %d", g1.Version)
	}
	w.Close()
	ogrinfoAgrees(t, path, map[string]int{"Routes": 3})
}

// TestTriggersRunUnderTrustedSchemaOff runs the journal triggers in the
// sqlite3 command with trusted_schema=OFF, as a defensive client does: they
// call only functions SQLite deems innocuous. (The R*Tree triggers are
// dropped first: they call ST_ functions sqlite3 lacks, and sqlite3 3.40
// does not deem its own rtree module innocuous.)
func TestTriggersRunUnderTrustedSchemaOff(t *testing.T) {
	needTool(t, "sqlite3")
	ctx := context.Background()
	w, path := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Seizures", Kind: feature.KindInterdiction})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	tbl := quoteIdent(l.Table)
	var script strings.Builder
	for _, s := range []string{"insert", "update1", "update2", "update3", "update4", "delete"} {
		script.WriteString("DROP TRIGGER " + quoteIdent(rtreeName(l.Table)+"_"+s) + ";\n")
	}
	script.WriteString(`PRAGMA trusted_schema=OFF;
INSERT INTO ` + tbl + ` (name, commodity, quantity, notes, properties) VALUES ('S1', 'cocaine', 12.5, 'say "hi"\ back' || char(10) || 'line 2', '{"vessel":"go-fast"}');
UPDATE ` + tbl + ` SET quantity = 13 WHERE name = 'S1';
DELETE FROM ` + tbl + ` WHERE name = 'S1';
SELECT count(*) FROM corridor_history WHERE changeset IN (SELECT id FROM corridor_changesets WHERE label LIKE 'Edit outside%');
`)
	out, err := runSQLite3(t, path, false, script.String())
	if err != nil || strings.TrimSpace(out) != "3" {
		t.Fatalf("sqlite3 with trusted_schema=OFF: %v\n%s", err, out)
	}
	w, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	h, err := w.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	upd := h[len(h)-2]
	before, err := fromSnapshot(upd.Before)
	if err != nil {
		t.Fatalf("%v\n%s", err, upd.Before)
	}
	after, err := fromSnapshot(upd.After)
	if err != nil {
		t.Fatalf("%v\n%s", err, upd.After)
	}
	if before.Prop("quantity") != 12.5 || after.Prop("quantity") != 13.0 || after.Version != 2 || before.Version != 1 ||
		before.Prop("notes") != "say \"hi\"\\ back\nline 2" || before.Prop("vessel") != "go-fast" || before.Prop("commodity") != "cocaine" {
		t.Fatalf("snapshots: before %+v after %+v", before, after)
	}
}

// TestOutsideInsertWithEmptyUUID: a client that sends an empty string for an empty text
// field gets a generated uuid too, and two such inserts do not collide.
func TestOutsideInsertWithEmptyUUID(t *testing.T) {
	ctx := context.Background()
	w, _ := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Ports", Kind: feature.KindPort})
	for i := 0; i < 2; i++ {
		if _, err := w.DB().Exec(`INSERT INTO ` + quoteIdent(l.Table) + ` (uuid, name) VALUES ('', 'p')`); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := w.DB().Query(`SELECT uuid, version FROM ` + quoteIdent(l.Table))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v int
		rows.Scan(&id, &v)
		if !uuidV4.MatchString(id) || v != 1 {
			t.Errorf("uuid %q version %d", id, v)
		}
	}
}

// TestTriggerDDLMatchesSchema regenerates each layer's journal triggers
// from its columns, as a schema check does, and finds sqlite_master's text:
// for a layer created, one bulk-loaded, one upgraded from schema 1, and
// after another tool adds a column.
func TestTriggerDDLMatchesSchema(t *testing.T) {
	ctx := context.Background()
	check := func(w *Workspace, table string) {
		t.Helper()
		cols, err := tableColumns(ctx, w.DB(), table)
		if err != nil {
			t.Fatal(err)
		}
		want := featureTriggerDDL(table, cols)
		for i, name := range triggerNames(table) {
			var got string
			if err := w.DB().QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).Scan(&got); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got != want[i] {
				t.Errorf("%s differs from featureTriggerDDL:\n%s\n%s", name, got, want[i])
			}
		}
	}
	w, _ := newWorkspace(t)
	l, _ := w.CreateLayer(ctx, LayerSpec{Title: "Seizures", Kind: feature.KindInterdiction})
	check(w, l.Table)
	var bulk string
	if err := w.Bulk(ctx, func(b *Batch) error {
		var err error
		bulk, err = b.CreateLayer(LayerSpec{Title: "Areas", Kind: feature.KindPatrolArea})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	check(w, bulk)
	if _, err := w.DB().Exec(`ALTER TABLE ` + quoteIdent(l.Table) + ` ADD COLUMN vessel_name TEXT`); err != nil {
		t.Fatal(err)
	}
	check(w, l.Table)
	old, err := Open(copySchema1(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	check(old, "routes")
	check(old, "seizures")
}

// changesetLabels counts the workspace's changesets by label.
func changesetLabels(t *testing.T, w *Workspace) map[string]int {
	t.Helper()
	cs, err := w.Changesets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, c := range cs {
		n[c.Label]++
	}
	return n
}
