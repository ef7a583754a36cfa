package diagram

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

const eps = 1e-6

// segmentHitsInterior reports whether the segment pq passes through the
// open interior of r. Touching the border (running along it, ending on it,
// grazing a corner) does not count: edges end on box borders by design.
// It clips the segment against r shrunk by eps (Liang–Barsky): the segment
// hits the interior exactly when some part of it survives the clipping.
func segmentHitsInterior(p, q Point, r Rect) bool {
	x0, y0, x1, y1 := r.X+eps, r.Y+eps, r.X+r.W-eps, r.Y+r.H-eps
	if x0 > x1 || y0 > y1 {
		return false // no interior
	}
	t0, t1 := 0.0, 1.0
	dx, dy := q.X-p.X, q.Y-p.Y
	// clip keeps the part of the segment where num*t <= den... expressed as
	// the half-plane den - num*t >= 0.
	clip := func(num, den float64) bool {
		if num == 0 {
			return den >= 0
		}
		t := den / num
		if num < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
		return true
	}
	return clip(-dx, p.X-x0) && clip(dx, x1-p.X) && clip(-dy, p.Y-y0) && clip(dy, y1-p.Y) && t0 <= t1
}

func TestSegmentHitsInterior(t *testing.T) {
	r := Rect{X: 10, Y: 10, W: 20, H: 10} // x 10..30, y 10..20
	tests := []struct {
		name string
		p, q Point
		want bool
	}{
		{"crosses horizontally", Point{0, 15}, Point{40, 15}, true},
		{"crosses vertically", Point{20, 0}, Point{20, 30}, true},
		{"crosses diagonally", Point{5, 5}, Point{35, 25}, true},
		{"entirely inside", Point{12, 12}, Point{28, 18}, true},
		{"starts inside", Point{20, 15}, Point{50, 50}, true},
		{"degenerate point inside", Point{20, 15}, Point{20, 15}, true},
		{"degenerate point outside", Point{0, 0}, Point{0, 0}, false},
		{"ends on top border", Point{20, 0}, Point{20, 10}, false},
		{"starts on bottom border going down", Point{20, 20}, Point{25, 40}, false},
		{"runs along the top border", Point{0, 10}, Point{40, 10}, false},
		{"runs along the left border", Point{10, 0}, Point{10, 30}, false},
		{"grazes a corner", Point{0, 20}, Point{20, 40}, false},
		{"passes just above", Point{0, 9.9}, Point{40, 9.9}, false},
		{"passes just beside", Point{30.1, 0}, Point{30.1, 30}, false},
		{"misses the corner diagonally", Point{25, 0}, Point{40, 15}, false},
		{"passes exactly through a corner", Point{25, 5}, Point{35, 15}, false},
		{"clips the corner diagonally", Point{22, 5}, Point{32, 15}, true},
		{"enters through the border", Point{20, 0}, Point{20, 11}, true},
		{"far away", Point{100, 100}, Point{200, 300}, false},
		{"reversed direction", Point{40, 15}, Point{0, 15}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := segmentHitsInterior(tc.p, tc.q, r); got != tc.want {
				t.Errorf("segmentHitsInterior(%v, %v, %v) = %v, want %v", tc.p, tc.q, r, got, tc.want)
			}
		})
	}
	if segmentHitsInterior(Point{0, 0}, Point{10, 10}, Rect{X: 5, Y: 5}) {
		t.Error("an empty rectangle has no interior")
	}
}

// onBorder reports whether p lies on the border of r.
func onBorder(p Point, r Rect) bool {
	in := p.X >= r.X-eps && p.X <= r.X+r.W+eps && p.Y >= r.Y-eps && p.Y <= r.Y+r.H+eps
	side := math.Abs(p.X-r.X) < eps || math.Abs(p.X-r.X-r.W) < eps ||
		math.Abs(p.Y-r.Y) < eps || math.Abs(p.Y-r.Y-r.H) < eps
	return in && side
}

// gapBetween is the distance between two rectangles along the axis that
// separates them most; negative when they overlap.
func gapBetween(a, b Rect) float64 {
	gx := max(b.X-(a.X+a.W), a.X-(b.X+b.W))
	gy := max(b.Y-(a.Y+a.H), a.Y-(b.Y+b.H))
	return max(gx, gy)
}

