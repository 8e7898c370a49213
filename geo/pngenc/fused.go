package pngenc

import (
	"encoding/binary"
	"image"
	"slices"
)

// rgbRows appends to the stream the tokens of rows [y, y+n) of img,
// filtered with Sub and written as RGB, and adds those filtered bytes to
// the Adler-32 in a: one pass over the pixels, with no filtered copy.
// A run of pixels equal to the one before them filters to zero bytes,
// which become run tokens (summed into the Adler-32 in one step). It
// reports false as soon as a pixel is not opaque.
func (d *deflater) rgbRows(img *image.RGBA, y, n, width int, a *adler) bool {
	for k := 0; k < n; k++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, y+k):]
		row = row[: 4*width : 4*width]
		if !d.rgbRow(row, width, a) {
			return false
		}
	}
	return true
}

// adler is a running Adler-32, reduced modulo 65521 once a row.
type adler struct{ s1, s2 uint64 }

func (a *adler) sum() uint32 { return uint32(a.s2%adlerMod<<16 | a.s1%adlerMod) }

const adlerMod = 65521

// rgbRow tokenizes one scanline: the filter byte 1, the first pixel as
// is, then each pixel minus the one to its left.
func (d *deflater) rgbRow(row []byte, width int, a *adler) bool {
	d.toks = slices.Grow(d.toks, 1+3*width)
	toks := d.toks
	freq := &d.freq
	s1, s2 := a.s1, a.s2
	prevByte := d.prev
	zeros := 0 // zero bytes not yet tokenized
	// lit tokenizes one filtered byte
	lit := func(c byte) {
		if c == 0 {
			zeros++
			return
		}
		if zeros > 0 {
			toks, prevByte = flushZeros(toks, freq, zeros, prevByte)
			s2 += uint64(zeros) * s1
			zeros = 0
		}
		toks = append(toks, uint16(c))
		freq[c]++
		prevByte = int(c)
		s1 += uint64(c)
		s2 += s1
	}
	lit(1)
	prev := binary.LittleEndian.Uint32(row)
	if prev>>24 != 0xff {
		return false
	}
	lit(byte(prev))
	lit(byte(prev >> 8))
	lit(byte(prev >> 16))
	pair := uint64(prev) * 0x100000001
	for x := 1; x < width; {
		// equal pixels, two at a time: three zero bytes each
		if x+2 <= width && binary.LittleEndian.Uint64(row[4*x:]) == pair {
			zeros += 6
			x += 2
			continue
		}
		v := binary.LittleEndian.Uint32(row[4*x:])
		x++
		if v == prev {
			zeros += 3
			continue
		}
		if v>>24 != 0xff {
			return false
		}
		c0, c1, c2 := byte(v)-byte(prev), byte(v>>8)-byte(prev>>8), byte(v>>16)-byte(prev>>16)
		if c0 == 0 || c1 == 0 || c2 == 0 {
			lit(c0)
			lit(c1)
			lit(c2)
		} else {
			// the usual changed pixel: three literals at once
			if zeros > 0 {
				toks, _ = flushZeros(toks, freq, zeros, prevByte)
				s2 += uint64(zeros) * s1
				zeros = 0
			}
			toks = append(toks, uint16(c0), uint16(c1), uint16(c2))
			freq[c0]++
			freq[c1]++
			freq[c2]++
			b0, b1, b2 := uint64(c0), uint64(c1), uint64(c2)
			s2 += 3*s1 + 3*b0 + 2*b1 + b2
			s1 += b0 + b1 + b2
			prevByte = int(c2)
		}
		prev = v
		pair = uint64(v) * 0x100000001
	}
	if zeros > 0 {
		toks, prevByte = flushZeros(toks, freq, zeros, prevByte)
		s2 += uint64(zeros) * s1
	}
	d.toks, d.prev = toks, prevByte
	a.s1, a.s2 = s1%adlerMod, s2%adlerMod
	return true
}

// flushZeros appends the tokens of n zero bytes that follow a stream whose
// last byte is prev: runs repeat the previous byte, so a zero literal
// comes first unless that byte is already zero.
func flushZeros(toks []uint16, freq *[286]uint32, n, prev int) ([]uint16, int) {
	if prev != 0 {
		toks = append(toks, 0)
		freq[0]++
		n--
	}
	for n >= 3 {
		r := min(n, maxRun)
		if n-r == 1 || n-r == 2 { // leave a run, not stray literals, at the end
			r = max(3, n-3)
		}
		toks = append(toks, uint16(256+r-3))
		freq[lenSym[r]]++
		n -= r
	}
	for ; n > 0; n-- {
		toks = append(toks, 0)
		freq[0]++
	}
	return toks, 0
}
