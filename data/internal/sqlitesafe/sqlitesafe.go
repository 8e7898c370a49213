// Package sqlitesafe hardens go-sqlite3 connections that open files nobody
// here wrote: defensive mode, trusted_schema off, no extension loading, no
// ATTACH, a cap on the size of one value, and the GeoPackage R*Tree
// functions registered as innocuous, so that the standard triggers still
// run where a file's own SQL may call nothing but SQLite's built-ins.
package sqlitesafe

/*
typedef struct sqlite3 sqlite3;
int corridor_db_config_int(sqlite3 *db, int op, int v);
int corridor_register_envelope(sqlite3 *db);
long long sqlite3_memory_highwater(int resetFlag);
*/
import "C"

import (
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"
	"unsafe"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// sqlite3_db_config verbs and sqlite3_limit categories (sqlite3.h).
const (
	dbconfigEnableLoadExtension = 1005
	dbconfigDefensive           = 1010
	dbconfigEnableView          = 1015
	dbconfigTrustedSchema       = 1017

	limitLength   = 0
	limitAttached = 7
)

// DefaultMaxValue is the default cap on one string or blob (SQLITE_LIMIT_LENGTH):
// a bigger cell is an error ("string or blob too big"), not an allocation.
const DefaultMaxValue = 64 << 20

// Options says how far to harden a connection.
type Options struct {
	// MaxValue caps one string or blob, in bytes; 0 means DefaultMaxValue.
	MaxValue int
	// NoViews turns views off altogether: reading one is an error.
	NoViews bool
}

// Harden applies the protections to c. Call it first in a ConnectHook.
func Harden(c *sqlite3.SQLiteConn, o Options) error {
	db, err := handle(c)
	if err != nil {
		return err
	}
	set := []struct {
		name string
		op   int
		v    int
	}{
		{"defensive", dbconfigDefensive, 1},
		{"trusted_schema", dbconfigTrustedSchema, 0},
		{"load_extension", dbconfigEnableLoadExtension, 0},
	}
	if o.NoViews {
		set = append(set, struct {
			name string
			op   int
			v    int
		}{"views", dbconfigEnableView, 0})
	}
	for _, s := range set {
		if rc := C.corridor_db_config_int(db, C.int(s.op), C.int(s.v)); rc != 0 {
			return fmt.Errorf("harden SQLite connection: cannot set %s (code %d)", s.name, int(rc))
		}
	}
	max := o.MaxValue
	if max <= 0 {
		max = DefaultMaxValue
	}
	c.SetLimit(limitLength, max)
	c.SetLimit(limitAttached, 0)
	if got := c.GetLimit(limitLength); got != max {
		return fmt.Errorf("harden SQLite connection: value limit is %d, not %d", got, max)
	}
	return nil
}

// Envelope is a geometry blob's XY extent; Empty when it has no coordinates.
type Envelope struct {
	MinX, MaxX, MinY, MaxY float64
	Empty                  bool
}

// EnvelopeFunc reads the envelope of a geometry blob. It must not keep b.
type EnvelopeFunc func(b []byte) (Envelope, error)

var envelopeOf atomic.Pointer[EnvelopeFunc]

// RegisterEnvelopeFuncs registers ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY and
// ST_MaxY on c as deterministic and innocuous (go-sqlite3's RegisterFunc
// cannot mark a function innocuous), reading blobs with env. The process
// has one env: the last one given serves every connection.
func RegisterEnvelopeFuncs(c *sqlite3.SQLiteConn, env EnvelopeFunc) error {
	if env == nil {
		return errors.New("register GeoPackage functions: no envelope reader")
	}
	envelopeOf.Store(&env)
	db, err := handle(c)
	if err != nil {
		return err
	}
	if rc := C.corridor_register_envelope(db); rc != 0 {
		return fmt.Errorf("register GeoPackage functions: SQLite code %d", int(rc))
	}
	return nil
}

// MemoryHighwater returns the most memory SQLite has held at once in this
// process since the last reset, and resets the mark when asked: the tests'
// measure of what a hostile file costs outside Go's heap.
func MemoryHighwater(reset bool) int64 {
	r := C.int(0)
	if reset {
		r = 1
	}
	return int64(C.sqlite3_memory_highwater(r))
}

// handle returns c's sqlite3* (go-sqlite3 keeps it in the unexported field db).
func handle(c *sqlite3.SQLiteConn) (*C.sqlite3, error) {
	if c == nil {
		return nil, errors.New("harden SQLite connection: no connection")
	}
	f := reflect.ValueOf(c).Elem().FieldByName("db")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return nil, errors.New("harden SQLite connection: this go-sqlite3 has no db handle field")
	}
	p := *(*unsafe.Pointer)(unsafe.Pointer(f.UnsafeAddr()))
	if p == nil {
		return nil, errors.New("harden SQLite connection: connection is closed")
	}
	return (*C.sqlite3)(p), nil
}

//export corridorEnvelope
func corridorEnvelope(p unsafe.Pointer, n C.int, which C.int, out *C.double) (r C.int) {
	defer func() { // a panic must not unwind into SQLite's C frames
		if recover() != nil {
			r = 0
			if which == 0 {
				r = 1
			}
		}
	}()
	if p == nil || n <= 0 {
		if which == 0 {
			return 1
		}
		return 0
	}
	env := envelopeOf.Load()
	if env == nil {
		return 0
	}
	e, err := (*env)(unsafe.Slice((*byte)(p), int(n)))
	if which == 0 {
		if err != nil || e.Empty {
			return 1
		}
		return 0
	}
	if err != nil || e.Empty {
		return 0
	}
	switch which {
	case 1:
		*out = C.double(e.MinX)
	case 2:
		*out = C.double(e.MaxX)
	case 3:
		*out = C.double(e.MinY)
	case 4:
		*out = C.double(e.MaxY)
	default:
		return 0
	}
	return 1
}
