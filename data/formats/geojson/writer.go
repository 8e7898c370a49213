package geojson

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"corridor/data/feature"
	"corridor/data/formats"
)

// Write writes layer as an RFC 7946 FeatureCollection, one feature per
// line, streaming: only one feature is held in memory at a time. Polygons
// follow the right-hand rule (exterior rings counter-clockwise, holes
// clockwise; rings are reversed when needed), coordinates carry at most 7
// decimals (about 1 cm) and Z is kept (M is dropped). Each feature's id is
// its UUID; its properties hold uuid, name, classification, releasable_to
// (an array), created_at, updated_at (RFC 3339), author and version when
// set, then its free properties in key order.
func Write(ctx context.Context, w io.Writer, layer formats.LayerData) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := []byte(`{"type":"FeatureCollection"`)
	if layer.Name != "" {
		buf = append(buf, `,"name":`...)
		buf = appendString(buf, layer.Name)
	}
	buf = append(buf, ",\"features\":[\n"...)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	n := 0
	if layer.Features != nil {
		err := layer.Features(func(f *feature.Feature) error {
			if n%ctxEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			buf = buf[:0]
			if n > 0 {
				buf = append(buf, ",\n"...)
			}
			var err error
			if buf, err = appendFeature(buf, f); err != nil {
				return fmt.Errorf("feature %d %s: %w", n+1, f.UUID, err)
			}
			n++
			_, err = bw.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
	}
	if _, err := bw.WriteString("\n]}\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// appendFeature appends one Feature object.
func appendFeature(buf []byte, f *feature.Feature) ([]byte, error) {
	buf = append(buf, `{"type":"Feature"`...)
	if f.UUID != "" {
		buf = append(buf, `,"id":`...)
		buf = appendString(buf, f.UUID)
	}
	buf = append(buf, `,"properties":{`...)
	var err error
	if buf, err = appendProperties(buf, f); err != nil {
		return nil, err
	}
	buf = append(buf, `},"geometry":`...)
	if f.Geometry == nil {
		buf = append(buf, "null"...)
	} else if buf, err = appendGeometry(buf, f.Geometry, 0); err != nil {
		return nil, err
	}
	return append(buf, '}'), nil
}

// appendProperties appends the members of a feature's properties object:
// Corridor's columns first, then the free properties sorted by key.
func appendProperties(buf []byte, f *feature.Feature) ([]byte, error) {
	first := true
	written := map[string]bool{}
	put := func(k string, v any) error {
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = appendString(buf, k)
		buf = append(buf, ':')
		var err error
		buf, err = appendValue(buf, v, 0)
		written[k] = true
		return err
	}
	var err error
	str := func(k, v string) {
		if v != "" && err == nil {
			err = put(k, v)
		}
	}
	str("uuid", f.UUID)
	str("name", f.Name)
	str("classification", f.Classification)
	if len(f.ReleasableTo) > 0 && err == nil {
		err = put("releasable_to", f.ReleasableTo)
	}
	for _, t := range []struct {
		k string
		t time.Time
	}{{"created_at", f.CreatedAt}, {"updated_at", f.UpdatedAt}} {
		if !t.t.IsZero() && err == nil {
			err = put(t.k, t.t.UTC().Format(time.RFC3339Nano))
		}
	}
	str("author", f.Author)
	if f.Version != 0 && err == nil {
		err = put("version", f.Version)
	}
	keys := make([]string, 0, len(f.Properties))
	for k := range f.Properties {
		if !written[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err != nil {
			break
		}
		if e := put(k, f.Properties[k]); e != nil {
			err = fmt.Errorf("property %q: %w", k, e)
		}
	}
	return buf, err
}

// WriteLayers writes layers as one FeatureCollection (see Write); with
// several layers, each feature carries its layer's name in the "layer"
// property.
func WriteLayers(ctx context.Context, w io.Writer, layers []formats.LayerData) error {
	if len(layers) == 1 {
		return Write(ctx, w, layers[0])
	}
	merged := formats.LayerData{Layer: formats.Layer{Name: "Corridor export"}}
	merged.Features = func(fn func(*feature.Feature) error) error {
		for _, l := range layers {
			name := l.Name
			err := l.Features(func(f *feature.Feature) error {
				g := f.Clone()
				g.SetProp("layer", name)
				return fn(g)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	return Write(ctx, w, merged)
}
