package formattest

import (
	"corridor/data/feature"
	"corridor/data/formats"
)

// Source returns a FeatureSource yielding fs in order, stopping at the
// first error fn returns.
func Source(fs []*feature.Feature) formats.FeatureSource {
	return func(fn func(*feature.Feature) error) error {
		for _, f := range fs {
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	}
}
