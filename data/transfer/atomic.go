package transfer

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteAtomic writes out through write under a temporary name in the same
// folder and renames it into place at the end, so that out appears whole or
// not at all: on any error the temporary file is removed and out is left as
// it was. Errors name out (never the temporary file).
//
// "Whole or not at all" holds for every program reading out while the
// machine stays up. The file is not synced to the disk first (an export is
// cheap to write again, and a sync would cost more than a small map takes
// to draw), so after a power cut out may be empty or hold the old file;
// workspaces, which must survive that, are written by SQLite, not here.
func WriteAtomic(out string, write func(w io.Writer) error) error {
	if err := checkOutput(out); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", out, fileReason(err))
	}
	err = write(tmp)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fileReason(cerr)
	}
	if err == nil {
		if rerr := replaceFile(tmp.Name(), out); rerr != nil {
			err = fileReason(rerr)
		}
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("%s: %w", out, err)
	}
	return nil
}

// checkOutput refuses an output path that names a folder.
func checkOutput(out string) error {
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fmt.Errorf("%s: is a directory", out)
	}
	return nil
}

// fileReason strips the operation and path that os errors carry (the path
// may be a temporary name the user never gave), keeping the reason.
func fileReason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
