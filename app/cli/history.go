package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"corridor/data/store"
)

// changesetJSON is one element of `corridor history --json`.
type changesetJSON struct {
	ID           int64     `json:"id"`
	Label        string    `json:"label"`
	Time         time.Time `json:"time"`
	Author       string    `json:"author"`
	State        string    `json:"state"`
	Reverts      int64     `json:"reverts,omitempty"`
	Inserted     int       `json:"inserted"`
	Updated      int       `json:"updated"`
	Deleted      int       `json:"deleted"`
	LayerChanges int       `json:"layer_changes"`
}

func runHistory(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
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
	cs, err := w.Changesets(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if *asJSON {
		out := make([]changesetJSON, 0, len(cs))
		for _, c := range cs {
			out = append(out, changesetJSON{ID: c.ID, Label: c.Label, Time: c.At, Author: c.Author, State: c.State,
				Reverts: c.Reverts, Inserted: c.Inserted, Updated: c.Updated, Deleted: c.Deleted, LayerChanges: c.LayerChanges})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTIME\tAUTHOR\tSTATE\tINSERTED\tUPDATED\tDELETED\tLAYERS\tLABEL")
	for _, c := range cs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", c.ID, c.At.Format(time.RFC3339), c.Author, c.State,
			c.Inserted, c.Updated, c.Deleted, c.LayerChanges, c.Label)
	}
	return tw.Flush()
}
