// Package viewport holds the Web Mercator (EPSG:3857) view arithmetic of the
// map: screen pixels to and from longitude/latitude, panning, zooming about a
// point, fitting to bounds and the map scale.
//
// A Viewport is a plain value: every operation returns a new one. The zoom is
// the usual web-map zoom, fractional: at zoom z the whole world is
// 256·2^z pixels wide. The centre is kept in EPSG:3857 metres with its x
// wrapped into [-π·R, π·R), so panning across the antimeridian is seamless;
// ToScreen places a longitude on the copy of the world nearest the centre.
package viewport
