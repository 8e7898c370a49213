package measure

import (
	"math"

	"github.com/twpayne/go-geom"
)

// Locate returns, for the point of line nearest to (lon, lat), its measure
// (geodesic distance along the line from its first vertex, in metres) and its
// geodesic distance to (lon, lat) in metres. For a line without points it
// returns (0, +Inf).
//
// Candidate segments are found on the sphere (exact nearest point on each
// great-circle arc); the nearest ones are then refined on the ellipsoid by a
// golden-section search along the geodesic, so the result is accurate to a few
// millimetres and consistent with PointAt.
func Locate(line *geom.LineString, lon, lat float64) (measureM, distToLineM float64) {
	if line == nil || line.NumCoords() == 0 {
		return 0, math.Inf(1)
	}
	flat, stride := line.FlatCoords(), line.Stride()
	n := len(flat) / stride
	if n == 1 {
		return 0, Distance(flat[0], flat[1], lon, lat)
	}
	q := unitVec(lon, lat)
	// Spherical distance (radians) to each segment, to pick candidates.
	sph := make([]float64, n-1)
	best := math.Inf(1)
	for i := 0; i < n-1; i++ {
		a := unitVec(flat[i*stride], flat[i*stride+1])
		b := unitVec(flat[(i+1)*stride], flat[(i+1)*stride+1])
		sph[i] = arcDistance(q, a, b)
		best = math.Min(best, sph[i])
	}
	// Sphere and ellipsoid distances differ by under 0.6%; keep every segment
	// that could still be the nearest on the ellipsoid.
	limit := best*1.007 + 100/MeanRadius
	measureM, distToLineM = 0, math.Inf(1)
	cum := 0.0
	for i := 0; i < n-1; i++ {
		lon1, lat1 := flat[i*stride], flat[i*stride+1]
		lon2, lat2 := flat[(i+1)*stride], flat[(i+1)*stride+1]
		segLen := Distance(lon1, lat1, lon2, lat2)
		if sph[i] <= limit {
			s, d := nearestOnSegment(lon1, lat1, lon2, lat2, segLen, lon, lat)
			if d < distToLineM {
				measureM, distToLineM = cum+s, d
			}
		}
		cum += segLen
	}
	return measureM, distToLineM
}

// PointAt returns the point of line at measure measureM metres from its first
// vertex along the geodesics joining its vertices. Measures below 0 give the
// first vertex and measures beyond the line's length the last. For a line
// without points it returns (NaN, NaN).
func PointAt(line *geom.LineString, measureM float64) (lon, lat float64) {
	if line == nil || line.NumCoords() == 0 {
		return math.NaN(), math.NaN()
	}
	flat, stride := line.FlatCoords(), line.Stride()
	n := len(flat) / stride
	if measureM <= 0 || math.IsNaN(measureM) {
		return flat[0], flat[1]
	}
	cum := 0.0
	for i := 0; i < n-1; i++ {
		lon1, lat1 := flat[i*stride], flat[i*stride+1]
		lon2, lat2 := flat[(i+1)*stride], flat[(i+1)*stride+1]
		segLen := Distance(lon1, lat1, lon2, lat2)
		if measureM <= cum+segLen {
			return along(lon1, lat1, lon2, lat2, measureM-cum)
		}
		cum += segLen
	}
	return flat[(n-1)*stride], flat[(n-1)*stride+1]
}

// along returns the point s metres from (lon1, lat1) on the geodesic towards
// (lon2, lat2).
func along(lon1, lat1, lon2, lat2, s float64) (float64, float64) {
	if s <= 0 {
		return lon1, lat1
	}
	return Destination(lon1, lat1, Bearing(lon1, lat1, lon2, lat2), s)
}

// nearestOnSegment finds, by golden-section search, the distance s along the
// geodesic segment (of length segLen) of the point nearest to (lon, lat), and
// that point's distance d to it.
func nearestOnSegment(lon1, lat1, lon2, lat2, segLen, lon, lat float64) (s, d float64) {
	if segLen == 0 {
		return 0, Distance(lon1, lat1, lon, lat)
	}
	az := Bearing(lon1, lat1, lon2, lat2)
	dist := func(s float64) float64 {
		x, y := Destination(lon1, lat1, az, s)
		return Distance(x, y, lon, lat)
	}
	const invPhi = 0.6180339887498949
	lo, hi := 0.0, segLen
	c := hi - invPhi*(hi-lo)
	e := lo + invPhi*(hi-lo)
	fc, fe := dist(c), dist(e)
	for hi-lo > 1e-3 {
		if fc < fe {
			hi, e, fe = e, c, fc
			c = hi - invPhi*(hi-lo)
			fc = dist(c)
		} else {
			lo, c, fc = c, e, fe
			e = lo + invPhi*(hi-lo)
			fe = dist(e)
		}
	}
	s = (lo + hi) / 2
	d = dist(s)
	// The search cannot reach the ends exactly; check them.
	if d0 := Distance(lon1, lat1, lon, lat); d0 <= d {
		s, d = 0, d0
	}
	if d1 := Distance(lon2, lat2, lon, lat); d1 < d {
		s, d = segLen, d1
	}
	return s, d
}

type vec3 [3]float64

func unitVec(lon, lat float64) vec3 {
	sl, cl := math.Sincos(lon * deg)
	sp, cp := math.Sincos(lat * deg)
	return vec3{cp * cl, cp * sl, sp}
}

func dot(a, b vec3) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

func cross(a, b vec3) vec3 {
	return vec3{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

// angle is the angle in radians between two unit vectors.
func angle(a, b vec3) float64 {
	return math.Atan2(math.Sqrt(dot(cross(a, b), cross(a, b))), dot(a, b))
}

// arcDistance is the angular distance from q to the minor great-circle arc ab.
func arcDistance(q, a, b vec3) float64 {
	nrm := cross(a, b)
	l := math.Sqrt(dot(nrm, nrm))
	if l < 1e-15 {
		return angle(q, a)
	}
	nrm = vec3{nrm[0] / l, nrm[1] / l, nrm[2] / l}
	h := dot(q, nrm)
	p := vec3{q[0] - h*nrm[0], q[1] - h*nrm[1], q[2] - h*nrm[2]}
	if dot(cross(a, p), nrm) >= 0 && dot(cross(p, b), nrm) >= 0 {
		return math.Abs(math.Asin(math.Max(-1, math.Min(1, h))))
	}
	return math.Min(angle(q, a), angle(q, b))
}
