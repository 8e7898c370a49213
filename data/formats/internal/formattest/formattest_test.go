package formattest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"corridor/data/feature"
	"corridor/data/formats"
	"corridor/data/internal/corpus"
)

func TestSourceAndCollect(t *testing.T) {
	fs := []*feature.Feature{{Name: "a"}, {Name: "b"}, {Name: "c"}}
	layers := []string{"x", "y", "x"}
	read := func(ctx context.Context, path string, emit formats.Emit) error {
		i := 0
		return Source(fs)(func(f *feature.Feature) error {
			i++
			return emit(&formats.Layer{Name: layers[i-1]}, f)
		})
	}
	got, order, err := Collect(t, read, "p")
	if err != nil || !reflect.DeepEqual(order, []string{"x", "y"}) || len(got["x"]) != 2 || got["x"][1].Name != "c" || got["y"][0].Name != "b" {
		t.Errorf("Collect = %v, %v, %v", got, order, err)
	}
	stop := errors.New("stop")
	n := 0
	if err := Source(fs)(func(*feature.Feature) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Source went on after an error: %v after %d", err, n)
	}
}

func TestFingerprint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := Fingerprint(t, path)
	st, _ := os.Stat(path)
	if err := os.WriteFile(path, []byte("abd"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if b := Fingerprint(t, path); a == b {
		t.Errorf("same fingerprint %s after a change of content", a)
	}
}

func TestHexLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seeds.hex")
	if err := os.WriteFile(path, []byte("# comment\n0102\n\n  ff \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := HexLines(t, path); !reflect.DeepEqual(got, [][]byte{{1, 2}, {0xff}}) {
		t.Errorf("HexLines = %v", got)
	}
}

// recorder is a testing.TB that records whether a check failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()                   {}
func (r *recorder) Logf(string, ...any)       {}
func (r *recorder) Errorf(string, ...any)     { r.failed = true }
func (r *recorder) Fatalf(f string, a ...any) { r.failed = true; runtime.Goexit() }

func TestCheckLayers(t *testing.T) {
	two := map[string][]*feature.Feature{"a": {{}}, "b": {{}, {}}}
	tests := []struct {
		name   string
		row    corpus.Row
		got    map[string][]*feature.Feature
		order  []string
		err    error
		failed bool
	}{
		{"import", corpus.Row{Expect: "import", Features: 3, Layers: 2}, two, []string{"a", "b"}, nil, false},
		{"import wrong layers", corpus.Row{Expect: "import", Features: 3, Layers: 1}, two, []string{"a", "b"}, nil, true},
		{"import wrong count", corpus.Row{Expect: "import", Features: 2, Layers: 2}, two, []string{"a", "b"}, nil, true},
		{"import refused", corpus.Row{Expect: "import", Features: 0, Layers: 0}, nil, nil, errors.New("d/f.gpkg: bad"), true},
		{"refuse", corpus.Row{Expect: "refuse"}, nil, nil, errors.New("d/f.gpkg: bad"), false},
		{"refuse not naming", corpus.Row{Expect: "refuse"}, nil, nil, errors.New("bad"), true},
		{"refuse after features", corpus.Row{Expect: "refuse"}, two, []string{"a", "b"}, errors.New("d/f.gpkg: bad"), true},
		{"refuse read", corpus.Row{Expect: "refuse"}, two, []string{"a", "b"}, nil, true},
		{"unknown", corpus.Row{Expect: "either"}, nil, nil, nil, true},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			CheckLayers(r, tt.row, "d/f.gpkg", tt.got, tt.order, tt.err)
		}()
		<-done
		if r.failed != tt.failed {
			t.Errorf("%s: failed = %v, want %v", tt.name, r.failed, tt.failed)
		}
	}
}
