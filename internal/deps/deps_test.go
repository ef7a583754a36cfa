package deps_test

import (
	"testing"

	"github.com/lexsite/lexsite/internal/deps"
)

// inputs is a build's inputs by key; looked counts the lookups.
type inputs struct {
	vals   map[string]any
	looked int
}

func (in *inputs) Input(key string) any { in.looked++; return in.vals[key] }

func reads(keys ...string) *deps.Reads {
	r := deps.NewReads()
	for _, k := range keys {
		r.Add(k)
	}
	return r
}

// graph is the graph of a first build where job a read "doc a" (twice)
// and "string home", and job b read "doc b" and "string home".
func graph(t *testing.T) *deps.Graph {
	first := &inputs{vals: map[string]any{"doc a": []string{"x"}, "doc b": 2, "string home": "Home"}}
	c := (&deps.Graph{}).Check(first, nil)
	for _, id := range []string{"a", "b"} {
		if stale, _ := c.Stale(id); !stale {
			t.Fatalf("job %s of the first build is not stale", id)
		}
	}
	return c.Next([]string{"a", "b"}, map[string]deps.Ran{
		"a": {Files: []string{"a.html"}, Reads: reads("doc a", "string home", "doc a")},
		"b": {Files: []string{"b.html"}, Reads: reads("doc b", "string home")},
	})
}

func TestStale(t *testing.T) {
	for _, tc := range []struct {
		name     string
		vals     map[string]any
		dirty    string
		stale    map[string]string // job → why; absent: not stale
		lookedUp int
	}{
		{"same values, new slices", map[string]any{"doc a": []string{"x"}, "doc b": 2, "string home": "Home"}, "", nil, 3},
		{"a document changed", map[string]any{"doc a": []string{"y"}, "doc b": 2, "string home": "Home"}, "", map[string]string{"a": "doc a"}, 3},
		{"a string both read changed", map[string]any{"doc a": []string{"x"}, "doc b": 2, "string home": "Start"}, "", map[string]string{"a": "string home", "b": "string home"}, 3},
		{"an input gone", map[string]any{"doc a": []string{"x"}, "string home": "Home"}, "", map[string]string{"b": "doc b"}, 3},
		{"an input no job read", map[string]any{"doc a": []string{"x"}, "doc b": 2, "string home": "Home", "doc c": 1}, "", nil, 3},
		{"a dirty input", map[string]any{"doc a": []string{"x"}, "doc b": 2, "string home": "Home"}, "doc b", map[string]string{"b": "doc b"}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := graph(t)
			now := &inputs{vals: tc.vals}
			c := g.Check(now, func(k string) bool { return k == tc.dirty })
			for _, id := range []string{"a", "b"} {
				stale, why := c.Stale(id)
				want, wantStale := tc.stale[id]
				if stale != wantStale || why != want {
					t.Errorf("job %s: Stale = %v, %q; want %v, %q", id, stale, why, wantStale, want)
				}
			}
			if stale, _ := c.Stale("new"); !stale {
				t.Error("a job the last build did not have is not stale")
			}
			// Each input is looked up once, though both jobs read one.
			if now.looked > tc.lookedUp {
				t.Errorf("%d lookups; want at most %d", now.looked, tc.lookedUp)
			}
		})
	}
}

// TestNextKeepsFiles: a job that did not run keeps its files and inputs,
// so an edit it missed once still finds it stale later.
func TestNextKeepsFiles(t *testing.T) {
	g := graph(t)
	now := &inputs{vals: map[string]any{"doc a": []string{"y"}, "doc b": 2, "string home": "Home"}}
	c := g.Check(now, nil)
	g2 := c.Next([]string{"a", "b"}, map[string]deps.Ran{"a": {Files: []string{"a.html", "a2.html"}, Reads: reads("doc a")}})
	if got := g2.Files("b"); len(got) != 1 || got[0] != "b.html" {
		t.Errorf("b's files = %v", got)
	}
	if got := g2.Files("a"); len(got) != 2 {
		t.Errorf("a's files = %v", got)
	}
	later := &inputs{vals: map[string]any{"doc a": []string{"y"}, "doc b": 3, "string home": "Home"}}
	c = g2.Check(later, nil)
	if stale, why := c.Stale("b"); !stale || why != "doc b" {
		t.Errorf("b after its document changed: Stale = %v, %q", stale, why)
	}
	// a no longer reads the string: its change does not concern a.
	later.vals["string home"] = "Start"
	c = g2.Check(later, nil)
	if stale, why := c.Stale("a"); stale {
		t.Errorf("a is stale for %q, which it no longer reads", why)
	}
}

// TestNilReads: a build no one compares with records nothing and pays
// nothing for it.
func TestNilReads(t *testing.T) {
	var r *deps.Reads
	r.Add("k")
	if k := r.Keys(); k != nil {
		t.Errorf("Keys = %v", k)
	}
}

// TestCompact: inputs no job reads any more are let go once they are most
// of the graph's, and the jobs still find theirs.
func TestCompact(t *testing.T) {
	g := graph(t)
	vals := map[string]any{"doc a": []string{"x"}, "doc b": 2, "string home": "Home"}
	for i := range 3000 {
		// Each build, job b reads a document no other build reads.
		k := "doc tmp " + string(rune('a'+i%26)) + string(rune(i))
		vals[k] = i
		c := g.Check(&inputs{vals: vals}, nil)
		g = c.Next([]string{"a", "b"}, map[string]deps.Ran{"b": {Files: []string{"b.html"}, Reads: reads("doc b", k)}})
	}
	if n := g.Inputs(); n > 2*4+1024 {
		t.Errorf("the graph keeps %d inputs for jobs that read 4", n)
	}
	vals["string home"] = "Start"
	c := g.Check(&inputs{vals: vals}, nil)
	if stale, why := c.Stale("a"); !stale || why != "string home" {
		t.Errorf("a after compaction: Stale = %v, %q", stale, why)
	}
	if stale, why := c.Stale("b"); stale {
		t.Errorf("b after compaction is stale for %q", why)
	}
}
