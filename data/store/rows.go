package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"corridor/data/feature"
	"corridor/data/formats/gpkg"
)

// timeFormat is the GeoPackage DATETIME format.
const timeFormat = "2006-01-02T15:04:05.000Z"

// featureColumns returns the column names of a feature table of kind k, fid excluded.
func featureColumns(k feature.Kind) []string {
	cols := []string{"geom"}
	for _, c := range commonColumns {
		cols = append(cols, c.Name)
	}
	for _, c := range feature.KindColumns(k) {
		cols = append(cols, c.Name)
	}
	return cols
}

// toRow turns a feature into column values in featureColumns order. Kind
// columns are taken out of the properties. The geometry is encoded as it
// is: callers taking in a new one check it first (checkGeometry).
func toRow(k feature.Kind, f *feature.Feature) ([]any, error) {
	blob, err := gpkg.Encode(f.Geometry, 4326)
	if err != nil {
		return nil, err
	}
	kindCols := feature.KindColumns(k)
	props := map[string]any{}
	for key, v := range f.Properties {
		props[key] = v
	}
	kindVals := make([]any, len(kindCols))
	for i, c := range kindCols {
		v, ok := props[c.Name]
		if !ok {
			continue
		}
		delete(props, c.Name)
		cv, err := columnValue(c, v)
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", c.Name, err)
		}
		kindVals[i] = cv
	}
	var propJSON any
	if len(props) > 0 {
		b, err := json.Marshal(props)
		if err != nil {
			return nil, fmt.Errorf("properties: %w", err)
		}
		propJSON = string(b)
	}
	var geom any
	if blob != nil {
		geom = blob
	}
	vals := []any{geom, f.UUID, f.Name, propJSON, f.Classification, joinList(f.ReleasableTo),
		f.CreatedAt.UTC().Format(timeFormat), f.UpdatedAt.UTC().Format(timeFormat), f.Author, f.Version}
	return append(vals, kindVals...), nil
}

// columnValue converts a property value to what a kind column stores.
func columnValue(c feature.Column, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch c.Type {
	case "REAL", "INTEGER":
		if f, ok := feature.Number(v); ok {
			return f, nil
		}
		x, isString := v.(string)
		if !isString {
			return nil, fmt.Errorf("%v is not a finite number", v)
		}
		s := strings.TrimSpace(x)
		if s == "" {
			return nil, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", x)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%v is not a finite number", v)
		}
		return f, nil
	case "DATETIME", "DATE":
		switch x := v.(type) {
		case time.Time:
			if c.Type == "DATE" {
				return x.Format("2006-01-02"), nil
			}
			return x.UTC().Format(timeFormat), nil
		case string:
			return x, nil
		}
		return fmt.Sprint(v), nil
	default:
		switch x := v.(type) {
		case string:
			return x, nil
		case []any:
			parts := make([]string, len(x))
			for i, p := range x {
				parts[i] = fmt.Sprint(p)
			}
			return strings.Join(parts, ", "), nil
		case []string:
			return strings.Join(x, ", "), nil
		}
		return fmt.Sprint(v), nil
	}
}

// scanFeature reads a row selected as "fid, " + featureColumns(k).
func scanFeature(k feature.Kind, rows interface{ Scan(...any) error }) (*feature.Feature, error) {
	kindCols := feature.KindColumns(k)
	var (
		fid                                   int64
		geom                                  []byte
		uuid, name, props, class, rel, author sql.NullString
		created, updated                      sql.NullString
		version                               sql.NullInt64
	)
	dest := []any{&fid, &geom, &uuid, &name, &props, &class, &rel, &created, &updated, &author, &version}
	kindVals := make([]any, len(kindCols))
	for i := range kindVals {
		dest = append(dest, &kindVals[i])
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	f := &feature.Feature{FID: fid, UUID: uuid.String, Name: name.String, Classification: class.String,
		ReleasableTo: splitList(rel.String), Author: author.String, Version: int(version.Int64)}
	f.CreatedAt, _ = time.Parse(time.RFC3339Nano, created.String)
	f.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated.String)
	if len(geom) > 0 {
		g, _, err := gpkg.Decode(geom)
		if err != nil {
			return nil, fmt.Errorf("feature %d: %w", fid, err)
		}
		f.Geometry = g
	}
	if props.Valid && props.String != "" {
		if err := json.Unmarshal([]byte(props.String), &f.Properties); err != nil {
			return nil, fmt.Errorf("feature %d: properties: %w", fid, err)
		}
	}
	for i, c := range kindCols {
		v := kindVals[i]
		if b, ok := v.([]byte); ok {
			v = string(b)
		}
		if v != nil {
			f.SetProp(c.Name, v)
		}
	}
	return f, nil
}

// selectColumns is the SELECT list for a feature table of kind k.
func selectColumns(k feature.Kind, alias string) string {
	cols := append([]string{"fid"}, featureColumns(k)...)
	for i, c := range cols {
		cols[i] = alias + quoteIdent(c)
	}
	return strings.Join(cols, ", ")
}
