package site

import (
	"testing"

	"github.com/lexsite/lexsite/internal/flow"
	"github.com/lexsite/lexsite/internal/markdown"
)

// TestPlacesMatchScan checks the index of places against the scan from the
// start it replaces, including headings whose offsets go back (a heading
// without text takes the offset of its parent).
func TestPlacesMatchScan(t *testing.T) {
	tests := []struct {
		name     string
		headings []markdown.Heading
		steps    []int
	}{
		{"none", nil, nil},
		{"in order", []markdown.Heading{{Level: 1, ID: "t", Offset: 0}, {Level: 2, ID: "a", Offset: 10}, {Level: 3, ID: "b", Offset: 20}, {Level: 2, ID: "c", Offset: 40}}, nil},
		{"offsets going back", []markdown.Heading{{Level: 2, ID: "a", Offset: 10}, {Level: 2, ID: "z", Offset: 0}, {Level: 2, ID: "b", Offset: 30}, {Level: 1, ID: "c", Offset: 5}, {Level: 2, ID: "d", Offset: 50}}, nil},
		{"same offset", []markdown.Heading{{Level: 2, ID: "a", Offset: 10}, {Level: 2, ID: "b", Offset: 10}}, nil},
		{"flow", []markdown.Heading{{Level: 2, ID: "a", Offset: 10}, {Level: 2, ID: "b", Offset: 30}}, []int{10, 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Parsed: &markdown.Parsed{Headings: tt.headings}}
			if tt.steps != nil {
				d.Parsed.Flow = &flow.Flow{}
				for i, off := range tt.steps {
					d.Parsed.Flow.Nodes = append(d.Parsed.Flow.Nodes, &flow.Node{ID: string(rune('a' + i)), Offset: off})
				}
			}
			p := newPlaces(d)
			for off := -1; off <= 60; off++ {
				var wantStep *flow.Node
				if d.Parsed.Flow != nil {
					for _, n := range d.Parsed.Flow.Nodes {
						if n.Offset > off {
							break
						}
						wantStep = n
					}
				}
				if got := p.step(off); got != wantStep {
					t.Errorf("step(%d) = %v, want %v", off, got, wantStep)
				}
				var wantID, wantText string
				for _, h := range tt.headings {
					if h.Offset > off {
						break
					}
					if h.Level >= 2 {
						wantID, wantText = h.ID, h.Text
					}
				}
				if id, text := p.heading(off); id != wantID || text != wantText {
					t.Errorf("heading(%d) = %q %q, want %q %q", off, id, text, wantID, wantText)
				}
			}
		})
	}
}
