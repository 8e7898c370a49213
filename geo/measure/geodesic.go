package measure

import "math"

// WGS84 ellipsoid.
const (
	// SemiMajorAxis is the WGS84 equatorial radius a, in metres.
	SemiMajorAxis = 6378137.0
	// Flattening is the WGS84 flattening f.
	Flattening = 1 / 298.257223563
	// SemiMinorAxis is the WGS84 polar radius b = a(1-f), in metres.
	SemiMinorAxis = SemiMajorAxis * (1 - Flattening)
	// MeanRadius is the IUGG mean radius R1 = (2a+b)/3, in metres, used by the
	// haversine fallback.
	MeanRadius = (2*SemiMajorAxis + SemiMinorAxis) / 3
)

const (
	deg = math.Pi / 180
	// vincentyTol is the convergence threshold on lambda (radians), ~0.06 mm.
	vincentyTol = 1e-12
	// vincentyMaxIter bounds Vincenty's iterations; beyond it the pair is
	// treated as nearly antipodal.
	vincentyMaxIter = 200
)

// Distance returns the geodesic distance in metres between (lon1, lat1) and
// (lon2, lat2) on the WGS84 ellipsoid.
func Distance(lon1, lat1, lon2, lat2 float64) float64 {
	d, _, ok := vincentyInverse(lon1, lat1, lon2, lat2)
	if !ok {
		return haversine(lon1, lat1, lon2, lat2)
	}
	return d
}

// Bearing returns the initial bearing (forward azimuth) in degrees clockwise
// from true north, in [0, 360), of the geodesic from (lon1, lat1) to
// (lon2, lat2). It is 0 for coincident points.
func Bearing(lon1, lat1, lon2, lat2 float64) float64 {
	_, az, ok := vincentyInverse(lon1, lat1, lon2, lat2)
	if !ok {
		az = sphericalBearing(lon1, lat1, lon2, lat2)
	}
	return normDeg(az)
}

// Destination returns the point reached from (lon, lat) by following the
// geodesic of initial bearing bearingDeg (degrees from north) for dist metres,
// by Vincenty's direct formula. The longitude is normalised to [-180, 180].
func Destination(lon, lat, bearingDeg, dist float64) (lon2, lat2 float64) {
	if dist == 0 {
		return lon, lat
	}
	const f, a, b = Flattening, SemiMajorAxis, SemiMinorAxis
	alpha1 := bearingDeg * deg
	sinA1, cosA1 := math.Sincos(alpha1)
	tanU1 := (1 - f) * math.Tan(lat*deg)
	cosU1 := 1 / math.Sqrt(1+tanU1*tanU1)
	sinU1 := tanU1 * cosU1
	sigma1 := math.Atan2(tanU1, cosA1)
	sinAlpha := cosU1 * sinA1
	cosSqAlpha := 1 - sinAlpha*sinAlpha
	uSq := cosSqAlpha * (a*a - b*b) / (b * b)
	bigA := 1 + uSq/16384*(4096+uSq*(-768+uSq*(320-175*uSq)))
	bigB := uSq / 1024 * (256 + uSq*(-128+uSq*(74-47*uSq)))

	sigma := dist / (b * bigA)
	var sinSigma, cosSigma, cos2SigmaM float64
	for i := 0; i < vincentyMaxIter; i++ {
		cos2SigmaM = math.Cos(2*sigma1 + sigma)
		sinSigma, cosSigma = math.Sincos(sigma)
		deltaSigma := bigB * sinSigma * (cos2SigmaM + bigB/4*(cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)-
			bigB/6*cos2SigmaM*(-3+4*sinSigma*sinSigma)*(-3+4*cos2SigmaM*cos2SigmaM)))
		prev := sigma
		sigma = dist/(b*bigA) + deltaSigma
		if math.Abs(sigma-prev) < vincentyTol {
			break
		}
	}
	cos2SigmaM = math.Cos(2*sigma1 + sigma)
	sinSigma, cosSigma = math.Sincos(sigma)
	tmp := sinU1*sinSigma - cosU1*cosSigma*cosA1
	phi2 := math.Atan2(sinU1*cosSigma+cosU1*sinSigma*cosA1, (1-f)*math.Sqrt(sinAlpha*sinAlpha+tmp*tmp))
	lambda := math.Atan2(sinSigma*sinA1, cosU1*cosSigma-sinU1*sinSigma*cosA1)
	c := f / 16 * cosSqAlpha * (4 + f*(4-3*cosSqAlpha))
	l := lambda - (1-c)*f*sinAlpha*(sigma+c*sinSigma*(cos2SigmaM+c*cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)))
	return normLon(lon + l/deg), phi2 / deg
}

