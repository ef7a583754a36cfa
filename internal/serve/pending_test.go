package serve

import (
	"slices"
	"testing"

	"github.com/lexsite/lexsite/internal/pipeline"
)

func TestPendingChangesMerge(t *testing.T) {
	a, b := pipeline.Change{Source: "s", Path: "content/a.md"}, pipeline.Change{Source: "s", Path: "content/b.md"}
	for _, tc := range []struct {
		name    string
		batches [][]pipeline.Change
		want    []pipeline.Change
	}{
		{"two batches during one build are one build", [][]pipeline.Change{{b}, {a, b}}, []pipeline.Change{b, a}},
		{"everything wins", [][]pipeline.Change{{a}, nil, {b}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPendingChanges()
			for _, batch := range tc.batches {
				p.add(batch)
			}
			if len(p.kick) != 1 {
				t.Errorf("%d wake-ups queued, want 1", len(p.kick))
			}
			got, ok := p.take()
			if !ok || !slices.Equal(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("take() = %v, %v; want %v, true", got, ok, tc.want)
			}
			if _, ok := p.take(); ok {
				t.Errorf("a second take() found changes")
			}
		})
	}
}
