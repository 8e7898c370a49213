package kml

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats"

	"github.com/twpayne/go-geom"
)

// Default style values for layers whose style does not say.
const (
	defaultColor       = "#e6194b"
	defaultWidth       = 2.0
	defaultFillOpacity = 0.4
)

// Write writes layers as one KML document: a shared Style per layer (in
// the layer's colours, as Google Earth shows them) and a Folder per layer
// holding its features as Placemarks. Properties, uuid, classification and
// releasable_to go to ExtendedData; the property "description" becomes the
// Placemark's description.
func Write(ctx context.Context, w io.Writer, layers []formats.LayerData) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	kw := &kmlWriter{w: bw}
	kw.str(xml.Header)
	kw.str(`<kml xmlns="http://www.opengis.net/kml/2.2">` + "\n<Document>\n")
	for i, l := range layers {
		kw.style(styleID(i), l)
	}
	for i, l := range layers {
		kw.str("<Folder>\n<name>")
		kw.text(l.Name)
		kw.str("</name>\n")
		if l.Features != nil {
			n := 0
			err := l.Features(func(f *feature.Feature) error {
				n++
				if n&1023 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				kw.placemark(styleID(i), f)
				return kw.err
			})
			if err != nil {
				return fmt.Errorf("writing KML layer %q: %w", l.Name, err)
			}
		}
		kw.str("</Folder>\n")
	}
	kw.str("</Document>\n</kml>\n")
	if kw.err != nil {
		return fmt.Errorf("writing KML: %w", kw.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing KML: %w", err)
	}
	return nil
}

// WriteKMZ writes layers as a KMZ: a zip holding the KML document as doc.kml.
func WriteKMZ(ctx context.Context, w io.Writer, layers []formats.LayerData) error {
	zw := zip.NewWriter(w)
	doc, err := zw.Create("doc.kml")
	if err != nil {
		return fmt.Errorf("writing KMZ: %w", err)
	}
	if err := Write(ctx, doc, layers); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("writing KMZ: %w", err)
	}
	return nil
}

func styleID(i int) string { return "layer" + strconv.Itoa(i+1) }

// kmlWriter writes KML text, remembering the first error.
type kmlWriter struct {
	w   *bufio.Writer
	err error
	buf []byte
}

func (k *kmlWriter) str(s string) {
	if k.err == nil {
		_, k.err = k.w.WriteString(s)
	}
}

func (k *kmlWriter) text(s string) {
	if k.err == nil {
		k.err = xml.EscapeText(k.w, []byte(s))
	}
}

// style writes the shared Style of a layer.
func (k *kmlWriter) style(id string, l formats.LayerData) {
	j := parseStyleJSON(l.Style)
	main := orColor(l.Color, defaultColor)
	stroke, fill := orColor(j.Stroke, main), orColor(j.Fill, main)
	strokeOp, fillOp, width := 1.0, defaultFillOpacity, defaultWidth
	if j.StrokeOpacity != nil {
		strokeOp = *j.StrokeOpacity
	}
	if j.FillOpacity != nil {
		fillOp = *j.FillOpacity
	}
	if j.Width != nil && *j.Width > 0 && !math.IsInf(*j.Width, 0) {
		width = *j.Width
	}
	line, _ := formatColor(stroke, strokeOp)
	poly, _ := formatColor(fill, fillOp)
	icon, _ := formatColor(stroke, 1)
	k.str(`<Style id="` + id + `">` + "\n")
	k.str("<IconStyle><color>" + icon + "</color><Icon><href>http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle>\n")
	k.str("<LineStyle><color>" + line + "</color><width>" + strconv.FormatFloat(width, 'f', -1, 64) + "</width></LineStyle>\n")
	fillFlag := "1"
	if fillOp == 0 {
		fillFlag = "0"
	}
	k.str("<PolyStyle><color>" + poly + "</color><fill>" + fillFlag + "</fill></PolyStyle>\n")
	k.str("</Style>\n")
}

// orColor returns c when it is "#rrggbb", else def.
func orColor(c, def string) string {
	if _, ok := formatColor(c, 1); ok {
		return c
	}
	return def
}

