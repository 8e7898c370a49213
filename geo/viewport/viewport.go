package viewport

import "math"

// MinZoom and MaxZoom bound Viewport.Zoom.
const (
	MinZoom = -2.0
	MaxZoom = 24.0
)

// Viewport is a Web Mercator view: a centre in EPSG:3857 metres, a
// fractional web-map zoom and a size in pixels. The zero value is not
// useful; build one with New or Fit.
type Viewport struct {
	// CenterX, CenterY is the view centre in EPSG:3857 metres. CenterX is
	// kept in [-HalfWorld, HalfWorld) by every method that moves it.
	CenterX, CenterY float64
	// Zoom is the web-map zoom: the world is 256·2^Zoom pixels wide.
	Zoom float64
	// Width, Height is the size of the view in pixels.
	Width, Height int
	// PixelRatio is how many image pixels a style pixel spans: 2 on a
	// HiDPI screen, 300/96 on a 300 DPI page. Zero means 1. It scales
	// what is drawn (strokes, symbols, labels), not where: Zoom already
	// says where.
	PixelRatio float64
}

// Ratio is vp.PixelRatio, 1 when it is unset or not a positive number.
func (vp Viewport) Ratio() float64 {
	if vp.PixelRatio > 0 && !math.IsInf(vp.PixelRatio, 0) {
		return vp.PixelRatio
	}
	return 1
}

// New returns a viewport of w×h pixels centred on lon, lat at zoom z.
func New(lon, lat, zoom float64, w, h int) Viewport {
	x, y := Project(lon, lat)
	return Viewport{CenterX: wrapX(x), CenterY: y, Zoom: clampZoom(zoom), Width: w, Height: h}
}

func clampZoom(z float64) float64 {
	if math.IsNaN(z) {
		return 0
	}
	return math.Max(MinZoom, math.Min(MaxZoom, z))
}

func clampY(y float64) float64 { return math.Max(-HalfWorld, math.Min(HalfWorld, y)) }

// WorldSize is the width of the whole world in pixels at the view's zoom.
func (v Viewport) WorldSize() float64 { return TileSize * math.Exp2(v.Zoom) }

// Resolution is the number of EPSG:3857 metres per pixel. It equals true
// ground metres only at the equator; see GroundResolution.
func (v Viewport) Resolution() float64 { return 2 * HalfWorld / v.WorldSize() }

// Center returns the view centre in degrees.
func (v Viewport) Center() (lon, lat float64) { return Unproject(v.CenterX, v.CenterY) }

// ToScreen converts a longitude and latitude to screen pixels (origin at
// the top left, y down). The longitude is placed on the copy of the world
// nearest the view centre, so a point just east of 180 shows to the right
// of a view centred on 179.
func (v Viewport) ToScreen(lon, lat float64) (x, y float64) {
	mx, my := Project(lon, lat)
	dx := wrapX(mx - v.CenterX)
	r := v.Resolution()
	return float64(v.Width)/2 + dx/r, float64(v.Height)/2 - (my-v.CenterY)/r
}

// ToMercator converts screen pixels to EPSG:3857 metres, with x not
// wrapped (it may lie beyond ±HalfWorld when the view crosses the
// antimeridian).
func (v Viewport) ToMercator(x, y float64) (mx, my float64) {
	r := v.Resolution()
	return v.CenterX + (x-float64(v.Width)/2)*r, v.CenterY - (y-float64(v.Height)/2)*r
}

// ToLonLat converts screen pixels to longitude and latitude in degrees; the
// longitude is wrapped into [-180, 180).
func (v Viewport) ToLonLat(x, y float64) (lon, lat float64) {
	mx, my := v.ToMercator(x, y)
	lon, lat = Unproject(mx, clampY(my))
	return WrapLon(lon), lat
}

// Pan moves the view content by dx, dy pixels, as a drag does: a positive
// dx moves the map right (the centre goes west).
func (v Viewport) Pan(dx, dy float64) Viewport {
	r := v.Resolution()
	v.CenterX = wrapX(v.CenterX - dx*r)
	v.CenterY = clampY(v.CenterY + dy*r)
	return v
}

// ZoomAbout multiplies the scale by factor (2 zooms in one level, 0.5 out
// one level) keeping the map point under screen pixel x, y fixed there.
func (v Viewport) ZoomAbout(factor, x, y float64) Viewport {
	if !(factor > 0) || math.IsInf(factor, 0) {
		return v
	}
	mx, my := v.ToMercator(x, y)
	v.Zoom = clampZoom(v.Zoom + math.Log2(factor))
	r := v.Resolution()
	v.CenterX = wrapX(mx - (x-float64(v.Width)/2)*r)
	v.CenterY = clampY(my + (y-float64(v.Height)/2)*r)
	return v
}

// WithSize returns the view resized to w×h pixels about the same centre
// and zoom.
func (v Viewport) WithSize(w, h int) Viewport {
	v.Width, v.Height = w, h
	return v
}

// Fit returns a w×h viewport showing all of b, as large as it fits, centred
// on it. A box with West > East is taken to cross the antimeridian. An
// empty or degenerate box (a single point) is shown at zoom 12.
func Fit(b Bounds, w, h int) Viewport {
	if w < 1 {
		w = 1
	}
	if h < 1 {
		h = 1
	}
	west, east := b.West, b.East
	if west > east {
		east += 360
	}
	x0, y0 := Project(west, b.South)
	x1, y1 := Project(east, b.North)
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	v := Viewport{CenterX: wrapX((x0 + x1) / 2), CenterY: (y0 + y1) / 2, Width: w, Height: h}
	dx, dy := x1-x0, y1-y0
	if dx <= 0 && dy <= 0 {
		v.Zoom = 12
		return v
	}
	// resolution needed on each axis, metres per pixel
	r := math.Max(dx/float64(w), dy/float64(h))
	v.Zoom = clampZoom(math.Log2(2 * HalfWorld / (TileSize * r)))
	return v
}

// Bounds returns the longitude/latitude box the view shows. When the view
// spans the antimeridian the box has West > East (use Bounds.Split for
// index queries); when it is wider than the world it is [-180, 180].
// Latitudes are clamped to ±MaxLatitude.
func (v Viewport) Bounds() Bounds {
	x0, y0 := v.ToMercator(0, float64(v.Height))
	x1, y1 := v.ToMercator(float64(v.Width), 0)
	_, south := Unproject(0, clampY(y0))
	_, north := Unproject(0, clampY(y1))
	if x1-x0 >= 2*HalfWorld {
		return Bounds{West: -180, South: south, East: 180, North: north}
	}
	west, _ := Unproject(x0, 0)
	east, _ := Unproject(x1, 0)
	west, east = WrapLon(west), WrapLon(east)
	if east == -180 {
		east = 180
	}
	return Bounds{West: west, South: south, East: east, North: north}
}

// GroundResolution is the true ground distance in metres covered by one
// pixel at the view centre's latitude.
func (v Viewport) GroundResolution() float64 {
	_, lat := v.Center()
	return v.Resolution() * math.Cos(lat*math.Pi/180)
}

// Scale returns the ground metres per pixel at the view centre and the map
// scale denominator (the N of 1:N) when the image is shown or printed at
// dpi dots per inch.
func (v Viewport) Scale(dpi float64) (metresPerPixel, denominator float64) {
	m := v.GroundResolution()
	if !(dpi > 0) {
		dpi = 96
	}
	return m, m * dpi / 0.0254
}
