package render_test

import (
	"context"
	"fmt"

	"corridor/geo/render"
	"corridor/geo/style"
	"corridor/geo/viewport"

	"github.com/twpayne/go-geom"
)

// A window keeps one Renderer and calls Render for each new viewport,
// cancelling the previous call's context.
func Example() {
	routes := render.NewMemSource(&render.Feature{
		ID:    1,
		Label: "Pacific corridor",
		Geom:  geom.NewLineStringFlat(geom.XY, []float64{-83, 6.6, -80, 7.1, -78, 9, -77.6, 10}),
	})
	st, err := style.ForKind(style.KindRoute, `{"width":3}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	layers := []render.Layer{{ID: "routes", Kind: style.KindRoute, Style: st, Visible: true, Source: routes, Generation: 1}}

	r := render.New(render.Options{})
	vp := viewport.Fit(viewport.Bounds{West: -84, South: 6, East: -77, North: 10.5}, 640, 400)
	img, err := r.Render(context.Background(), vp, layers)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), img.Bounds().Dy())
	// Output: 640 400
}
