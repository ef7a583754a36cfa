package lexsite_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	// sectionHead is a Markdown heading with an explicit id: "## Title {#id}".
	sectionHead = regexp.MustCompile(`^#{1,6} .*\{#([^}\s]+)[^}]*\}\s*$`)
	anyHead     = regexp.MustCompile(`^#{1,6} `)
	citation    = regexp.MustCompile(`\[\[([^\]|]+)(?:\|[^\]]*)?\]\]`)
	linkDest    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
)

// docShape is what the language versions of a guide or flow must share:
// its heading ids in order, and per section the citations and the links
// to other documents and anchors. Wording differs between languages;
// these must not, or a reader of one language is sent elsewhere, or told
// of a law the others are not.
type docShape struct {
	ids      []string
	sections map[string][]string // section id → sorted citations and links
}

func shapeOf(src string) docShape {
	s := docShape{sections: map[string][]string{}}
	sec := "(introduction)"
	inFence := false
	body := src
	if strings.HasPrefix(body, "---\n") {
		if end := strings.Index(body[4:], "\n---\n"); end >= 0 {
			body = body[4+end+5:]
		}
	}
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if m := sectionHead.FindStringSubmatch(line); m != nil {
			sec = m[1]
			s.ids = append(s.ids, sec)
			continue
		}
		if anyHead.MatchString(line) {
			// A heading without an id gets one made from its words,
			// which differ between languages.
			s.ids = append(s.ids, "(heading without an id)")
		}
		for _, m := range citation.FindAllStringSubmatch(line, -1) {
			s.sections[sec] = append(s.sections[sec], "cite "+strings.Join(strings.Fields(m[1]), " "))
		}
		for _, m := range linkDest.FindAllStringSubmatch(line, -1) {
			d := m[1]
			if strings.Contains(d, "://") || strings.HasPrefix(d, "mailto:") || strings.HasPrefix(d, "tel:") {
				continue
			}
			s.sections[sec] = append(s.sections[sec], "link "+d)
		}
	}
	for k := range s.sections {
		slices.Sort(s.sections[k])
	}
	return s
}

// compareShapes lists how b (one language) differs from a (another).
func compareShapes(a, b docShape) []string {
	var diffs []string
	if !slices.Equal(a.ids, b.ids) {
		diffs = append(diffs, "heading ids differ: "+strings.Join(a.ids, " ")+" / "+strings.Join(b.ids, " "))
	}
	keys := map[string]bool{}
	for k := range a.sections {
		keys[k] = true
	}
	for k := range b.sections {
		keys[k] = true
	}
	for k := range keys {
		if !slices.Equal(a.sections[k], b.sections[k]) {
			diffs = append(diffs, "section "+k+": citations and links differ: ["+strings.Join(a.sections[k], "; ")+"] / ["+strings.Join(b.sections[k], "; ")+"]")
		}
	}
	slices.Sort(diffs)
	return diffs
}

// TestTranslationsShareStructure holds the language versions of every
// guide and flow to the same anchors, citations and links, whatever
// documents and languages the site has.
func TestTranslationsShareStructure(t *testing.T) {
	groups := map[string][]string{} // content path without language → files
	for _, dir := range []string{"content/guides", "content/flows"} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), "_index") {
				return err
			}
			stem := strings.TrimSuffix(p, ".md")
			if i := strings.LastIndex(filepath.Base(stem), "."); i >= 0 {
				stem = filepath.Join(filepath.Dir(stem), filepath.Base(stem)[:i])
			}
			groups[stem] = append(groups[stem], p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(groups) == 0 {
		t.Fatal("no guides or flows found")
	}
	for stem, files := range groups {
		if len(files) < 2 {
			continue
		}
		slices.Sort(files)
		t.Run(stem, func(t *testing.T) {
			shapes := make([]docShape, len(files))
			for i, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				shapes[i] = shapeOf(string(src))
			}
			for i := 1; i < len(files); i++ {
				for _, d := range compareShapes(shapes[0], shapes[i]) {
					t.Errorf("%s and %s: %s", files[0], files[i], d)
				}
			}
		})
	}

	// The comparison must catch a dropped citation, a changed link and a
	// renamed anchor.
	t.Run("altered copies fail", func(t *testing.T) {
		src, err := os.ReadFile("content/guides/seller-obligations.en.md")
		if err != nil {
			t.Fatal(err)
		}
		orig := shapeOf(string(src))
		for name, alter := range map[string]func(string) string{
			"a citation dropped": func(s string) string { return strings.Replace(s, "; [[cpl 53]]", "", 1) },
			"a citation changed": func(s string) string { return strings.Replace(s, "[[cc 577]]", "[[cc 578]]", 1) },
			"a link changed": func(s string) string {
				return strings.Replace(s, "time-limits.md#defects", "time-limits.md#limitation", 1)
			},
			"an anchor renamed": func(s string) string { return strings.Replace(s, "{#fraud}", "{#fraude}", 1) },
		} {
			altered := alter(string(src))
			if altered == string(src) {
				t.Fatalf("%s: the alteration did not apply; update the test", name)
			}
			if len(compareShapes(orig, shapeOf(altered))) == 0 {
				t.Errorf("%s: an altered copy passed the comparison", name)
			}
		}
	})
}
