package diagram

import "math"

// layout is the working state of one Layout call.
type layout struct {
	g     Graph
	o     Options
	fs    float64 // font size, px
	start int     // index of the start node

	// Per edge, in input order.
	src, dst []int        // node indices, as given
	back     []bool       // reversed for layering (part of a cycle)
	self     []bool       // a self-loop
	elabel   []textBlock  // the wrapped label
	chains   [][]int      // items from the upper end to the lower end; nil for a self-loop
	portOff  [][2]float64 // port x relative to the node centre: at the upper node, at the lower node
	portGap  [][2]float64 // space between neighbouring ports there

	// Per node, in input order.
	nlabel []textBlock
	boxW   []float64
	boxH   []float64
	loops  [][]int // self-loop edges of the node, in input order
	rank   []int
	item   []int // the node's item

	items  []item
	layers [][]int // item indices of each layer, left to right

	bandTop, bandH []float64 // vertical band of each layer

	key []float64 // sort keys of items, scratch space of sortLayer
}

// item is a member of a layer: a real node, or a dummy carrying an edge
// through the layer (a label dummy when it carries the edge's label).
type item struct {
	layer int
	node  int  // node index, or -1 for a dummy
	label bool // a dummy carrying its edge's label
	// Extent around the anchor x, which is where edges attach: the centre
	// of a node, the line of a dummy. A label hangs to the right of its line;
	// a node with self-loops reserves their room on its right.
	left, right, height float64
	up, down            []int // neighbouring items in the layers above and below
	upE, downE          []int // the edge of each of those segments
	pos                 int   // index within the layer
	x                   float64
}

func (it *item) dummy() bool { return it.node < 0 }

// Spacing, in em unless stated.
const (
	minNodeTextEm = 2.0  // narrowest text area of a node, so an empty node is still a box
	loopStepEm    = 0.9  // how far each self-loop reaches right of its node
	labelGapEm    = 0.3  // between an edge line and its label
	gapYEm        = 1.25 // between the bands of consecutive layers
	stubEm        = 0.4  // straight run before an arrowhead
	sepNodeEm     = 1.5  // between two nodes in a layer
	sepMixedEm    = 0.75 // between a node and a dummy
	sepDummyEm    = 0.5  // between two dummies
	minSepPx      = 6    // separation floor, so tiny fonts keep boxes apart
	marginPx      = 10   // around the drawing
)

func (l *layout) em(v float64) float64 { return v * l.fs }

// gapY separates the bands of consecutive layers: only edges run there.
func (l *layout) gapY() float64 { return max(minSepPx, l.em(gapYEm)) }

// loopStep is how far each self-loop reaches beyond the previous one; at
// least minSepPx, so a loop's label keeps clear of the box at any size.
func (l *layout) loopStep() float64 { return max(minSepPx, l.em(loopStepEm)) }

// labelGap separates an edge line from its label. It is at least 2 px, so
// that routing may nudge a line by up to half a pixel (see chainRoute).
func (l *layout) labelGap() float64 { return max(2, l.em(labelGapEm)) }

// stackGap separates self-loop labels stacked beside one node.
func (l *layout) stackGap() float64 { return max(minSepPx, l.em(labelGapEm)) }

// measure wraps every label and sizes the node boxes and label boxes.
func (l *layout) measure() {
	n, m := len(l.g.Nodes), len(l.g.Edges)
	l.nlabel = make([]textBlock, n)
	l.boxW = make([]float64, n)
	l.boxH = make([]float64, n)
	l.loops = make([][]int, n)
	pad := l.em(nodePadEm)
	for i, nd := range l.g.Nodes {
		b := wrapBlock(nd.Label, l.o.MaxTextWidth, l.fs)
		l.nlabel[i] = b
		l.boxW[i] = ceilGrid(max(b.w, l.em(minNodeTextEm)) + 2*pad)
		l.boxH[i] = ceilGrid(max(b.h, l.em(lineHeightEm)) + 2*pad)
	}
	l.elabel = make([]textBlock, m)
	l.self = make([]bool, m)
	for i, e := range l.g.Edges {
		l.elabel[i] = wrapBlock(e.Label, l.em(edgeWrapEm), l.fs)
		if l.src[i] == l.dst[i] {
			l.self[i] = true
			l.loops[l.src[i]] = append(l.loops[l.src[i]], i)
		}
	}
	l.start = 0
	for i, nd := range l.g.Nodes {
		if nd.Start {
			l.start = i
			break
		}
	}
}

// labelSize is the size of edge e's label background, zero without a label.
func (l *layout) labelSize(e int) (w, h float64) {
	b := l.elabel[e]
	if len(b.lines) == 0 {
		return 0, 0
	}
	p := l.em(labelPadEm)
	return ceilGrid(b.w + 2*p), ceilGrid(b.h + 2*p)
}

// ceilGrid rounds a size up to a multiple of 0.2 px. Anchors are rounded
// to 0.1 px, so a box centred on one (x - w/2) has its corners on the
// 0.1 px grid of the SVG too, and rounding them can never clip its text.
func ceilGrid(v float64) float64 {
	return math.Ceil(v*5-1e-9) / 5
}

