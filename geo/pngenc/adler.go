package pngenc

import "encoding/binary"

// adler32Update returns the Adler-32 of the bytes summed into adler
// followed by p. It adds eight bytes at a time: their sum and their sum
// weighted 8..1 come from two SWAR multiplies instead of a chain of
// sixteen dependent additions.
func adler32Update(adler uint32, p []byte) uint32 {
	const (
		mod   = 65521
		lanes = 0x00ff00ff00ff00ff
		ones  = 0x0001000100010001
		wEven = 8<<48 | 6<<32 | 4<<16 | 2 // weights of bytes 0, 2, 4, 6
		wOdd  = 7<<48 | 5<<32 | 3<<16 | 1 // weights of bytes 1, 3, 5, 7
		chunk = 1 << 16                   // bytes between reductions
	)
	s1, s2 := uint64(adler&0xffff), uint64(adler>>16)
	for len(p) > 0 {
		n := min(len(p), chunk)
		q := p[:n]
		p = p[n:]
		for len(q) >= 8 {
			v := binary.LittleEndian.Uint64(q)
			e, o := v&lanes, (v>>8)&lanes
			s2 += 8*s1 + (e*wEven)>>48 + (o*wOdd)>>48
			s1 += ((e + o) * ones) >> 48
			q = q[8:]
		}
		for _, b := range q {
			s1 += uint64(b)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
	}
	return uint32(s2<<16 | s1)
}
