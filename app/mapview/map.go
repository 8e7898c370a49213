package mapview

import (
	"context"
	"image"
	"math"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"corridor/geo/viewport"
)

// RenderFunc draws the map for a viewport given in device pixels. It must
// return promptly with ctx.Err() once ctx is cancelled.
type RenderFunc func(ctx context.Context, vp viewport.Viewport) (image.Image, error)

// PickFunc returns the feature under screen point x, y of vp (in the
// widget's units) within tol units, or nil.
type PickFunc func(ctx context.Context, vp viewport.Viewport, x, y, tol float64) (*Selection, error)

// BoundsFunc returns the extent "fit all" shows; ok false when there is
// nothing to show.
type BoundsFunc func() (b viewport.Bounds, ok bool)

// PickTolerance is how far from a feature, in widget units, a click still
// selects it.
const PickTolerance = 5

// wheelStep is the scroll distance that zooms by one level.
const wheelStep = 100

// renderDelay lets a burst of view changes (a drag, a wheel spin) settle
// into one render.
const renderDelay = 12 * time.Millisecond

// Map is the map widget. Its viewport is in the widget's units (Fyne's
// device-independent pixels); it renders at the canvas's pixel scale.
// Callbacks run on the UI goroutine.
type Map struct {
	widget.BaseWidget

	// OnCursor is called with the position under the mouse pointer.
	OnCursor func(lon, lat float64)
	// OnViewport is called after every change of the view.
	OnViewport func(vp viewport.Viewport)
	// OnSelect is called when the selection changes (nil: cleared).
	OnSelect func(s *Selection)
	// OnError is called when a render or a pick fails.
	OnError func(err error)
	// OnRune is called with the characters typed on the map that it does
	// not use itself (tool shortcuts).
	OnRune func(r rune)

	render RenderFunc
	pick   PickFunc
	bounds BoundsFunc
	do     func(func()) // hands work to the UI goroutine: fyne.Do

	running sync.WaitGroup // render and pick goroutines

	mu        sync.Mutex
	vp        viewport.Viewport
	sized     bool             // vp has the widget's size
	fitOnSize bool             // fit again when resized: the user has not moved the view yet
	fitBox    *viewport.Bounds // what to fit then: nil for all layers (FitAll)
	img       image.Image
	imgVP     viewport.Viewport // the view img was rendered for (widget units)
	seq       uint64            // last render request
	shown     uint64            // request whose image is shown
	cancel    context.CancelFunc
	pickSeq   uint64
	sel       *Selection
	selSeq    uint64 // bumped by each SetSelection
	focused   bool
	tool      Tool
	pressed   bool    // a button is down (between the tool's Press and Release)
	lastDrag  Pointer // where the drag under way last was
}

// New returns a map drawing through render, selecting through pick (nil:
// no selection) and fitting to bounds (nil: Home shows the world). The
// first view fits all once the widget has a size.
func New(render RenderFunc, pick PickFunc, bounds BoundsFunc) *Map {
	m := &Map{render: render, pick: pick, bounds: bounds, do: fyne.Do, fitOnSize: true,
		vp: viewport.New(0, 0, 1, 1, 1)}
	m.ExtendBaseWidget(m)
	return m
}

// SetSources replaces the render, pick and bounds functions (for another
// workspace), cancels the render under way and renders again. Call Wait
// before closing what the old functions read.
func (m *Map) SetSources(render RenderFunc, pick PickFunc, bounds BoundsFunc) {
	m.mu.Lock()
	m.render, m.pick, m.bounds = render, pick, bounds
	m.sel = nil
	m.selSeq++
	m.pickSeq++
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	if render == nil {
		m.img = nil
	}
	m.mu.Unlock()
	m.Redraw()
}

// SetDo makes the map hand finished renders and picks to do instead of
// fyne.Do: tests run them on their own goroutine.
func (m *Map) SetDo(do func(func())) {
	m.mu.Lock()
	m.do = do
	m.mu.Unlock()
}

