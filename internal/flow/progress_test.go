package flow

import (
	"maps"
	"slices"
	"testing"
)

// graph builds a flow from "id: target target" lines; a step without
// targets is an outcome.
func graph(lines ...[]string) *Flow {
	f := &Flow{}
	for _, l := range lines {
		n := &Node{ID: l[0], Explicit: true}
		for _, t := range l[1:] {
			n.Answers = append(n.Answers, Answer{Label: t, Target: t})
		}
		f.Nodes = append(f.Nodes, n)
	}
	return f
}

func TestParents(t *testing.T) {
	f := graph(
		[]string{"a", "b", "c"},
		[]string{"b", "c", "b"},
		[]string{"c"},
	)
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"a", nil},
		{"b", []string{"a"}}, // its own answer back to itself is no parent
		{"c", []string{"a", "b"}},
		{"missing", nil},
	} {
		if got := f.Parents(tc.id); !slices.Equal(got, tc.want) {
			t.Errorf("Parents(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestProgress(t *testing.T) {
	for _, tc := range []struct {
		name    string
		f       *Flow
		start   string
		depth   map[string]int
		longest int
		ok      bool
	}{
		{
			name:    "one outcome",
			f:       graph([]string{"end"}),
			depth:   map[string]int{"end": 0},
			longest: 0, ok: true,
		},
		{
			name: "shortest depth, longest path",
			f: graph(
				[]string{"q1", "q2", "q3"},
				[]string{"q2", "q3", "end1"},
				[]string{"q3", "end1", "end2"},
				[]string{"end1"},
				[]string{"end2"},
			),
			depth:   map[string]int{"q1": 0, "q2": 1, "q3": 1, "end1": 2, "end2": 2},
			longest: 3, ok: true,
		},
		{
			name:  "a start set in front matter",
			f:     graph([]string{"q1", "end"}, []string{"q0", "q1"}, []string{"end"}),
			start: "q0", depth: map[string]int{"q0": 0, "q1": 1, "end": 2},
			longest: 2, ok: true,
		},
		{
			name: "a loop makes it meaningless",
			f: graph(
				[]string{"q1", "q2", "end"},
				[]string{"q2", "q1", "end"},
				[]string{"end"},
			),
		},
		{
			name: "a loop the start cannot reach does not count",
			f: graph(
				[]string{"q1", "end"},
				[]string{"end"},
				[]string{"x", "y"},
				[]string{"y", "x"},
			),
			depth:   map[string]int{"q1": 0, "end": 1},
			longest: 1, ok: true,
		},
		{name: "unknown start", f: graph([]string{"end"}), start: "nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			depth, longest, ok := tc.f.Progress(tc.start)
			if ok != tc.ok || longest != tc.longest || !maps.Equal(depth, tc.depth) {
				t.Errorf("Progress = %v, %d, %v; want %v, %d, %v", depth, longest, ok, tc.depth, tc.longest, tc.ok)
			}
		})
	}
}
