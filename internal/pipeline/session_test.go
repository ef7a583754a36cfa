package pipeline_test

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// TestSessionMatchesFullBuild edits a site step by step and, after each
// step, holds the incremental build to a full build of the same files,
// byte for byte; it also checks that edits to one document's text render
// only the pages that can change.
func TestSessionMatchesFullBuild(t *testing.T) {
	h := newSessionHarness(t, lawSite)
	edit := h.edit
	h.run([]sessionStep{
		{"first build", func() []pipeline.Change { return nil }, true, false, nil, false, nil},
		{"guide text", func() []pipeline.Change {
			return []pipeline.Change{edit("content/guides/repairs.en.md", "covers services.", "covers services too.")}
		}, false, false, []string{"en/guides/repairs/index.html", "zh/guides/repairs/index.html"}, false, nil},
		{"a new citation shows on the statute page", func() []pipeline.Change {
			return []pipeline.Change{edit("content/guides/delivery.en.md", "Nothing about the law here.", "See [[cpl 55]].")}
		}, false, false, []string{"en/guides/delivery/index.html", "en/statutes/cpl/index.html"}, false, nil},
		{"statute text", func() []pipeline.Change {
			return []pipeline.Change{edit("content/statutes/cpl.en.md", "A dispute may be resolved by:", "A dispute may be settled by:")}
		}, false, false, []string{"en/statutes/cpl/index.html"}, false, nil},
		{"an item removed from a law", func() []pipeline.Change {
			return []pipeline.Change{edit("content/statutes/cpl.en.md", "- mediation.\n", "")}
		}, false, true, nil, false, nil},
		{"and put back: as the last good build, so nothing to render", func() []pipeline.Change {
			return []pipeline.Change{edit("content/statutes/cpl.en.md", "- consultation with the operator;\n", "- consultation with the operator;\n- mediation.\n")}
		}, false, false, nil, false, nil},
		{"a broken template", func() []pipeline.Change {
			return []pipeline.Change{edit("templates/partials/disclaimer.html", "", `{{.Nope`)}
		}, false, true, nil, false, nil},
		{"then a text edit renders every page with the disclaimer, for the template", func() []pipeline.Change {
			return []pipeline.Change{
				edit("templates/partials/disclaimer.html", `{{.Nope`, `<aside class="disclaimer">{{.Site.Disclaimer}}</aside>`),
				edit("content/guides/repairs.en.md", "covers services too.", "covers services as well."),
			}
		}, false, false, []string{"en/guides/delivery/index.html", "zh/statutes/cpl/index.html", "en/index.html"}, true, []string{"en/guides/index.html", "en/404.html", "sitemap.xml"}},
		{"a title changes lists, and the pages that list or cite the guide", func() []pipeline.Change {
			return []pipeline.Change{edit("content/guides/mediation.en.md", "title: Mediation", "title: Mediation and conciliation")}
		}, false, false, []string{"en/guides/mediation/index.html", "en/guides/index.html", "en/index.html", "en/feed.xml"}, true, []string{"en/guides/delivery/index.html", "sitemap.xml"}},
		{"a static file", func() []pipeline.Change {
			return []pipeline.Change{edit("static/img/mark.svg", "", `<svg xmlns="http://www.w3.org/2000/svg"/>`)}
		}, false, false, []string{"img/mark.svg"}, false, nil},
		{"a style sheet: its new name is on every page", func() []pipeline.Change {
			return []pipeline.Change{edit("static/css/extra.css", "", "p { margin: 0 }")}
		}, true, false, []string{"css/extra.*.css"}, false, nil},
		{"a new guide", func() []pipeline.Change {
			return []pipeline.Change{edit("content/guides/new.en.md", "", "---\ntitle: New\nreviewed: 2026-01-01\n---\nNew [[cpl 48]].\n")}
		}, false, false, []string{"en/guides/new/index.html", "zh/guides/new/index.html", "en/guides/index.html", "sitemap.xml", "en/statutes/cpl/index.html"}, true, []string{"en/guides/delivery/index.html"}},
		{"a template", func() []pipeline.Change {
			return []pipeline.Change{edit("templates/partials/disclaimer.html", `{{.Site.Disclaimer}}`, `<p>{{.Site.Disclaimer}}</p>`)}
		}, false, false, []string{"en/guides/new/index.html", "en/statutes/cpl/index.html"}, true, []string{"en/guides/index.html"}},
	})
}

