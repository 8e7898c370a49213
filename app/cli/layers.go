package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"corridor/data/formats"
	"corridor/data/store"
)

// layerJSON is one element of `corridor layers --json`.
type layerJSON struct {
	Name           string    `json:"name"`
	Table          string    `json:"table"`
	Kind           string    `json:"kind"`
	Features       int64     `json:"features"`
	Geometry       string    `json:"geometry"`
	BBox           []float64 `json:"bbox"`
	Visible        bool      `json:"visible"`
	Opacity        float64   `json:"opacity"`
	Classification string    `json:"classification,omitempty"`
	ReleasableTo   []string  `json:"releasable_to,omitempty"`
}

func runLayers(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("layers", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one workspace, got %d arguments", len(pos))
	}
	w, err := store.OpenContext(ctx, pos[0], store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer w.Close()
	ls, problems, err := w.LayersWithProblems(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	for _, p := range problems {
		warn(env, pos[0], []error{p})
	}
	if *asJSON {
		out := make([]layerJSON, 0, len(ls))
		for _, l := range ls {
			out = append(out, layerJSON{Name: l.Title, Table: l.Table, Kind: string(l.Kind), Features: l.Features,
				Geometry: l.GeometryType, BBox: l.Bounds, Visible: l.Visible, Opacity: l.Opacity,
				Classification: l.Classification, ReleasableTo: l.ReleasableTo})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tFEATURES\tGEOMETRY\tBBOX (W,S,E,N)")
	for _, l := range ls {
		bbox := "-"
		if l.Bounds != nil {
			bbox = fmt.Sprintf("%.4f,%.4f,%.4f,%.4f", l.Bounds[0], l.Bounds[1], l.Bounds[2], l.Bounds[3])
		}
		// a partner's workspace may hold anything: no escape sequence reaches the terminal
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", formats.Printable(l.Title), formats.Printable(string(l.Kind)), l.Features,
			formats.Printable(l.GeometryType), bbox)
	}
	return tw.Flush()
}

// warn prints problems a command worked around, one line each, on stderr.
func warn(env Env, workspace string, problems []error) {
	for _, p := range problems {
		fmt.Fprintf(env.Stderr, "corridor: warning: %s: %s\n", workspace, oneLine(p.Error()))
	}
}
