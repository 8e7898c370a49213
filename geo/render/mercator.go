package render

import (
	"math"
	"sync"
)

// mercY is the Web Mercator ordinate of a latitude in degrees,
// ln(tan(π/4 + φ/2)) (positive north), for |lat| up to maxLatDeg,
// computed from a table by cubic Hermite interpolation: the table holds
// the function and its derivative (sec φ) every 1/64 degree, which makes
// the interpolation exact to about 1e-12 (a thousandth of a pixel at zoom
// 20) at a fraction of the cost of a logarithm.
func mercY(lat float64) float64 {
	mercOnce.Do(initMercTable)
	u := (lat + maxLatDeg) * mercStepsPerDeg
	i := int(u)
	if i >= len(mercTab)-1 {
		i = len(mercTab) - 2
	} else if i < 0 {
		i = 0
	}
	t := u - float64(i)
	a, b := mercTab[i], mercTab[i+1]
	// Hermite basis on [0, 1]; derivatives are per table step
	t2 := t * t
	t3 := t2 * t
	h01 := 3*t2 - 2*t3
	return a.m + h01*(b.m-a.m) + (t3-2*t2+t)*a.d + (t3-t2)*b.d
}

const (
	maxLatDeg       = 85.05112877980659
	maxLatRad       = maxLatDeg * math.Pi / 180
	mercStepsPerDeg = 64
)

type mercNode struct{ m, d float64 }

var (
	mercOnce sync.Once
	mercTab  []mercNode
)

func initMercTable() {
	n := int(math.Ceil(2*maxLatDeg*mercStepsPerDeg)) + 2
	tab := make([]mercNode, n)
	for i := range tab {
		lat := float64(i)/mercStepsPerDeg - maxLatDeg
		phi := lat * math.Pi / 180
		tab[i] = mercNode{
			m: mercExact(phi),
			d: 1 / math.Cos(phi) * math.Pi / 180 / mercStepsPerDeg,
		}
	}
	mercTab = tab
}

// mercExact is ln(tan(π/4 + φ/2)) for φ in radians.
func mercExact(phi float64) float64 {
	s := math.Sin(phi)
	return math.Log((1+s)/(1-s)) / 2
}
