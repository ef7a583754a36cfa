// Package deps records what each output of a build read, so that the next
// build of the same site can tell which outputs an edit leaves as they
// were.
//
// A build is cut into jobs (every page of one document, a folder's list,
// the feeds…), each named by a stable ID. While a job runs it adds to its
// Reads the key of every input it uses: a document, a law, the guides
// related to a guide, a template, a UI string. Keys are opaque here; the
// renderer that records them also says what each one's value is now
// (Inputs). After the build the values of every key read are kept with
// the job's files (a Record). The next build runs again only the jobs one
// of whose inputs has another value: the rest keep their files. Nothing
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

// Values looks up each key's value in one build once, however many jobs
// read it. It is not safe for concurrent use.
type Values struct {
	in    Inputs
	cache map[string]any
}

// NewValues returns the values of in's keys.
func NewValues(in Inputs) *Values { return &Values{in: in, cache: map[string]any{}} }

// Get returns the value of key.
func (v *Values) Get(key string) any {
	if x, ok := v.cache[key]; ok {
		return x
	}
	x := v.in.Input(key)
	v.cache[key] = x
	return x
}

// Record is what one job of a build wrote and read.
type Record struct {
	// Files are the output files the job wrote.
	Files []string
	// Values holds every key the job read, with its value in that build.
	Values map[string]any
}

// NewRecord describes a job that wrote files and read reads, taking the
// values from now.
func NewRecord(files []string, reads *Reads, now *Values) *Record {
	rec := &Record{Files: files, Values: map[string]any{}}
	for _, k := range reads.Keys() {
		rec.Values[k] = now.Get(k)
	}
	return rec
}

// Stale reports whether the job rec describes must run again: some key it
// read is dirty (its source files changed, for inputs read straight from
// disk that no value stands for) or has another value now. It also returns
// the first such key, to say why.
func (rec *Record) Stale(now *Values, dirty func(key string) bool) (bool, string) {
	for _, k := range slices.Sorted(maps.Keys(rec.Values)) {
		if dirty != nil && dirty(k) {
			return true, k
		}
		if !reflect.DeepEqual(rec.Values[k], now.Get(k)) {
			return true, k
		}
	}
	return false, ""
}
