package flow_test

// The reading and checking of flows is pinned by case files in
// testdata/cases, one txtar archive per case:
//
//	flow.md          the flow in the default language (Markdown body,
//	                 without front matter)
//	translation.md   optional: a translation, compared with flow.md
//	start            optional: the start setting of the front matter
//	want             the steps read, then every problem as
//	                 FILE:LINE:COL: error|warning: message
//
// go test ./internal/flow -update rewrites the want files; review the diff
// before committing it, since a changed output is a changed behaviour.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/flow"
	"github.com/lexsite/lexsite/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite the want files of testdata/cases")

func TestCaseFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	eng := markdown.New(markdown.Options{})
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src := map[string][]byte{}
			wantAt := -1
			for i, f := range a.Files {
				src[f.Name] = f.Data
				if f.Name == "want" {
					wantAt = i
				}
			}
			if src["flow.md"] == nil {
				t.Fatal("the case has no flow.md")
			}
			got := describe(eng, src)
			if *update {
				if wantAt < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want"})
					wantAt = len(a.Files) - 1
				}
				a.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(src["want"]); got != want {
				t.Errorf("%s:\n--- got\n%s--- want\n%s", file, got, want)
			}
		})
	}
}

// describe reads and checks the flows of a case the way a site does, and
// writes what it found.
func describe(eng *markdown.Engine, src map[string][]byte) string {
	var b strings.Builder
	start := strings.TrimSpace(string(src["start"]))
	def := eng.Parse(src["flow.md"], markdown.ParseOptions{Flow: true})
	writeSteps(&b, def)
	report := func(name string, p markdown.Problem) {
		line, col := diag.NewLines(src[name]).Pos(p.Offset)
		sev := "error"
		if p.Warning {
			sev = "warning"
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n", name, line, col, sev, p.Message)
	}
	check := func(name string, p *markdown.Parsed) {
		for _, pr := range p.Problems {
			report(name, pr)
		}
		for _, pr := range p.Flow.Validate(start) {
			if pr.Start {
				fmt.Fprintf(&b, "start: error: %s\n", pr.Message)
				continue
			}
			report(name, markdown.Problem{Offset: pr.Offset, Warning: pr.Warning, Message: pr.Message})
		}
	}
	b.WriteString("problems:\n")
	check("flow.md", def)
	if tr, ok := src["translation.md"]; ok {
		p := eng.Parse(tr, markdown.ParseOptions{Flow: true})
		check("translation.md", p)
		for _, pr := range flow.CompareTranslation(def.Flow, p.Flow, "en") {
			report("translation.md", markdown.Problem{Offset: pr.Offset, Message: pr.Message})
		}
	}
	return b.String()
}

func writeSteps(b *strings.Builder, p *markdown.Parsed) {
	x := marks{p}
	var buf bytes.Buffer
	p.Expand(&buf, x)
	fmt.Fprintf(b, "intro: %q\n", strings.TrimSpace(buf.String()))
	for i, n := range p.Flow.Nodes {
		kind := "question"
		if n.Outcome() {
			kind = "outcome"
		}
		id := "#" + n.ID
		if !n.Explicit {
			id = "(no id)"
		}
		fmt.Fprintf(b, "%s %s %q\n", kind, id, n.Title)
		for _, a := range n.Answers {
			fmt.Fprintf(b, "  [%s] -> #%s\n", a.Label, a.Target)
		}
		buf.Reset()
		p.ExpandStep(&buf, i, x)
		if body := strings.TrimSpace(buf.String()); body != "" {
			fmt.Fprintf(b, "  text: %q\n", body)
		}
		buf.Reset()
		p.ExpandAfterAnswers(&buf, i, x)
		if after := strings.TrimSpace(buf.String()); after != "" {
			fmt.Fprintf(b, "  after the answers: %q\n", after)
		}
	}
}

// marks writes a step link as step:ID and a citation as its source text.
type marks struct{ p *markdown.Parsed }

func (m marks) Link(i int) string {
	if l := m.p.Links[i]; l.Step != "" {
		return "step:" + l.Step
	}
	return m.p.Links[i].Dest
}

func (m marks) Cite(i int) string { return m.p.Cites[i].Raw }

func (m marks) Slot(int) string { return "" }
