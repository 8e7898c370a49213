package transfer

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"corridor/data/feature"
	"corridor/data/store"
)

// Bounds on what one import takes from a file (files from partners are
// untrusted). Every format goes through them.
const (
	// MaxNameLength is the most characters of a feature name; a longer
	// name is cut there, ending in an ellipsis.
	MaxNameLength = 1000
	// MaxValueSize is the most bytes of a string value (a property, the
	// classification, a releasability entry); a longer one is cut there.
	// A property name is cut at MaxNameLength bytes.
	MaxValueSize = 1 << 20
	// MaxLayers is the most layers one import creates; the features of a
	// file's further layers go into one more layer, each with its file
	// layer's name (a KML folder path) in the property "folder".
	MaxLayers = 256
	// MaxStyleSize is the most bytes of a layer style a file may give (a
	// partner workspace's catalogue); a longer one is dropped for the
	// kind's default, as every render reads it.
	MaxStyleSize = 64 << 10
)

// intake makes a file's features fit for the workspace: bounded, authored
// by the importer, with a uuid of their own. It counts what it changed, for
// the import's warnings.
type intake struct {
	b        *store.Batch
	importer string
	seen     map[[16]byte]struct{} // canonical uuids added by this import
	seenText map[string]struct{}   // other uuids added by this import

	namesCut, valuesCut, uuidsRenewed int64
	firstName, firstValue, firstUUID  int64 // feature numbers, for the warnings
}

func newIntake(b *store.Batch, importer string) *intake {
	return &intake{b: b, importer: importer, seen: map[[16]byte]struct{}{}, seenText: map[string]struct{}{}}
}

// take prepares feature number n of the file for the store.
func (in *intake) take(n int64, f *feature.Feature) error {
	if len(f.Name) > MaxNameLength && utf8.RuneCountInString(f.Name) > MaxNameLength {
		f.Name = cutRunes(f.Name, MaxNameLength-1) + "…"
		in.namesCut++
		in.firstName = firstOf(in.firstName, n)
	}
	cut := false
	f.Classification, cut = cutValue(f.Classification, cut)
	for i, r := range f.ReleasableTo {
		f.ReleasableTo[i], cut = cutValue(r, cut)
	}
	var longKeys []string
	for k, v := range f.Properties {
		f.Properties[k], cut = boundValue(v, cut)
		if len(k) > MaxNameLength {
			longKeys = append(longKeys, k)
		}
	}
	for _, k := range longKeys {
		// a property name is a name: cut as one (bytes, here)
		short := cutBytes(k, MaxNameLength)
		if _, ok := f.Properties[short]; !ok {
			f.Properties[short] = f.Properties[k]
		}
		delete(f.Properties, k)
		cut = true
	}
	// The file's authorship and history are its own: kept as properties,
	// the feature is new here.
	if f.Author != "" && f.Author != in.importer {
		author := f.Author
		if len(author) > MaxNameLength {
			author, cut = cutBytes(author, MaxNameLength), true
		}
		f.SetProp("source_author", author)
	}
	if cut {
		in.valuesCut++
		in.firstValue = firstOf(in.firstValue, n)
	}
	f.Author = ""
	if !f.CreatedAt.IsZero() {
		f.SetProp("source_created_at", f.CreatedAt.UTC().Format(time.RFC3339Nano))
		f.CreatedAt = time.Time{}
	}
	if !f.UpdatedAt.IsZero() {
		f.SetProp("source_updated_at", f.UpdatedAt.UTC().Format(time.RFC3339Nano))
		f.UpdatedAt = time.Time{}
	}
	f.Version = 0
	return in.ownUUID(n, f)
}

// ownUUID keeps the file's uuid unless it is taken (in the workspace, or
// earlier in the file): then the feature gets a new one and keeps the
// file's as the property source_uuid.
func (in *intake) ownUUID(n int64, f *feature.Feature) error {
	if f.UUID == "" {
		return nil
	}
	if len(f.UUID) > 64 { // no uuid: kept cut, as a property
		f.SetProp("source_uuid", cutBytes(f.UUID, 64))
		f.UUID = ""
		in.uuidsRenewed++
		in.firstUUID = firstOf(in.firstUUID, n)
		return nil
	}
	var fresh bool
	if id, err := uuid.Parse(f.UUID); err == nil && len(f.UUID) == 36 {
		_, dup := in.seen[id]
		fresh = !dup
		if fresh {
			in.seen[id] = struct{}{}
		}
	} else {
		_, dup := in.seenText[f.UUID]
		fresh = !dup
		if fresh {
			in.seenText[f.UUID] = struct{}{}
		}
	}
	if fresh {
		taken, err := in.b.UUIDInUse(f.UUID)
		if err != nil {
			return err
		}
		fresh = !taken
	}
	if !fresh {
		f.SetProp("source_uuid", f.UUID)
		f.UUID = "" // the store gives it a new one
		in.uuidsRenewed++
		in.firstUUID = firstOf(in.firstUUID, n)
	}
	return nil
}

// warnings says what take changed.
func (in *intake) warnings() []string {
	var out []string
	if in.namesCut > 0 {
		out = append(out, fmt.Sprintf("%s longer than %d characters cut to %d (the first: feature %d)",
			plural(in.namesCut, "feature name"), MaxNameLength, MaxNameLength, in.firstName))
	}
	if in.valuesCut > 0 {
		out = append(out, fmt.Sprintf("%s with text values longer than %d MiB, cut to %d MiB, or property names longer than %d bytes, cut there (the first: feature %d)",
			plural(in.valuesCut, "feature"), MaxValueSize>>20, MaxValueSize>>20, MaxNameLength, in.firstValue))
	}
	if in.uuidsRenewed > 0 {
		out = append(out, fmt.Sprintf("%s given a new uuid, as theirs was already in the workspace or earlier in the file (or too long to be one): the file's is kept as the property source_uuid (the first: feature %d)",
			plural(in.uuidsRenewed, "feature"), in.firstUUID))
	}
	return out
}

// boundValue cuts the strings of a property value (in lists and objects
// too) to MaxValueSize bytes; cut becomes true when it cut any.
func boundValue(v any, cut bool) (any, bool) {
	switch t := v.(type) {
	case string:
		if len(t) <= MaxValueSize {
			return v, cut // as it is: no new interface value
		}
		return cutValue(t, cut)
	case []any:
		for i, e := range t {
			t[i], cut = boundValue(e, cut)
		}
	case map[string]any:
		for k, e := range t {
			t[k], cut = boundValue(e, cut)
		}
	}
	return v, cut
}

// cutValue cuts s to MaxValueSize bytes, at a character boundary.
func cutValue(s string, cut bool) (string, bool) {
	if len(s) <= MaxValueSize {
		return s, cut
	}
	return cutBytes(s, MaxValueSize), true
}

// cutBytes returns a copy of s cut to at most n bytes, at a character
// boundary; s is longer than n.
func cutBytes(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.Clone(s[:n])
}

// cutRunes returns the first n characters of s.
func cutRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return strings.Clone(s[:j])
		}
		i++
	}
	return s
}

func firstOf(first, n int64) int64 {
	if first == 0 {
		return n
	}
	return first
}

// plural is "1 feature", "2 features".
func plural(n int64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
