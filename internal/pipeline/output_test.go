package pipeline_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/deps"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
	"github.com/lexsite/lexsite/internal/render"
)

// TestToyOutput follows docs/architecture.md to add a site-wide output:
// languages.txt, each document's key with the languages it is written in.
// It declares the one input it reads, so a preview writes it again after
// a new translation but not after an edit of a document's text.
func TestToyOutput(t *testing.T) {
	t.Parallel()
	h := newSessionHarness(t, lawSite)
	h.opts = pipeline.WithOutput(h.opts, func(r *render.Renderer) render.Job {
		return render.Job{ID: "languages", Run: func(rec *deps.Reads, w output.Writer, _ *diag.List) error {
			// What the sitemap reads: every document's place and languages.
			rec.Add(render.InputKey(render.InAllDocs))
			var b strings.Builder
			for _, g := range r.Site().Groups {
				var langs []string
				for lang := range g.Docs {
					langs = append(langs, lang)
				}
				slices.Sort(langs)
				fmt.Fprintf(&b, "%s %s\n", g.Key, strings.Join(langs, " "))
			}
			return w.WriteFile("languages.txt", []byte(b.String()))
		}}
	})
	h.exact = map[string]bool{"a guide's text": true}
	h.run([]sessionStep{
		{"first build", func() []pipeline.Change { return nil }, true, false, []string{"languages.txt"}, false, nil},
		{"a guide's text", func() []pipeline.Change {
			return []pipeline.Change{h.edit("content/guides/delivery.en.md", "Nothing about the law here.", "Nothing here.")}
		}, false, false, []string{"en/guides/delivery/index.html", "zh/guides/delivery/index.html"}, false, nil},
		{"a new translation", func() []pipeline.Change {
			return []pipeline.Change{h.edit("content/guides/delivery.zh.md", "", "---\ntitle: 送货\nreviewed: 2026-01-01\n---\n没有。\n")}
		}, false, false, []string{"languages.txt"}, true, nil},
	})
	mem := output.NewMemory()
	if _, err := pipeline.Run(context.Background(), h.opts, mem); err != nil {
		t.Fatal(err)
	}
	if got := string(mem.Files()["languages.txt"]); !strings.Contains(got, "guides/delivery en zh\n") {
		t.Errorf("languages.txt:\n%s", got)
	}
}
