package serve

import (
	"slices"
	"testing"

	"github.com/lexsite/lexsite/internal/build"
)

func TestPendingChangesMerge(t *testing.T) {
	a, b := build.Change{Source: "s", Path: "content/a.md"}, build.Change{Source: "s", Path: "content/b.md"}
	for _, tc := range []struct {
		name    string
		batches [][]build.Change
		want    []build.Change
	}{
		{"two batches during one build are one build", [][]build.Change{{b}, {a, b}}, []build.Change{b, a}},
		{"everything wins", [][]build.Change{{a}, nil, {b}}, nil},
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
