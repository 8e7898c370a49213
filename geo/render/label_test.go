package render

import (
	"context"
	"image"
	"strings"
	"testing"

	"corridor/geo/style"
	"corridor/geo/viewport"
)

func TestWrapText(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"short", []string{"short"}},
		{"Clandestine air drops to waiting boats reported here (illustrative)",
			[]string{"Clandestine air drops to", "waiting boats reported here", "(illustrative)"}},
		{"a\nb c", []string{"a", "b c"}},
		{"Supercalifragilisticexpialidocious-and-more word", []string{"Supercalifragilisticexpialidocious-and-more", "word"}},
	}
	for _, tt := range tests {
		got := wrapText(tt.in, annotationWrap)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, l := range got {
			if len([]rune(l)) > annotationWrap && !strings.Contains(tt.in, l) {
				t.Errorf("line %q too long", l)
			}
		}
	}
}

// Annotations at one crowded point take different places, with leaders.
func TestAnnotationsAvoidEachOther(t *testing.T) {
	r := New(Options{})
	img := image.NewRGBA(image.Rect(0, 0, 640, 420))
	fr := r.newFrame(context.Background(), img, view{s: 1, world: 1e6, k: 1}, r.cache.stamp())
	defer r.release(fr)
	ls := newLayerState(&Layer{Kind: style.KindAnnotation, Style: style.Default(style.KindAnnotation)}, 1)
	texts := []string{
		"Clandestine air drops to waiting boats reported here (illustrative)",
		"Container contamination risk at transhipment hub (illustrative)",
		"Go-fast boats refuel here (illustrative)",
		"Semi-submersibles reported on this leg (illustrative)",
	}
	var boxes []box
	for i, s := range texts {
		c := labelCand{text: s, x: 320, y: 210, place: placeAnnotation, ts: ls.labelTS, leadHW: 0.5, leadColour: [4]uint8{51, 51, 51, 255}, id: int64(i)}
		b, ok := fr.placeAnnotation(&c)
		if !ok {
			t.Fatalf("%q not placed", s)
		}
		if w := b.x1 - b.x0; w > 260 {
			t.Errorf("%q is %v px wide: not wrapped", s, w)
		}
		boxes = append(boxes, b)
	}
	for i := range boxes {
		for j := i + 1; j < len(boxes); j++ {
			if boxes[i].hits(boxes[j]) {
				t.Errorf("annotations %d and %d overlap: %v %v", i, j, boxes[i], boxes[j])
			}
		}
	}
}

// Line labels follow their line but never read upside down.
func TestLineLabelsUpright(t *testing.T) {
	r := New(Options{})
	l := layer("r", style.KindRoute, "",
		line(1, "Westbound", -76, 9.6, -83, 8.2),
		line(2, "Southbound", -77.5, 12, -78.5, 5.5),
		line(3, "Northeast", -83, 5.6, -79, 7.6))
	if _, err := r.Render(context.Background(), viewport.New(-79.5, 8.5, 6.6, 640, 480), []Layer{l}); err != nil {
		t.Fatal(err)
	}
	if len(r.text.rotated) == 0 {
		t.Fatal("no label was rotated along its line")
	}
	for k := range r.text.rotated {
		if k.deg < -90 || k.deg > 90 {
			t.Errorf("%q drawn at %d degrees: upside down", k.text, k.deg)
		}
	}
}

// Borders carry no labels by default.
func TestBorderLabelsOff(t *testing.T) {
	vp := viewport.New(-79.5, 8.5, 7, 300, 200)
	plain := layer("b", style.KindBorder, "", line(1, "", -81, 8.5, -78, 8.5))
	named := layer("b", style.KindBorder, "", line(1, "Panama – Colombia", -81, 8.5, -78, 8.5))
	a, err := New(Options{}).Render(context.Background(), vp, []Layer{plain})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Options{}).Render(context.Background(), vp, []Layer{named})
	if err != nil {
		t.Fatal(err)
	}
	if n := pixelsOff(a, b, 0); n != 0 {
		t.Fatalf("a border's name changed %d pixels", n)
	}
}