// checkDrawing asserts the geometric promises of Layout on d, the layout of
// g with o, and returns the problems found (at most a few of each kind).
func checkDrawing(g Graph, o Options, d *Drawing) []string {
	o = o.withDefaults()
	var errs []string
	fail := func(format string, args ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}
	if len(d.Boxes) != len(g.Nodes) || len(d.Edges) != len(g.Edges) {
		return []string{fmt.Sprintf("%d boxes, %d edges for %d nodes, %d edges", len(d.Boxes), len(d.Edges), len(g.Nodes), len(g.Edges))}
	}
	type named struct {
		name string
		r    Rect
	}
	var rects []named
	box := make(map[string]Rect)
	for i, b := range d.Boxes {
		if b.ID != g.Nodes[i].ID {
			fail("box %d is %q, want %q", i, b.ID, g.Nodes[i].ID)
		}
		rects = append(rects, named{"node " + b.ID, b.Rect})
		box[b.ID] = b.Rect
	}
	for i, e := range d.Edges {
		if e.Label != nil {
			rects = append(rects, named{fmt.Sprintf("label of edge %d", i), e.Label.Rect})
		}
	}
	inside := func(p Point) bool { return p.X >= 0 && p.Y >= 0 && p.X <= d.Width && p.Y <= d.Height }

	for i, a := range rects {
		if a.r.W <= 0 || a.r.H <= 0 {
			fail("%s has size %gx%g", a.name, a.r.W, a.r.H)
		}
		if !inside(Point{a.r.X, a.r.Y}) || !inside(Point{a.r.X + a.r.W, a.r.Y + a.r.H}) {
			fail("%s %+v is outside the drawing %gx%g", a.name, a.r, d.Width, d.Height)
		}
		if a.r.X < 8 || a.r.Y < 8 || a.r.X+a.r.W > d.Width-8 || a.r.Y+a.r.H > d.Height-8 {
			fail("%s %+v is in the 8 px margin of %gx%g", a.name, a.r, d.Width, d.Height)
		}
		for _, b := range rects[i+1:] {
			if gap := gapBetween(a.r, b.r); gap < 4-eps {
				fail("%s %+v and %s %+v are %g px apart", a.name, a.r, b.name, b.r, gap)
			}
		}
	}

	for i, e := range d.Edges {
		name := fmt.Sprintf("edge %d (%s → %s)", i, e.From, e.To)
		ge := g.Edges[i]
		if e.From != ge.From || e.To != ge.To {
			fail("%s should be %s → %s", name, ge.From, ge.To)
		}
		if e.Self != (ge.From == ge.To) {
			fail("%s: Self = %v", name, e.Self)
		}
		if want := len(units(clean(ge.Label))) > 0; want != (e.Label != nil) {
			fail("%s: label %q drawn as %v", name, ge.Label, e.Label)
		}
		if len(e.Points) < 2 {
			fail("%s has %d points", name, len(e.Points))
			continue
		}
		first, last := e.Points[0], e.Points[len(e.Points)-1]
		if !onBorder(first, box[e.From]) {
			fail("%s starts at %v, not on its source %+v", name, first, box[e.From])
		}
		if !onBorder(last, box[e.To]) {
			fail("%s ends at %v, not on its target %+v", name, last, box[e.To])
		}
		switch {
		case e.Self:
		case e.Back && last.Y >= first.Y:
			fail("back %s does not run upwards: %v", name, e.Points)
		case !e.Back && last.Y <= first.Y:
			fail("%s does not run downwards: %v", name, e.Points)
		}
		for _, p := range e.Points {
			if !inside(p) {
				fail("%s: point %v outside %gx%g", name, p, d.Width, d.Height)
			}
		}
		// Stricter than needed: an edge may not enter even its own boxes,
		// nor its own label.
		for k := 1; k < len(e.Points); k++ {
			p, q := e.Points[k-1], e.Points[k]
			for _, r := range rects {
				if segmentHitsInterior(p, q, r.r) {
					fail("%s: segment %v–%v crosses %s %+v", name, p, q, r.name, r.r)
				}
			}
		}
	}

	fits := func(what string, lines []string, maxEm float64) {
		for _, ln := range lines {
			if measure(ln) > maxEm+eps && visibleRunes(ln) > 1 {
				fail("%s: line %q is %g em, over %g em", what, ln, measure(ln), maxEm)
			}
		}
		if len(lines) > maxLines {
			fail("%s: %d lines", what, len(lines))
		}
	}
	for _, b := range d.Boxes {
		fits("node "+b.ID, b.Lines, o.MaxTextWidth/o.FontSize)
		for _, ln := range b.Lines {
			if w := measure(ln)*o.FontSize + 2*nodePadEm*o.FontSize; w > b.W+eps {
				fail("node %s: line %q needs %g px, box is %g px", b.ID, ln, w, b.W)
			}
		}
		if h := float64(len(b.Lines))*lineHeightEm*o.FontSize + 2*nodePadEm*o.FontSize; h > b.H+eps {
			fail("node %s: %d lines need %g px, box is %g px", b.ID, len(b.Lines), h, b.H)
		}
	}
	for i, e := range d.Edges {
		if e.Label != nil {
			fits(fmt.Sprintf("label of edge %d", i), e.Label.Lines, edgeWrapEm)
		}
	}
	return errs
}

