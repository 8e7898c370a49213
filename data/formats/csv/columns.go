package csv

import (
	"strconv"
	"strings"
)

// Column names recognised, case-insensitively, in order of preference.
var (
	wktNames = []string{"wkt", "geometry", "geom", "the_geom", "wkt_geom"}
	latNames = []string{"latitude", "lat", "y"}
	lonNames = []string{"longitude", "lon", "lng", "long", "x"}
)

// layout says which column holds what; -1 when absent.
type layout struct {
	names               []string // column names, made unique
	wkt, lat, lon       int
	name, uuid          int
	class, releasableTo int
}

// analyse reads the header row.
func analyse(header []string) layout {
	l := layout{wkt: -1, lat: -1, lon: -1, name: -1, uuid: -1, class: -1, releasableTo: -1}
	seen := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			h = "field_" + strconv.Itoa(i+1)
		}
		if n := seen[strings.ToLower(h)]; n > 0 {
			seen[strings.ToLower(h)]++
			h += "_" + strconv.Itoa(n+1)
		} else {
			seen[strings.ToLower(h)] = 1
		}
		l.names = append(l.names, h)
	}
	find := func(names []string) int {
		for _, want := range names {
			for i, h := range l.names {
				if strings.EqualFold(h, want) {
					return i
				}
			}
		}
		return -1
	}
	l.wkt = find(wktNames)
	if l.wkt < 0 {
		l.lat, l.lon = find(latNames), find(lonNames)
	}
	l.name = find([]string{"name"})
	l.uuid = find([]string{"uuid"})
	l.class = find([]string{"classification"})
	l.releasableTo = find([]string{"releasable_to"})
	return l
}
