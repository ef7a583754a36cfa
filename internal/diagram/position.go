package diagram

import (
	"cmp"
	"math"
	"slices"
)

// Rounds of coordinate assignment: alternate pulls from the layer above and
// from the layer below, then a few from both sides so that nodes settle
// between their parents and their children.
const (
	oneSidedRounds = 8
	twoSidedRounds = 4
)

// slopeGap is the height a gap gets per px an edge crosses it sideways.
const slopeGap = 0.1

// sep is the minimum space between the extents of neighbours a and b.
func (l *layout) sep(a, b *item) float64 {
	em := sepMixedEm
	switch {
	case !a.dummy() && !b.dummy():
		em = sepNodeEm
	case a.dummy() && b.dummy():
		em = sepDummyEm
	}
	return max(minSepPx, l.em(em))
}

// gap is the minimum distance between the anchors of a and b, b being the
// right neighbour of a.
func (l *layout) gap(a, b int) float64 {
	ia, ib := &l.items[a], &l.items[b]
	return ia.right + l.sep(ia, ib) + ib.left
}

// weight is how strongly an edge segment between items a and b pulls them
// into line. Segments between two dummies pull hardest, so that long edges
// run straight instead of zigzagging past every layer. A segment entering
// a node from above pulls harder than one leaving a node, so that an edge's
// last dummy lines up with the port of the node it enters: a short edge
// then bends once, in the gap under the node it leaves, instead of twice.
func (l *layout) weight(a, b int) float64 {
	ia, ib := &l.items[a], &l.items[b]
	switch {
	case ia.dummy() && ib.dummy():
		return 8
	case ia.dummy() && ib.layer > ia.layer, ib.dummy() && ia.layer > ib.layer:
		return 4 // the node is below the dummy
	}
	return 1
}

// position assigns x to every item and a vertical band to every layer.
func (l *layout) position() {
	l.assignPorts()
	for _, ly := range l.layers {
		x := 0.0
		for k, it := range ly {
			if k > 0 {
				x += l.gap(ly[k-1], it)
			}
			l.items[it].x = x
		}
		// Centre each layer on 0, so the first pulls start balanced.
		if len(ly) > 0 {
			first, last := &l.items[ly[0]], &l.items[ly[len(ly)-1]]
			mid := (first.x - first.left + last.x + last.right) / 2
			for _, it := range ly {
				l.items[it].x -= mid
			}
		}
	}
	n := len(l.layers)
	for range oneSidedRounds {
		for i := 1; i < n; i++ {
			l.placeLayer(i, true, false)
		}
		for i := n - 2; i >= 0; i-- {
			l.placeLayer(i, false, true)
		}
	}
	for range twoSidedRounds {
		for i := range n {
			l.placeLayer(i, true, true)
		}
	}
	l.straighten()

	minX := math.Inf(1)
	for i := range l.items {
		minX = min(minX, l.items[i].x-l.items[i].left)
	}
	for i := range l.items {
		l.items[i].x = round1(l.items[i].x + marginPx - minX)
	}

	l.bandTop = make([]float64, n)
	l.bandH = make([]float64, n)
	y := float64(marginPx)
	for i, ly := range l.layers {
		if i > 0 {
			y += l.gapAbove(i)
		}
		h := 0.0
		for _, it := range ly {
			h = max(h, l.items[it].height)
		}
		y = round1(y)
		l.bandTop[i], l.bandH[i] = y, h
		y += h
	}
}

// gapAbove is the height of the gap between layer i-1 and layer i. Edges
// slant only in gaps, so a gap that an edge crosses far sideways (a
// question with many answers) is made taller, up to three times the
// normal gap, to keep the slants steep enough to follow.
func (l *layout) gapAbove(i int) float64 {
	dx := 0.0
	for _, it := range l.layers[i] {
		for j, o := range l.items[it].up {
			e := l.items[it].upE[j]
			a := l.items[o].x + l.portAt(o, e)
			b := l.items[it].x + l.portAt(it, e)
			dx = max(dx, math.Abs(a-b))
		}
	}
	g := l.gapY()
	return min(max(g, dx*slopeGap), 3*g)
}

