package pngenc

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
)

// A fast deflate (RFC 1951) for filtered map rows, in the spirit of
// zlib's Z_RLE strategy: the only matches are runs (distance 1), and
// every block has its own Huffman codes. Maps filtered with Sub are mostly
// long runs of zero (flat colour) and a few thousand distinct literals
// (line and label edges), which this compresses nearly as well as LZ77 at
// a fraction of its cost: no hash chains, one pass over the bytes.

const maxRun = 258

// Length symbols: lenSym[L] is the deflate symbol (257..285) of a match of
// length L (3..258), lenExtra[L] its number of extra bits and lenExtraV[L]
// their value.
var (
	lenSym    [maxRun + 1]uint16
	lenExtra  [maxRun + 1]uint8
	lenExtraV [maxRun + 1]uint16
)

func init() {
	base := [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := [...]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for c := range base {
		hi := maxRun
		if c < len(base)-1 {
			hi = base[c+1] - 1
		}
		for l := base[c]; l <= hi; l++ {
			lenSym[l] = uint16(257 + c)
			lenExtra[l] = extra[c]
			lenExtraV[l] = uint16(l - base[c])
		}
	}
}

// deflater writes one raw deflate stream (no zlib wrapper) of runs and
// literals. Tokens: a value below 256 is a literal, 256+L-3 a run of L
// copies of the previous byte.
type deflater struct {
	toks  []uint16
	freq  [286]uint32
	prev  int // the stream's last byte, -1 before the first
	out   []byte
	acc   uint64
	nbits uint
	hs    huffScratch
	cur   code // the code of the block being written
}

// deflaters keeps deflaters for reuse: a band's stream starts with the
// token buffer and Huffman scratch that an earlier band has already
// faulted in, in a fresh process a third of a map's PNG page faults.
var deflaters sync.Pool

// newDeflater returns a deflater for a new stream, with room for tokens
// (one per byte at most) of n bytes at a time.
func newDeflater(n int) *deflater {
	d, ok := deflaters.Get().(*deflater)
	if !ok {
		d = &deflater{}
	}
	toks, hs := d.toks, d.hs
	*d = deflater{prev: -1, toks: toks[:0], hs: hs}
	if cap(d.toks) < n {
		d.toks = make([]uint16, 0, n)
	}
	return d
}

// release returns d to the pool; its stream (out) is the caller's.
func (d *deflater) release() {
	d.out = nil
	deflaters.Put(d)
}

// tokenize appends the tokens of data, which follows the bytes already
// tokenized in the stream.
func (d *deflater) tokenize(data []byte) {
	// every byte makes at most one token: write them by index into room
	// made once, not by append
	n := len(data)
	nt := len(d.toks)
	d.toks = slices.Grow(d.toks, n)
	toks := d.toks[:nt+n]
	freq := &d.freq
	p := d.prev
	for i := 0; i < n; {
		c := data[i]
		if int(c) != p {
			toks[nt] = uint16(c)
			nt++
			freq[c]++
			p = int(c)
			i++
			continue
		}
		// a run of c from i
		r := 0
		pat := uint64(c) * 0x0101010101010101
		for r+8 <= maxRun && i+r+8 <= n {
			if x := binary.LittleEndian.Uint64(data[i+r:]) ^ pat; x != 0 {
				r += bits.TrailingZeros64(x) >> 3
				goto counted
			}
			r += 8
		}
		for r < maxRun && i+r < n && data[i+r] == c {
			r++
		}
	counted:
		if r > maxRun {
			r = maxRun
		}
		if r >= 3 {
			toks[nt] = uint16(256 + r - 3)
			nt++
			freq[lenSym[r]]++
		} else {
			for k := 0; k < r; k++ {
				toks[nt] = uint16(c)
				nt++
			}
			freq[c] += uint32(r)
		}
		i += r
	}
	d.toks, d.prev = toks[:nt], p
}

// writeBits appends the low n (<= 32) bits of v to the stream.
func (d *deflater) writeBits(v uint32, n uint) {
	d.acc |= uint64(v) << d.nbits
	d.nbits += n
	if d.nbits >= 32 {
		d.out = binary.LittleEndian.AppendUint32(d.out, uint32(d.acc))
		d.acc >>= 32
		d.nbits -= 32
	}
}

// align flushes the pending bits, padding the last byte with zeros.
func (d *deflater) align() {
	for d.nbits > 0 {
		d.out = append(d.out, byte(d.acc))
		d.acc >>= 8
		if d.nbits >= 8 {
			d.nbits -= 8
		} else {
			d.nbits = 0
		}
	}
	d.acc = 0
}

// codeOrder is the order of the code length code lengths in a block
// header.
var codeOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// code is a Huffman code for the literal/length alphabet, ready to use:
// its lengths (for a block header), a token table (code | length<<24 for
// each token: literal c at c, a run of L at 256+L-3 with its extra bits
// and the one-bit distance code) and the end-of-block entry.
type code struct {
	lens  [286]uint8
	table [512]uint32
	eob   uint32
}

// make builds the code for the symbol counts freq.
func (c *code) make(freq []uint32, hs *huffScratch) {
	huffLengths(freq, 15, c.lens[:], hs)
	var codes [286]uint16
	canonical(c.lens[:], codes[:])
	for s := 0; s < 256; s++ {
		c.table[s] = uint32(codes[s]) | uint32(c.lens[s])<<24
	}
	clear(c.table[256:])
	for l := 3; l <= maxRun; l++ {
		s := lenSym[l]
		n := uint32(c.lens[s])
		if n == 0 {
			continue
		}
		v := uint32(codes[s]) | uint32(lenExtraV[l])<<n
		n += uint32(lenExtra[l])
		// distance code 0 is the single one-bit code 0: nothing to add
		// but its length
		c.table[256+l-3] = v | (n+1)<<24
	}
	c.eob = uint32(codes[256]) | uint32(c.lens[256])<<24
}

// header writes a dynamic-Huffman block header for the literal/length
// code lengths litLen and the one distance code (distance 1).
func (d *deflater) header(final bool, litLen *[286]uint8) {
	nlit := 286
	for nlit > 257 && litLen[nlit-1] == 0 {
		nlit--
	}
	// one distance code (distance 1), one bit long
	var lensBuf [287]uint8
	lens := append(lensBuf[:0], litLen[:nlit]...)
	lens = append(lens, 1)

	// the code lengths, run-length coded with symbols 16, 17 and 18
	type clTok struct{ sym, extra uint8 }
	var clBuf [287]clTok
	cl := clBuf[:0]
	var clFreq [19]uint32
	for i := 0; i < len(lens); {
		l := lens[i]
		j := i + 1
		for j < len(lens) && lens[j] == l {
			j++
		}
		run := j - i
		if l == 0 {
			for run >= 11 {
				k := min(run, 138)
				cl = append(cl, clTok{18, uint8(k - 11)})
				clFreq[18]++
				run -= k
			}
			if run >= 3 {
				cl = append(cl, clTok{17, uint8(run - 3)})
				clFreq[17]++
				run = 0
			}
		} else {
			cl = append(cl, clTok{l, 0})
			clFreq[l]++
			run--
			for run >= 3 {
				k := min(run, 6)
				cl = append(cl, clTok{16, uint8(k - 3)})
				clFreq[16]++
				run -= k
			}
		}
		for ; run > 0; run-- {
			cl = append(cl, clTok{l, 0})
			clFreq[l]++
		}
		i = j
	}
	var clLen [19]uint8
	huffLengths(clFreq[:], 7, clLen[:], &d.hs)
	var clCode [19]uint16
	canonical(clLen[:], clCode[:])
	nclen := 19
	for nclen > 4 && clLen[codeOrder[nclen-1]] == 0 {
		nclen--
	}

	var fin uint32
	if final {
		fin = 1
	}
	d.writeBits(fin|2<<1, 3) // BFINAL, BTYPE = 10 (dynamic)
	d.writeBits(uint32(nlit-257), 5)
	d.writeBits(0, 5) // HDIST - 1: one distance code
	d.writeBits(uint32(nclen-4), 4)
	for _, s := range codeOrder[:nclen] {
		d.writeBits(uint32(clLen[s]), 3)
	}
	extraBits := [19]uint{16: 2, 17: 3, 18: 7}
	for _, t := range cl {
		d.writeBits(uint32(clCode[t.sym]), uint(clLen[t.sym]))
		if e := extraBits[t.sym]; e > 0 {
			d.writeBits(uint32(t.extra), e)
		}
	}
}

// block writes the tokens gathered so far as one dynamic-Huffman block
// and forgets them.
func (d *deflater) block(final bool) {
	d.freq[256]++ // end of block
	c := &d.cur
	c.make(d.freq[:], &d.hs)
	d.header(final, &c.lens)
	// branch-free bit packing: after each token store the accumulator's
	// eight bytes, keep the whole bytes and carry the rest (under 8 bits
	// plus a token's at most 21 fit the 64-bit accumulator); the
	// accumulator enters with fewer than 32 bits pending, which are
	// written back to it at the end
	acc, nb := d.acc, d.nbits
	pos := len(d.out)
	// room for the tokens' codes (a run's extra bits and distance code
	// are at most 6 bits), the pending bits and the 8-byte stores' tail
	nbits := 0
	for s, f := range d.freq[:256] {
		nbits += int(f) * int(c.lens[s])
	}
	for s := 257; s < 286; s++ {
		nbits += int(d.freq[s]) * (int(c.lens[s]) + 6)
	}
	out := slices.Grow(d.out, nbits/8+16)
	out = out[:cap(out)]
	table := &c.table
	for _, t := range d.toks {
		e := table[t]
		acc |= uint64(e&0xffffff) << nb
		nb += uint(e >> 24)
		binary.LittleEndian.PutUint64(out[pos:], acc)
		pos += int(nb >> 3)
		acc >>= nb &^ 7
		nb &= 7
	}
	d.acc, d.nbits, d.out = acc, nb, out[:pos]
	d.writeBits(c.eob&0xffffff, uint(c.eob>>24))
	d.toks = d.toks[:0]
	d.freq = [286]uint32{}
}

// syncFlush ends a non-final stream on a byte boundary with an empty
// stored block, so that another stream's blocks may follow (as zlib's
// Z_SYNC_FLUSH does).
func (d *deflater) syncFlush() {
	d.writeBits(0, 3)
	d.align()
	d.out = append(d.out, 0, 0, 0xff, 0xff)
}

// huffScratch is reusable storage for huffLengths.
type huffScratch struct {
	syms   []int
	freq   []uint32
	parent []int
	depth  []uint8
	keys   []uint64
	order  []int
	nf     []uint64
}

// huffLengths sets lens[s] to the length of symbol s's code in a Huffman
// code for freq with no code longer than maxBits (symbols of frequency 0
// get 0). At least two symbols get a code when freq has two, so that the
// code is complete.
func huffLengths(freq []uint32, maxBits int, lens []uint8, hs *huffScratch) {
	clear(lens)
	syms := hs.syms[:0]
	for s, f := range freq {
		if f > 0 {
			syms = append(syms, s)
		}
	}
	// pad with unused symbols: a one-code code is incomplete
	for s := 0; len(syms) < 2 && s < len(freq); s++ {
		if !slices.Contains(syms, s) {
			syms = append(syms, s)
		}
	}
	if len(syms) < 2 {
		if len(syms) == 1 {
			lens[syms[0]] = 1
		}
		return
	}
	hs.syms = syms
	f := append(hs.freq[:0], make([]uint32, len(syms))...)
	for i, s := range syms {
		f[i] = max(freq[s], 1)
	}
	hs.freq = f
	for {
		if huffTry(syms, f, maxBits, lens, hs) {
			return
		}
		for i := range f { // flatten the distribution and retry
			f[i] = f[i]>>1 | 1
		}
	}
}

// huffTry builds a Huffman code for symbols syms of frequencies f and
// stores its lengths in lens; it reports false if a code is longer than
// maxBits.
func huffTry(syms []int, f []uint32, maxBits int, lens []uint8, hs *huffScratch) bool {
	n := len(syms)
	// sort by frequency, ties in symbol order: keys of frequency and
	// index, which are distinct, so any sort is stable
	total := 2*n - 1
	if cap(hs.parent) < total {
		hs.parent = make([]int, total)
		hs.depth = make([]uint8, total)
		hs.keys = make([]uint64, total)
		hs.order = make([]int, total)
		hs.nf = make([]uint64, total)
	}
	keys := hs.keys[:n]
	for i := range keys {
		keys[i] = uint64(f[i])<<16 | uint64(i)
	}
	slices.Sort(keys)
	order := hs.order[:n]
	for i, k := range keys {
		order[i] = int(k & 0xffff)
	}
	nf := hs.nf[:total]
	for i, o := range order {
		nf[i] = uint64(f[o])
	}
	parent, depth := hs.parent[:total], hs.depth[:total]
	leaf, inner, next := 0, n, n
	pop := func() int {
		if leaf < n && (inner >= next || nf[leaf] <= nf[inner]) {
			leaf++
			return leaf - 1
		}
		inner++
		return inner - 1
	}
	for next < total {
		a, b := pop(), pop()
		nf[next] = nf[a] + nf[b]
		parent[a], parent[b] = next, next
		next++
	}
	depth[total-1] = 0
	for k := total - 2; k >= 0; k-- {
		depth[k] = depth[parent[k]] + 1
		if k < n && int(depth[k]) > maxBits {
			return false
		}
	}
	for i, o := range order {
		lens[syms[o]] = depth[i]
	}
	return true
}

// canonical sets codes[s] to symbol s's canonical Huffman code for the
// lengths lens, bit-reversed for deflate's least-significant-bit-first
// packing.
func canonical(lens []uint8, codes []uint16) {
	var count [16]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	code := uint16(0)
	for b := 1; b < 16; b++ {
		code = (code + count[b-1]) << 1
		next[b] = code
	}
	for s, l := range lens {
		if l == 0 {
			continue
		}
		codes[s] = bits.Reverse16(next[l]) >> (16 - l)
		next[l]++
	}
}
