package site

import (
	"sort"

	"github.com/lexsite/lexsite/internal/flow"
)

// places finds the flow step and the heading a citation of a document sits
// under, for "Cited in". It is made once per document, so that placing all
// of a document's citations takes time linear in its size: scanning the
// headings from the start for each citation made a guide of a few
// megabytes take minutes.
type places struct {
	steps []*flow.Node
	// stepReach[i] and headReach[i] are the largest offset among the first
	// i+1 steps or headings. A scan from the start that stops at the first
	// one past an offset stops where the reach first passes it; the reach
	// never decreases, so that point is found by binary search.
	stepReach, headReach []int
	// section[k] is the index of the last heading of level 2 or deeper
	// among the first k headings, or -1.
	section  []int
	headings []headingPlace
}

type headingPlace struct{ id, text string }

// newPlaces indexes the steps and headings of d.
func newPlaces(d *Doc) *places {
	p := &places{}
	if d.Parsed.Flow != nil {
		p.steps = d.Parsed.Flow.Nodes
		p.stepReach = reach(len(p.steps), func(i int) int { return p.steps[i].Offset })
	}
	hs := d.Parsed.Headings
	p.headReach = reach(len(hs), func(i int) int { return hs[i].Offset })
	p.section = make([]int, len(hs)+1)
	p.section[0] = -1
	p.headings = make([]headingPlace, len(hs))
	for i, h := range hs {
		p.headings[i] = headingPlace{h.ID, h.Text}
		p.section[i+1] = p.section[i]
		if h.Level >= 2 {
			p.section[i+1] = i
		}
	}
	return p
}

func reach(n int, off func(int) int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = off(i)
		if i > 0 && r[i-1] > r[i] {
			r[i] = r[i-1]
		}
	}
	return r
}

// passed returns how many entries a scan from the start passes before it
// meets one whose offset is past off.
func passed(reach []int, off int) int {
	return sort.Search(len(reach), func(i int) bool { return reach[i] > off })
}

// step returns the flow step the byte offset off falls in, or nil (the
// introduction, or not a flow).
func (p *places) step(off int) *flow.Node {
	if k := passed(p.stepReach, off); k > 0 {
		return p.steps[k-1]
	}
	return nil
}

// heading returns the id and text of the nearest heading of level 2 or
// deeper before off, or empty strings.
func (p *places) heading(off int) (id, text string) {
	if i := p.section[passed(p.headReach, off)]; i >= 0 {
		return p.headings[i].id, p.headings[i].text
	}
	return "", ""
}
