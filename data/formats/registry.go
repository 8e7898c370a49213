package formats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ReadFunc is a format reader's entry point: it streams the features of
// the file at path to emit.
type ReadFunc func(ctx context.Context, path string, emit Emit) error

// WriteFunc is a format writer's entry point: it writes layers to w.
type WriteFunc func(ctx context.Context, w io.Writer, layers []LayerData) error

// Abilities is what a format can do, as a set of flags.
type Abilities uint8

// The abilities a format may declare.
const (
	CanRead    Abilities = 1 << iota // Corridor imports it
	CanWrite                         // Corridor exports to it
	Styles                           // it carries layer styles
	MultiLayer                       // one file holds several layers
)

// Format is a file format as it registers itself: how it is named and
// recognised, and what Corridor can do with it.
type Format struct {
	// Name is how people call it: "GeoJSON", "KMZ".
	Name string
	// Extensions are the file name endings that select it, lower case with
	// their dot; the first is the one exports use.
	Extensions []string
	Abilities  Abilities
	// Read reads the format; set when Abilities has CanRead.
	Read ReadFunc
	// Write writes the format as a stream. A format with CanWrite and no
	// Write (GeoPackage: a new workspace) is written by data/transfer.
	Write WriteFunc
	// Sniff, when set, reports whether the first bytes of a file (up to
	// SniffLen of them) are of this format; it picks the reader for a
	// file whose extension is unknown.
	Sniff func(head []byte) bool
	// Rank orders the lists made from the registry (dialogs, usage,
	// errors) and the sniffers, lower first, then by registration (which
	// is by package path when packages register from init). A format
	// whose sniffer is loose (CSV: much text has commas) ranks higher.
	Rank int
}

// SniffLen is how many leading bytes of a file a Sniff is shown.
const SniffLen = 512

var (
	regMu    sync.RWMutex
	registry []*Format
	byExt    = map[string]*Format{}
)

// Register makes a format known, usually from its package's init, as
// database/sql drivers do. It panics when the format has no name or
// extension, when it declares an ability without its function, or when
// one of its extensions is registered already.
func Register(f Format) {
	regMu.Lock()
	defer regMu.Unlock()
	if f.Name == "" || len(f.Extensions) == 0 {
		panic("formats: Register of a format with no name or extension")
	}
	if f.Abilities&CanRead != 0 && f.Read == nil {
		panic("formats: Register of " + f.Name + ": CanRead without Read")
	}
	f.Extensions = slices.Clone(f.Extensions)
	for i, e := range f.Extensions {
		e = strings.ToLower(e)
		if !strings.HasPrefix(e, ".") || len(e) < 2 {
			panic(fmt.Sprintf("formats: Register of %s: bad extension %q", f.Name, e))
		}
		if o := byExt[e]; o != nil {
			panic(fmt.Sprintf("formats: Register of %s: %s is %s's already", f.Name, e, o.Name))
		}
		f.Extensions[i] = e
	}
	p := &f
	i := 0 // after every format of the same or a lower rank
	for i < len(registry) && registry[i].Rank <= f.Rank {
		i++
	}
	registry = slices.Insert(registry, i, p)
	for _, e := range f.Extensions {
		byExt[e] = p
	}
}

// All returns every registered format, by Rank, then in registration
// order.
func All() []Format {
	regMu.RLock()
	defer regMu.RUnlock()
	out := make([]Format, len(registry))
	for i, f := range registry {
		out[i] = *f
		out[i].Extensions = slices.Clone(f.Extensions)
	}
	return out
}

// ByExtension returns the format of a file name's extension (".KML" or
// "routes.kml"), and whether there is one.
func ByExtension(name string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" && strings.HasPrefix(name, ".") {
		ext = strings.ToLower(name)
	}
	regMu.RLock()
	defer regMu.RUnlock()
	if f := byExt[ext]; f != nil {
		return *f, true
	}
	return Format{}, false
}

// Extensions returns the extensions of the registered formats that have
// every ability of a, in the order of All: Extensions(CanRead) is what an
// import accepts.
func Extensions(a Abilities) []string {
	var out []string
	for _, f := range All() {
		if f.Abilities&a == a {
			out = append(out, f.Extensions...)
		}
	}
	return out
}

// ErrUnsupportedFormat is wrapped by the errors of ReaderFor and
// WriterFor.
var ErrUnsupportedFormat = errors.New("unsupported file format")

// formatError is an unknown or unsupported format, naming the file and
// what Corridor does support.
type formatError struct {
	path string
	what string // "unknown file type"
	verb string // "reads"
	exts []string
}

// Error is "PATH: unknown file type ".shp" (Corridor reads .geojson, ...)".
func (e *formatError) Error() string {
	return fmt.Sprintf("%s: %s %q (Corridor %s %s)", e.path, e.what, filepath.Ext(e.path), e.verb, strings.Join(e.exts, ", "))
}

func (e *formatError) Unwrap() error { return ErrUnsupportedFormat }

// ReaderFor returns the format that reads the file at path: the one of its
// extension, else (for an extension no format claims) the first whose
// Sniff recognises the file's first bytes. Its error lists the extensions
// Corridor reads.
func ReaderFor(path string) (Format, error) {
	if f, ok := ByExtension(path); ok {
		if f.Abilities&CanRead != 0 {
			return f, nil
		}
	} else if f, ok := sniffFile(path); ok {
		return f, nil
	}
	return Format{}, &formatError{path: path, what: "unknown file type", verb: "reads", exts: Extensions(CanRead)}
}

// WriterFor returns the format that writes the file at path, chosen by its
// extension. Its error lists the extensions Corridor writes.
func WriterFor(path string) (Format, error) {
	if f, ok := ByExtension(path); ok && f.Abilities&CanWrite != 0 {
		return f, nil
	}
	return Format{}, &formatError{path: path, what: "unknown output type", verb: "writes", exts: Extensions(CanWrite)}
}

// Sniff returns the first readable format, in the order of All, whose
// Sniff recognises head.
func Sniff(head []byte) (Format, bool) {
	for _, f := range All() {
		if f.Sniff != nil && f.Abilities&CanRead != 0 && f.Sniff(head) {
			return f, true
		}
	}
	return Format{}, false
}

func sniffFile(path string) (Format, bool) {
	fh, err := os.Open(path)
	if err != nil {
		return Format{}, false
	}
	defer fh.Close()
	head := make([]byte, SniffLen)
	n, _ := io.ReadFull(fh, head)
	if n == 0 {
		return Format{}, false
	}
	return Sniff(head[:n])
}

// TrimText returns head without a UTF-8 byte order mark and leading white
// space: where a text format's sniffer looks for its first token.
func TrimText(head []byte) []byte {
	return bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
}