// svgOf lays out g and writes it, failing the test on error.
func svgOf(t testing.TB, g Graph, o Options) (*Drawing, []byte) {
	t.Helper()
	d, err := Layout(g, o)
	if err != nil {
		t.Fatalf("Layout: %v", err)
	}
	var buf bytes.Buffer
	if err := d.WriteSVG(&buf); err != nil {
		t.Fatalf("WriteSVG: %v", err)
	}
	return d, buf.Bytes()
}

func chain(n int) Graph {
	var g Graph
	for i := range n {
		g.Nodes = append(g.Nodes, Node{ID: fmt.Sprint(i), Label: fmt.Sprintf("Step %d", i)})
		if i > 0 {
			g.Edges = append(g.Edges, Edge{From: fmt.Sprint(i - 1), To: fmt.Sprint(i), Label: "next"})
		}
	}
	return g
}

func nodes(ids ...string) []Node {
	ns := make([]Node, len(ids))
	for i, id := range ids {
		ns[i] = Node{ID: id, Label: "Node " + id}
	}
	return ns
}

func geometryCases() []struct {
	name string
	g    Graph
	o    Options
} {
	type tc = struct {
		name string
		g    Graph
		o    Options
	}
	tree := Graph{Nodes: nodes("r", "a", "b", "a1", "a2", "b1", "b2", "b3"), Edges: []Edge{
		{From: "r", To: "a", Label: "Yes"}, {From: "r", To: "b", Label: "No"},
		{From: "a", To: "a1", Label: "Yes"}, {From: "a", To: "a2", Label: "No"},
		{From: "b", To: "b1"}, {From: "b", To: "b2", Label: "Maybe"}, {From: "b", To: "b3", Label: "No"},
	}}
	diamond := Graph{Nodes: nodes("top", "left", "right", "bottom"), Edges: []Edge{
		{From: "top", To: "left", Label: "Yes"}, {From: "top", To: "right", Label: "No"},
		{From: "left", To: "bottom"}, {From: "right", To: "bottom", Label: "then"},
		{From: "top", To: "bottom", Label: "Skip the questions"},
	}}
	cycle := Graph{Nodes: nodes("a", "b", "c", "d"), Edges: []Edge{
		{From: "a", To: "b", Label: "go"}, {From: "b", To: "c", Label: "go"},
		{From: "c", To: "a", Label: "Start again"}, {From: "c", To: "d", Label: "done"},
		{From: "d", To: "b", Label: "go back and check"},
	}}
	selfLoop := Graph{Nodes: nodes("a", "b"), Edges: []Edge{
		{From: "a", To: "a", Label: "Not yet: wait a week"}, {From: "a", To: "b", Label: "Yes"},
		{From: "a", To: "a", Label: "Ask again"}, {From: "b", To: "b"},
	}}
	two := Graph{Nodes: nodes("a", "b", "c", "x", "y"), Edges: []Edge{
		{From: "a", To: "b", Label: "Yes"}, {From: "b", To: "c", Label: "Yes"},
		{From: "x", To: "y", Label: "No"},
	}}
	long := Graph{Nodes: []Node{
		{ID: "q", Label: strings.Repeat("Did the seller refuse to repair goods that were faulty when delivered? ", 30)},
		{ID: "o", Label: "Unbreakablewordthatkeepsgoingandgoingwithoutanyspaceatall", Shape: Outcome},
		{ID: "p", Label: strings.Repeat("长", 2000)},
	}, Edges: []Edge{
		{From: "q", To: "o", Label: strings.Repeat("a very long answer ", 40)},
		{From: "q", To: "p", Label: "Antidisestablishmentarianism"},
	}}
	cjk := Graph{Nodes: []Node{
		{ID: "1", Label: "您是否已经书面通知了卖方？（请保留副本）", Start: true},
		{ID: "2", Label: "卖方是否在十五日内答复？"},
		{ID: "3", Label: "向消费者协会投诉", Shape: Outcome},
		{ID: "4", Label: "根据《消费者权益保护法》第二十四条，您可以要求退货。", Shape: Outcome},
	}, Edges: []Edge{
		{From: "1", To: "2", Label: "是"}, {From: "1", To: "3", Label: "否，还没有通知"},
		{From: "2", To: "4", Label: "是，但拒绝了"}, {From: "2", To: "1", Label: "不确定：重新检查"},
	}}
	fan := Graph{Nodes: []Node{{ID: "hub", Label: "Which kind of problem do you have?"}}}
	for i := range 12 {
		id := fmt.Sprintf("o%d", i)
		fan.Nodes = append(fan.Nodes, Node{ID: id, Label: fmt.Sprintf("Outcome number %d", i), Shape: Outcome})
		fan.Edges = append(fan.Edges, Edge{From: "hub", To: id, Label: fmt.Sprintf("Answer %d", i)})
	}

	cases := []tc{
		{"chain", chain(6), Options{}},
		{"tree", tree, Options{}},
		{"diamond", diamond, Options{}},
		{"cycle", cycle, Options{}},
		{"self-loop", selfLoop, Options{}},
		{"two components", two, Options{}},
		{"long labels", long, Options{}},
		{"CJK labels", cjk, Options{}},
		{"fan-out", fan, Options{}},
		{"purchase EN", purchaseEN(), Options{}},
		{"purchase ZH", purchaseZH(), Options{}},
		{"loops", loopFlow(), Options{}},
		{"small font", purchaseEN(), Options{FontSize: 3, MaxTextWidth: 20}},
		{"large font", tree, Options{FontSize: 40}},
		{"single node", Graph{Nodes: nodes("only")}, Options{}},
		{"parallel edges", Graph{Nodes: nodes("a", "b"), Edges: []Edge{
			{From: "a", To: "b", Label: "Yes"}, {From: "a", To: "b", Label: "Also yes"},
			{From: "b", To: "a", Label: "Back"}, {From: "b", To: "a"},
		}}, Options{}},
	}
	for i := range 50 {
		n := 4 + i*4 // up to 200 nodes
		cases = append(cases, tc{fmt.Sprintf("random %d nodes seed %d", n, i), randomFlow(uint64(i), n), Options{}})
	}
	return cases
}