// breakCycles marks back edges: edges to a node on the stack of a
// depth-first search from the start node, then from every node not yet
// reached, in input order. Reversing them leaves an acyclic graph. The
// search is iterative, so a long chain cannot exhaust the stack.
func (l *layout) breakCycles() {
	n := len(l.g.Nodes)
	l.back = make([]bool, len(l.g.Edges))
	out := make([][]int, n)
	for e := range l.g.Edges {
		if !l.self[e] {
			out[l.src[e]] = append(out[l.src[e]], e)
		}
	}
	const (
		unseen = iota
		onStack
		done
	)
	state := make([]uint8, n)
	type frame struct{ v, next int }
	var stack []frame
	visit := func(root int) {
		state[root] = onStack
		stack = append(stack[:0], frame{root, 0})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(out[f.v]) {
				state[f.v] = done
				stack = stack[:len(stack)-1]
				continue
			}
			e := out[f.v][f.next]
			f.next++
			switch w := l.dst[e]; state[w] {
			case unseen:
				state[w] = onStack
				stack = append(stack, frame{w, 0})
			case onStack:
				l.back[e] = true
			}
		}
	}
	if n > 0 {
		visit(l.start)
	}
	for v := range n {
		if state[v] == unseen {
			visit(v)
		}
	}
}

// upper and lower are edge e's ends in layering direction.
func (l *layout) upper(e int) int {
	if l.back[e] {
		return l.dst[e]
	}
	return l.src[e]
}

func (l *layout) lower(e int) int {
	if l.back[e] {
		return l.src[e]
	}
	return l.dst[e]
}

// assignRanks gives every node the length of the longest path reaching it
// from a source of the acyclic graph, visiting nodes in topological order
// (Kahn's algorithm, ties by input order).
func (l *layout) assignRanks() {
	n := len(l.g.Nodes)
	l.rank = make([]int, n)
	indeg := make([]int, n)
	out := make([][]int, n)
	for e := range l.g.Edges {
		if l.self[e] {
			continue
		}
		u, v := l.upper(e), l.lower(e)
		out[u] = append(out[u], v)
		indeg[v]++
	}
	queue := make([]int, 0, n)
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for i := 0; i < len(queue); i++ {
		u := queue[i]
		for _, v := range out[u] {
			l.rank[v] = max(l.rank[v], l.rank[u]+1)
			if indeg[v]--; indeg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	// The reversed graph is acyclic, so every node was queued; the ranks
	// of any that were not would simply stay 0.
}

// buildLayers creates the items: each node on layer 2*rank, and for each
// edge one dummy on every layer strictly between its ends. The dummy on
// the label layer next to the edge's source (the layer below it, or above
// it for a back edge) carries the label.
func (l *layout) buildLayers() {
	n := len(l.g.Nodes)
	top := 0
	for _, r := range l.rank {
		top = max(top, r)
	}
	if n == 0 {
		return
	}
	dummies := 0
	for e := range l.g.Edges {
		if !l.self[e] {
			dummies += 2*abs(l.rank[l.dst[e]]-l.rank[l.src[e]]) - 1
		}
	}
	l.items = make([]item, 0, n+dummies)
	l.layers = make([][]int, 2*top+1)
	l.item = make([]int, n)
	for v := range n {
		l.item[v] = l.newItem(item{layer: 2 * l.rank[v], node: v})
		it := &l.items[l.item[v]]
		it.left = l.boxW[v] / 2
		it.right, it.height = l.nodeReach(v)
	}
	l.chains = make([][]int, len(l.g.Edges))
	for e := range l.g.Edges {
		if l.self[e] {
			continue
		}
		u, v := l.upper(e), l.lower(e)
		a, b := 2*l.rank[u], 2*l.rank[v]
		labelLayer := a + 1
		if l.back[e] {
			labelLayer = b - 1
		}
		chain := make([]int, 0, b-a+1)
		chain = append(chain, l.item[u])
		for layer := a + 1; layer < b; layer++ {
			d := item{layer: layer, node: -1}
			if w, h := l.labelSize(e); layer == labelLayer && w > 0 {
				d.label = true
				d.right = l.labelGap() + w
				d.height = h
			}
			chain = append(chain, l.newItem(d))
		}
		chain = append(chain, l.item[v])
		l.chains[e] = chain
		for i := 1; i < len(chain); i++ {
			p, q := chain[i-1], chain[i]
			l.items[p].down = append(l.items[p].down, q)
			l.items[p].downE = append(l.items[p].downE, e)
			l.items[q].up = append(l.items[q].up, p)
			l.items[q].upE = append(l.items[q].upE, e)
		}
	}
}

func (l *layout) newItem(it item) int {
	l.items = append(l.items, it)
	return len(l.items) - 1
}

// nodeReach is how far node v's drawing reaches right of its centre, and
// how tall it is, counting its self-loops and their labels stacked beside
// them.
func (l *layout) nodeReach(v int) (right, height float64) {
	right, height = l.boxW[v]/2, l.boxH[v]
	k := len(l.loops[v])
	if k == 0 {
		return right, height
	}
	right += float64(k) * l.loopStep()
	labelsW, labelsH := l.loopLabels(v)
	if labelsW > 0 {
		right += l.labelGap() + labelsW
	}
	return right, max(height, labelsH)
}

// loopLabels is the size of the column of node v's self-loop labels.
func (l *layout) loopLabels(v int) (w, h float64) {
	for _, e := range l.loops[v] {
		lw, lh := l.labelSize(e)
		if lw == 0 {
			continue
		}
		if h > 0 {
			h += l.stackGap()
		}
		w, h = max(w, lw), h+lh
	}
	return w, h
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
