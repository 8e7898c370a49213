package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestLookAlikeTitles checks that a title cannot pass for another through
// invisible format characters or compatibility forms.
func TestLookAlikeTitles(t *testing.T) {
	for _, in := range []string{
		"Suspected routes",
		"Suspected\u200b routes",       // zero-width space
		"Suspected\u2060 rou\u200dtes", // word joiner, zero-width joiner
		"\u202eSuspected routes\u202c", // right-to-left override
		"\ufeffSuspected routes",       // byte order mark
		"Ｓｕｓｐｅｃｔｅｄ routes",             // full-width letters
		"Suspected\u00a0routes",        // no-break space
	} {
		if got := CleanTitle(in); got != "Suspected routes" {
			t.Errorf("CleanTitle(%q) = %q", in, got)
		}
	}
	w, err := Create(filepath.Join(t.TempDir(), "ws.gpkg"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx := context.Background()
	if _, err := w.CreateLayer(ctx, LayerSpec{Title: "Suspected routes"}); err != nil {
		t.Fatal(err)
	}
	_, err = w.CreateLayer(ctx, LayerSpec{Title: "Suspected\u200b rou\u202ctes"})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("a look-alike title was taken: %v", err)
	}
}
