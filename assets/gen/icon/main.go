// Command icon draws Corridor's application icon, assets/icon.png: a dark-blue
// rounded square with a faint graticule, a white route line across it and a
// red map marker on the route. It is drawn with golang.org/x/image/vector, so
// the output is the same on every machine.
//
// Usage, from the repository root:
//
//	go run ./assets/gen/icon -out assets/icon.png
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"

	"golang.org/x/image/vector"
)

const size = 256

func main() {
	out := flag.String("out", "assets/icon.png", "output PNG file")
	flag.Parse()
	var buf bytes.Buffer
	if err := png.Encode(&buf, drawIcon()); err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
}

type pt struct{ x, y float64 }

// drawIcon composes the icon layer by layer.
func drawIcon() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))

	// Background: rounded square with a vertical gradient, clipped by a mask.
	mask := fillMask(roundedRect(8, 8, 248, 248, 48))
	bg := image.NewRGBA(img.Bounds())
	top, bottom := color.RGBA{0x1b, 0x4f, 0x8a, 0xff}, color.RGBA{0x0a, 0x1f, 0x3d, 0xff}
	for y := 0; y < size; y++ {
		t := float64(y) / (size - 1)
		c := color.RGBA{lerp(top.R, bottom.R, t), lerp(top.G, bottom.G, t), lerp(top.B, bottom.B, t), 0xff}
		draw.Draw(bg, image.Rect(0, y, size, y+1), image.NewUniform(c), image.Point{}, draw.Src)
	}
	draw.DrawMask(img, img.Bounds(), bg, image.Point{}, mask, image.Point{}, draw.Over)

	// Graticule: faint lines, clipped to the background.
	grid := image.NewAlpha(img.Bounds())
	for _, v := range []float64{64, 128, 192} {
		fillInto(grid, rect(v-1, 8, v+1, 248))
		fillInto(grid, rect(8, v-1, 248, v+1))
	}
	gridMasked := image.NewAlpha(img.Bounds())
	draw.DrawMask(gridMasked, img.Bounds(), grid, image.Point{}, mask, image.Point{}, draw.Src)
	draw.DrawMask(img, img.Bounds(), image.NewUniform(color.RGBA{0xff, 0xff, 0xff, 0x26}), image.Point{}, gridMasked, image.Point{}, draw.Over)

	// Coast: a pale land mass in the lower left, like a shoreline.
	land := []pt{{8, 150}, {40, 140}, {62, 156}, {84, 150}, {100, 172}, {96, 200}, {120, 222}, {118, 248}, {8, 248}}
	landMask := image.NewAlpha(img.Bounds())
	draw.DrawMask(landMask, img.Bounds(), fillMask(land), image.Point{}, mask, image.Point{}, draw.Src)
	draw.DrawMask(img, img.Bounds(), image.NewUniform(color.RGBA{0x3d, 0x7a, 0x5a, 0xff}), image.Point{}, landMask, image.Point{}, draw.Over)

	// Route: a white line with a dark casing, from bottom left to top right.
	route := []pt{{46, 206}, {92, 178}, {118, 128}, {170, 112}, {206, 60}}
	paint(img, strokeMask(route, 26), color.RGBA{0x06, 0x14, 0x2a, 0x90})
	paint(img, strokeMask(route, 16), color.RGBA{0xff, 0xff, 0xff, 0xff})
	for _, p := range []pt{route[0], route[len(route)-1]} {
		paint(img, fillMask(circle(p.x, p.y, 15, 48)), color.RGBA{0xff, 0xff, 0xff, 0xff})
		paint(img, fillMask(circle(p.x, p.y, 7, 32)), color.RGBA{0x13, 0x31, 0x5c, 0xff})
	}

	// Marker: a red pin whose tip sits on the route.
	tip := pt{118, 128}
	paint(img, fillMask(pin(tip.x+3, tip.y+3, 30)), color.RGBA{0x00, 0x00, 0x00, 0x50})
	paint(img, fillMask(pin(tip.x, tip.y, 30)), color.RGBA{0xe6, 0x39, 0x46, 0xff})
	paint(img, fillMask(circle(tip.x, tip.y-56, 11, 40)), color.RGBA{0xff, 0xff, 0xff, 0xff})
	return img
}

func lerp(a, b uint8, t float64) uint8 {
	return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t))
}

// paint fills img with c through mask.
func paint(img *image.RGBA, mask *image.Alpha, c color.Color) {
	draw.DrawMask(img, img.Bounds(), image.NewUniform(c), image.Point{}, mask, image.Point{}, draw.Over)
}

// fillMask rasterizes one closed polygon into an anti-aliased mask.
func fillMask(poly []pt) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, size, size))
	fillInto(m, poly)
	return m
}

// fillInto adds a polygon's coverage to m.
func fillInto(m *image.Alpha, poly []pt) {
	r := vector.NewRasterizer(size, size)
	r.MoveTo(float32(poly[0].x), float32(poly[0].y))
	for _, p := range poly[1:] {
		r.LineTo(float32(p.x), float32(p.y))
	}
	r.ClosePath()
	tmp := image.NewAlpha(m.Bounds())
	r.Draw(tmp, tmp.Bounds(), image.Opaque, image.Point{})
	draw.Draw(m, m.Bounds(), tmp, image.Point{}, draw.Over)
}

// strokeMask is a polyline of the given width with round joins and caps.
func strokeMask(line []pt, width float64) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, size, size))
	h := width / 2
	for i := 0; i+1 < len(line); i++ {
		a, b := line[i], line[i+1]
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		nx, ny := -dy/l*h, dx/l*h
		fillInto(m, []pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}})
	}
	for _, p := range line {
		fillInto(m, circle(p.x, p.y, h, 40))
	}
	return m
}

func rect(x0, y0, x1, y1 float64) []pt { return []pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} }

func circle(cx, cy, r float64, n int) []pt {
	out := make([]pt, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(n)
		out[i] = pt{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	return out
}

// roundedRect is a rectangle with corners of radius r.
func roundedRect(x0, y0, x1, y1, r float64) []pt {
	var out []pt
	corners := []struct{ cx, cy, start float64 }{
		{x1 - r, y0 + r, -math.Pi / 2}, {x1 - r, y1 - r, 0}, {x0 + r, y1 - r, math.Pi / 2}, {x0 + r, y0 + r, math.Pi},
	}
	for _, c := range corners {
		for i := 0; i <= 16; i++ {
			a := c.start + math.Pi/2*float64(i)/16
			out = append(out, pt{c.cx + r*math.Cos(a), c.cy + r*math.Sin(a)})
		}
	}
	return out
}

// pin is a map marker of head radius r whose tip is at (tx, ty): a circle
// above the tip joined to it by the two tangents from the tip.
func pin(tx, ty, r float64) []pt {
	cx, cy := tx, ty-2*r+4 // head centre
	// phi is the angle, at the centre, between "down" and each tangent point.
	phi := math.Acos(r / (ty - cy))
	out := []pt{{tx, ty}}
	for i := 0; i <= 48; i++ {
		// From the right tangent point over the top to the left one.
		t := math.Pi/2 - phi - (2*math.Pi-2*phi)*float64(i)/48
		out = append(out, pt{cx + r*math.Cos(t), cy + r*math.Sin(t)})
	}
	return out
}