// TestSessionTemplateAndStringEdits: a page is rendered again after an
// edit of a template or a UI string only if it uses it.
func TestSessionTemplateAndStringEdits(t *testing.T) {
	t.Parallel()
	h := newSessionHarness(t, flowSite)
	h.exact = map[string]bool{"a layout of guides alone": true}
	carried, err := os.ReadFile("../../templates/guide.html")
	if err != nil {
		t.Fatal(err)
	}
	guides := []string{"en/guides/delivery/index.html", "en/guides/mediation/index.html", "en/guides/repairs/index.html", "zh/guides/delivery/index.html", "zh/guides/mediation/index.html", "zh/guides/repairs/index.html"}
	h.run([]sessionStep{
		{"first build", func() []pipeline.Change { return nil }, true, false, nil, false, nil},
		{"a layout of guides alone", func() []pipeline.Change {
			return []pipeline.Change{h.edit("templates/guide.html", "", string(carried)+"\n<!-- edited -->\n")}
		}, false, false, guides, true, nil},
		{"a UI string of guides alone", func() []pipeline.Change {
			return []pipeline.Change{h.edit("templates/i18n/en.toml", "", "related_guides = \"See also\"\n")}
		}, false, false, []string{"en/guides/repairs/index.html"}, false, nil},
	})
}

// TestSessionFlowEdits holds a session's builds of a site with a flow to
// full builds: step text, a citation added in a step (the law's page lists
// the step), and a guide's new citation (an outcome's related guides).
func TestSessionFlowEdits(t *testing.T) {
	h := newSessionHarness(t, flowSite)
	edit := h.edit
	h.run([]sessionStep{
		{"first build", func() []pipeline.Change { return nil }, true, false, nil, false, nil},
		{"a step's text", func() []pipeline.Change {
			return []pipeline.Change{edit("content/flows/faulty.en.md", "Keep the receipt.", "Keep the receipt safe.")}
		}, false, false, []string{"en/flows/faulty/fine/index.html"}, false, nil},
		{"a citation added in a step", func() []pipeline.Change {
			return []pipeline.Change{edit("content/flows/faulty.en.md", "Keep the receipt safe.", "Keep the receipt [[cpl 55]].")}
		}, false, false, []string{"en/flows/faulty/fine/index.html", "en/statutes/cpl/index.html"}, false, nil},
		{"a guide's text with no citation of the flow's: no flow page", func() []pipeline.Change {
			return []pipeline.Change{edit("content/guides/delivery.en.md", "Nothing about the law here.", "Nothing about the law here yet.")}
		}, false, false, []string{"en/guides/delivery/index.html"}, false, []string{"en/flows/faulty/fine/index.html", "en/flows/faulty/index.html"}},
		{"a guide cites what an outcome cites", func() []pipeline.Change {
			return []pipeline.Change{edit("content/guides/delivery.en.md", "Nothing about the law here yet.", "See [[cpl 39]].")}
		}, false, false, []string{"en/flows/faulty/late/index.html"}, true, nil},
		{"an answer removed: the step is no longer reached", func() []pipeline.Change {
			return []pipeline.Change{edit("content/flows/faulty.en.md", "- [No](#late)\n", "")}
		}, false, true, nil, false, nil},
	})
}