// placeLayer moves the items of layer i as close as the separation allows
// to the weighted mean x of their neighbours above (up) and/or below
// (down). With offsets o_k (the sum of minimum gaps left of item k) and
// y_k = x_k - o_k, the constraints become y_0 ≤ y_1 ≤ …, and minimising the
// weighted squared distance to the targets is isotonic regression, which
// pool-adjacent-violators solves exactly in linear time. An item with no
// neighbour on the chosen side holds its place with a token weight.
func (l *layout) placeLayer(i int, up, down bool) {
	ly := l.layers[i]
	if len(ly) == 0 {
		return
	}
	type block struct {
		w, wt float64 // total weight, total weighted target
		n     int     // items pooled
	}
	blocks := make([]block, 0, len(ly))
	off := 0.0
	for k, it := range ly {
		if k > 0 {
			off += l.gap(ly[k-1], it)
		}
		sum, ws := 0.0, 0.0
		pull := func(nb, es []int) {
			for j, o := range nb {
				w := l.weight(it, o)
				sum += w * (l.items[o].x + l.portAt(o, es[j]) - l.portAt(it, es[j]))
				ws += w
			}
		}
		if up {
			pull(l.items[it].up, l.items[it].upE)
		}
		if down {
			pull(l.items[it].down, l.items[it].downE)
		}
		target, w := l.items[it].x, 1e-3
		if ws > 0 {
			target, w = sum/ws, ws
		}
		blocks = append(blocks, block{w, w * (target - off), 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.wt/a.w <= b.wt/b.w {
				break
			}
			blocks = blocks[:len(blocks)-1]
			blocks[len(blocks)-1] = block{a.w + b.w, a.wt + b.wt, a.n + b.n}
		}
	}
	k, off := 0, 0.0
	for _, b := range blocks {
		y := b.wt / b.w
		for range b.n {
			if k > 0 {
				off += l.gap(ly[k-1], ly[k])
			}
			l.items[ly[k]].x = y + off
			k++
		}
	}
}

// assignPorts spreads the edges leaving each node evenly along its bottom
// border, and those entering it along its top, in the order of their other
// ends within the next layer, so that they do not cross at the node. The
// order of the layers is final by now, so the ports are too, and the
// coordinate pulls can aim a dummy at its port rather than at the node's
// centre, which keeps short edges straight.
func (l *layout) assignPorts() {
	n := len(l.g.Nodes)
	l.portOff = make([][2]float64, len(l.g.Edges))
	l.portGap = make([][2]float64, len(l.g.Edges))
	leave := make([][]int, n)
	enter := make([][]int, n)
	for e := range l.g.Edges {
		if !l.self[e] {
			leave[l.upper(e)] = append(leave[l.upper(e)], e)
			enter[l.lower(e)] = append(enter[l.lower(e)], e)
		}
	}
	spread := func(v int, es []int, next func(e int) int, side int) {
		slices.SortStableFunc(es, func(a, b int) int {
			return cmp.Compare(l.items[next(a)].pos, l.items[next(b)].pos)
		})
		w := l.boxW[v]
		for i, e := range es {
			l.portOff[e][side] = w*float64(i+1)/float64(len(es)+1) - w/2
			l.portGap[e][side] = w / float64(len(es)+1)
		}
	}
	for v := range n {
		spread(v, leave[v], func(e int) int { return l.chains[e][1] }, 0)
		spread(v, enter[v], func(e int) int { c := l.chains[e]; return c[len(c)-2] }, 1)
	}
}

// portAt is the offset from item it's anchor at which edge e attaches: a
// node's port, or 0 for a dummy, which is the edge itself.
func (l *layout) portAt(it, e int) float64 {
	switch nd := l.items[it].node; {
	case nd < 0:
		return 0
	case nd == l.upper(e):
		return l.portOff[e][0]
	}
	return l.portOff[e][1]
}

// straighten lines up the dummies of each edge. The pulls leave small
// jogs where an edge passes crowded layers, and put a short edge's label
// dummy between its two ends, which bends the edge twice. Here each edge,
// longest first, is cut into the longest runs of dummies that can share one
// x without moving any neighbour. The run next to the lower node goes to
// that node's port where it fits (so the edge enters the node straight and
// bends at most once), other runs to their median. Nothing else moves, so
// no separation is broken.
func (l *layout) straighten() {
	var es []int
	for e, c := range l.chains {
		if len(c) > 2 {
			es = append(es, e)
		}
	}
	slices.SortStableFunc(es, func(a, b int) int { return cmp.Compare(len(l.chains[b]), len(l.chains[a])) })
	for _, e := range es {
		c := l.chains[e]
		lower := &l.items[c[len(c)-1]]
		port := lower.x + l.portOff[e][1]
		ds := c[1 : len(c)-1]
		start := 0
		lo, hi := l.room(ds[0])
		for j := 1; j < len(ds); j++ {
			lo2, hi2 := l.room(ds[j])
			if max(lo, lo2) <= min(hi, hi2) {
				lo, hi = max(lo, lo2), min(hi, hi2)
				continue
			}
			l.align(ds[start:j], lo, hi, math.NaN())
			start, lo, hi = j, lo2, hi2
		}
		l.align(ds[start:], lo, hi, port)
	}
}

// room is the interval item it can move in without coming closer to its
// neighbours than the separation allows.
func (l *layout) room(it int) (lo, hi float64) {
	ly := l.layers[l.items[it].layer]
	p := l.items[it].pos
	lo, hi = math.Inf(-1), math.Inf(1)
	if p > 0 {
		lo = l.items[ly[p-1]].x + l.gap(ly[p-1], it)
	}
	if p+1 < len(ly) {
		hi = l.items[ly[p+1]].x - l.gap(it, ly[p+1])
	}
	return lo, hi
}

// align sets the items of run to one x in [lo, hi], the one nearest
// target, or when target is NaN nearest the median of their positions.
func (l *layout) align(run []int, lo, hi, target float64) {
	if math.IsNaN(target) {
		xs := make([]float64, len(run))
		for i, it := range run {
			xs[i] = l.items[it].x
		}
		slices.Sort(xs)
		target = xs[len(xs)/2]
	}
	x := min(max(target, lo), hi)
	for _, it := range run {
		l.items[it].x = x
	}
}