// placemark writes one feature.
func (k *kmlWriter) placemark(styleID string, f *feature.Feature) {
	k.str("<Placemark>\n")
	if f.Name != "" {
		k.str("<name>")
		k.text(f.Name)
		k.str("</name>\n")
	}
	if d, ok := f.Properties["description"].(string); ok && d != "" {
		k.str("<description>")
		k.text(d)
		k.str("</description>\n")
	}
	k.str("<styleUrl>#" + styleID + "</styleUrl>\n")
	var data [][2]string
	if f.UUID != "" {
		data = append(data, [2]string{"uuid", f.UUID})
	}
	if f.Classification != "" {
		data = append(data, [2]string{"classification", f.Classification})
	}
	if len(f.ReleasableTo) > 0 {
		data = append(data, [2]string{"releasable_to", strings.Join(f.ReleasableTo, ",")})
	}
	keys := make([]string, 0, len(f.Properties))
	for key := range f.Properties {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		if _, ok := f.Properties[key].(string); key == "description" && ok {
			continue // written as <description>
		}
		if v, ok := formatValue(f.Properties[key]); ok {
			data = append(data, [2]string{key, v})
		}
	}
	if len(data) > 0 {
		k.str("<ExtendedData>\n")
		for _, d := range data {
			k.str(`<Data name="`)
			k.attr(d[0])
			k.str(`"><value>`)
			k.text(d[1])
			k.str("</value></Data>\n")
		}
		k.str("</ExtendedData>\n")
	}
	if f.Geometry != nil {
		k.geometry(f.Geometry)
	}
	k.str("</Placemark>\n")
}

// attr writes an attribute value (EscapeText escapes quotes too).
func (k *kmlWriter) attr(s string) { k.text(s) }

// geometry writes g as KML; empty parts are left out.
func (k *kmlWriter) geometry(g geom.T) {
	switch t := g.(type) {
	case *geom.Point:
		if !t.Empty() {
			k.str("<Point><coordinates>")
			k.coords(t.FlatCoords(), t.Layout())
			k.str("</coordinates></Point>\n")
		}
	case *geom.LineString:
		if t.NumCoords() > 0 {
			k.str("<LineString><coordinates>")
			k.coords(t.FlatCoords(), t.Layout())
			k.str("</coordinates></LineString>\n")
		}
	case *geom.LinearRing:
		if t.NumCoords() > 0 {
			k.str("<LinearRing><coordinates>")
			k.coords(t.FlatCoords(), t.Layout())
			k.str("</coordinates></LinearRing>\n")
		}
	case *geom.Polygon:
		if t.NumLinearRings() == 0 || t.LinearRing(0).NumCoords() == 0 {
			return
		}
		k.str("<Polygon>")
		for i := range t.NumLinearRings() {
			r := t.LinearRing(i)
			if i == 0 {
				k.str("<outerBoundaryIs><LinearRing><coordinates>")
			} else {
				k.str("<innerBoundaryIs><LinearRing><coordinates>")
			}
			k.coords(r.FlatCoords(), r.Layout())
			if i == 0 {
				k.str("</coordinates></LinearRing></outerBoundaryIs>")
			} else {
				k.str("</coordinates></LinearRing></innerBoundaryIs>")
			}
		}
		k.str("</Polygon>\n")
	case *geom.MultiPoint:
		k.multi(t.NumPoints(), func(i int) geom.T { return t.Point(i) })
	case *geom.MultiLineString:
		k.multi(t.NumLineStrings(), func(i int) geom.T { return t.LineString(i) })
	case *geom.MultiPolygon:
		k.multi(t.NumPolygons(), func(i int) geom.T { return t.Polygon(i) })
	case *geom.GeometryCollection:
		k.multi(t.NumGeoms(), t.Geom)
	}
}

func (k *kmlWriter) multi(n int, part func(int) geom.T) {
	if n == 0 {
		return
	}
	k.str("<MultiGeometry>\n")
	for i := range n {
		k.geometry(part(i))
	}
	k.str("</MultiGeometry>\n")
}

// coords writes flat coordinates as "x,y[,z]" tuples; M is dropped.
func (k *kmlWriter) coords(flat []float64, layout geom.Layout) {
	stride, z := layout.Stride(), layout.ZIndex()
	for i := 0; i+stride <= len(flat); i += stride {
		b := k.buf[:0]
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendFloat(b, flat[i], 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, flat[i+1], 'f', -1, 64)
		if z >= 0 {
			b = append(b, ',')
			b = strconv.AppendFloat(b, flat[i+z], 'f', -1, 64)
		}
		k.buf = b
		if k.err == nil {
			_, k.err = k.w.Write(b)
		}
	}
}

// formatValue renders a property value as text; ok is false for nil.
func formatValue(v any) (string, bool) {
	switch t := v.(type) {
	case nil:
		return "", false
	case string:
		return t, true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case float32:
		return strconv.FormatFloat(float64(t), 'f', -1, 32), true
	case int:
		return strconv.Itoa(t), true
	case int64:
		return strconv.FormatInt(t, 10), true
	case bool:
		return strconv.FormatBool(t), true
	case fmt.Stringer:
		return t.String(), true
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v), true
	}
	return string(b), true
}
