package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"math"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"corridor/app/maplayers"
	"corridor/data/store"
	"corridor/data/transfer"
	"corridor/geo/pngenc"
	"corridor/geo/render"
	"corridor/geo/viewport"
)

// mapOptions are the parsed flags of `corridor map`.
type mapOptions struct {
	bbox          *viewport.Bounds
	width, height int
	layers        []string
}

func parseMapFlags(args []string) ([]string, mapOptions, error) {
	fs := flag.NewFlagSet("map", flag.ContinueOnError)
	bbox := fs.String("bbox", "", "W,S,E,N in degrees (default: all layers)")
	size := fs.String("size", "1920x1080", "image size WxH in pixels")
	layers := fs.String("layers", "", "comma-separated layer titles to draw (default: the visible layers)")
	var o mapOptions
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, o, err
	}
	if *bbox != "" {
		b, err := parseBBox(*bbox)
		if err != nil {
			return nil, o, usagef("--bbox: %v", err)
		}
		o.bbox = &b
	}
	if o.width, o.height, err = parseSize(*size); err != nil {
		return nil, o, usagef("--size: %v", err)
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "layers" {
			return
		}
		o.layers = []string{}
		for _, l := range strings.Split(*layers, ",") {
			if l = strings.TrimSpace(l); l != "" {
				o.layers = append(o.layers, l)
			}
		}
	})
	if o.layers != nil && len(o.layers) == 0 {
		return nil, o, usagef("--layers: %q names no layer (give layer titles separated by commas)", *layers)
	}
	return pos, o, nil
}

func parseBBox(s string) (viewport.Bounds, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return viewport.Bounds{}, fmt.Errorf("%q: want W,S,E,N", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return viewport.Bounds{}, fmt.Errorf("%q: %q is not a number", s, p)
		}
		v[i] = f
	}
	b := viewport.Bounds{West: v[0], South: v[1], East: v[2], North: v[3]}
	switch {
	case b.West < -180 || b.West > 180 || b.East < -180 || b.East > 180:
		return b, fmt.Errorf("%q: longitudes must be within -180..180", s)
	case b.South < -90 || b.North > 90 || b.South >= b.North:
		return b, fmt.Errorf("%q: want -90 <= S < N <= 90", s)
	}
	return b, nil
}

func parseSize(s string) (int, int, error) {
	w, h, ok := strings.Cut(strings.ToLower(s), "x")
	if !ok {
		return 0, 0, fmt.Errorf("%q: want WxH, e.g. 1920x1080", s)
	}
	wi, err1 := strconv.Atoi(w)
	hi, err2 := strconv.Atoi(h)
	if err1 != nil || err2 != nil || wi < 16 || hi < 16 || wi > 16384 || hi > 16384 {
		return 0, 0, fmt.Errorf("%q: want WxH between 16 and 16384 pixels", s)
	}
	return wi, hi, nil
}

func runMap(ctx context.Context, env Env, args []string) error {
	pos, o, err := parseMapFlags(args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want a workspace and an output image, got %d arguments", len(pos))
	}
	out := pos[1]
	if ext := strings.ToLower(filepath.Ext(out)); ext != ".png" {
		return usagef("%s: unknown image type %q (want .png)", out, ext)
	}
	w, err := store.OpenContext(ctx, pos[0], store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer w.Close()
	set, err := maplayers.New(ctx, w)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	warn(env, pos[0], set.Warnings())
	layers := set.Layers()
	if o.layers != nil {
		if layers, err = set.Only(o.layers); err != nil {
			return fmt.Errorf("%s: %w", pos[0], err)
		}
	}
	var vp viewport.Viewport
	switch b, ok := set.Bounds(); {
	case o.bbox != nil:
		vp = viewport.Fit(*o.bbox, o.width, o.height)
	case ok:
		vp = viewport.Fit(b, o.width, o.height)
	default:
		vp = viewport.Fit(viewport.Bounds{West: -180, South: -80, East: 180, North: 80}, o.width, o.height)
	}
	// One frame, then exit: no tile cache to fill, and no garbage collection
	// until the heap reaches what the frame itself needs plus some room (a
	// fresh process otherwise spends a quarter of a small map's time in the
	// collector as its heap grows). The renderer keeps no vertices once it
	// has simplified them, so on a big map each collection frees the blobs
	// and vertices read so far, and memory is reused instead of faulted in.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(mapHeapLimit(o.width, o.height)))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	// Each band of the image is compressed and written as soon as it is
	// drawn (the map's background is opaque: it is written as RGB), into a
	// temporary file that becomes OUT only once the map is whole.
	img := image.NewRGBA(image.Rect(0, 0, vp.Width, vp.Height))
	err = transfer.WriteAtomic(out, func(w io.Writer) error {
		png := pngenc.NewStream(w, img)
		if err := render.New(render.Options{TileCacheBytes: -1}).RenderRows(ctx, img, vp, layers, png.Rows); err != nil {
			return err
		}
		return png.Close()
	})
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s: map cancelled; nothing written", out)
	}
	return err
}

// mapHeapLimit is the Go heap `corridor map` lets grow before collecting:
// 48 MiB of room plus about 12 bytes a pixel for the image, the coverage
// masks and the PNG stream.
func mapHeapLimit(width, height int) int64 {
	return 48<<20 + 12*int64(width)*int64(height)
}
