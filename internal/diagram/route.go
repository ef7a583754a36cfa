package diagram

import (
	"math"
	"slices"
)

// route turns the positioned layers into a Drawing: node boxes, edge
// polylines and label boxes, rounded to 0.1 px so that the SVG, which
// prints the same numbers, is identical wherever it is built.
func (l *layout) route() *Drawing {
	d := &Drawing{}
	n := len(l.g.Nodes)
	if n == 0 {
		d.Width, d.Height = 2*marginPx, 2*marginPx
		return d
	}
	d.Boxes = make([]Box, n)
	for v, nd := range l.g.Nodes {
		it := &l.items[l.item[v]]
		d.Boxes[v] = Box{
			ID: nd.ID,
			Rect: Rect{
				X: it.x - l.boxW[v]/2,
				Y: l.bandTop[it.layer] + (l.bandH[it.layer]-l.boxH[v])/2,
				W: l.boxW[v],
				H: l.boxH[v],
			},
			Lines: l.nlabel[v].lines,
			Label: clean(nd.Label),
			Shape: nd.Shape,
			Href:  nd.Href,
			Start: nd.Start,
		}
	}

	d.Edges = make([]EdgeRoute, len(l.g.Edges))
	for e, ed := range l.g.Edges {
		r := EdgeRoute{From: ed.From, To: ed.To, Back: l.back[e], Self: l.self[e]}
		if !r.Self {
			r.Points, r.Label = l.chainRoute(e, d.Boxes)
		}
		d.Edges[e] = r
	}
	for v := range l.g.Nodes {
		l.selfLoops(v, d)
	}

	right := 0.0
	for i := range l.items {
		right = max(right, l.items[i].x+l.items[i].right)
	}
	last := len(l.layers) - 1
	d.Width = right + marginPx
	d.Height = l.bandTop[last] + l.bandH[last] + marginPx
	d.round()
	return d
}

// snapPx is the largest sideways step chainRoute straightens away: ports
// and anchors come from separate roundings, and a 0.1 px jog would show as
// a kink. Moving a line or a port by less than this cannot bring it near
// anything: separations are several px, and labels sit labelGap away.
const snapPx = 0.5

// portSlack is how far the port of edge e at its upper (side 0) or lower
// (side 1) node may slide along the border to meet the edge's dummy
// straight, saving a kink: up to half an em, and less than half the space
// between neighbouring ports, so ports never meet or swap.
func (l *layout) portSlack(e, side int) float64 {
	return min(l.em(0.5), l.portGap[e][side]/2-1)
}

// chainRoute draws edge e through its dummies: down from the port to the
// bottom of the upper node's band, across the gap, straight down through
// each dummy's band, across the next gap and down into the lower node. Only
// gap segments slant, and gaps hold no boxes, so the edge can cross other
// edges but never a box or a label. A short straight stub before the
// arrowhead keeps it pointing into the box.
func (l *layout) chainRoute(e int, boxes []Box) ([]Point, *LabelBox) {
	chain := l.chains[e]
	u, v := l.upper(e), l.lower(e)
	ub, vb := boxes[u].Rect, boxes[v].Rect
	px, qx := ub.X+ub.W/2+l.portOff[e][0], vb.X+vb.W/2+l.portOff[e][1]
	lu, lv := l.items[chain[0]].layer, l.items[chain[len(chain)-1]].layer
	stub := l.em(stubEm)

	pts := make([]Point, 0, 2*len(chain)+4)
	pts = append(pts, Point{px, ub.Y + ub.H}, Point{px, l.bandTop[lu] + l.bandH[lu]})
	if l.back[e] {
		pts = append(pts, Point{px, l.bandTop[lu] + l.bandH[lu] + stub})
	}
	var label *LabelBox
	if first := l.items[chain[1]].x; math.Abs(first-px) <= l.portSlack(e, 0) {
		px = first
		pts[0].X, pts[1].X = px, px
		if l.back[e] {
			pts[2].X = px
		}
	}
	x := px
	for _, d := range chain[1 : len(chain)-1] {
		it := &l.items[d]
		y0, h := l.bandTop[it.layer], l.bandH[it.layer]
		if math.Abs(it.x-x) >= snapPx {
			x = it.x
		}
		pts = append(pts, Point{x, y0}, Point{x, y0 + h})
		if it.label {
			w, lh := l.labelSize(e)
			label = &LabelBox{
				Rect:  Rect{X: it.x + l.labelGap(), Y: y0 + (h-lh)/2, W: w, H: lh},
				Lines: l.elabel[e].lines,
			}
		}
	}
	if math.Abs(qx-x) < max(snapPx, l.portSlack(e, 1)) {
		qx = x
	}
	if !l.back[e] {
		pts = append(pts, Point{qx, l.bandTop[lv] - stub})
	}
	pts = append(pts, Point{qx, l.bandTop[lv]}, Point{qx, vb.Y})
	if l.back[e] {
		slices.Reverse(pts)
	}
	return pts, label
}