// Wait blocks until the renders and picks started so far have returned.
func (m *Map) Wait() { m.running.Wait() }

// Viewport returns the current view, in widget units.
func (m *Map) Viewport() viewport.Viewport {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.vp
}

// SetViewport shows vp (its size is replaced by the widget's).
func (m *Map) SetViewport(vp viewport.Viewport) {
	m.mu.Lock()
	if m.sized {
		vp = vp.WithSize(m.vp.Width, m.vp.Height)
	}
	m.mu.Unlock()
	m.moveTo(vp)
}

// moveTo shows vp as the user's choice: resizing no longer refits.
func (m *Map) moveTo(vp viewport.Viewport) {
	m.mu.Lock()
	m.fitOnSize = false
	m.mu.Unlock()
	m.setViewport(vp)
}

// setViewport installs vp, starts its render and tells OnViewport.
func (m *Map) setViewport(vp viewport.Viewport) {
	m.mu.Lock()
	m.vp = vp
	m.mu.Unlock()
	// Refresh (showing the last image moved) before the render starts: its
	// result arrives through fyne.Do, which Fyne's test driver runs at once
	// on the render goroutine.
	m.Refresh()
	if m.OnViewport != nil {
		m.OnViewport(vp)
	}
	m.requestRender()
}

// Pan moves the map content by dx, dy widget units.
func (m *Map) Pan(dx, dy float64) { m.moveTo(m.Viewport().Pan(dx, dy)) }

// ZoomAbout zooms by factor keeping the point at x, y in place.
func (m *Map) ZoomAbout(factor, x, y float64) {
	m.moveTo(m.Viewport().ZoomAbout(factor, x, y))
}

// ZoomBy zooms by factor about the centre of the view.
func (m *Map) ZoomBy(factor float64) {
	vp := m.Viewport()
	m.ZoomAbout(factor, float64(vp.Width)/2, float64(vp.Height)/2)
}

// FitAll shows everything BoundsFunc reports, or the world; until the
// user moves the view, resizing the widget fits again.
func (m *Map) FitAll() {
	m.mu.Lock()
	bounds, size := m.bounds, m.vp
	m.fitOnSize, m.fitBox = true, nil
	m.mu.Unlock()
	b, ok := viewport.Bounds{West: -180, South: -70, East: 180, North: 80}, false
	if bounds != nil {
		if bb, has := bounds(); has {
			b, ok = bb, true
		}
	}
	vp := viewport.Fit(b, size.Width, size.Height)
	if ok {
		vp = vp.ZoomAbout(0.92, float64(size.Width)/2, float64(size.Height)/2) // a margin
	}
	m.setViewport(vp)
}

// FitBounds shows the lon/lat box b (e.g. a workspace's saved view); until
// the user moves the view, resizing the widget fits b again.
func (m *Map) FitBounds(b viewport.Bounds) {
	m.mu.Lock()
	size := m.vp
	m.fitOnSize, m.fitBox = true, &b
	m.mu.Unlock()
	m.setViewport(viewport.Fit(b, size.Width, size.Height))
}

// Redraw renders the current view again: after the layers changed.
func (m *Map) Redraw() {
	m.Refresh()
	m.requestRender()
}

// RedrawIn renders the current view again if it shows part of the lon/lat
// box b: after features changed there.
func (m *Map) RedrawIn(b viewport.Bounds) {
	v := m.Viewport().Bounds()
	wraps := v.West >= v.East || v.East-v.West >= 360 || v.West < -180 || v.East > 180
	if !wraps && (b.East < v.West || b.West > v.East || b.North < v.South || b.South > v.North) {
		return
	}
	m.Redraw()
}

