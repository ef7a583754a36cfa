// Package diagram lays out a directed graph and draws it as SVG at build
// time, in pure Go, so a decision flow ("Did the goods arrive?" → answers →
// outcomes) can be shown on a flow's overview page without JavaScript and
// without an external tool such as Graphviz on the author's machine.
//
// # Approach
//
// The drawing is layered, top to bottom, in the manner of Sugiyama, Tagawa
// and Toda, because a decision flow reads as a sequence of questions and a
// layered drawing makes "what comes next" point down the page:
//
//  1. Cycles are allowed (a flow may say "go back and check"). They are
//     broken by a depth-first search from the start node: an edge to a node
//     still on the search stack is a back edge. Back edges are reversed for
//     layering and drawn dashed, pointing up. Self-loops take no part in
//     layering; they are drawn as a small loop on the node's right side.
//  2. Every node gets the length of the longest path to it from a source as
//     its rank, so a question always sits below every question leading to it.
//  3. Node ranks go on the even layers and every odd layer is a label layer,
//     as Graphviz does it. Each edge is split by one dummy node per layer it
//     crosses, and the dummy on its label layer is as large as the edge's
//     label, which hangs to the right of the edge's line. Labels are dummy
//     nodes because then the steps that keep nodes apart (ordering, spacing,
//     layer heights) keep labels apart too: a label can never overlap a
//     node, another label or an edge, and the layout needs no separate label
//     placement pass that could fail.
//  4. The order within each layer comes from repeated barycentre sweeps,
//     keeping the order with the fewest crossings, counted exactly.
//  5. X coordinates pull each node towards its neighbours; each layer is
//     placed optimally for those pulls under a minimum separation (an
//     isotonic regression, solved exactly by pool-adjacent-violators).
//     Then the dummies of each edge are lined up wherever their neighbours
//     leave room, so long edges run straight. Each layer gets a horizontal
//     band as tall as its tallest member; boxes are centred in it.
//  6. Edges leave a node at ports spread along its bottom and enter the next
//     one at its top; inside a band they run vertically, in their own slot,
//     and they only slant in the empty gaps between bands (made taller where
//     an edge crosses far sideways). So no edge crosses a box or a label, by
//     construction rather than by luck.
//
// Everything is deterministic: ties break by input order, no map order
// leaks, and numbers are rounded before they are printed, so the same flow
// gives byte-identical SVG on every build.
//
// The SVG uses no style attributes or elements, because pages run under a
// strict Content-Security-Policy: classes let the site's stylesheet style
// it, and presentation attributes keep it readable with no CSS at all.
package diagram

import (
	"fmt"
	"math"
)

// Shape is how a node is drawn.
type Shape int

const (
	// Question is a plain rectangle: a step the reader answers.
	Question Shape = iota
	// Outcome is a rounded rectangle with a thicker border (class
	// "node--outcome"): where the flow ends, so it must stand out even
	// without colour.
	Outcome
)

// Node is one box of the graph.
type Node struct {
	ID    string // unique within the graph
	Label string // text, wrapped to Options.MaxTextWidth
	Href  string // when not empty, the node is drawn as a link to this address (escaped, not checked)
	Shape Shape
	Start bool // the start node: class "node--start"; layering starts here
}

// Edge is an arrow from one node to another, usually an answer.
type Edge struct {
	From, To string // node IDs
	Label    string // answer text, drawn beside the edge, wrapped
}

// Graph is the input of Layout. Order matters: the first node (or the first
// one marked Start) is where the search that breaks cycles starts, and every
// tie in the layout is broken by input order, so that the same graph always
// gives the same drawing.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Options tune the drawing. The zero value is usable.
type Options struct {
	FontSize     float64 // px; default 14, at most 1000
	MaxTextWidth float64 // px a node label wraps at; default 11*FontSize, at most 100000 (edge labels wrap at 8*FontSize)
	IDPrefix     string  // prefix of the ids inside the SVG; default "diagram"; must differ between drawings on one page
	Title, Desc  string  // <title> and <desc> of the drawing; Title defaults to the start node's label
	Lang         string  // BCP 47 tag written as the svg's lang attribute, when set
	// TextEquivalent says the page gives the drawing's content as text
	// with the same links, as a flow's outline does. The svg is then
	// aria-hidden and its links are left out of the Tab order
	// (tabindex="-1"), still there for a pointer: otherwise a keyboard
	// or screen reader passes every box twice, once in the drawing and
	// once in the text, before reaching what follows.
	TextEquivalent bool
}

