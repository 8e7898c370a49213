package sqlfeature

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"corridor/data/feature"
)

// role is what a column's value becomes in a Feature.
type role int

const (
	roleProperty       role = iota // a property under the column's name
	roleSkip                       // the feature id: dropped
	roleUUID                       // Feature.UUID
	roleName                       // Feature.Name (the column "name")
	roleNameAndProp                // Feature.Name and a property ("NAME", "Name")
	roleProperties                 // a JSON object merged into the properties
	roleClassification             // Feature.Classification
	roleReleasableTo               // Feature.ReleasableTo
	roleCreatedAt                  // Feature.CreatedAt
	roleUpdatedAt                  // Feature.UpdatedAt
	roleAuthor                     // Feature.Author
	roleVersion                    // Feature.Version
)

// corridorRoles are the columns of a Corridor workspace feature table.
var corridorRoles = map[string]role{
	"uuid":           roleUUID,
	"name":           roleName,
	"properties":     roleProperties,
	"classification": roleClassification,
	"releasable_to":  roleReleasableTo,
	"created_at":     roleCreatedAt,
	"updated_at":     roleUpdatedAt,
	"author":         roleAuthor,
	"version":        roleVersion,
}

// fidNames are the names GDAL, QGIS and SpatiaLite give a feature table's
// integer primary key.
var fidNames = map[string]bool{"fid": true, "ogc_fid": true, "pk_uid": true}

// roleOf returns the role of a non-geometry column.
func roleOf(c Column) role {
	if c.PK && strings.Contains(c.Type, "INT") && fidNames[strings.ToLower(c.Name)] {
		return roleSkip
	}
	if r, ok := corridorRoles[c.Name]; ok {
		return r
	}
	if strings.EqualFold(c.Name, "name") {
		return roleNameAndProp
	}
	return roleProperty
}

// isBoolean reports whether a column is declared BOOLEAN (GeoPackage) or
// INTEGER_BOOLEAN (some SpatiaLite writers): its 0/1 values become bools.
func isBoolean(c Column) bool {
	return c.Type == "BOOLEAN" || c.Type == "BOOL" || c.Type == "INTEGER_BOOLEAN"
}

// setColumn stores value v of column c, whose role is r, in f. A value that
// does not fit the Feature field (a version that is not a number, a date that
// does not parse) is kept as a property instead, so nothing is lost.
func setColumn(f *feature.Feature, c Column, r role, v any) {
	if b, ok := v.([]byte); ok && r != roleProperty {
		v = string(b)
	}
	s, isString := v.(string)
	switch r {
	case roleSkip:
		return
	case roleUUID:
		if isString && s != "" {
			f.UUID = s
			return
		}
		if v == nil {
			return
		}
	case roleName, roleNameAndProp:
		switch v := v.(type) {
		case string:
			f.Name = v
		case int64:
			f.Name = strconv.FormatInt(v, 10)
		case float64:
			f.Name = strconv.FormatFloat(v, 'g', -1, 64)
		}
		if r == roleName {
			return
		}
	case roleProperties:
		if isString && mergeJSON(f, s) {
			return
		}
		if v == nil {
			return
		}
	case roleClassification, roleAuthor:
		if isString {
			if r == roleClassification {
				f.Classification = s
			} else {
				f.Author = s
			}
			return
		}
		if v == nil {
			return
		}
	case roleReleasableTo:
		if isString {
			f.ReleasableTo = parseList(s)
			return
		}
		if v == nil {
			return
		}
	case roleCreatedAt, roleUpdatedAt:
		if t, ok := parseTime(v); ok {
			if r == roleCreatedAt {
				f.CreatedAt = t
			} else {
				f.UpdatedAt = t
			}
			return
		}
		if v == nil {
			return
		}
	case roleVersion:
		switch v := v.(type) {
		case nil:
			return
		case int64:
			f.Version = int(v)
			return
		case string:
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				f.Version = n
				return
			}
		}
	}
	if n, ok := v.(int64); ok && isBoolean(c) && (n == 0 || n == 1) {
		v = n == 1
	}
	if _, exists := f.Properties[c.Name]; exists && r == roleProperty && v == nil {
		return // a NULL column does not hide the same key from the JSON properties
	}
	f.SetProp(c.Name, v)
}

// mergeJSON merges the JSON object s into f's properties, reporting whether
// s was one. Properties already set (from real columns) win.
func mergeJSON(f *feature.Feature, s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil || m == nil {
		return false
	}
	for k, v := range m {
		if _, exists := f.Properties[k]; !exists {
			f.SetProp(k, v)
		}
	}
	return true
}

// parseList reads a list of partners stored as a JSON array of strings or as
// comma- (or semicolon-) separated text.
func parseList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var list []string
	if strings.HasPrefix(s, "[") && json.Unmarshal([]byte(s), &list) == nil {
		return list
	}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			list = append(list, p)
		}
	}
	return list
}

// timeLayouts are the timestamp forms GeoPackage, SpatiaLite and SQLite's
// own date functions write.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

func parseTime(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
