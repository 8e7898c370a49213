package render

import (
	"image"
	"math"
	"math/rand/v2"

	"github.com/twpayne/go-geom"
)

// syntheticRoutes builds n deterministic correlated random-walk routes of
// v vertices each across the Americas (lon -125..-35, lat -50..50). Each
// step is about 0.02 degrees (about 2 km) with a slowly turning heading, so
// a route runs some 1,500 to 2,000 km, like a real trafficking route.
func syntheticRoutes(seed uint64, n, v int) *MemSource {
	rng := rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))
	src := &MemSource{}
	for r := 0; r < n; r++ {
		lon := -125 + rng.Float64()*90
		lat := -50 + rng.Float64()*100
		heading := rng.Float64() * 2 * math.Pi
		flat := make([]float64, 0, 2*v)
		for i := 0; i < v; i++ {
			flat = append(flat, lon, lat)
			heading += rng.NormFloat64() * 0.06
			step := 0.015 + rng.Float64()*0.01
			lon += step * math.Cos(heading)
			lat += step * math.Sin(heading)
			if lat > 60 || lat < -58 {
				heading = -heading
			}
		}
		ls := geom.NewLineStringFlat(geom.XY, flat)
		src.Add(&Feature{ID: int64(r + 1), Geom: ls, Label: routeName(r)})
	}
	return src
}

func routeName(i int) string {
	names := []string{"Pacific", "Caribbean", "Andean", "Gulf", "Atlantic", "Isthmus"}
	return names[i%len(names)] + " " + string(rune('A'+i/len(names)%26)) + "-" + itoa(i)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	return string(b)
}

func newRGBA(w, h int) *image.RGBA { return image.NewRGBA(image.Rect(0, 0, w, h)) }
