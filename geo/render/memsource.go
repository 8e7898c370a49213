package render

import (
	"context"
	"math"

	"github.com/twpayne/go-geom"
)

// MemSource is an in-memory Source for tests, benchmarks and small
// overlays. Add features before querying; it is safe for concurrent Query
// calls once filled.
type MemSource struct {
	features []*Feature
	boxes    [][4]float64 // west, south, east, north of each feature
}

// NewMemSource returns a MemSource holding fs.
func NewMemSource(fs ...*Feature) *MemSource {
	m := &MemSource{}
	for _, f := range fs {
		m.Add(f)
	}
	return m
}

// Add appends a feature. Its bounding box is computed once, here; a
// feature whose geometry crosses the antimeridian (consecutive longitudes
// more than 180 degrees apart) gets the whole longitude range.
func (m *MemSource) Add(f *Feature) {
	m.features = append(m.features, f)
	m.boxes = append(m.boxes, featureBox(f))
}

// Len is the number of features.
func (m *MemSource) Len() int { return len(m.features) }

// Query calls fn for every feature whose box intersects the query box.
func (m *MemSource) Query(ctx context.Context, west, south, east, north float64, fn func(*Feature) error) error {
	for i, b := range m.boxes {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if b[0] > east || b[2] < west || b[1] > north || b[3] < south {
			continue
		}
		if err := fn(m.features[i]); err != nil {
			return err
		}
	}
	return nil
}

func featureBox(f *Feature) [4]float64 {
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	if f.Geom == nil {
		return b
	}
	wrap := false
	leaves(f.Geom, func(g geom.T) {
		flat, stride := g.FlatCoords(), g.Stride()
		for i := 0; i+1 < len(flat); i += stride {
			x, y := flat[i], flat[i+1]
			b[0], b[2] = math.Min(b[0], x), math.Max(b[2], x)
			b[1], b[3] = math.Min(b[1], y), math.Max(b[3], y)
			if i >= stride && math.Abs(x-flat[i-stride]) > 180 {
				wrap = true
			}
		}
	})
	if wrap {
		b[0], b[2] = -180, 180
	}
	if f.Leader != nil {
		b[0], b[2] = math.Min(b[0], f.Leader[0]), math.Max(b[2], f.Leader[0])
		b[1], b[3] = math.Min(b[1], f.Leader[1]), math.Max(b[3], f.Leader[1])
	}
	return b
}

var _ Source = (*MemSource)(nil)
