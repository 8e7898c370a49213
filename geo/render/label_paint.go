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
func (fr *frame) paintLabels() error {
	ops := fr.lab.ops
	if len(ops) == 0 {
		return fr.ctx.Err()
	}
	c := fr.r.text
	var jobs []spriteJob
	sprites := make([]*image.RGBA, len(ops))
	turned := make([]*rotSprite, len(ops))
	c.mu.Lock()
	for i := range ops {
		op := &ops[i]
		if op.paint != nil {
			continue
		}
		k := spriteKey{op.text, op.ts}
		if op.rotated {
			if sp, ok := c.rotated[rotKey{k, op.deg}]; ok {
				turned[i] = sp
				continue
			}
			up, cached := c.sprites[k]
			jobs = append(jobs, spriteJob{key: k, deg: op.deg, rot: true, up: up})
			if !cached {
				jobs[len(jobs)-1].lay = c.layoutSprite(op.text, op.ts)
			} else {
				jobs[len(jobs)-1].lay = c.layoutMetrics(op.text, op.ts)
			}
		} else {
			if sp, ok := c.sprites[k]; ok {
				sprites[i] = sp
				continue
			}
			jobs = append(jobs, spriteJob{key: k, lay: c.layoutSprite(op.text, op.ts)})
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
			sp := turned[i]
			if op.job >= 0 {
				sp = jobs[op.job].turned
			}
			if sp != nil {
				sp.blitOver(fr.dst, int(math.Round(op.x)), int(math.Round(op.y)))
			}
		default:
			sp := sprites[i]
			if op.job >= 0 {
				sp = jobs[op.job].sprite
			}
			if sp != nil {
				blitOver(fr.dst, sp, int(math.Round(op.x)), int(math.Round(op.y)))
			}
		}
	}
	return fr.ctx.Err()
}