// MinLegibleFontSize is the smallest size, in CSS px, that the drawing's
// text may be shrunk to when a page scales the drawing to its column. The
// svg carries the width at which its text reaches it as data-min-width,
// so a style sheet can scale a drawing down to that width and let it
// scroll beyond.
const MinLegibleFontSize = 11

// Point is a position in px, y growing downwards as in SVG.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle: top-left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// Box is a node as placed.
type Box struct {
	ID string
	Rect
	Lines []string // the label as wrapped (and possibly cut short with "…")
	Label string   // the full label, written as the node's <title>
	Shape Shape
	Href  string
	Start bool
}

// EdgeRoute is an edge as routed.
type EdgeRoute struct {
	From, To string
	// Points is a polyline from the source box border to the target box
	// border, in the direction of the edge (so a back edge runs upwards).
	Points []Point
	Back   bool      // drawn against the layering: part of a cycle
	Self   bool      // a loop from a node to itself
	Label  *LabelBox // nil when the edge has no label
}

// LabelBox is an edge label as placed: Rect is its background.
type LabelBox struct {
	Rect
	Lines []string
}

// Drawing is a laid-out graph, ready for WriteSVG. Its geometry is exported
// so that tests (and callers) can check it without parsing SVG.
type Drawing struct {
	Width, Height float64
	Boxes         []Box       // in input node order
	Edges         []EdgeRoute // in input edge order

	opt   Options // with defaults applied
	title string  // resolved Title
}

// Text metrics, in em; see wrap.go for widths.
const (
	lineHeightEm = 1.3  // line height of every label
	nodePadEm    = 0.6  // padding between a node's border and its text
	labelPadEm   = 0.25 // padding between an edge label's background and its text
	edgeWrapEm   = 8    // width an edge label wraps at
	nodeWrapEm   = 11   // default width a node label wraps at
	maxLines     = 12   // lines shown of a label; the rest becomes "…"
)

// Caps on sizes, so that no option can push a coordinate to infinity.
const (
	maxFontSize  = 1000
	maxTextWidth = 100_000
)

// withDefaults fills in zero or nonsensical options, so Layout never works
// with a NaN, negative or infinite size.
func (o Options) withDefaults() Options {
	if !(o.FontSize > 0) || math.IsInf(o.FontSize, 0) {
		o.FontSize = 14
	}
	o.FontSize = min(o.FontSize, maxFontSize)
	if !(o.MaxTextWidth > 0) {
		o.MaxTextWidth = nodeWrapEm * o.FontSize
	}
	o.MaxTextWidth = min(o.MaxTextWidth, maxTextWidth)
	if o.IDPrefix == "" {
		o.IDPrefix = "diagram"
	}
	return o
}

// Layout places the nodes of g and routes its edges. It returns an error,
// and never panics, for an edge naming an unknown node or for two nodes
// with the same ID. An empty graph gives a small empty drawing.
func Layout(g Graph, o Options) (*Drawing, error) {
	o = o.withDefaults()
	index := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if j, dup := index[n.ID]; dup {
			return nil, fmt.Errorf("diagram: nodes %d and %d have the same id %q", j, i, n.ID)
		}
		index[n.ID] = i
	}
	l := &layout{g: g, o: o, fs: o.FontSize}
	l.src = make([]int, len(g.Edges))
	l.dst = make([]int, len(g.Edges))
	for i, e := range g.Edges {
		from, ok := index[e.From]
		if !ok {
			return nil, fmt.Errorf("diagram: edge %d (%q → %q): unknown node %q", i, e.From, e.To, e.From)
		}
		to, ok := index[e.To]
		if !ok {
			return nil, fmt.Errorf("diagram: edge %d (%q → %q): unknown node %q", i, e.From, e.To, e.To)
		}
		l.src[i], l.dst[i] = from, to
	}
	l.measure()
	l.breakCycles()
	l.assignRanks()
	l.buildLayers()
	l.order()
	l.position()
	d := l.route()
	d.opt = o
	d.title = o.Title
	if d.title == "" && len(g.Nodes) > 0 {
		d.title = g.Nodes[l.start].Label
	}
	return d, nil
}
