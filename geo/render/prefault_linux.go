package render

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): fault the pages
// in, writable, in one call.
const madvPopulateWrite = 23

// prefaultPages makes the pages of b (all zero) present and writable:
// with madvise where the kernel has MADV_POPULATE_WRITE, else by writing
// to each.
func prefaultPages(b []uint8) {
	const page = 4096
	if len(b) < 4*page {
		touchPages(b)
		return
	}
	p := uintptr(unsafe.Pointer(&b[0]))
	start := (p + page - 1) &^ (page - 1)
	end := (p + uintptr(len(b))) &^ (page - 1)
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite); e != 0 {
		touchPages(b)
		return
	}
	// the partial pages at either end, which the call left out
	b[0] = 0
	b[len(b)-1] = 0
}
