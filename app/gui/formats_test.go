package gui

import (
	"slices"
	"testing"

	"corridor/data/formats"
)

// TestDialogsListFormats checks that the import dialog's filter holds
// every extension a registered format reads, and the export dialog every
// format that writes.
func TestDialogsListFormats(t *testing.T) {
	for _, e := range formats.Extensions(formats.CanRead) {
		if !slices.Contains(importExts, e) {
			t.Errorf("the import filter %v lacks %s", importExts, e)
		}
	}
	for _, f := range formats.All() {
		if f.Abilities&formats.CanWrite == 0 {
			continue
		}
		want := f.Name + " (" + f.Extensions[0] + ")"
		if !slices.Contains(exportFormats, want) {
			t.Errorf("the export formats %v lack %s", exportFormats, want)
		}
		if formatExt(want) != f.Extensions[0] {
			t.Errorf("formatExt(%q) = %q", want, formatExt(want))
		}
	}
	if len(exportFormats) == 0 || exportFormats[0] != "GeoJSON (.geojson)" {
		t.Errorf("export formats %v: want GeoJSON first (the dialog's default)", exportFormats)
	}
}
