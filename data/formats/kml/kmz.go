package kml

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"corridor/data/formats"
)

// MaxKMLSize is the largest uncompressed KML document read from a KMZ.
const MaxKMLSize = 512 << 20

// MaxRatio is the largest compression ratio accepted for a KMZ entry of
// more than BombSize bytes (a higher one is taken for a zip bomb). Smaller
// entries may be compressed more: generated KML (many placemarks alike)
// reaches 300 times, and the reader stops at MaxKMLSize whatever the
// header says.
const MaxRatio = 200

// BombSize is the uncompressed size from which MaxRatio applies.
const BombSize = 64 << 20

// MaxAlikeRatio is the largest compression ratio accepted for an entry of
// more than AlikeSize bytes: generated KML of alike placemarks reaches 300
// times; deflate's own limit is about 1,030, reached by runs of one byte
// (a 60 MB name compresses 450 times). The reader enforces it on the bytes
// it actually inflates, whatever the header says.
const MaxAlikeRatio = 400

// AlikeSize is the uncompressed size from which MaxAlikeRatio applies.
const AlikeSize = 16 << 20

// DecodeKMZ reads the KMZ archive in r (size bytes) and emits the features
// of its main document: doc.kml, else the first .kml at the root of the
// archive, else the first .kml anywhere. Nothing is written to disk; entry
// names are only compared, never used as paths. name is used in errors.
func DecodeKMZ(ctx context.Context, r io.ReaderAt, size int64, name string, emit formats.Emit) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return &formats.Error{File: name, Err: fmt.Errorf("not a valid KMZ (zip) archive: %w", err)}
	}
	zf := mainDocument(zr.File)
	if zf == nil {
		return &formats.Error{File: name, Err: errors.New("KMZ archive holds no .kml document")}
	}
	docName := fmt.Sprintf("%s (%s)", name, zf.Name)
	if err := checkEntry(zf); err != nil {
		return &formats.Error{File: docName, Err: err}
	}
	return decodeTwice(ctx, func() (io.ReadCloser, error) {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		return &capped{r: rc, left: readCap(zf.CompressedSize64)}, nil
	}, docName, emit)
}

// mainDocument picks the KML document of a KMZ.
func mainDocument(files []*zip.File) *zip.File {
	var rootKML, anyKML *zip.File
	for _, f := range files {
		n := strings.ReplaceAll(f.Name, "\\", "/")
		if f.FileInfo().IsDir() || !strings.EqualFold(path.Ext(n), ".kml") {
			continue
		}
		if strings.EqualFold(n, "doc.kml") {
			return f
		}
		if rootKML == nil && !strings.Contains(n, "/") {
			rootKML = f
		}
		if anyKML == nil {
			anyKML = f
		}
	}
	if rootKML != nil {
		return rootKML
	}
	return anyKML
}

// checkEntry refuses an entry too large or too compressed to be honest.
func checkEntry(f *zip.File) error {
	u, c := f.UncompressedSize64, f.CompressedSize64
	if u > MaxKMLSize {
		return fmt.Errorf("document is %d MiB uncompressed, more than the %d MiB limit", u>>20, MaxKMLSize>>20)
	}
	if u > BombSize && (c == 0 || u/c > MaxRatio) || u > AlikeSize && (c == 0 || u/c > MaxAlikeRatio) {
		return fmt.Errorf("document is compressed %d times: refused as a possible zip bomb", u/max(c, 1))
	}
	return nil
}

// readCap is how many bytes may be inflated from an entry of c compressed
// bytes: MaxKMLSize, less for a small entry (MaxAlikeRatio times c, at
// least AlikeSize).
func readCap(c uint64) int64 {
	if c >= MaxKMLSize/MaxAlikeRatio {
		return MaxKMLSize
	}
	return int64(max(AlikeSize, c*MaxAlikeRatio))
}

// capped reads at most left bytes, then fails: a zip entry whose header
// understates its size cannot grow past the limit.
type capped struct {
	r    io.ReadCloser
	left int64
	max  int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.max == 0 {
		c.max = c.left
	}
	if c.left <= 0 {
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			if c.max < MaxKMLSize {
				return 0, fmt.Errorf("document inflates to more than %d MiB, over %d times its compressed size: refused as a possible zip bomb", c.max>>20, MaxAlikeRatio)
			}
			return 0, fmt.Errorf("document is larger than the %d MiB limit", MaxKMLSize>>20)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func (c *capped) Close() error { return c.r.Close() }
