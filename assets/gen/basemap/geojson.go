package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
)

// geoFeature is a GeoJSON feature with ordered, fixed properties.
type geoFeature struct {
	Type       string            `json:"type"`
	Properties map[string]string `json:"properties"`
	Geometry   geoGeometry       `json:"geometry"`
}

type geoGeometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

func round5(v float64) float64 { return math.Round(v*1e5) / 1e5 }

// linePoints converts quantized positions to rounded lon/lat, dropping the
// repeated positions that rounding may create.
func (t *topology) linePoints(pts [][2]int64) [][2]float64 {
	out := make([][2]float64, 0, len(pts))
	for _, p := range pts {
		ll := t.lonLat(p)
		if n := len(out); n > 0 && out[n-1] == ll {
			continue
		}
		out = append(out, ll)
	}
	return out
}

// writeGzipGeoJSON writes a FeatureCollection, one feature per line, gzipped
// without a name or time stamp so that the output is reproducible.
func writeGzipGeoJSON(path string, feats []geoFeature) error {
	var buf bytes.Buffer
	buf.WriteString("{\"type\":\"FeatureCollection\",\"features\":[\n")
	for i, f := range feats {
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		buf.Write(b)
		if i < len(feats)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	var gz bytes.Buffer
	w, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, gz.Bytes(), 0o644)
}
