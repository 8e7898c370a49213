//go:build !linux

package render

// prefaultPages makes the pages of b (all zero) present and writable by
// writing to each.
func prefaultPages(b []uint8) { touchPages(b) }
