package gui

import (
	"context"
	"fmt"

	"corridor/app/session"
	"corridor/data/store"
	"corridor/geo/viewport"
)

// viewKey is the corridor_meta setting holding a workspace's last map view
// as "west,south,east,north"; demo.Create sets it to the Americas.
const viewKey = "view.bbox"

// savedView returns the view saved in the workspace, if any.
func savedView(ws *store.Workspace) (viewport.Bounds, bool) {
	v, err := ws.Meta(context.Background(), viewKey)
	if err != nil || v == "" {
		return viewport.Bounds{}, false
	}
	var b viewport.Bounds
	if _, err := fmt.Sscanf(v, "%g,%g,%g,%g", &b.West, &b.South, &b.East, &b.North); err != nil ||
		b.South >= b.North || b.South < -90 || b.North > 90 || b.West < -180 || b.East > 180 {
		return viewport.Bounds{}, false
	}
	return b, true
}

// saveView records the view in the workspace so that it opens there next
// time (nothing for a read-only workspace or a view not laid out yet).
func saveView(s *session.Session, vp viewport.Viewport) {
	if s == nil || s.Workspace().ReadOnly() || vp.Width <= 1 || vp.Height <= 1 {
		return
	}
	b := vp.Bounds()
	_ = s.SetMeta(context.Background(), viewKey, fmt.Sprintf("%.6f,%.6f,%.6f,%.6f", b.West, b.South, b.East, b.North))
}
