package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// tree makes a module at root/mod with a corpus at root/shared/testdata
// holding oracle (none when oracle is ""), and returns root.
func tree(t *testing.T, oracle string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"mod/a/b/c", "shared/testdata/a", "shared/testdata/b"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"a/one.geojson", "b/three.kml"} {
		if err := os.WriteFile(filepath.Join(root, "shared", "testdata", f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "mod", "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if oracle != "" {
		if err := os.WriteFile(filepath.Join(root, "shared", "testdata", "oracle.tsv"), []byte(oracle), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const oracle = "path\tgdal\tfeatures\tlayers\texpect\n" +
	"a/one.geojson\topens\t3\t1\timport\n" +
	"a/two.JSON\trefuses\t-\t-\trefuse\n" +
	"b/three.kml\topens\t0\t2\teither\n" +
	"short\tline\n" +
	"b/x.gpkg\topens\t1\t1\n"

func TestRows(t *testing.T) {
	root := tree(t, oracle)
	tests := []struct {
		dir  string
		exts []string
		want []Row
	}{
		{"mod", []string{".geojson", ".json"}, []Row{
			{"a/one.geojson", "opens", 3, 1, "import"},
			{"a/two.JSON", "refuses", -1, -1, "refuse"},
		}},
		{"mod/a/b/c", []string{".kml"}, []Row{{"b/three.kml", "opens", 0, 2, "either"}}},
		{"mod/a", nil, []Row{
			{"a/one.geojson", "opens", 3, 1, "import"},
			{"a/two.JSON", "refuses", -1, -1, "refuse"},
			{"b/three.kml", "opens", 0, 2, "either"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			t.Chdir(filepath.Join(root, tt.dir))
			if _, err := Find(); err != nil {
				t.Fatalf("Find: %v", err)
			}
			if got := Rows(t, tt.exts...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Rows(%v) = %v, want %v", tt.exts, got, tt.want)
			}
			want, err := filepath.EvalSymlinks(filepath.Join(root, "shared", "testdata", "b", "three.kml"))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := filepath.EvalSymlinks(Path(t, "b/three.kml")); err != nil || got != want {
				t.Errorf("Path = %s (%v), want %s", got, err, want)
			}
			if got := Glob("*/*.kml", "a/*.geojson"); len(got) != 2 || filepath.Base(got[0]) != "three.kml" {
				t.Errorf("Glob = %v", got)
			}
		})
	}
}

func TestAbsentSkips(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	if _, err := Find(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Find without a corpus: %v, want os.ErrNotExist", err)
	}
	if got := Glob("*"); got != nil {
		t.Errorf("Glob without a corpus = %v", got)
	}
	skipped := false
	t.Run("rows", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		Rows(t)
	})
	if !skipped {
		t.Error("Rows did not skip without a corpus")
	}
}

func TestSeeds(t *testing.T) {
	root := tree(t, oracle)
	if err := os.WriteFile(filepath.Join(root, "shared", "testdata", "b", "four.kml"), []byte("corpus"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "mod", "a", "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "mod", "a", "testdata", "own.kml"), []byte("local"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "mod", "a"))
	var got []string
	for _, b := range Seeds(t, "testdata/*.kml", "b/*.kml", "a/*.kml") {
		got = append(got, string(b))
	}
	if want := []string{"corpus", "", "local"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Seeds = %q, want %q", got, want)
	}
}
