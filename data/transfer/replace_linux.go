package transfer

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// replaceFile puts the finished file tmp in place of out in one step.
//
// When out exists, the two names are exchanged and the old file, now
// under tmp's name, is removed: readers see the old file or the new one,
// never a part. A plain rename over an existing file would do the same,
// but ext4 (auto_da_alloc) then writes the new file's data out before the
// rename returns, which costs a small map a few milliseconds; an exchange
// is not delayed, like the first writing of a file that did not exist.
// Only a regular file is exchanged: anything else goes through rename.
func replaceFile(tmp, out string) error {
	if st, err := os.Lstat(out); err != nil || !st.Mode().IsRegular() {
		// nothing there (a plain rename is not delayed), or something
		// rename itself must judge: a folder is refused, a link replaced
		return os.Rename(tmp, out)
	}
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		os.Remove(tmp) // the old file; out is already the new one
		return nil
	case errors.Is(err, unix.ENOENT), errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EXDEV):
		// no old file, or a file system without exchange
		return os.Rename(tmp, out)
	}
	return &os.LinkError{Op: "rename", Old: tmp, New: out, Err: err}
}
