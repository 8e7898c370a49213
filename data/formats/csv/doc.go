// Package csv reads and writes delimited text tables of features.
//
// The reader finds the geometry by column name, case-insensitively: a WKT
// column (wkt, geometry, geom, the_geom, wkt_geom) or a latitude column
// (latitude, lat, y) with a longitude column (longitude, lon, lng, long, x).
// Latitudes and longitudes may be decimal degrees or degrees, minutes and
// seconds ("12°34'56.7\"N", "12 34 56.7 W", "-12:34:56", "12°34.5'S"); a
// decimal comma is accepted. The delimiter (comma, semicolon, tab or pipe)
// is the one the header line uses most. Text is UTF-8 (a byte order mark is
// skipped), UTF-16 with a byte order mark (Excel's "Unicode text"), or, when
// the first 64 KiB hold more bytes that are not UTF-8 than characters that
// are, Windows-1252 (Excel's CSV on Windows, Latin-1 with a few more letters).
//
// Columns name, uuid, classification and releasable_to (comma separated)
// fill the Feature fields of the same meaning; every other non-empty cell
// becomes a string property: values are kept as written (no number
// guessing, so "007" and "1e3" survive unchanged). Rows with empty
// coordinates import with a nil geometry. A file without any geometry
// column is refused, as Corridor's import expects (DecodeWith with
// Options.AllowNoGeometry imports it with nil geometries, as GDAL does).
//
// Errors are *formats.Error naming the file, the line and the column:
//
//	ports.csv: line 17: column "lat": "91.5" is out of range
//
// The writer writes a WKT column, then uuid, name, classification,
// releasable_to, a layer column when there are several layers, and the
// union of the property keys in sorted order.
package csv
