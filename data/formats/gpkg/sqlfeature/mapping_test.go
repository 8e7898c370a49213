package sqlfeature

import (
	"reflect"
	"testing"
	"time"

	"corridor/data/feature"
)

func TestSetColumn(t *testing.T) {
	text := func(name string) Column { return Column{Name: name, Type: "TEXT"} }
	tests := []struct {
		name  string
		cols  []Column
		vals  []any
		check func(f *feature.Feature) bool
	}{
		{"fid skipped", []Column{{Name: "fid", Type: "INTEGER", PK: true}}, []any{int64(3)},
			func(f *feature.Feature) bool { return f.Properties == nil }},
		{"user primary key kept", []Column{{Name: "id", Type: "INTEGER", PK: true}}, []any{int64(3)},
			func(f *feature.Feature) bool { return f.Prop("id") == int64(3) }},
		{"name", []Column{text("name")}, []any{"Fiji"},
			func(f *feature.Feature) bool { return f.Name == "Fiji" && f.Properties == nil }},
		{"NAME kept as property", []Column{text("NAME")}, []any{"Fiji"},
			func(f *feature.Feature) bool { return f.Name == "Fiji" && f.Prop("NAME") == "Fiji" }},
		{"numeric name", []Column{{Name: "name", Type: "INTEGER"}}, []any{int64(12)},
			func(f *feature.Feature) bool { return f.Name == "12" }},
		{"uuid", []Column{text("uuid")}, []any{"abc"},
			func(f *feature.Feature) bool { return f.UUID == "abc" && f.Properties == nil }},
		{"JSON properties, columns win", []Column{text("properties"), text("k")}, []any{`{"k":"json","j":1}`, "column"},
			func(f *feature.Feature) bool { return f.Prop("k") == "column" && f.Prop("j") == 1.0 }},
		{"JSON properties, NULL column does not hide", []Column{text("properties"), text("k")}, []any{`{"k":"json"}`, nil},
			func(f *feature.Feature) bool { return f.Prop("k") == "json" }},
		{"properties that are not JSON", []Column{text("properties")}, []any{"free text"},
			func(f *feature.Feature) bool { return f.Prop("properties") == "free text" }},
		{"releasable_to JSON", []Column{text("releasable_to")}, []any{`["USA","CAN"]`},
			func(f *feature.Feature) bool { return reflect.DeepEqual(f.ReleasableTo, []string{"USA", "CAN"}) }},
		{"releasable_to list", []Column{text("releasable_to")}, []any{"USA; CAN,,GBR"},
			func(f *feature.Feature) bool { return reflect.DeepEqual(f.ReleasableTo, []string{"USA", "CAN", "GBR"}) }},
		{"created_at", []Column{{Name: "created_at", Type: "DATETIME"}}, []any{"2024-05-01T10:00:00.000Z"},
			func(f *feature.Feature) bool { return f.CreatedAt.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) }},
		{"updated_at SQLite form", []Column{text("updated_at")}, []any{"2024-05-01 10:00:00"},
			func(f *feature.Feature) bool { return f.UpdatedAt.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) }},
		{"created_at unparseable", []Column{text("created_at")}, []any{"last week"},
			func(f *feature.Feature) bool { return f.CreatedAt.IsZero() && f.Prop("created_at") == "last week" }},
		{"version", []Column{{Name: "version", Type: "INTEGER"}}, []any{int64(4)},
			func(f *feature.Feature) bool { return f.Version == 4 && f.Properties == nil }},
		{"version text", []Column{text("version")}, []any{"v2"},
			func(f *feature.Feature) bool { return f.Version == 0 && f.Prop("version") == "v2" }},
		{"boolean", []Column{{Name: "ok", Type: "BOOLEAN"}, {Name: "n", Type: "INTEGER"}}, []any{int64(1), int64(1)},
			func(f *feature.Feature) bool { return f.Prop("ok") == true && f.Prop("n") == int64(1) }},
		{"blob property", []Column{{Name: "raw", Type: "BLOB"}}, []any{[]byte{1, 2}},
			func(f *feature.Feature) bool { return reflect.DeepEqual(f.Prop("raw"), []byte{1, 2}) }},
		{"author and classification", []Column{text("author"), text("classification")}, []any{"me", "SECRET"},
			func(f *feature.Feature) bool { return f.Author == "me" && f.Classification == "SECRET" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &Table{Name: "t", GeomColumn: "geom", Columns: tt.cols}
			cols, roles, _ := tb.plan()
			vals := map[string]any{}
			for i, c := range tt.cols {
				vals[c.Name] = tt.vals[i]
			}
			f := &feature.Feature{}
			for i, c := range cols {
				setColumn(f, c, roles[i], vals[c.Name])
			}
			if !tt.check(f) {
				t.Errorf("got %+v", f)
			}
		})
	}
}

func TestPlanQuery(t *testing.T) {
	tb := &Table{Name: `we"ird`, GeomColumn: "GEOM", OtherGeomColumns: []string{"geom", "alt"}, Columns: []Column{
		{Name: "fid", Type: "INTEGER", PK: true}, {Name: "a"}, {Name: "geom"}, {Name: "alt"}, {Name: "properties"},
	}}
	_, _, q := tb.plan()
	want := `SELECT "GEOM", +"properties", +"a" FROM "we""ird"`
	if q != want {
		t.Errorf("got %s, want %s", q, want)
	}
}
