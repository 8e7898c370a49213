package corpus

import (
	"errors"
	"fmt"
	"runtime"
	"testing"

	"corridor/data/formats"
)

// recorder is a testing.TB that records whether Check failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()                   {}
func (r *recorder) Logf(string, ...any)       {}
func (r *recorder) Fatalf(f string, a ...any) { r.failed = true; runtime.Goexit() }

func TestCheck(t *testing.T) {
	refusal := &formats.Error{File: "a.kml", Line: 3, Err: errors.New("bad")}
	tests := []struct {
		name   string
		row    Row
		n      int
		err    error
		failed bool
	}{
		{"import ok", Row{Expect: "import", Features: 3}, 3, nil, false},
		{"import wrong count", Row{Expect: "import", Features: 3}, 2, nil, true},
		{"import refused", Row{Expect: "import", Features: 3}, 0, refusal, true},
		{"refuse ok", Row{Expect: "refuse", Features: -1}, 0, refusal, false},
		{"refuse read", Row{Expect: "refuse", Features: -1}, 1, nil, true},
		{"either read", Row{Expect: "either", Features: 2}, 2, nil, false},
		{"either wrong count", Row{Expect: "either", Features: 2}, 1, nil, true},
		{"either refused", Row{Expect: "either", Features: 2}, 0, refusal, false},
		{"plain error", Row{Expect: "either", Features: 2}, 0, fmt.Errorf("a.kml: bad"), true},
		{"error not naming the file", Row{Expect: "refuse"}, 0, &formats.Error{File: "b.kml", Err: errors.New("bad")}, true},
		{"unknown expectation", Row{Expect: "maybe"}, 0, nil, true},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			Check(r, tt.row, "dir/a.kml", tt.n, tt.err)
		}()
		<-done
		if r.failed != tt.failed {
			t.Errorf("%s: failed = %v, want %v", tt.name, r.failed, tt.failed)
		}
	}
}