// selfLoops draws node v's self-loops as nested rectangular loops on its
// right side, leaving and re-entering the right border, with their labels
// stacked in a column right of the outermost loop. nodeReach reserved that
// room, so the loops touch nothing else.
func (l *layout) selfLoops(v int, d *Drawing) {
	loops := l.loops[v]
	k := len(loops)
	if k == 0 {
		return
	}
	b := d.Boxes[v].Rect
	right, cy := b.X+b.W, b.Y+b.H/2
	step := l.loopStep()
	_, stackH := l.loopLabels(v)
	lx := right + float64(k)*step + l.labelGap()
	ly := cy - stackH/2
	for i, e := range loops {
		ext := float64(i+1) * step
		dy := b.H * 0.35 * float64(i+1) / float64(k)
		r := &d.Edges[e]
		r.Points = []Point{{right, cy - dy}, {right + ext, cy - dy}, {right + ext, cy + dy}, {right, cy + dy}}
		if w, h := l.labelSize(e); w > 0 {
			r.Label = &LabelBox{Rect: Rect{X: lx, Y: ly, W: w, H: h}, Lines: l.elabel[e].lines}
			ly += h + l.stackGap()
		}
	}
}

// round1 rounds to 0.1 px, the precision of the SVG.
func round1(x float64) float64 {
	r := math.Round(x*10) / 10
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// round snaps every coordinate of d to 0.1 px. A rectangle keeps its
// rounded corners (so a point on its border stays on it), and polylines
// lose the repeated and collinear points that rounding or routing left.
func (d *Drawing) round() {
	rr := func(r *Rect) {
		x1, y1 := round1(r.X+r.W), round1(r.Y+r.H)
		r.X, r.Y = round1(r.X), round1(r.Y)
		r.W, r.H = x1-r.X, y1-r.Y
	}
	for i := range d.Boxes {
		rr(&d.Boxes[i].Rect)
	}
	for i := range d.Edges {
		r := &d.Edges[i]
		for j := range r.Points {
			r.Points[j] = Point{round1(r.Points[j].X), round1(r.Points[j].Y)}
		}
		r.Points = simplify(r.Points)
		if r.Label != nil {
			rr(&r.Label.Rect)
		}
	}
	d.Width, d.Height = math.Ceil(d.Width*10)/10, math.Ceil(d.Height*10)/10
}

// simplify drops repeated points and points in the middle of a straight run.
func simplify(pts []Point) []Point {
	out := pts[:0]
	for _, p := range pts {
		if k := len(out); k > 0 && out[k-1] == p {
			continue
		}
		if k := len(out); k > 1 {
			a, b := out[k-2], out[k-1]
			cross := (b.X-a.X)*(p.Y-b.Y) - (b.Y-a.Y)*(p.X-b.X)
			dot := (b.X-a.X)*(p.X-b.X) + (b.Y-a.Y)*(p.Y-b.Y)
			if math.Abs(cross) < 1e-9 && dot > 0 {
				out[k-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
