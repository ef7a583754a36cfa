// Package flow owns decision flows as graphs (SPEC 5): the steps of a flow,
// the answers that lead from one to the next, and the checks that make a
// flow safe to walk — every answer leads somewhere, every step can be
// reached, and from every step some outcome can still be reached, so no
// reader is ever stranded. It knows nothing of Markdown: the markdown
// package reads a flow's document into a Flow, and the site checks it here.
package flow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lexsite/lexsite/internal/suggest"
)

// Flow is a decision flow: questions whose answers lead to other steps,
// and outcomes, which have no answers.
type Flow struct {
	// Nodes are the steps in the order they are written.
	Nodes []*Node
}

// Node is one step: a question with answers, or an outcome.
type Node struct {
	ID    string
	Title string
	// Offset is the byte offset of the step's heading in its document.
	Offset int
	// Explicit is false when the heading carries no {#id} of its own; ID is
	// then made up from the title, which differs between translations.
	Explicit bool
	Answers  []Answer
}

// Answer is a link from a question to the step it leads to.
type Answer struct {
	Label  string
	Target string
	Offset int
}

// Outcome reports whether the step ends the flow.
func (n *Node) Outcome() bool { return len(n.Answers) == 0 }

// Node returns the step with the given id, or nil.
func (f *Flow) Node(id string) *Node {
	for _, n := range f.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// StartNode returns the step a walk begins at: the one named start, else
// the first. It is nil for a flow without steps or an unknown start.
func (f *Flow) StartNode(start string) *Node {
	if start != "" {
		return f.Node(start)
	}
	if len(f.Nodes) == 0 {
		return nil
	}
	return f.Nodes[0]
}

// Problem is something wrong with a flow, at a byte offset of its document.
// Start marks a problem with the start setting in the front matter, whose
// position the caller knows.
type Problem struct {
	Offset  int
	Start   bool
	Warning bool
	Message string
}

// Limits on text that still reads well as a page title and in a diagram
// box; longer text is allowed, with a warning.
const (
	MaxTitle  = 120
	MaxAnswer = 80
)

// Validate checks the flow's graph, walked from start (empty: the first
// step). It reports every problem, in the order of the document.
func (f *Flow) Validate(start string) []Problem {
	var ps []Problem
	add := func(off int, warn bool, format string, args ...any) {
		ps = append(ps, Problem{Offset: off, Warning: warn, Message: fmt.Sprintf(format, args...)})
	}
	if len(f.Nodes) == 0 {
		return []Problem{{Message: "this flow has no steps: write each question and each outcome as a ## heading with an id, like ## Did the goods arrive? {#arrived}"}}
	}
	first := map[string]*Node{}
	ids := make([]string, 0, len(f.Nodes))
	for _, n := range f.Nodes {
		if len(n.Title) > MaxTitle {
			add(n.Offset, true, "this step's heading is %d characters long; it is the page's title and a box in the diagram, so keep it under %d and put the detail in the text below it", len(n.Title), MaxTitle)
		}
		if !n.Explicit {
			add(n.Offset, false, "this step has no id: write one after the heading, like ## %s {#%s}; ids must be the same in every language", n.Title, suggestID(n.Title))
			continue
		}
		if prev := first[n.ID]; prev != nil {
			add(n.Offset, false, "two steps have the id #%s; give each step its own id", n.ID)
			continue
		}
		first[n.ID] = n
		ids = append(ids, n.ID)
	}
	s := f.StartNode(start)
	if s == nil {
		ps = append(ps, Problem{Start: true, Message: fmt.Sprintf("start is %q, but this flow has no step with that id%s", start, suggest.Hint(start, ids))})
	}
	for _, n := range f.Nodes {
		for _, a := range n.Answers {
			if len(a.Label) > MaxAnswer {
				add(a.Offset, true, "this answer is %d characters long; answers are buttons and labels in the diagram, so keep them under %d", len(a.Label), MaxAnswer)
			}
			switch {
			case first[a.Target] == nil:
				add(a.Offset, false, "the answer %q leads to #%s, but this flow has no step with that id%s", a.Label, a.Target, suggest.Hint(a.Target, ids))
			case a.Target == n.ID:
				add(a.Offset, true, "the answer %q leads back to this same step, so choosing it changes nothing for the reader", a.Label)
			}
		}
	}
	if s == nil {
		return sorted(ps)
	}
	reached := f.reach(s)
	ending := f.ending()
	for _, n := range f.Nodes {
		if first[n.ID] != n {
			continue
		}
		if !reached[n] {
			add(n.Offset, false, "no answer leads to the step #%s: it cannot be reached from the start (#%s)", n.ID, s.ID)
			continue
		}
		if !ending[n] {
			add(n.Offset, false, "from the step #%s no outcome can be reached: every path from it loops back; add an answer that leads towards an outcome", n.ID)
		}
	}
	return sorted(ps)
}

// reach returns the steps reachable from s by answers.
func (f *Flow) reach(s *Node) map[*Node]bool {
	seen := map[*Node]bool{s: true}
	stack := []*Node{s}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, a := range n.Answers {
			if t := f.Node(a.Target); t != nil && !seen[t] {
				seen[t] = true
				stack = append(stack, t)
			}
		}
	}
	return seen
}

