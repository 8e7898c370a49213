// Package mapview is the map widget: a Web Mercator viewport over a
// rendered image, panned by dragging, zoomed by the wheel about the cursor,
// by double-click and by the keyboard, with an asynchronous render loop
// (a newer view cancels the older render; the last image is shown shifted
// and scaled meanwhile) and a selection overlay.
//
// The widget knows nothing of workspaces: it draws through a RenderFunc,
// selects through a PickFunc and fits through a BoundsFunc (see
// app/gui for the ones backed by a workspace). Input goes to the current
// Tool (see tool.go; the tools live in app/tools). It links no SQL: a
// selected feature is a Selection, not a workspace type.
package mapview
