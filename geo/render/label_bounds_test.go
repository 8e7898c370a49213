package render

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"corridor/geo/style"
	"corridor/geo/viewport"

	"github.com/twpayne/go-geom"
)

func TestClipLabel(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int // runes
		cut  bool
	}{
		{"", 0, false},
		{"Colón", 5, false},
		{strings.Repeat("é", maxLabelRunes), maxLabelRunes, false},
		{strings.Repeat("a", maxLabelRunes+1), maxLabelRunes, true},
		{strings.Repeat("日本", 5000), maxLabelRunes, true},
	} {
		got := clipLabel(tc.in)
		if n := utf8.RuneCountInString(got); n != tc.want || strings.HasSuffix(got, "…") != tc.cut || !utf8.ValidString(got) {
			t.Errorf("clipLabel(%d runes) = %d runes %q…, want %d, cut %v", utf8.RuneCountInString(tc.in), n, got[:min(len(got), 12)], tc.want, tc.cut)
		}
	}
}

// TestHugeLabelBounded renders a point, a line, an area and an annotation
// whose names are 10 MB each: the frame must cost about what it costs
// with short names (a 60 MB name once asked for a 23.6 GB sprite).
func TestHugeLabelBounded(t *testing.T) {
	huge := strings.Repeat("Operación Puerto Escondido ", 10<<20/27)
	scene := func(name string) []Layer {
		return []Layer{
			layer("patrol", style.KindPatrolArea, "", poly(1, name, []float64{-81, 6.6, -79.2, 6.6, -79.2, 7.6, -81, 7.6, -81, 6.6})),
			layer("route", style.KindRoute, "", line(1, name, -82.5, 7.9, -80.8, 8.1, -79.4, 8.7, -78.2, 9.1, -76.6, 9.0)),
			layer("ports", style.KindPort, "", point(1, name, -79.9, 9.35)),
			layer("notes", style.KindAnnotation, "", &Feature{ID: 1, Text: name, Geom: geom.NewPointFlat(geom.XY, []float64{-78.6, 7.4})}),
		}
	}
	vp := viewport.New(-79.6, 8.2, 7, 400, 300)
	cost := func(name string) (uint64, time.Duration) {
		layers := scene(name)
		r := New(Options{TileCacheBytes: -1})
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		if _, err := r.Render(context.Background(), vp, layers); err != nil {
			t.Fatal(err)
		}
		d := time.Since(start)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, d
	}
	cost("warm up")
	shortBytes, shortTime := cost("Operación Puerto Escondido")
	hugeBytes, hugeTime := cost(huge)
	t.Logf("short names: %d KB, %v; 10 MB names: %d KB, %v", shortBytes>>10, shortTime, hugeBytes>>10, hugeTime)
	if hugeBytes > shortBytes+4<<20 {
		t.Errorf("10 MB names cost %d KB, short ones %d KB: want at most 4 MB more", hugeBytes>>10, shortBytes>>10)
	}
	if hugeTime > 2*time.Second+4*shortTime {
		t.Errorf("10 MB names took %v, short ones %v", hugeTime, shortTime)
	}
}
