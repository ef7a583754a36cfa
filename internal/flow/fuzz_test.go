package flow_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/lexsite/lexsite/internal/flow"
	"github.com/lexsite/lexsite/internal/markdown"
)

// FuzzFlow reads arbitrary Markdown as a flow and checks it: neither may
// panic, every step has its text, every answer names a target, and a flow
// compared with itself differs in nothing.
func FuzzFlow(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, fl := range a.Files {
			if filepath.Ext(fl.Name) == ".md" {
				f.Add(string(fl.Data), "")
			}
		}
	}
	// Only the opening of the bundled flow, its first question: the whole
	// 18 KB file is too big a seed. The fuzzer minimizes every new input it
	// finds at a cost that grows with the square of its length, and sat
	// minimizing mutants of the file for most of a run.
	if b, err := os.ReadFile(filepath.Join("..", "..", "content", "flows", "purchase-went-wrong.en.md")); err == nil {
		f.Add(firstSteps(string(b), 1), "")
	}
	f.Add("## A {#a}\n\n- [x](#)\n- [y](#a)\n", "a")
	eng := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, src, start string) {
		p := eng.Parse([]byte(src), markdown.ParseOptions{Flow: true})
		if p.Flow == nil {
			t.Fatal("a flow document gave no flow")
		}
		if len(p.Steps) != len(p.Flow.Nodes) {
			t.Fatalf("%d steps of text for %d steps", len(p.Steps), len(p.Flow.Nodes))
		}
		for _, n := range p.Flow.Nodes {
			for _, a := range n.Answers {
				if a.Target == "" {
					t.Fatalf("an answer of #%s has no target", n.ID)
				}
				if a.Offset < 0 || a.Offset > len(src) {
					t.Fatalf("answer offset %d outside the source", a.Offset)
				}
			}
		}
		for _, pr := range p.Flow.Validate(start) {
			if pr.Offset < 0 || pr.Offset > len(src) {
				t.Fatalf("problem offset %d outside the source: %s", pr.Offset, pr.Message)
			}
		}
		if ps := flowCompare(p); len(ps) > 0 {
			t.Fatalf("a flow differs from itself: %v", ps)
		}
	})
}

func flowCompare(p *markdown.Parsed) []flow.Problem {
	return flow.CompareTranslation(p.Flow, p.Flow, "en")
}

// firstSteps returns a flow's text up to its n-th step included.
func firstSteps(src string, n int) string {
	at := 0
	for i := 0; i <= n; i++ {
		next := strings.Index(src[at:], "\n## ")
		if next < 0 {
			return src
		}
		at += next + 1
	}
	return src[:at]
}
