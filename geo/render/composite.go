package render

import (
	"encoding/binary"
	"image"
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
// in one pass. It is the compositor's hot loop: the pixel blends are
// written out here (blendPixel's arithmetic, which the compiler will not
// inline) and a pixel neither mask covers costs one test.
func blendRow2(drow, cov1 []uint8, r1, g1, b1, aa1 uint32, cov2 []uint8, r2, g2, b2, aa2 uint32) {
	n := len(cov1)
	drow = drow[:4*n]
	cov2 = cov2[:n]
	for i := 0; i < n; i++ {
		if i&7 == 0 && i+8 <= n && binary.LittleEndian.Uint64(cov1[i:i+8])|binary.LittleEndian.Uint64(cov2[i:i+8]) == 0 {
			i += 7
			continue
		}
		c1, c2 := cov1[i], cov2[i]
		if c1|c2 == 0 {
			continue
		}
		p := drow[4*i : 4*i+4 : 4*i+4]
		if c2 == 255 && aa2 >= 256 { // the line hides the casing
			p[0], p[1], p[2], p[3] = uint8(r2), uint8(g2), uint8(b2), 255
			continue
		}
		pr, pg, pb, pa := uint32(p[0]), uint32(p[1]), uint32(p[2]), uint32(p[3])
		if sa := uint32(c1) * aa1 >> 8; sa >= 255 {
			pr, pg, pb, pa = r1, g1, b1, 255
		} else if sa > 0 {
			ia := 255 - sa
			pr = (r1*sa + pr*ia + 127) / 255
			pg = (g1*sa + pg*ia + 127) / 255
			pb = (b1*sa + pb*ia + 127) / 255
			pa = (255*sa + pa*ia + 127) / 255
		}
		if sa := uint32(c2) * aa2 >> 8; sa >= 255 {
			pr, pg, pb, pa = r2, g2, b2, 255
		} else if sa > 0 {
			ia := 255 - sa
			pr = (r2*sa + pr*ia + 127) / 255
			pg = (g2*sa + pg*ia + 127) / 255
			pb = (b2*sa + pb*ia + 127) / 255
			pa = (255*sa + pa*ia + 127) / 255
		}
		p[0], p[1], p[2], p[3] = uint8(pr), uint8(pg), uint8(pb), uint8(pa)
	}
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