// ending returns the steps from which an outcome can be reached: the
// outcomes, and by a backward walk every step with an answer into the set.
func (f *Flow) ending() map[*Node]bool {
	into := map[string][]*Node{}
	for _, n := range f.Nodes {
		for _, a := range n.Answers {
			into[a.Target] = append(into[a.Target], n)
		}
	}
	ok := map[*Node]bool{}
	var stack []*Node
	for _, n := range f.Nodes {
		if n.Outcome() {
			ok[n] = true
			stack = append(stack, n)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range into[n.ID] {
			if !ok[p] {
				ok[p] = true
				stack = append(stack, p)
			}
		}
	}
	return ok
}

// CompareTranslation checks that a translation has the same steps with the
// same answer targets, in the same order, as the flow in the default
// language, so a reader who switches language mid-walk stays on the same
// step. Problems are at offsets of the translation; lang names the default
// language in messages.
func CompareTranslation(def, tr *Flow, lang string) []Problem {
	var ps []Problem
	defIDs, trIDs := idSet(def), idSet(tr)
	var missing []string
	for _, n := range def.Nodes {
		if n.Explicit && !trIDs[n.ID] {
			missing = append(missing, "#"+n.ID)
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		ps = append(ps, Problem{Message: fmt.Sprintf("this translation lacks the step %s that the %s version has; steps and their ids must be the same in every language", missing[0], lang)})
	default:
		ps = append(ps, Problem{Message: fmt.Sprintf("this translation lacks the steps %s that the %s version has; steps and their ids must be the same in every language", strings.Join(missing, ", "), lang)})
	}
	dup := duplicates(def, tr)
	for _, n := range tr.Nodes {
		if !n.Explicit || dup[n.ID] {
			continue // reported by Validate
		}
		if !defIDs[n.ID] {
			ps = append(ps, Problem{Offset: n.Offset, Message: fmt.Sprintf("the step #%s is not in the %s version; steps and their ids must be the same in every language", n.ID, lang)})
			continue
		}
		d := def.Node(n.ID)
		want, got := targets(d), targets(n)
		if !slices.Equal(want, got) {
			ps = append(ps, Problem{Offset: n.Offset, Message: fmt.Sprintf("the answers of step #%s lead to %s, but in the %s version to %s; answers must lead to the same steps, in the same order, in every language", n.ID, list(got), lang, list(want))})
		}
	}
	return ps
}

// duplicates returns the ids used by more than one step of a flow.
func duplicates(fs ...*Flow) map[string]bool {
	dup := map[string]bool{}
	for _, f := range fs {
		seen := map[string]bool{}
		for _, n := range f.Nodes {
			dup[n.ID] = dup[n.ID] || seen[n.ID]
			seen[n.ID] = true
		}
	}
	return dup
}

func idSet(f *Flow) map[string]bool {
	m := map[string]bool{}
	for _, n := range f.Nodes {
		if n.Explicit {
			m[n.ID] = true
		}
	}
	return m
}

func targets(n *Node) []string {
	out := make([]string, len(n.Answers))
	for i, a := range n.Answers {
		out[i] = a.Target
	}
	return out
}

func list(ids []string) string {
	if len(ids) == 0 {
		return "nothing (an outcome)"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "#" + id
	}
	return strings.Join(out, ", ")
}

func sorted(ps []Problem) []Problem {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Start != b.Start {
			if a.Start {
				return -1
			}
			return 1
		}
		return a.Offset - b.Offset
	})
	return ps
}

// suggestID proposes an id for a heading: its ASCII words joined by
// hyphens, or "step" when it has none (a Chinese heading, say).
func suggestID(title string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		words = append(words, w)
		if len(words) == 4 {
			break
		}
	}
	if len(words) == 0 {
		return "step"
	}
	return strings.Join(words, "-")
}

// Parents returns the ids of the steps with an answer leading to the step
// id, each once, in the order they are written. A step page links Back to
// its one parent; with several, no page can know which the reader came
// from, so the page falls back to the flow's overview.
func (f *Flow) Parents(id string) []string {
	var out []string
	for _, n := range f.Nodes {
		for _, a := range n.Answers {
			if a.Target == id && a.Target != n.ID && !slices.Contains(out, n.ID) {
				out = append(out, n.ID)
			}
		}
	}
	return out
}

// Progress says how far into a flow each question is, for "Question 2 of
// up to 5": Depth maps a step's id to the number of answers on the
// shortest path from the start to it (the start is 0), and Longest is the
// number of questions on the longest path from the start to an outcome.
// ok is false when a loop can be reached from the start, since a reader
// may then answer any number of questions and "of up to" would be untrue,
// or when the start is unknown.
func (f *Flow) Progress(start string) (depth map[string]int, longest int, ok bool) {
	s := f.StartNode(start)
	if s == nil {
		return nil, 0, false
	}
	depth = map[string]int{s.ID: 0}
	queue := []*Node{s}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, a := range n.Answers {
			t := f.Node(a.Target)
			if t == nil {
				continue
			}
			if _, seen := depth[t.ID]; !seen {
				depth[t.ID] = depth[n.ID] + 1
				queue = append(queue, t)
			}
		}
	}
	// The longest path, by a depth-first walk that finds any loop: a step
	// met again while still on the walk's path closes one.
	const (
		unvisited = iota
		onPath
		done
	)
	state := map[string]int{}
	memo := map[string]int{}
	acyclic := true
	var walk func(n *Node) int
	walk = func(n *Node) int {
		switch state[n.ID] {
		case onPath:
			acyclic = false
			return 0
		case done:
			return memo[n.ID]
		}
		state[n.ID] = onPath
		best := 0
		for _, a := range n.Answers {
			if t := f.Node(a.Target); t != nil {
				best = max(best, 1+walk(t))
			}
		}
		state[n.ID] = done
		memo[n.ID] = best
		return best
	}
	longest = walk(s)
	if !acyclic {
		return nil, 0, false
	}
	return depth, longest, true
}
