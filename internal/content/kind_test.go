package content

import (
	"slices"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/sitefs"
)

// TestKindsAreDeclaredOnce checks the table itself: each kind once, each
// section folder and layout belonging to one kind, each fallback a layout
// of the table, each key of a kind one the front matter reader decodes.
func TestKindsAreDeclaredOnce(t *testing.T) {
	kinds, dirs, layouts := map[Kind]bool{}, map[string]Kind{}, map[string]Kind{}
	for _, s := range Kinds() {
		if kinds[s.Kind] {
			t.Errorf("%s is declared twice", s.Kind)
		}
		kinds[s.Kind] = true
		if k, dup := dirs[s.Dir]; dup && s.Dir != "" {
			t.Errorf("%s and %s both claim content/%s/", k, s.Kind, s.Dir)
		}
		dirs[s.Dir] = s.Kind
		if k, dup := layouts[s.Layout]; dup {
			t.Errorf("%s has layout %q, already %s's", s.Kind, s.Layout, k)
		}
		if s.Layout == "" {
			t.Errorf("%s has no layout", s.Kind)
		}
		layouts[s.Layout] = s.Kind
		if s.Kind.Spec().Kind != s.Kind {
			t.Errorf("%s.Spec() does not return its declaration", s.Kind)
		}
		for _, k := range s.Keys {
			if _, ok := fields()[k]; !ok {
				t.Errorf("%s declares front matter key %q, which nothing decodes", s.Kind, k)
			}
		}
	}
	for _, s := range Kinds() {
		if _, ok := layouts[s.Fallback]; s.Fallback != "" && !ok {
			t.Errorf("%s falls back on %s, which is no kind's layout", s.Kind, s.Fallback)
		}
	}
	for _, k := range []Kind{Home, Section, Guide, Statute, Flow, Page} {
		if !kinds[k] {
			t.Errorf("%s is not declared", k)
		}
	}
}

// TestKindFromFolder checks that a document's kind is the one the table
// declares for its section folder, in the folder and in folders inside it,
// and that the _index files are the home and list pages wherever they are.
func TestKindFromFolder(t *testing.T) {
	for _, s := range Kinds() {
		if s.Dir == "" {
			continue
		}
		for _, dir := range []string{s.Dir, s.Dir + "/deeper"} {
			if got := kindOf(dir, "x"); got != s.Kind {
				t.Errorf("content/%s/x.md is a %s, want %s", dir, got, s.Kind)
			}
			if got := kindOf(dir, "_index"); got != Section {
				t.Errorf("content/%s/_index.md is a %s, want %s", dir, got, Section)
			}
		}
		if got := kindOf("x"+s.Dir, "x"); got != Page {
			t.Errorf("content/x%s/x.md is a %s, want %s", s.Dir, got, Page)
		}
	}
	if got := kindOf("", "_index"); got != Home {
		t.Errorf("content/_index.md is a %s, want %s", got, Home)
	}
	if got := kindOf("", "about"); got != Page {
		t.Errorf("content/about.md is a %s, want %s", got, Page)
	}
}

// TestKeysOfOneKind checks that a key a kind declares as its own is read
// on that kind and ignored, with a warning naming the kind, on the others.
func TestKeysOfOneKind(t *testing.T) {
	for _, s := range Kinds() {
		for _, key := range s.Keys {
			for _, other := range Kinds() {
				path := "content/" + other.Dir + "/x.md"
				switch {
				case other.Kind == Home:
					path = "content/_index.md"
				case other.Kind == Section:
					path = "content/somewhere/_index.md"
				case other.Dir == "":
					path = "content/x.md"
				}
				l := &diag.List{}
				src := "---\ntitle: T\nreviewed: 2026-01-01\n" + key + ": x\n---\n"
				d := parseFile(sitefs.File{Path: path, Label: path}, []byte(src), testConfig(t), l)
				if d == nil || d.Kind != other.Kind {
					t.Fatalf("%s: not read as a %s: %v", path, other.Kind, l.Items())
				}
				ignored := slices.ContainsFunc(l.Items(), func(x diag.Diagnostic) bool {
					return strings.Contains(x.Message, "only has a meaning in "+string(s.Kind)+"s")
				})
				if ignored == (other.Kind == s.Kind) {
					t.Errorf("%s on a %s: ignored is %v; diagnostics %v", key, other.Kind, ignored, l.Items())
				}
			}
		}
	}
}