// Resize sizes the widget and its viewport, keeping the centre and zoom.
func (m *Map) Resize(size fyne.Size) {
	m.BaseWidget.Resize(size)
	w, h := int(math.Round(float64(size.Width))), int(math.Round(float64(size.Height)))
	if w < 1 || h < 1 {
		return
	}
	m.mu.Lock()
	if m.sized && m.vp.Width == w && m.vp.Height == h {
		m.mu.Unlock()
		return
	}
	m.sized = true
	fit, box := m.fitOnSize, m.fitBox
	vp := m.vp.WithSize(w, h)
	m.vp = vp
	m.mu.Unlock()
	switch {
	case fit && box != nil:
		m.FitBounds(*box)
		return
	case fit:
		m.FitAll()
		return
	}
	m.setViewport(vp)
}

// Selection returns the selected feature, or nil.
func (m *Map) Selection() *Selection {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sel
}

// SetSelection selects h (nil clears) and tells OnSelect.
func (m *Map) SetSelection(h *Selection) {
	m.mu.Lock()
	m.sel = h
	m.selSeq++
	m.mu.Unlock()
	m.Refresh()
	if m.OnSelect != nil {
		m.OnSelect(h)
	}
}

// scale is the canvas's pixels per widget unit.
func (m *Map) scale() float64 {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(m); c != nil && c.Scale() > 0 {
			return float64(c.Scale())
		}
	}
	return 1
}

// deviceViewport is vp in device pixels at the given pixel scale.
func deviceViewport(vp viewport.Viewport, scale float64) viewport.Viewport {
	if scale == 1 {
		return vp
	}
	d := vp
	d.Width = int(math.Round(float64(vp.Width) * scale))
	d.Height = int(math.Round(float64(vp.Height) * scale))
	d.Zoom = vp.Zoom + math.Log2(scale)
	d.PixelRatio = scale // strokes, symbols and labels as thick as at scale 1
	return d
}

// requestRender starts a render of the current view, cancelling the one
// under way.
func (m *Map) requestRender() {
	scale := m.scale()
	m.mu.Lock()
	if !m.sized || m.render == nil {
		m.mu.Unlock()
		return
	}
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.seq++
	seq, vp, render, do := m.seq, m.vp, m.render, m.do
	m.running.Add(1)
	m.mu.Unlock()

	go func() {
		defer m.running.Done()
		defer cancel()
		select {
		case <-ctx.Done():
			return
		case <-time.After(renderDelay):
		}
		img, err := render(ctx, deviceViewport(vp, scale))
		if ctx.Err() != nil {
			return
		}
		do(func() { m.finish(seq, vp, img, err) })
	}()
}

// finish shows a rendered image, unless a newer one is already shown.
func (m *Map) finish(seq uint64, vp viewport.Viewport, img image.Image, err error) {
	if err != nil {
		if m.OnError != nil {
			m.OnError(err)
		}
		return
	}
	m.mu.Lock()
	if seq <= m.shown || img == nil {
		m.mu.Unlock()
		return
	}
	m.img, m.imgVP, m.shown = img, vp, seq
	m.mu.Unlock()
	m.Refresh()
}

// Rendering reports whether a render is under way for a view newer than
// the image shown.
func (m *Map) Rendering() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.shown < m.seq
}

// CreateRenderer implements fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer { return newMapRenderer(m) }

// Cursor implements desktop.Cursorable: the current tool's cursor.
func (m *Map) Cursor() desktop.Cursor {
	if t := m.Tool(); t != nil {
		return t.Cursor()
	}
	return desktop.DefaultCursor
}

var (
	_ fyne.Widget         = (*Map)(nil)
	_ fyne.Draggable      = (*Map)(nil)
	_ fyne.Scrollable     = (*Map)(nil)
	_ fyne.Tappable       = (*Map)(nil)
	_ fyne.DoubleTappable = (*Map)(nil)
	_ fyne.Focusable      = (*Map)(nil)
	_ desktop.Hoverable   = (*Map)(nil)
	_ desktop.Cursorable  = (*Map)(nil)
	_ desktop.Mouseable   = (*Map)(nil)
)
