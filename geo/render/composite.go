package render

import (
	"encoding/binary"
	"image"
	"math/bits"
)

// paintOp is one colour to composite through a coverage mask. a is the
// colour's alpha times opacity, in 0..1.
type paintOp struct {
	r, g, b uint8
	a       float64
	m       *mask
}

// paint composites one colour through m onto dst and clears m.
func paint(dst *image.RGBA, r, g, b uint8, a float64, m *mask) {
	paintOps(dst, []paintOp{{r: r, g: g, b: b, a: a, m: m}})
}

// paintOps composites each op in turn, pixel by pixel, in one pass over
// the union of the masks' dirty rectangles, then clears the masks. The
// masks share one width; dst's origin must be 0, 0.
func paintOps(dst *image.RGBA, ops []paintOp) {
	type prepared struct {
		r, g, b uint32
		aa      uint32 // alpha scale, 0..256
		pix     []uint8
		row     []uint8
	}
	var d image.Rectangle
	any := false
	var live []prepared
	var all [][]uint8
	stride := 0
	for _, op := range ops {
		m := op.m
		stride = m.w
		if !m.hasAny {
			continue
		}
		if !any {
			d, any = m.dirty, true
		} else {
			d = d.Union(m.dirty)
		}
		all = append(all, m.pix)
		if a := min(op.a, 1); a > 0 {
			live = append(live, prepared{r: uint32(op.r), g: uint32(op.g), b: uint32(op.b), aa: uint32(a*256 + 0.5), pix: m.pix})
		}
	}
	if !any {
		return
	}
	d = d.Intersect(dst.Rect)
	n := d.Dx()
	for y := d.Min.Y; y < d.Max.Y; y++ {
		moff := y*stride + d.Min.X
		drow := dst.Pix[y*dst.Stride+d.Min.X*4 : y*dst.Stride+d.Min.X*4+4*n]
		for k := range live {
			live[k].row = live[k].pix[moff : moff+n]
		}
		switch len(live) {
		case 0:
		case 1:
			a := &live[0]
			blendRow(drow, a.row, a.r, a.g, a.b, a.aa)
		case 2:
			a, b := &live[0], &live[1]
			blendRow2(drow, a.row, a.r, a.g, a.b, a.aa, b.row, b.r, b.g, b.b, b.aa)
		default:
			for k := range live {
				a := &live[k]
				blendRow(drow, a.row, a.r, a.g, a.b, a.aa)
			}
		}
		for _, pix := range all {
			clear(pix[moff : moff+n])
		}
	}
	for _, op := range ops {
		op.m.hasAny = false
		op.m.dirty = image.Rectangle{}
	}
}

// blendRow composites colour r, g, b with alpha scale aa (0..256) through
// the coverage row cov onto the RGBA row drow.
func blendRow(drow, cov []uint8, r, g, b, aa uint32) {
	n := len(cov)
	drow = drow[:4*n]
	for i := 0; i < n; i++ {
		if i&7 == 0 && i+8 <= n && binary.LittleEndian.Uint64(cov[i:i+8]) == 0 {
			i += 7
			continue
		}
		c := cov[i]
		if c == 0 {
			continue
		}
		blendPixel(drow[4*i:4*i+4:4*i+4], c, r, g, b, aa)
	}
}

// blendRow2 is blendRow for two colours in turn (a casing, then its line),
// in one pass. It is the compositor's hot loop: eight coverage bytes of
// each mask are tested at once, only the covered pixels of a chunk are
// visited, and each is blended with its four channels side by side in
// 16-bit lanes (blendLanes), with blendPixel's rounding exactly.
func blendRow2(drow, cov1 []uint8, r1, g1, b1, aa1 uint32, cov2 []uint8, r2, g2, b2, aa2 uint32) {
	n := len(cov1)
	drow = drow[:4*n]
	cov2 = cov2[:n]
	col1 := spread(r1 | g1<<8 | b1<<16 | 255<<24)
	col2 := spread(r2 | g2<<8 | b2<<16 | 255<<24)
	line := pack(col2)
	i := 0
	for ; i+8 <= n; i += 8 {
		m1 := binary.LittleEndian.Uint64(cov1[i:])
		m2 := binary.LittleEndian.Uint64(cov2[i:])
		nz := nonZeroBytes(m1 | m2)
		for nz != 0 {
			k := bits.TrailingZeros64(nz) >> 3
			nz &= nz - 1
			sa2 := uint64(m2>>(8*k)&255) * uint64(aa2) >> 8
			o := 4 * (i + k)
			if sa2 == 255 { // the line hides the casing and what is under it
				binary.LittleEndian.PutUint32(drow[o:], line)
				continue
			}
			sa1 := uint64(m1>>(8*k)&255) * uint64(aa1) >> 8
			p := spread(binary.LittleEndian.Uint32(drow[o:]))
			p = blendLanes(p, col1, sa1)
			if sa2 != 0 {
				p = blendLanes(p, col2, sa2)
			}
			binary.LittleEndian.PutUint32(drow[o:], pack(p))
		}
	}
	for ; i < n; i++ {
		if cov1[i]|cov2[i] == 0 {
			continue
		}
		sa1 := uint64(cov1[i]) * uint64(aa1) >> 8
		sa2 := uint64(cov2[i]) * uint64(aa2) >> 8
		p := spread(binary.LittleEndian.Uint32(drow[4*i:]))
		p = blendLanes(blendLanes(p, col1, sa1), col2, sa2)
		binary.LittleEndian.PutUint32(drow[4*i:], pack(p))
	}
}

// nonZeroBytes returns v with the high bit of each non-zero byte set and
// every other bit clear.
func nonZeroBytes(v uint64) uint64 {
	const low7, high = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	return ((v & low7) + low7 | v) & high
}

// blendLanes composites colour c over pixel p, both spread to four 16-bit
// lanes, at alpha sa (0..255): in each lane (c·sa + p·(255-sa) + 127) / 255,
// which never exceeds 16 bits, divided by 255 as (y + y>>8 + 1) >> 8 (exact
// for every y up to 65152).
func blendLanes(p, c, sa uint64) uint64 {
	y := c*sa + p*(255-sa) + 127*0x0001000100010001
	return (y + (y>>8)&lanes + 0x0001000100010001) >> 8 & lanes
}

// pack is the inverse of spread.
func pack(v uint64) uint32 {
	return uint32(v&0xFF | v>>8&0xFF00 | v>>16&0xFF0000 | v>>24&0xFF000000)
}

// blendPixel composites one premultiplied pixel p with colour r, g, b at
// coverage c times alpha scale aa.
func blendPixel(p []uint8, c uint8, r, g, b, aa uint32) {
	if c == 0 {
		return
	}
	sa := uint32(c) * aa >> 8
	if sa >= 255 {
		p[0], p[1], p[2], p[3] = uint8(r), uint8(g), uint8(b), 255
		return
	}
	if sa == 0 {
		return
	}
	ia := 255 - sa
	p[0] = uint8((r*sa + uint32(p[0])*ia + 127) / 255)
	p[1] = uint8((g*sa + uint32(p[1])*ia + 127) / 255)
	p[2] = uint8((b*sa + uint32(p[2])*ia + 127) / 255)
	p[3] = uint8((255*sa + uint32(p[3])*ia + 127) / 255)
}
