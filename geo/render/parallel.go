package render

import "sync"

// parallelRows splits [0, n) into up to workers contiguous chunks and runs
// fn on each in its own goroutine (the first in the caller's).
func parallelRows(n, workers int, fn func(lo, hi int)) {
	if workers < 2 || n < 64 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	fn(0, n/workers)
	wg.Wait()
}

// parallelEach runs fn(w) for w in [0, workers) concurrently and returns
// the first non-nil error.
func parallelEach(workers int, fn func(w int) error) error {
	if workers < 2 {
		return fn(0)
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = fn(w)
		}()
	}
	errs[0] = fn(0)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
