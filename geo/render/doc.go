// Package render draws styled map layers into an image.RGBA for a
// viewport: the same code serves the map window and exports.
//
// Layers are drawn in the order given (first = bottom); labels of all
// layers are placed last, highest priority first, with collision
// avoidance across layers. Each frame reads only what intersects the view
// (Source.Query with the view box), simplifies geometry to the screen's
// resolution and keeps the result in a bounded cache keyed by layer ID,
// layer generation, feature ID and integer zoom, so a panning frame
// mostly rasterises. Each worker goroutine (one per core) draws every
// feature of a layer into its own band of rows of shared coverage masks,
// then composites that band: lines through a fast anti-aliased column
// rasteriser (line.go, mask.go), polygons and symbols through
// golang.org/x/image/vector.
//
// The cache assumes that a layer's ID and Generation identify its
// content: bump Generation on every edit, and do not reuse an ID for
// different data with the same Renderer.
package render
