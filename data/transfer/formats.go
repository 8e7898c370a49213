package transfer

// The formats Corridor reads and writes: each registers itself in the
// data/formats registry, which ReaderFor, WriterFor, the dialogs, the
// command line's usage and the errors are made from. A new format is one
// more import here.
import (
	_ "corridor/data/formats/csv"
	_ "corridor/data/formats/geojson"
	_ "corridor/data/formats/gpkg"
	_ "corridor/data/formats/kml"
	_ "corridor/data/formats/spatialite"
)
