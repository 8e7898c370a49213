package formattest

import (
	"os"
	"strconv"
	"testing"
)

// Fingerprint returns a file's modification time, size and content digest,
// so that a test can tell whether a reader changed it; it fails the test if
// a -wal, -shm or -journal file sits beside it.
func Fingerprint(tb testing.TB, path string) string {
	tb.Helper()
	st, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			tb.Errorf("%s%s exists", path, s)
		}
	}
	var sum uint64 = 14695981039346656037 // FNV-1a
	for _, c := range b {
		sum = (sum ^ uint64(c)) * 1099511628211
	}
	return st.ModTime().String() + "/" + strconv.Itoa(len(b)) + "/" + strconv.FormatUint(sum, 16)
}
