// Package kml reads and writes KML and KMZ files.
//
// The reader streams the document with encoding/xml (memory stays flat
// however large the file) in two passes: the first checks that the XML is
// well formed and collects the shared styles, the second emits Placemarks
// (and GroundOverlays, as their footprint polygon) to a formats.Emit.
//
// Behaviour worth knowing:
//   - Folders and nested Documents become layers named by their path
//     ("Routes/Maritime"); placemarks outside any folder go to a layer named
//     after the outermost Document, or "" when it has no name. Each container
//     yields its own *formats.Layer, so two folders of the same name stay apart.
//   - Like libkml (and so GDAL and QGIS), only the last feature directly
//     under <kml> is read: KML allows one, and a file with several
//     top-level Placemarks shows the last one there.
//   - A geometry whose coordinates are not numbers becomes a nil geometry;
//     the placemark is kept.
//   - name fills Feature.Name, description the property "description",
//     ExtendedData Data/value and SchemaData/SimpleData the properties (all
//     values are strings); the keys uuid, classification and releasable_to
//     (comma separated) fill the Feature fields of the same meaning.
//   - Style, StyleMap (its normal pair) and styleUrl "#id" are resolved;
//     the style of a layer's first feature becomes formats.Layer.Style as
//     Corridor style JSON. IconStyle colour is carried as "fill" when no
//     PolyStyle colour is given. External style URLs are never fetched.
//   - A KMZ is read in place from its zip directory: doc.kml, else the first
//     .kml at the root of the archive; nothing is extracted to disk and an
//     entry larger than MaxKMLSize, or compressed more than MaxAlikeRatio
//     times beyond AlikeSize (MaxRatio beyond BombSize), is refused.
//   - Documents and Folders, and MultiGeometry elements, may each nest
//     MaxNesting deep, and elements of any kind MaxDepth deep: a deeper
//     document is refused, with the line, before it is decoded.
//   - A text or tag longer than MaxRun (from one '<' to the next) is refused
//     while it is read: encoding/xml would gather it whole.
package kml
