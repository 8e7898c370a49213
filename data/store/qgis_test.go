package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"corridor/data/feature"
)

// qgisEdit adds a feature with only a name, moves "Miami" and deletes
// "Savannah" through QGIS's own OGR data provider, as a QGIS user's edit
// session saves them.
const qgisEdit = `
import sys
from qgis.core import QgsApplication, QgsVectorLayer, QgsFeature, QgsGeometry, QgsPointXY
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
lyr = QgsVectorLayer(sys.argv[1] + "|layername=" + sys.argv[2], "l", "ogr")
assert lyr.isValid(), "layer not valid"
print("wkbtype", lyr.wkbType())
pr = lyr.dataProvider()
f = QgsFeature(lyr.fields())
f.setAttribute("name", "QGIS port")
f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(-60.0, 15.0)))
ok, _ = pr.addFeatures([f])
assert ok, pr.lastError()
miami = [x for x in lyr.getFeatures() if x["name"] == "Miami"][0]
assert pr.changeGeometryValues({miami.id(): QgsGeometry.fromPointXY(QgsPointXY(-81.5, 26.5))})
sav = [x for x in lyr.getFeatures() if x["name"] == "Savannah"][0]
assert pr.deleteFeatures([sav.id()])
print("edited")
`

// TestOutsideEditsByQGIS edits a workspace through QGIS (Debian's
// python3-qgis; skipped where it is not installed) and checks what issue
// 18 found broken: the insert with empty uuid and version, the moved
// feature's version, stamps, index and journal, the layer's 2D type, and
// that Corridor's undo reverts QGIS's edit.
func TestOutsideEditsByQGIS(t *testing.T) {
	if exec.Command("/usr/bin/python3", "-c", "import qgis.core").Run() != nil {
		t.Skip("python3-qgis not installed")
	}
	ctx := context.Background()
	w, path := newWorkspace(t)
	l, err := w.CreateLayer(ctx, LayerSpec{Title: "Ports", Kind: feature.KindPort})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*feature.Feature{{Name: "Miami", Geometry: pt(-80.2, 25.8)}, {Name: "Savannah", Geometry: pt(-81.1, 32.1)}} {
		if err := w.AddFeature(ctx, l.Table, f); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	script := filepath.Join(t.TempDir(), "edit.py")
	if err := os.WriteFile(script, []byte(qgisEdit), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/bin/python3", script, path, l.Table)
	cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "edited") {
		t.Fatalf("QGIS edit: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "wkbtype 1\n") { // Point, not PointZ
		t.Errorf("QGIS types the 2D layer as %s", out)
	}
	w, err = Open(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	added := featureByName(t, w, l.Table, "QGIS port")
	if !uuidV4.MatchString(added.UUID) || added.Version != 1 {
		t.Errorf("added in QGIS: uuid %q version %d", added.UUID, added.Version)
	}
	checkStamps(t, w, l.Table, added.UUID)
	miami := featureByName(t, w, l.Table, "Miami")
	if miami.Version != 2 {
		t.Errorf("moved in QGIS: version %d, want 2", miami.Version)
	}
	checkStamps(t, w, l.Table, miami.UUID)
	var found []string
	if err := w.Query(ctx, l.Table, Bounds{-82, 26, -81, 27}, func(f *feature.Feature) error { found = append(found, f.Name); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(found, ",") != "Miami" {
		t.Errorf("bbox query at Miami's new place finds %q", found)
	}
	n := changesetLabels(t, w)
	if n["Edit outside Corridor (insert)"] != 1 || n["Edit outside Corridor (update)"] < 1 || n["Edit outside Corridor (delete)"] != 1 {
		t.Fatalf("QGIS's edits in the journal: %v", n)
	}
	// undo the delete, then the move: Savannah is back, Miami where it was
	if _, err := w.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if sav := featureByName(t, w, l.Table, "Savannah"); sav.Version != 2 {
		t.Errorf("Savannah after undo: version %d, want 2", sav.Version)
	}
	if _, err := w.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	miami = featureByName(t, w, l.Table, "Miami")
	if p := miami.Geometry.FlatCoords(); miami.Version != 3 || p[0] != -80.2 || p[1] != 25.8 {
		t.Errorf("Miami after undo: version %d at %v", miami.Version, p)
	}
}
