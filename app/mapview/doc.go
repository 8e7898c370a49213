// Package mapview is the map widget: a Web Mercator viewport over a
// rendered image, panned by dragging, zoomed by the wheel about the cursor,
// by double-click and by the keyboard, with an asynchronous render loop
// (a newer view cancels the older render; the last image is shown shifted
// and scaled meanwhile) and a selection overlay.
//
// The widget knows nothing of workspaces: it draws through a RenderFunc,
// selects through a PickFunc and fits through a BoundsFunc (see
// app/maplayers for the ones backed by a workspace).
package mapview
