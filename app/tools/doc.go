// Package tools holds the map tools, one per file: each implements
// mapview.Tool and is made current with Map.SetTool. Select (pan by
// dragging, select by clicking) is the default; Pan only pans. The drawing
// tools (line, polygon, point, interdiction, annotate, measure) will join
// them here.
package tools
