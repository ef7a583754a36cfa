package deps_test

import (
	"testing"

	"github.com/lexsite/lexsite/internal/deps"
)

// inputs is a build's inputs by key; reads counts the lookups.
type inputs struct {
	vals  map[string]any
	reads int
}

func (in *inputs) Input(key string) any { in.reads++; return in.vals[key] }

func TestStale(t *testing.T) {
	before := &inputs{vals: map[string]any{"doc a": []string{"x"}, "string en home": "Home", "static": nil}}
	reads := deps.NewReads()
	reads.Add("doc a")
	reads.Add("string en home")
	reads.Add("doc a") // twice: one key
	rec := deps.NewRecord([]string{"a/index.html"}, reads, deps.NewValues(before))
	if len(rec.Values) != 2 {
		t.Fatalf("recorded %v; want two keys", rec.Values)
	}
	for _, tc := range []struct {
		name  string
		vals  map[string]any
		dirty string
		stale bool
		why   string
	}{
		{"same values, new slices", map[string]any{"doc a": []string{"x"}, "string en home": "Home"}, "", false, ""},
		{"a value changed", map[string]any{"doc a": []string{"y"}, "string en home": "Home"}, "", true, "doc a"},
		{"a key gone", map[string]any{"doc a": []string{"x"}}, "", true, "string en home"},
		{"a key not read changed", map[string]any{"doc a": []string{"x"}, "string en home": "Home", "doc b": 1}, "", false, ""},
		{"a dirty key", map[string]any{"doc a": []string{"x"}, "string en home": "Home"}, "doc a", true, "doc a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := &inputs{vals: tc.vals}
			dirty := func(k string) bool { return k == tc.dirty }
			stale, why := rec.Stale(deps.NewValues(now), dirty)
			if stale != tc.stale || why != tc.why {
				t.Errorf("Stale = %v, %q; want %v, %q", stale, why, tc.stale, tc.why)
			}
		})
	}
}

// TestValuesLookUpOnce: a key many jobs read is looked up once a build.
func TestValuesLookUpOnce(t *testing.T) {
	in := &inputs{vals: map[string]any{"k": 1}}
	v := deps.NewValues(in)
	for range 3 {
		v.Get("k")
	}
	if in.reads != 1 {
		t.Errorf("looked up %d times", in.reads)
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
