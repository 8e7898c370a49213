package pngenc

import (
	"encoding/binary"
	"image"
	"slices"
	"sync"
)

// The opaque (RGB) path filters, checksums, tokenizes and Huffman-codes
// the rows in one pass over the pixels, with no filtered copy and no token
// buffer: each block is coded with a code made from the counts of the
// block before it in the band (a map's rows change slowly), the first
// with a code for typical map rows. Every symbol is counted once more
// than it was seen, so that the next block's code has a code for each.

// rgbBlock writes rows [y, y+n) of img, filtered with Sub and written as
// RGB, as one block coded with d.cur, adds those filtered bytes to the
// Adler-32 in a, and, when more blocks follow in the band, makes d.cur
// the code of the next one. It reports false as soon as a pixel is not
// opaque.
func (d *deflater) rgbBlock(img *image.RGBA, y, n, width int, final, more bool, a *adler) bool {
	d.header(final, &d.cur.lens)
	for k := 0; k < n; k++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, y+k):]
		row = row[: 4*width : 4*width]
		if !d.rgbRow(row, width, a) {
			return false
		}
	}
	d.writeBits(d.cur.eob&0xffffff, uint(d.cur.eob>>24))
	if more {
		for i := range d.freq {
			d.freq[i]++
		}
		d.cur.make(d.freq[:], &d.hs)
	}
	d.freq = [286]uint32{}
	return true
}

// startCode is the code of a band's first block.
var startCode = sync.OnceValue(func() *code {
	// typical filtered map rows: long runs of zero (flat colour), small
	// differences either way more common than large ones
	var freq [286]uint32
	for v := 0; v < 256; v++ {
		m := min(v, 256-v)
		freq[v] = uint32(1 + 4096/(1+m))
	}
	for l := 3; l <= maxRun; l++ {
		freq[lenSym[l]] += 16
	}
	freq[lenSym[maxRun]] += 4096
	freq[256] = 1
	c := &code{}
	c.make(freq[:], &huffScratch{})
	return c
})

// adler is a running Adler-32, reduced modulo 65521 once a row.
type adler struct{ s1, s2 uint64 }

func (a *adler) sum() uint32 { return uint32(a.s2%adlerMod<<16 | a.s1%adlerMod) }

const adlerMod = 65521

// rgbRow codes one scanline: the filter byte 1, the first pixel as is,
// then each pixel minus the one to its left. A run of pixels equal to the
// one before them filters to zero bytes, which become runs (summed into
// the Adler-32 in one step).
func (d *deflater) rgbRow(row []byte, width int, a *adler) bool {
	// room for the row's codes: at most a token per byte, of at most 21
	// bits, and the 8-byte stores' tail
	d.out = slices.Grow(d.out, 3*(1+3*width)+16)
	out := d.out[:cap(d.out)]
	pos := len(d.out)
	acc, nb := d.acc, d.nbits
	table := &d.cur.table
	freq := &d.freq
	s1, s2 := a.s1, a.s2
	prevByte := d.prev
	zeros := 0 // zero bytes not yet coded
	// put codes one token: branch-free bit packing, as in block
	put := func(t int) {
		e := table[t]
		acc |= uint64(e&0xffffff) << nb
		nb += uint(e >> 24)
		binary.LittleEndian.PutUint64(out[pos:], acc)
		pos += int(nb >> 3)
		acc >>= nb &^ 7
		nb &= 7
	}
	// flush codes the pending zero bytes: runs repeat the previous byte,
	// so a zero literal comes first unless that byte is already zero
	flush := func() {
		s2 += uint64(zeros) * s1
		n := zeros
		zeros = 0
		if prevByte != 0 {
			put(0)
			freq[0]++
			n--
		}
		for n >= 3 {
			r := min(n, maxRun)
			if n-r == 1 || n-r == 2 { // leave a run, not stray literals, at the end
				r = max(3, n-3)
			}
			put(256 + r - 3)
			freq[lenSym[r]]++
			n -= r
		}
		for ; n > 0; n-- {
			put(0)
			freq[0]++
		}
		prevByte = 0
	}
	// lit codes one filtered byte
	lit := func(c byte) {
		if c == 0 {
			zeros++
			return
		}
		if zeros > 0 {
			flush()
		}
		put(int(c))
		freq[c]++
		prevByte = int(c)
		s1 += uint64(c)
		s2 += s1
	}
	ok := true
	lit(1)
	prev := binary.LittleEndian.Uint32(row)
	if prev>>24 != 0xff {
		ok = false
	}
	lit(byte(prev))
	lit(byte(prev >> 8))
	lit(byte(prev >> 16))
	pair := uint64(prev) * 0x100000001
	for x := 1; x < width && ok; {
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
			ok = false
			break
		}
		c0, c1, c2 := byte(v)-byte(prev), byte(v>>8)-byte(prev>>8), byte(v>>16)-byte(prev>>16)
		if c0 == 0 || c1 == 0 || c2 == 0 {
			lit(c0)
			lit(c1)
			lit(c2)
		} else {
			// the usual changed pixel: three literals at once
			if zeros > 0 {
				flush()
			}
			// their three codes (at most 45 bits) packed first, then
			// stored at once (fewer than 8 bits are pending: the row's
			// filter byte was coded first)
			e0, e1, e2 := table[c0], table[c1], table[c2]
			l0, l1 := e0>>24, e1>>24
			v := uint64(e0&0xffffff) | uint64(e1&0xffffff)<<l0 | uint64(e2&0xffffff)<<(l0+l1)
			acc |= v << nb
			nb += uint(l0 + l1 + e2>>24)
			binary.LittleEndian.PutUint64(out[pos:], acc)
			pos += int(nb >> 3)
			acc >>= nb &^ 7
			nb &= 7
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
		flush()
	}
	d.out, d.acc, d.nbits, d.prev = out[:pos], acc, nb, prevByte
	a.s1, a.s2 = s1%adlerMod, s2%adlerMod
	return ok
}
