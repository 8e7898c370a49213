#!/usr/bin/python3
"""Render one GeoPackage layer with mapnik, for comparison with `corridor map`.

usage: mapnik_render.py GPKG LAYER OUT.png W H west south east north

Draws LAYER (read through mapnik's OGR datasource, EPSG:4326) as a 2 px
crimson line on a light-blue background, in EPSG:3857, at W x H pixels,
showing the lon/lat box west,south,east,north. Run it with Debian's
/usr/bin/python3 (package python3-mapnik). Exit 0 on success, 1 on error,
2 on bad usage.
"""
import sys


def main(argv):
    if len(argv) != 10:
        sys.stderr.write(__doc__)
        return 2
    gpkg, layer, out = argv[1], argv[2], argv[3]
    try:
        w, h = int(argv[4]), int(argv[5])
        west, south, east, north = (float(v) for v in argv[6:10])
    except ValueError as e:
        sys.stderr.write("mapnik_render: bad number: %s\n" % e)
        return 2
    try:
        import mapnik
    except ImportError:
        sys.stderr.write("mapnik_render: python3-mapnik is not installed (apt-get install python3-mapnik)\n")
        return 1

    m = mapnik.Map(w, h, "epsg:3857")
    m.background = mapnik.Color("#D6E6F0")

    style = mapnik.Style()
    rule = mapnik.Rule()
    line = mapnik.LineSymbolizer()
    line.stroke = mapnik.Color("#B0172B")
    line.stroke_width = 2.0
    rule.symbols.append(line)
    style.rules.append(rule)
    m.append_style("line", style)

    lyr = mapnik.Layer(layer, "epsg:4326")
    lyr.datasource = mapnik.Ogr(file=gpkg, layer=layer)
    lyr.styles.append("line")
    m.layers.append(lyr)

    lim = 85.05112877980659
    south, north = max(south, -lim), min(north, lim)
    tr = mapnik.ProjTransform(mapnik.Projection("epsg:4326"), mapnik.Projection("epsg:3857"))
    m.zoom_to_box(tr.forward(mapnik.Box2d(west, south, east, north)))
    mapnik.render_to_file(m, out, "png")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Exception as e:  # mapnik raises RuntimeError for bad files and layers
        sys.stderr.write("mapnik_render: %s\n" % e)
        sys.exit(1)
