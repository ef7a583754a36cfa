// Package deps records what each output of a build read, so that the next
// build of the same site can tell which outputs an edit leaves as they
// were.
//
// A build is cut into jobs (every page of one document, a folder's list,
// the feeds…), each named by a stable ID. While a job runs it adds to its
// Reads the key of every input it uses: a document, a law, the guides
// related to a guide, a template, a UI string. Keys are opaque here; the
// renderer that records them also says what each one's value is now
// (Inputs). After the build the value of every key read is kept, with
// each job's files and keys (a Graph). The next build compares each key
// once and runs again only the jobs one of whose inputs has another
// value: the rest keep their files. Nothing
// lists by hand which edit affects which page, so a new kind of output
// only has to record what it reads.
//
// The values are compared with reflect.DeepEqual: a value may hold
// pointers into the build that made it, which it keeps alive, and must
// not change once returned.
package deps

import (
	"maps"
	"reflect"
	"slices"
	"sync"
)

// Reads is the set of input keys one job read. A nil *Reads records
// nothing, so that a build no one will compare with pays nothing.
type Reads struct {
	mu   sync.Mutex
	keys map[string]struct{}
}

// NewReads returns an empty set.
func NewReads() *Reads { return &Reads{keys: map[string]struct{}{}} }

// Add records that the job read key.
func (r *Reads) Add(key string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.keys[key] = struct{}{}
	r.mu.Unlock()
}

// Keys returns the keys read, sorted.
func (r *Reads) Keys() []string {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Sorted(maps.Keys(r.keys))
}

// Inputs gives the value an input key has in one build.
type Inputs interface {
	Input(key string) any
}

// Graph is what each job of a build wrote and read, and the value each
// input read had then. The zero Graph is that of no build: every job is
// stale.
//
// Inputs are numbered: a build of a few thousand documents makes a hundred
// thousand reads of a few thousand inputs, so each job keeps the numbers
// of its inputs and a check compares each input once, by number, rather
// than looking its key up for every job that read it.
type Graph struct {
	jobs   map[string]*job
	keys   []string       // by number
	number map[string]int // key → number
	values []any          // by number: the value in the build described
}

type job struct {
	files []string
	keys  []int
}

// Files returns the files job id wrote.
func (g *Graph) Files(id string) []string {
	if j := g.jobs[id]; j != nil {
		return j.files
	}
	return nil
}

// Check compares the build g describes with the next one, whose inputs are
// now. dirty reports keys read from files that changed, which no value
// stands for; nil means none. g is not to be used after the Check's Next.
func (g *Graph) Check(now Inputs, dirty func(key string) bool) *Check {
	return &Check{g: g, now: now, dirty: dirty, state: make([]uint8, len(g.keys)), values: make([]any, len(g.keys))}
}

// Check tells which jobs must run again for a new build. Each input is
// looked up and compared once, however many jobs read it. It is not safe
// for concurrent use.
type Check struct {
	g     *Graph
	now   Inputs
	dirty func(string) bool
	// state holds, by input number, whether it was compared and how.
	state  []uint8
	values []any // by input number: the value in the new build
}

const (
	unknown uint8 = iota
	same
	changed
)

// value returns the value of input n in the new build.
func (c *Check) value(n int) any {
	if c.state[n] == unknown {
		c.values[n] = c.now.Input(c.g.keys[n])
	}
	return c.values[n]
}

// changedInput reports whether input n has another value than in the last
// build (or is dirty).
func (c *Check) changedInput(n int) bool {
	if c.state[n] == unknown {
		key := c.g.keys[n]
		ch := (c.dirty != nil && c.dirty(key)) || !reflect.DeepEqual(c.g.values[n], c.value(n))
		c.state[n] = same
		if ch {
			c.state[n] = changed
		}
	}
	return c.state[n] == changed
}

// Stale reports whether job id must run again: it did not run in the last
// build, or an input it read changed, whose key it also returns to say
// why.
func (c *Check) Stale(id string) (bool, string) {
	j := c.g.jobs[id]
	if j == nil {
		return true, ""
	}
	for _, n := range j.keys {
		if c.changedInput(n) {
			return true, c.g.keys[n]
		}
	}
	return false, ""
}

// Next describes the new build: ran holds what each job that ran wrote
// and read; every other job of ids kept its files, having read what it
// read before. It takes over the last build's numbering of inputs.
func (c *Check) Next(ids []string, ran map[string]Ran) *Graph {
	g := c.g
	if g.number == nil {
		g.number = map[string]int{}
	}
	next := &Graph{jobs: make(map[string]*job, len(ids)), keys: g.keys, number: g.number}
	for _, id := range ids {
		j := g.jobs[id]
		if r, ok := ran[id]; ok {
			j = &job{files: r.Files}
			for _, k := range r.Reads.Keys() {
				n, ok := next.number[k]
				if !ok {
					n = len(next.keys)
					next.keys = append(next.keys, k)
					next.number[k] = n
				}
				j.keys = append(j.keys, n)
			}
		}
		if j != nil {
			next.jobs[id] = j
		}
	}
	// Every input a job of the new build read has its value in it: those
	// of jobs that did not run were compared, and found the same.
	next.values = make([]any, len(next.keys))
	c.state = append(c.state, make([]uint8, len(next.keys)-len(c.state))...)
	c.values = append(c.values, make([]any, len(next.keys)-len(c.values))...)
	c.g = next
	for _, j := range next.jobs {
		for _, n := range j.keys {
			if next.values[n] == nil {
				next.values[n] = c.value(n)
				c.state[n] = same
			}
		}
	}
	return next.compact()
}

// compact numbers the inputs afresh once most numbers belong to inputs no
// job reads any more (the keys of deleted documents, say), so that a long
// preview session does not keep them all.
func (g *Graph) compact() *Graph {
	live := map[int]int{} // old number → new
	for _, j := range g.jobs {
		for _, n := range j.keys {
			if _, ok := live[n]; !ok {
				live[n] = -1
			}
		}
	}
	if len(g.keys) <= 2*len(live)+1024 {
		return g
	}
	out := &Graph{jobs: make(map[string]*job, len(g.jobs)), number: make(map[string]int, len(live))}
	for n := range g.keys {
		if _, ok := live[n]; ok {
			live[n] = len(out.keys)
			out.number[g.keys[n]] = len(out.keys)
			out.keys = append(out.keys, g.keys[n])
			out.values = append(out.values, g.values[n])
		}
	}
	for id, j := range g.jobs {
		nj := &job{files: j.files, keys: make([]int, len(j.keys))}
		for i, n := range j.keys {
			nj.keys[i] = live[n]
		}
		out.jobs[id] = nj
	}
	return out
}

// Ran is what one job did in a build: the files it wrote and the inputs
// it read.
type Ran struct {
	Files []string
	Reads *Reads
}

// Inputs returns how many inputs the graph numbers.
func (g *Graph) Inputs() int { return len(g.keys) }
