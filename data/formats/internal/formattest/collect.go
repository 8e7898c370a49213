package formattest

import (
	"context"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
)

// Reader reads the file at path, emitting its features.
type Reader func(ctx context.Context, path string, emit formats.Emit) error

// Collect reads path with read and returns the features per layer name and
// the layer names in the order they came.
func Collect(tb testing.TB, read Reader, path string) (map[string][]*feature.Feature, []string, error) {
	tb.Helper()
	got := map[string][]*feature.Feature{}
	var order []string
	err := read(context.Background(), path, func(l *formats.Layer, f *feature.Feature) error {
		if _, ok := got[l.Name]; !ok {
			order = append(order, l.Name)
		}
		got[l.Name] = append(got[l.Name], f)
		return nil
	})
	return got, order, err
}
