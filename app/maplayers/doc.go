// Package maplayers adapts an open workspace to the renderer: one
// render.Layer per visible workspace layer, in draw order, whose Source
// reads features through the layer's R*Tree. It also finds the extent of a
// workspace ("fit all") and the feature under a screen point (selection).
//
// It imports no GUI toolkit, so the map window and the `corridor map`
// command draw through the same code.
package maplayers
