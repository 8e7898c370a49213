package session

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"corridor/app/maplayers"
	"corridor/data/store"
)

// ErrClosed is returned for a write asked of a closed session.
var ErrClosed = errors.New("the workspace is closed")

// Session is an open workspace, its layer set and the queue of its writes.
// Its methods may be called from any goroutine; subscribers and done
// callbacks run through the do function given to Open (the UI goroutine).
type Session struct {
	ws  *store.Workspace
	set *maplayers.Set
	do  func(func())
	// ctx is cancelled by Close: the write under way (a long import) stops
	// rather than holding the window.
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.Mutex
	subs   map[int]func(Change)
	nextID int
	closed bool
	jobs   chan func()
	queued sync.WaitGroup // writes asked and not yet announced
	worker sync.WaitGroup
}

// Open opens the workspace at path and reads its layers, bounded by ctx: a
// cancelled ctx stops the open (or discards what was opened) and returns
// ctx's error. It runs on the caller's goroutine: call it off the UI
// goroutine. do hands notices to the UI goroutine (fyne.Do).
func Open(ctx context.Context, path string, opts store.Options, do func(func())) (s *Session, err error) {
	defer func() { // one bad file must not take the window down
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("%s: %v", path, r)
		}
	}()
	ws, err := store.OpenContext(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	s, err = New(ctx, ws, do)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		if s != nil {
			s.Close()
		} else {
			ws.Close()
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// New makes a session of an open workspace; Close closes ws. The error is
// that of the first read of the layers.
func New(ctx context.Context, ws *store.Workspace, do func(func())) (*Session, error) {
	set, err := maplayers.New(ctx, ws)
	s := &Session{ws: ws, set: set, do: do, subs: map[int]func(Change){}, jobs: make(chan func(), 64)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.worker.Add(1)
	go s.work()
	return s, err
}

// Workspace returns the open workspace, for reads.
func (s *Session) Workspace() *store.Workspace { return s.ws }

// Layers returns the layer set the map draws.
func (s *Session) Layers() *maplayers.Set { return s.set }

// Subscribe calls fn with every Change, on the UI goroutine, until the
// returned function is called.
func (s *Session) Subscribe(fn func(Change)) (cancel func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID
	s.nextID++
	s.subs[id] = fn
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.subs, id)
	}
}

// Wait blocks until every write asked so far has run and been announced
// (handed to do).
func (s *Session) Wait() { s.queued.Wait() }

// Close cancels the write under way and those queued (each leaves nothing
// behind), waits for them, then closes the workspace. Writes asked
// afterwards fail with ErrClosed.
func (s *Session) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.jobs)
	s.mu.Unlock()
	s.cancel()
	s.worker.Wait()
	return s.ws.Close()
}

func (s *Session) work() {
	defer s.worker.Done()
	for job := range s.jobs {
		job()
	}
}

// enqueue runs job on the session's goroutine, after the writes asked
// before it; false when the session is closed.
func (s *Session) enqueue(job func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.queued.Add(1)
	s.jobs <- func() {
		defer s.queued.Done()
		job()
	}
	return true
}

// announce reloads the layer set after a write and hands ch to the
// subscribers, then after to the caller, on the UI goroutine. A failed
// reload is reported to after when the write itself succeeded.
func (s *Session) announce(ch *Change, err error, after func(error)) {
	if ch != nil {
		// Reload gives the layers whose features changed (per the journal)
		// a new generation: the renderer drops only their cached geometry.
		if rerr := s.set.Reload(context.WithoutCancel(s.ctx)); rerr != nil && err == nil {
			err = rerr
		}
	}
	s.mu.Lock()
	subs := make([]func(Change), 0, len(s.subs))
	for id := 0; id < s.nextID; id++ {
		if fn, ok := s.subs[id]; ok {
			subs = append(subs, fn)
		}
	}
	s.mu.Unlock()
	s.do(func() {
		if ch != nil {
			for _, fn := range subs {
				fn(*ch)
			}
		}
		if after != nil {
			after(err)
		}
	})
}
