package render

import (
	"image"
	"math"
	"sync/atomic"
)

// labelOp is one drawing step of the label pass. Placing labels only
// decides where they go and queues these steps; paintLabels then sets the
// text of all of them on the frame's workers at once and draws the steps
// in the order they were queued, so the image is the same as if each
// label had been drawn as it was placed.
type labelOp struct {
	text    string
	ts      textStyle
	x, y    float64
	deg     int  // rotation of a rotated label
	rotated bool // set by queueRotated: x, y is the pivot, not the pen
	job     int  // index in the pass's sprite jobs, -1 for none
	// paint draws a step that is not text (an annotation's box, a leader)
	paint func()
}

// queueText queues s set in ts with its baseline starting at x, y.
func (fr *frame) queueText(s string, x, y float64, ts textStyle) {
	fr.lab.ops = append(fr.lab.ops, labelOp{text: s, ts: ts, x: x, y: y, job: -1})
}

// queueRotated queues s set in ts, turned by deg degrees about the middle
// of its capitals, placed at x, y.
func (fr *frame) queueRotated(s string, x, y float64, deg int, ts textStyle) {
	fr.lab.ops = append(fr.lab.ops, labelOp{text: s, ts: ts, x: x, y: y, deg: deg, rotated: true, job: -1})
}

// queuePaint queues a drawing step that is not text.
func (fr *frame) queuePaint(paint func()) {
	fr.lab.ops = append(fr.lab.ops, labelOp{paint: paint, job: -1})
}

// spriteJob is a label sprite the pass must make: its glyphs, laid out
// under the text cache's lock, then composed (and turned) without it.
type spriteJob struct {
	key    spriteKey
	deg    int
	rot    bool
	lay    spriteLayout
	up     *image.RGBA // the upright sprite, when cached already
	sprite *image.RGBA
	turned *rotSprite
}

// paintLabels draws the queued label steps: the sprites missing from the
// text cache are made in parallel, then every step is drawn in order.
// With rows set, the image is then handed over band by band (see
// frame.bands), each band's part of the labels drawn just before it.
func (fr *frame) paintLabels(rows func(y0, y1 int) error) error {
	ops := fr.lab.ops
	if len(ops) == 0 {
		if rows != nil {
			return fr.bands(rows, nil)
		}
		return fr.ctx.Err()
	}
	c := fr.r.text
	var jobs []spriteJob
	sprites := make([]*image.RGBA, len(ops))
	turned := make([]*rotSprite, len(ops))
	serial := false // a step that is not text draws on the whole image
	c.mu.Lock()
	for i := range ops {
		op := &ops[i]
		if op.paint != nil {
			serial = true
			continue
		}
		k := spriteKey{op.text, op.ts}
		if op.rotated {
			if sp, ok := c.rotated[rotKey{k, op.deg}]; ok {
				turned[i] = sp
				continue
			}
			up, cached := c.sprites[k]
			jobs = append(jobs, spriteJob{key: k, deg: op.deg, rot: true, up: up, lay: c.layoutSprite(op.text, op.ts, cached)})
		} else {
			if sp, ok := c.sprites[k]; ok {
				sprites[i] = sp
				continue
			}
			jobs = append(jobs, spriteJob{key: k, lay: c.layoutSprite(op.text, op.ts, false)})
		}
		op.job = len(jobs) - 1
	}
	c.mu.Unlock()
	// make the sprites, the workers taking jobs in turn
	var next atomic.Int64
	scratch := make([][]uint64, len(fr.ws.ws))
	err := parallelEach(min(len(fr.ws.ws), len(jobs)), func(w int) error {
		for {
			j := int(next.Add(1)) - 1
			if j >= len(jobs) {
				return nil
			}
			if err := fr.ctx.Err(); err != nil {
				return err
			}
			jb := &jobs[j]
			up := jb.up
			if up == nil {
				up = jb.lay.compose()
				jb.sprite = up
			}
			if jb.rot && up != nil {
				jb.turned = rotateSprite(up, jb.lay.width/2, -jb.lay.ascent*0.36, float64(jb.deg)*math.Pi/180, &scratch[w])
			}
		}
	})
	if err != nil {
		return err
	}
	c.mu.Lock()
	for _, jb := range jobs {
		if jb.sprite != nil || jb.up == nil {
			c.keepSprite(jb.key, jb.sprite)
		}
		if jb.rot {
			c.keepRotated(rotKey{jb.key, jb.deg}, jb.turned)
		}
	}
	c.mu.Unlock()
	for i := range ops {
		if op := &ops[i]; op.job >= 0 {
			sprites[i], turned[i] = jobs[op.job].sprite, jobs[op.job].turned
		}
	}
	// draw draws every step into dst, the whole image or a band of it
	// (the blits clip to its bounds)
	draw := func(dst *image.RGBA) error {
		for i := range ops {
			if i&63 == 0 {
				if err := fr.ctx.Err(); err != nil {
					return err
				}
			}
			op := &ops[i]
			switch {
			case op.paint != nil:
				op.paint()
			case op.rotated:
				if sp := turned[i]; sp != nil {
					sp.blitOver(dst, int(math.Round(op.x)), int(math.Round(op.y)))
				}
			default:
				if sp := sprites[i]; sp != nil {
					blitOver(dst, sp, int(math.Round(op.x)), int(math.Round(op.y)))
				}
			}
		}
		return nil
	}
	if rows == nil || serial {
		if err := draw(fr.dst); err != nil {
			return err
		}
		if rows != nil {
			return fr.bands(rows, nil)
		}
		return fr.ctx.Err()
	}
	return fr.bands(rows, draw)
}

// bands hands the frame's image over band of rows by band: the frame's
// workers take the bands in turn, draw their part of the image with draw
// (when set) and call rows. It returns the first error of either.
func (fr *frame) bands(rows func(y0, y1 int) error, draw func(band *image.RGBA) error) error {
	workers := len(fr.ws.ws)
	n := max(1, min(4*workers, fr.h))
	var next atomic.Int64
	var failed atomic.Bool
	return parallelEach(min(workers, n), func(int) error {
		for !failed.Load() {
			i := int(next.Add(1)) - 1
			if i >= n {
				return nil
			}
			y0, y1 := fr.h*i/n, fr.h*(i+1)/n
			err := fr.ctx.Err()
			if err == nil && draw != nil {
				err = draw(fr.dst.SubImage(image.Rect(0, y0, fr.w, y1)).(*image.RGBA))
			}
			if err == nil {
				err = rows(y0, y1)
			}
			if err != nil {
				failed.Store(true)
				return err
			}
		}
		return nil
	})
}
