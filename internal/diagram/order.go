package diagram

import (
	"cmp"
	"slices"
)

// sweeps is how many barycentre passes order() makes, alternately down and
// up the layers. Flow graphs are small and sparse; more passes than this
// rarely find fewer crossings.
const sweeps = 24

// order chooses the left-to-right order of every layer to reduce edge
// crossings: an initial order from a depth-first search, then barycentre
// sweeps, keeping the best order seen. Crossings are counted exactly, so
// "best" is not a guess; ties keep the earlier order, so the result only
// depends on input order.
func (l *layout) order() {
	if len(l.layers) == 0 {
		return
	}
	l.initialOrder()
	best := cloneLayers(l.layers)
	bestCross := l.crossings()
	for s := 0; s < sweeps && bestCross > 0; s++ {
		if s%2 == 0 {
			for i := 1; i < len(l.layers); i++ {
				l.sortLayer(i, true)
			}
		} else {
			for i := len(l.layers) - 2; i >= 0; i-- {
				l.sortLayer(i, false)
			}
		}
		if c := l.crossings(); c < bestCross {
			bestCross = c
			best = cloneLayers(l.layers)
		}
	}
	l.layers = best
	l.numberLayers()
}

func cloneLayers(ls [][]int) [][]int {
	c := make([][]int, len(ls))
	for i, ly := range ls {
		c[i] = slices.Clone(ly)
	}
	return c
}

// numberLayers records each item's index within its layer.
func (l *layout) numberLayers() {
	for _, ly := range l.layers {
		for p, it := range ly {
			l.items[it].pos = p
		}
	}
}

// initialOrder fills the layers in depth-first order from the start node
// (then from every node not reached yet, in input order), following edges
// in input order. Nodes reached from one question stay together, which is
// already close to a good order for tree-like flows.
func (l *layout) initialOrder() {
	seen := make([]bool, len(l.items))
	var stack []int
	visit := func(root int) {
		if seen[root] {
			return
		}
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			it := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[it] {
				continue
			}
			seen[it] = true
			ly := l.items[it].layer
			l.layers[ly] = append(l.layers[ly], it)
			down := l.items[it].down
			for i := len(down) - 1; i >= 0; i-- { // so the first edge is visited first
				if !seen[down[i]] {
					stack = append(stack, down[i])
				}
			}
		}
	}
	visit(l.item[l.start])
	for v := range l.g.Nodes {
		visit(l.item[v])
	}
	// Every dummy hangs below its edge's upper node, so all were reached.
	l.numberLayers()
}

// sortLayer reorders layer i by the mean position of each item's
// neighbours in the layer above (down sweep) or below (up sweep). An item
// with no such neighbour keeps its own position as its key. Equal keys
// keep their current order.
func (l *layout) sortLayer(i int, down bool) {
	ly := l.layers[i]
	if len(l.key) != len(l.items) {
		l.key = make([]float64, len(l.items))
	}
	key := l.key
	for _, it := range ly {
		nb := l.items[it].up
		if !down {
			nb = l.items[it].down
		}
		if len(nb) == 0 {
			key[it] = float64(l.items[it].pos)
			continue
		}
		sum := 0
		for _, o := range nb {
			sum += l.items[o].pos
		}
		key[it] = float64(sum) / float64(len(nb))
	}
	slices.SortFunc(ly, func(a, b int) int {
		if c := cmp.Compare(key[a], key[b]); c != 0 {
			return c
		}
		return cmp.Compare(l.items[a].pos, l.items[b].pos) // stable: keep the current order
	})
	for p, it := range ly {
		l.items[it].pos = p
	}
}

// crossings counts the edge crossings of the current order exactly: for
// each pair of adjacent layers, the inversions among the lower ends of the
// edges taken in order of their upper ends, counted with a Fenwick tree in
// O(E log V).
func (l *layout) crossings() int {
	total := 0
	var seq, ends []int
	var tree []int
	for i := 0; i+1 < len(l.layers); i++ {
		seq = seq[:0]
		for _, it := range l.layers[i] {
			ends = ends[:0]
			for _, o := range l.items[it].down {
				ends = append(ends, l.items[o].pos)
			}
			slices.Sort(ends)
			seq = append(seq, ends...)
		}
		n := len(l.layers[i+1])
		tree = slices.Grow(tree[:0], n+1)[:n+1]
		clear(tree)
		for k, p := range seq {
			// Edges seen so far ending right of p cross this one.
			le := 0
			for j := p + 1; j > 0; j -= j & -j {
				le += tree[j]
			}
			total += k - le
			for j := p + 1; j <= n; j += j & -j {
				tree[j]++
			}
		}
	}
	return total
}
