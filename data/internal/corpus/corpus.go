// Package corpus gives tests of the format readers the shared corpus of
// files written by other tools (the testdata folder beside the module root)
// and the outcomes GDAL gives for them (its oracle.tsv).
package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Find returns the corpus folder: ../shared/testdata from the module root,
// the first folder holding go.mod at or above the working directory (a test
// runs in its package's folder, at any depth).
func Find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("corpus: no go.mod at or above the working directory: %w", os.ErrNotExist)
		}
		dir = up
	}
	corpus := filepath.Join(dir, "..", "shared", "testdata")
	if _, err := os.Stat(corpus); err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	return corpus, nil
}

// Dir returns the corpus folder, skipping the test when it is absent and
// failing it when it cannot be looked for.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := Find()
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("shared test corpus absent (%v)", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Path returns the corpus file at the slash-separated path rel, skipping
// the test when the corpus is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	return filepath.Join(Dir(tb), filepath.FromSlash(rel))
}

// Glob returns the corpus files matching each slash-separated pattern, in
// order; none when the corpus is absent (fuzz seeds are optional).
func Glob(patterns ...string) []string {
	dir, err := Find()
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range patterns {
		m, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(p)))
		out = append(out, m...)
	}
	return out
}
