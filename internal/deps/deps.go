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
type Graph struct {
	jobs   map[string]*job
	values map[string]any
}

type job struct {
	files []string
	keys  []string
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
// stands for; nil means none.
func (g *Graph) Check(now Inputs, dirty func(key string) bool) *Check {
	return &Check{g: g, now: now, dirty: dirty, changed: map[string]bool{}, values: map[string]any{}}
}

// Check tells which jobs must run again for a new build. Each input is
// looked up and compared once, however many jobs read it. It is not safe
// for concurrent use.
type Check struct {
	g       *Graph
	now     Inputs
	dirty   func(string) bool
	changed map[string]bool
	values  map[string]any
}

// value returns key's value in the new build.
func (c *Check) value(key string) any {
	v, ok := c.values[key]
	if !ok {
		v = c.now.Input(key)
		c.values[key] = v
	}
	return v
}

// Changed reports whether input key has another value than in the last
// build (or is dirty).
func (c *Check) Changed(key string) bool {
	ch, ok := c.changed[key]
	if !ok {
		old, had := c.g.values[key]
		ch = !had || (c.dirty != nil && c.dirty(key)) || !reflect.DeepEqual(old, c.value(key))
		c.changed[key] = ch
	}
	return ch
}

// Stale reports whether job id must run again: it did not run in the last
// build, or an input it read changed, whose key it also returns to say
// why.
func (c *Check) Stale(id string) (bool, string) {
	j := c.g.jobs[id]
	if j == nil {
		return true, ""
	}
	for _, k := range j.keys {
		if c.Changed(k) {
			return true, k
		}
	}
	return false, ""
}

// Next describes the new build: ran holds what each job that ran wrote
// and read; every other job of ids kept its files, having read what it
// read before.
func (c *Check) Next(ids []string, ran map[string]Ran) *Graph {
	next := &Graph{jobs: make(map[string]*job, len(ids)), values: map[string]any{}}
	for _, id := range ids {
		j := c.g.jobs[id]
		if r, ok := ran[id]; ok {
			j = &job{files: r.Files, keys: r.Reads.Keys()}
		}
		if j == nil {
			continue
		}
		next.jobs[id] = j
		for _, k := range j.keys {
			next.values[k] = c.value(k)
		}
	}
	return next
}

// Ran is what one job did in a build: the files it wrote and the inputs
// it read.
type Ran struct {
	Files []string
	Reads *Reads
}
