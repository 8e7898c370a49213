package viewport

// Bounds is a longitude/latitude box in degrees. West may be greater than
// East: the box then crosses the antimeridian and covers [West, 180] and
// [-180, East]. A box covering every longitude has West = -180, East = 180.
type Bounds struct {
	West, South, East, North float64
}

// CrossesAntimeridian reports whether the box wraps past longitude 180.
func (b Bounds) CrossesAntimeridian() bool { return b.West > b.East }

// Width is the box's extent in degrees of longitude, counting the wrap.
func (b Bounds) Width() float64 {
	if b.West > b.East {
		return b.East + 360 - b.West
	}
	return b.East - b.West
}

// Split returns the box as one or two boxes with West <= East, the form a
// spatial index query takes: a box crossing the antimeridian becomes
// [West, 180] and [-180, East].
func (b Bounds) Split() []Bounds {
	if !b.CrossesAntimeridian() {
		return []Bounds{b}
	}
	return []Bounds{
		{West: b.West, South: b.South, East: 180, North: b.North},
		{West: -180, South: b.South, East: b.East, North: b.North},
	}
}

// Contains reports whether the point lies in the box (edges included).
func (b Bounds) Contains(lon, lat float64) bool {
	if lat < b.South || lat > b.North {
		return false
	}
	lon = WrapLon(lon)
	if b.West == -180 && b.East == 180 {
		return true
	}
	if b.CrossesAntimeridian() {
		return lon >= b.West || lon <= b.East
	}
	return lon >= b.West && lon <= b.East
}