// sessionStep is one edit of a session test and what it must render.
// TestSessionPlainAssets: the preview's builds keep style sheets under
// their own names, so an edited one is written again alone.
func TestSessionPlainAssets(t *testing.T) {
	h := newSessionHarness(t, lawSite)
	h.opts.PlainAssets = true
	h.run([]sessionStep{
		{"first build", func() []pipeline.Change { return nil }, true, false, []string{"css/site.css", "js/flow.js"}, false, nil},
		{"a style sheet", func() []pipeline.Change {
			return []pipeline.Change{h.edit("static/css/site.css", "", "p { margin: 0 }\n")}
		}, false, false, []string{"css/site.css"}, false, []string{"en/index.html"}},
	})
}

type sessionStep struct {
	name    string
	change  func() []pipeline.Change
	full    bool
	wantErr bool
	// rendered lists pages that must have been rendered again
	rendered []string
	// many allows a partial render of half the pages or more: in a small
	// site, one flow's pages and a law's are that many.
	many bool
	// untouched lists pages that must not have been rendered again.
	untouched []string
}

// sessionHarness edits a site in memory and builds it with a session.
type sessionHarness struct {
	t     *testing.T
	files fstest.MapFS
	opts  pipeline.Options
	// exact names the steps whose rendered list is every file rendered.
	exact map[string]bool
}

func newSessionHarness(t *testing.T, archive string) *sessionHarness {
	files := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		files[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return &sessionHarness{t: t, files: files, opts: pipeline.Options{SiteDir: ".", Open: func(string) fs.FS { return files }}}
}

// edit replaces old by new in a file (or writes a new file) and returns
// the change to tell the session.
func (h *sessionHarness) edit(name, old, new string) pipeline.Change {
	h.t.Helper()
	f := h.files[name]
	if f == nil {
		h.files[name] = &fstest.MapFile{Data: []byte(new)}
	} else {
		if !bytes.Contains(f.Data, []byte(old)) {
			h.t.Fatalf("%s does not contain %q", name, old)
		}
		h.files[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
	}
	return pipeline.Change{Source: ".", Path: name}
}

// run does the steps in order, comparing each build with a full one.
func (h *sessionHarness) run(steps []sessionStep) {
	t, opts := h.t, h.opts
	s := pipeline.NewSession(opts)
	for _, step := range steps {
		changes := step.change()
		got, err := s.Build(context.Background(), changes)
		if step.wantErr {
			if err == nil {
				t.Fatalf("%s: the build succeeded; want an error", step.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v\n%s", step.name, err, diagText(got.Diagnostics))
		}
		mem := output.NewMemory()
		if _, err := pipeline.Run(context.Background(), opts, mem); err != nil {
			t.Fatalf("%s: full build: %v", step.name, err)
		}
		want := mem.Files()
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if !bytes.Equal(got.Files[name], want[name]) {
				t.Errorf("%s: %s differs from a full build", step.name, name)
			}
		}
		for name := range got.Files {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is not in a full build", step.name, name)
			}
		}
		every := true
		for name := range want {
			if path.Ext(name) == ".html" && !slices.Contains(got.Rendered, name) {
				every = false
			}
		}
		if every != step.full {
			t.Errorf("%s: every page rendered again = %v, want %v; rendered %v", step.name, every, step.full, got.Rendered)
		}
		if !step.full && !step.many && len(got.Rendered) >= len(want)/2 {
			t.Errorf("%s: %d of %d files rendered again: %v", step.name, len(got.Rendered), len(want), got.Rendered)
		}
		for _, name := range step.rendered {
			// A pattern stands for a fingerprinted name.
			if !slices.ContainsFunc(got.Rendered, func(r string) bool { ok, _ := path.Match(name, r); return ok }) {
				t.Errorf("%s: %s was not rendered again; rendered %v", step.name, name, got.Rendered)
			}
		}
		if h.exact[step.name] && !slices.Equal(got.Rendered, slices.Sorted(slices.Values(step.rendered))) {
			t.Errorf("%s: rendered %v, want exactly %v", step.name, got.Rendered, step.rendered)
		}
		for _, name := range step.untouched {
			if slices.Contains(got.Rendered, name) {
				t.Errorf("%s: %s was rendered again, though nothing it shows changed", step.name, name)
			}
		}
	}
}
