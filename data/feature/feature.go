// Package feature defines the feature model shared by the workspace store and
// every file format: a geometry in EPSG:4326 with Corridor's common columns.
package feature

import (
	"time"

	"github.com/twpayne/go-geom"
)

// Feature is one map object. Geometry is in EPSG:4326 (longitude, latitude[, z]);
// it may be nil for a feature without geometry.
type Feature struct {
	// FID is the row id in the workspace; 0 for a feature not stored yet.
	FID int64
	// UUID is stable across exports and shares; empty means "assign one".
	UUID string
	// Name is the feature's display name (label).
	Name string
	// Geometry is the shape, in EPSG:4326.
	Geometry geom.T
	// Properties holds free attributes, and on kind-specific layers the
	// kind's columns too (see KindColumns): the store maps them to columns.
	Properties map[string]any
	// Classification is a marking such as "UNCLASSIFIED" or "RESTRICTED".
	Classification string
	// ReleasableTo lists the partners this feature may be shared with.
	ReleasableTo []string
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt time.Time
	UpdatedAt time.Time
	// Author is who made the last change.
	Author string
	// Version counts the edits of this feature, starting at 1.
	Version int
}

// Prop returns the property key, or nil.
func (f *Feature) Prop(key string) any {
	if f.Properties == nil {
		return nil
	}
	return f.Properties[key]
}

// SetProp sets the property key, creating the map when needed.
func (f *Feature) SetProp(key string, v any) {
	if f.Properties == nil {
		f.Properties = map[string]any{}
	}
	f.Properties[key] = v
}

// Clone returns a copy of f whose property map and releasability list may be
// changed without touching f. The geometry is shared (treat it as immutable).
func (f *Feature) Clone() *Feature {
	c := *f
	if f.Properties != nil {
		c.Properties = make(map[string]any, len(f.Properties))
		for k, v := range f.Properties {
			c.Properties[k] = v
		}
	}
	c.ReleasableTo = append([]string(nil), f.ReleasableTo...)
	return &c
}
