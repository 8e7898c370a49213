//go:build !unix

package store

import (
	"os"
	"path/filepath"
)

// writable reports whether this process may write path and create files
// beside it (SQLite's -wal and -shm), by trying both.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".corridor-probe-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}
