//go:build !linux

package transfer

import "os"

// replaceFile puts the finished file tmp in place of out in one step.
func replaceFile(tmp, out string) error { return os.Rename(tmp, out) }
