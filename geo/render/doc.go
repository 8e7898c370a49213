// Package render draws styled map layers into an image.RGBA for a
// viewport: the same code serves the map window and exports.
//
// Layers are drawn in the order given (first = bottom); labels of all
// layers are placed last, highest priority first, with collision
// avoidance across layers: point labels beside their symbols, line labels
// along their line (rotated to its direction, never upside down, at
// anchors fixed along the line so they do not slide while panning),
// area labels at the centre of the visible area, and annotations wrapped
// in a light box, moved off their point with a leader line when the
// point is crowded.
//
// Each frame reads only what intersects the view (Source.Query with the
// view box), simplifies geometry to the screen's resolution (within
// Options.Tolerance, one pass with no recursion: geometry.go) and keeps
// the result in a bounded cache keyed by layer ID, layer generation,
// feature ID and integer zoom. Each worker goroutine (one per core) draws every
// feature of a layer into its own band of rows of shared coverage masks,
// then composites that band: lines through a fast anti-aliased column
// rasteriser (line.go, mask.go), polygons and symbols through
// golang.org/x/image/vector.
//
// The rasterised layers (without labels) are also kept as 256×256 tiles
// of the world's pixel grid at the frame's exact zoom (tiles.go,
// tiled.go), keyed by the zoom, the background and every drawn layer's
// ID, generation, kind, style and opacity. A frame that pans copies the
// tiles it has and draws only those newly exposed, a rectangle of tiles
// at a time with the same transform, so lines, dashes, hatches and
// symbols meet seamlessly at tile edges; labels are placed and drawn on
// the composed image every frame. A change of zoom, even fractional, or
// of any layer's generation, style, opacity or visibility uses other
// tiles. A warm frame is snapped to the sub-pixel grid of the tiles (a
// shift of at most half a pixel).
//
// Labels are placed one by one, then their sprites are made on all the
// workers and drawn in placement order (label_paint.go). RenderRows hands
// the image over band of rows by band as each is final, each band's part
// of the labels drawn just before, so that `corridor map` compresses one
// band while others are still being drawn.
//
// A viewport's PixelRatio (2 on a HiDPI screen, 300/96 on a 300 DPI page)
// multiplies every length of the styles and of the label placement, so
// a view drawn at ratio 2 into twice the pixels looks like the view at
// ratio 1, only sharper. RenderRows draws into any image of the
// viewport's size, a sub-image of a page included, and MeasureText and
// DrawText set text with the labels' fonts for a page's title, legend and
// scale bar. A label is cut to 200 characters before it is measured.
//
// The caches assume that a layer's ID and Generation identify its
// content: bump Generation on every edit, and do not reuse an ID for
// different data with the same Renderer.
package render