func TestGeometry(t *testing.T) {
	for _, tc := range geometryCases() {
		t.Run(tc.name, func(t *testing.T) {
			d, svg := svgOf(t, tc.g, tc.o)
			for _, e := range checkDrawing(tc.g, tc.o, d) {
				t.Error(e)
			}
			_, again := svgOf(t, tc.g, tc.o)
			if !bytes.Equal(svg, again) {
				t.Error("two layouts of the same graph give different SVG")
			}
		})
	}
}

// TestLayering checks the structure of the drawing, not just its
// tidiness: which edges are back edges, and that ranks follow the flow.
func TestLayering(t *testing.T) {
	boxes := func(d *Drawing) map[string]Rect {
		m := make(map[string]Rect)
		for _, b := range d.Boxes {
			m[b.ID] = b.Rect
		}
		return m
	}
	t.Run("chain goes down", func(t *testing.T) {
		d, _ := svgOf(t, chain(5), Options{})
		for i := 1; i < len(d.Boxes); i++ {
			if d.Boxes[i].Y <= d.Boxes[i-1].Y+d.Boxes[i-1].H {
				t.Errorf("step %d at y=%g is not below step %d at y=%g", i, d.Boxes[i].Y, i-1, d.Boxes[i-1].Y)
			}
			if math.Abs(d.Boxes[i].X+d.Boxes[i].W/2-(d.Boxes[0].X+d.Boxes[0].W/2)) > eps {
				t.Errorf("step %d is not centred under step 0", i)
			}
		}
	})
	t.Run("back edges", func(t *testing.T) {
		tests := []struct {
			name string
			g    Graph
			back []bool
		}{
			{"two-cycle", Graph{Nodes: nodes("a", "b"), Edges: []Edge{{From: "a", To: "b"}, {From: "b", To: "a"}}}, []bool{false, true}},
			{"start marked", Graph{Nodes: []Node{{ID: "a"}, {ID: "b", Start: true}}, Edges: []Edge{{From: "a", To: "b"}, {From: "b", To: "a"}}}, []bool{true, false}},
			{"triangle", Graph{Nodes: nodes("a", "b", "c"), Edges: []Edge{{From: "a", To: "b"}, {From: "b", To: "c"}, {From: "c", To: "a"}}}, []bool{false, false, true}},
			{"cross edge is not back", Graph{Nodes: nodes("a", "b", "c"), Edges: []Edge{{From: "a", To: "b"}, {From: "a", To: "c"}, {From: "c", To: "b"}}}, []bool{false, false, false}},
			{"self-loop is not back", Graph{Nodes: nodes("a"), Edges: []Edge{{From: "a", To: "a"}}}, []bool{false}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				d, _ := svgOf(t, tc.g, Options{})
				for i, e := range d.Edges {
					if e.Back != tc.back[i] {
						t.Errorf("edge %d %s→%s: Back = %v, want %v", i, e.From, e.To, e.Back, tc.back[i])
					}
				}
			})
		}
	})
	t.Run("longest path ranks", func(t *testing.T) {
		// a→b→c and a→c: c goes below b, not beside it.
		g := Graph{Nodes: nodes("a", "b", "c"), Edges: []Edge{{From: "a", To: "b"}, {From: "b", To: "c"}, {From: "a", To: "c"}}}
		d, _ := svgOf(t, g, Options{})
		m := boxes(d)
		if !(m["a"].Y < m["b"].Y && m["b"].Y < m["c"].Y) {
			t.Errorf("want a above b above c, got %+v", m)
		}
	})
	t.Run("labels sit between their nodes", func(t *testing.T) {
		d, _ := svgOf(t, purchaseEN(), Options{})
		m := boxes(d)
		for _, e := range d.Edges {
			if e.Label == nil || e.Self {
				continue
			}
			top, bottom := m[e.From], m[e.To]
			if e.Back {
				top, bottom = bottom, top
			}
			if e.Label.Y < top.Y+top.H || e.Label.Y+e.Label.H > bottom.Y {
				t.Errorf("label of %s→%s at %+v is not between %+v and %+v", e.From, e.To, e.Label.Rect, top, bottom)
			}
		}
	})
	t.Run("self-loop on the right", func(t *testing.T) {
		g := Graph{Nodes: nodes("a"), Edges: []Edge{{From: "a", To: "a", Label: "again"}}}
		d, _ := svgOf(t, g, Options{})
		b, e := d.Boxes[0], d.Edges[0]
		if !e.Self || e.Back {
			t.Fatalf("Self = %v, Back = %v", e.Self, e.Back)
		}
		for _, p := range []Point{e.Points[0], e.Points[len(e.Points)-1]} {
			if math.Abs(p.X-(b.X+b.W)) > eps {
				t.Errorf("loop end %v is not on the right border x=%g", p, b.X+b.W)
			}
		}
		if e.Label == nil || e.Label.X <= b.X+b.W {
			t.Errorf("loop label %+v is not right of the box %+v", e.Label, b.Rect)
		}
	})
	t.Run("very long label", func(t *testing.T) {
		label := strings.Repeat("word ", 400)
		d, _ := svgOf(t, Graph{Nodes: []Node{{ID: "a", Label: label}}}, Options{})
		b := d.Boxes[0]
		if len(b.Lines) != maxLines || !strings.HasSuffix(b.Lines[maxLines-1], "…") {
			t.Errorf("lines = %q, want %d ending in …", b.Lines, maxLines)
		}
		if b.Label != label {
			t.Error("the full label is not kept for the title")
		}
	})
}
