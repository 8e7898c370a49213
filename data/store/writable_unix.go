//go:build unix

package store

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// writable reports whether this process may write path and create files
// beside it (SQLite's -wal and -shm), asking the kernel rather than
// trying: a read-only file system or missing permission answers no.
func writable(path string) bool {
	return unix.Access(path, unix.W_OK) == nil && unix.Access(filepath.Dir(path), unix.W_OK|unix.X_OK) == nil
}
