// Package style holds the symbology of Corridor's map: one default Style
// per layer kind (border, port, route, patrol_area, interdiction,
// annotation, other), overridable per layer by a JSON object, and legend
// entries built from the same Style values so that the map and its exports
// draw the same symbols.
//
// The JSON schema (every key optional; absent keys keep the kind's
// default; unknown keys are ignored; colours are "#RRGGBB", "#RRGGBBAA" or
// "none"):
//
//	{
//	  "stroke": "#B0172B",      line and outline colour
//	  "stroke_opacity": 1,      0..1
//	  "width": 2.2,             line width in pixels (0 = no line)
//	  "dash": [6, 3],           on/off lengths in pixels; [] = solid
//	  "casing": "#FFFFFF",      colour of a wider line drawn under the line
//	  "casing_width": 1,        casing pixels on each side of the line
//	  "fill": "#2E5E8C",        polygon and symbol fill
//	  "fill_opacity": 0.12,     0..1
//	  "hatch": "#2E5E8C",       polygon hatch colour ("none" = no hatch)
//	  "hatch_spacing": 8,       pixels between hatch lines
//	  "hatch_angle": 45,        degrees, counter-clockwise from east
//	  "hatch_width": 1,         hatch line width in pixels
//	  "arrows": true,           direction arrows along lines
//	  "arrow_spacing": 140,     pixels between arrows
//	  "arrow_size": 9,          arrow length in pixels
//	  "symbol": "anchor",       point symbol: circle, square, triangle,
//	                            diamond, anchor, interdiction, none
//	  "symbol_size": 14,        symbol diameter in pixels
//	  "max_symbol_size": 40,    cap for symbols sized by a feature's size
//	  "labels": true,           draw feature labels
//	  "font_size": 12,          label size in pixels
//	  "bold": false,            bold label font
//	  "label_color": "#1A1A1A",
//	  "halo": "#FFFFFF",        label halo colour ("none" = no halo)
//	  "halo_width": 2           halo pixels around the glyphs
//	}
package style