// vincentyInverse returns the distance and initial azimuth (degrees) between
// two points; ok is false when the iteration does not converge.
func vincentyInverse(lon1, lat1, lon2, lat2 float64) (dist, azDeg float64, ok bool) {
	const f, a, b = Flattening, SemiMajorAxis, SemiMinorAxis
	if lon1 == lon2 && lat1 == lat2 {
		return 0, 0, true
	}
	l := (lon2 - lon1) * deg
	u1 := math.Atan((1 - f) * math.Tan(lat1*deg))
	u2 := math.Atan((1 - f) * math.Tan(lat2*deg))
	sinU1, cosU1 := math.Sincos(u1)
	sinU2, cosU2 := math.Sincos(u2)

	lambda := l
	var sinLambda, cosLambda, sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM float64
	converged := false
	for i := 0; i < vincentyMaxIter; i++ {
		sinLambda, cosLambda = math.Sincos(lambda)
		t1 := cosU2 * sinLambda
		t2 := cosU1*sinU2 - sinU1*cosU2*cosLambda
		sinSigma = math.Sqrt(t1*t1 + t2*t2)
		if sinSigma == 0 {
			return 0, 0, true // coincident points
		}
		cosSigma = sinU1*sinU2 + cosU1*cosU2*cosLambda
		sigma = math.Atan2(sinSigma, cosSigma)
		sinAlpha := cosU1 * cosU2 * sinLambda / sinSigma
		cosSqAlpha = 1 - sinAlpha*sinAlpha
		if cosSqAlpha != 0 {
			cos2SigmaM = cosSigma - 2*sinU1*sinU2/cosSqAlpha
		} else {
			cos2SigmaM = 0 // equatorial line
		}
		c := f / 16 * cosSqAlpha * (4 + f*(4-3*cosSqAlpha))
		prev := lambda
		lambda = l + (1-c)*f*sinAlpha*(sigma+c*sinSigma*(cos2SigmaM+c*cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)))
		if math.Abs(lambda) > math.Pi+1e-9 && math.Abs(l) <= math.Pi {
			return 0, 0, false // diverging: nearly antipodal
		}
		if math.Abs(lambda-prev) < vincentyTol {
			converged = true
			break
		}
	}
	if !converged || math.IsNaN(lambda) {
		return 0, 0, false
	}
	uSq := cosSqAlpha * (a*a - b*b) / (b * b)
	bigA := 1 + uSq/16384*(4096+uSq*(-768+uSq*(320-175*uSq)))
	bigB := uSq / 1024 * (256 + uSq*(-128+uSq*(74-47*uSq)))
	deltaSigma := bigB * sinSigma * (cos2SigmaM + bigB/4*(cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)-
		bigB/6*cos2SigmaM*(-3+4*sinSigma*sinSigma)*(-3+4*cos2SigmaM*cos2SigmaM)))
	dist = b * bigA * (sigma - deltaSigma)
	sinLambda, cosLambda = math.Sincos(lambda)
	az := math.Atan2(cosU2*sinLambda, cosU1*sinU2-sinU1*cosU2*cosLambda)
	return dist, az / deg, true
}

// haversine is the great-circle distance on the mean sphere.
func haversine(lon1, lat1, lon2, lat2 float64) float64 {
	p1, p2 := lat1*deg, lat2*deg
	dp, dl := p2-p1, (lon2-lon1)*deg
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * MeanRadius * math.Asin(math.Min(1, math.Sqrt(h)))
}

// sphericalBearing is the great-circle initial bearing in degrees.
func sphericalBearing(lon1, lat1, lon2, lat2 float64) float64 {
	p1, p2 := lat1*deg, lat2*deg
	dl := (lon2 - lon1) * deg
	y := math.Sin(dl) * math.Cos(p2)
	x := math.Cos(p1)*math.Sin(p2) - math.Sin(p1)*math.Cos(p2)*math.Cos(dl)
	return math.Atan2(y, x) / deg
}

// normDeg maps an angle in degrees to [0, 360).
func normDeg(a float64) float64 {
	a = math.Mod(a, 360)
	if a < 0 {
		a += 360
	}
	if a >= 360 {
		a = 0
	}
	return a
}

// normLon maps a longitude in degrees to [-180, 180].
func normLon(lon float64) float64 {
	if lon >= -180 && lon <= 180 {
		return lon
	}
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}
