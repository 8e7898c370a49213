package render

import (
	"context"
	"fmt"
	"image"
	"testing"
)

// BenchmarkRotatedLabels sets 105 route labels at assorted angles with a
// cold text cache, as the first frame of a fresh process does: the label
// pass's sprites made on the frame's workers, then drawn in order.
func BenchmarkRotatedLabels(b *testing.B) {
	ts := textStyle{size: 11, bold: true, color: [4]uint8{40, 40, 40, 255}, halo: [4]uint8{255, 255, 255, 230}, haloWidth: 1.5, opacity: 1}
	texts := make([]string, 105)
	for i := range texts {
		texts[i] = fmt.Sprintf("Route %c%c-%d Corridor", 'A'+i%26, 'a'+i*7%26, i)
	}
	dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	r := New(Options{})
	r.text.measure("warm", ts) // parse the fonts once
	b.ResetTimer()
	for range b.N {
		r.text = newTextCache()
		fr := r.newFrame(context.Background(), dst, view{k: 1}, 0)
		for i, s := range texts {
			deg := i*37%180 - 90
			if deg == 0 {
				deg = 5
			}
			fr.queueRotated(s, float64(100+i*17%1700), float64(100+i*29%900), deg, ts)
		}
		if err := fr.paintLabels(nil); err != nil {
			b.Fatal(err)
		}
		r.release(fr)
	}
}
