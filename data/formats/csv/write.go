package csv

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"corridor/data/feature"
	"corridor/data/formats"

	"github.com/twpayne/go-geom/encoding/wkt"
)

// fixedColumns come first in every file the writer writes.
var fixedColumns = []string{"WKT", "uuid", "name", "classification", "releasable_to"}

// Write writes layers as one CSV table: the geometry as WKT, the common
// columns, a "layer" column when there are several layers, then one column
// per property key (the union over all features, sorted). It reads each
// FeatureSource twice: once for the keys, once for the rows.
func Write(ctx context.Context, w io.Writer, layers []formats.LayerData) error {
	reserved := map[string]bool{}
	for _, c := range fixedColumns {
		reserved[strings.ToLower(c)] = true
	}
	withLayer := len(layers) > 1
	if withLayer {
		reserved["layer"] = true
	}
	keySet := map[string]bool{}
	for _, l := range layers {
		if l.Features == nil {
			continue
		}
		err := l.Features(func(f *feature.Feature) error {
			for k := range f.Properties {
				keySet[k] = true
			}
			return ctx.Err()
		})
		if err != nil {
			return fmt.Errorf("writing CSV layer %q: %w", l.Name, err)
		}
	}
	keys := make([]string, 0, len(keySet))
	for k := range keySet {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	header := append([]string(nil), fixedColumns...)
	if withLayer {
		header = append(header, "layer")
	}
	for _, k := range keys {
		if reserved[strings.ToLower(k)] {
			k = "property_" + k // never shadow a common column
		}
		header = append(header, k)
	}
	for i, h := range header {
		header[i] = inert(h)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	row := make([]string, len(header))
	for _, l := range layers {
		if l.Features == nil {
			continue
		}
		n := 0
		err := l.Features(func(f *feature.Feature) error {
			if n++; n&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			for i := range row {
				row[i] = ""
			}
			if f.Geometry != nil {
				s, err := wkt.Marshal(f.Geometry)
				if err != nil {
					return fmt.Errorf("feature %q: %w", f.UUID, err)
				}
				row[0] = s
			}
			row[1], row[2], row[3] = f.UUID, f.Name, f.Classification
			row[4] = strings.Join(f.ReleasableTo, ",")
			i := len(fixedColumns)
			if withLayer {
				row[i] = l.Name
				i++
			}
			for j, k := range keys {
				row[i+j] = formatValue(f.Properties[k])
			}
			for i, c := range row {
				row[i] = inert(c)
			}
			return cw.Write(row)
		})
		if err != nil {
			return fmt.Errorf("writing CSV layer %q: %w", l.Name, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// inert returns a cell that a spreadsheet shows as text: one starting with
// =, +, -, @, a tab or a carriage return would be taken for a formula
// (=HYPERLINK(...), =cmd|..., @SUM(...)) and run when the file is opened,
// so it is prefixed with a ', which spreadsheets hide. A decimal number
// such as -12.5 or +3e5 is left as it is.
func inert(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !isDecimal(s) {
			return "'" + s
		}
	}
	return s
}

// isDecimal reports whether s is a finite decimal number.
func isDecimal(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		default:
			return false
		}
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// formatValue renders a property value as a cell ("" for nil).
func formatValue(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(t), 'f', -1, 32)
	case int:
		return strconv.Itoa(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case bool:
		return strconv.FormatBool(t)
	case fmt.Stringer:
		return t.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
