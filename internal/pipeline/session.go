package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/deps"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/render"
)

// Session builds one site again and again, as the preview server does
// after each edit, and redoes only what an edit can change: documents whose
// text is unchanged are not parsed again, and a job of the renderer (the
// pages of one document, a folder's list, the feeds…) runs again only if
// an input it read last time has another value now. Each job records what
// it reads (package deps); nothing here lists which edit touches which
// page. Loading and resolving are always done in full, because they are
// what finds out what changed. The result is the same as a full Run; a
// test holds it to that, byte for byte, over hundreds of random edits.
//
// A Session is not safe for concurrent use.
type Session struct {
	opts   Options
	caches caches
	// graph describes what each job of the last build that succeeded
	// wrote and read, and files holds what that build wrote.
	graph *deps.Graph
	files map[string][]byte
	// pending gathers the changed paths since that build, across failed
	// builds; all means anything may have changed.
	pending []string
	all     bool
}

// Change is one changed path: Path is slash-separated and relative to
// Source, one of the folders in Result.Sources. It may name a folder
// (created, removed or renamed: everything below it changed), the source
// folder itself ("."), or a path that no longer exists (a delete, the old
// name of a rename).
type Change struct {
	Source, Path string
}

// NewSession returns a Session for the site opts describes.
func NewSession(opts Options) *Session {
	return &Session{opts: opts, caches: caches{content: &content.Cache{}, parse: &parseCache{}}, graph: &deps.Graph{}}
}

// Output is the result of a Session build.
type Output struct {
	*Result
	// Files is every file of the site. A file not rendered again is the
	// previous build's own slice, so a caller can tell it unchanged.
	Files map[string][]byte
	// Rendered lists the files this build wrote, sorted, and Full says
	// whether every job of the site ran.
	Rendered []string
	Full     bool
}

// Build builds the site. changed lists the paths changed since the last
// call; nil means anything may have changed. On failure the Session keeps
// the last good build to compare the next one with.
func (s *Session) Build(ctx context.Context, changed []Change) (*Output, error) {
	if changed == nil {
		s.all = true
	}
	for _, c := range changed {
		s.pending = append(s.pending, c.Path)
	}
	diags := &diag.List{}
	out := &Output{Result: &Result{}}
	// lexsite.toml is read again for every build: an edit may change it.
	var st *stages
	proj, err := Open(s.opts, diags)
	if err == nil {
		st, err = prepare(proj, &s.caches, diags)
	}
	if st != nil {
		out.Config, out.Sources, out.Site = st.proj.Config, st.proj.Sources, st.site
	}
	if err != nil {
		out.Diagnostics = diags.Items()
		return out, err
	}
	r := st.renderer
	check := s.graph.Check(r, func(key string) bool { return render.Dirty(key, s.pending) })
	var run []render.Job
	var ids []string
	jobs := r.Jobs()
	for _, j := range jobs {
		ids = append(ids, j.ID)
		if stale, _ := check.Stale(j.ID); s.all || stale {
			run = append(run, j)
		}
	}
	mem := output.NewMemory()
	ran, err := r.RenderJobs(ctx, mem, diags, run, true)
	out.Diagnostics = diags.Items()
	if err != nil {
		return out, err
	}
	if diags.HasErrors() {
		return out, ErrContent
	}
	written := mem.Files()
	files := map[string][]byte{}
	for _, id := range ids {
		if r, ok := ran[id]; ok {
			for _, f := range r.Files {
				files[f] = written[f]
			}
			continue
		}
		// Not run: its inputs are as they were, and so are its files.
		for _, f := range s.graph.Files(id) {
			files[f] = s.files[f]
		}
	}
	out.Files, out.Rendered, out.Full = files, slices.Sorted(maps.Keys(written)), len(run) == len(jobs)
	for name := range files {
		if path.Ext(name) == ".html" {
			out.Pages++
		}
	}
	s.graph, s.files = check.Next(ids, ran), files
	s.pending, s.all = nil, false
	return out, nil
}

// parseCache keeps each document's parse, keyed by its label, with the text
// and options it was parsed from.
type parseCache struct {
	entries map[string]cacheEntry
}

type cacheEntry struct {
	body   []byte
	key    string
	parsed *markdown.Parsed
}

// key is the part of the options key that comes from the configuration.
func (c *parseCache) key(cfg *config.Config) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("unsafe=%t max_nesting=%d\n", cfg.Markdown.Unsafe, cfg.Limits.MaxNesting)
}

func (c *parseCache) get(d *content.Document, key string) *markdown.Parsed {
	if c == nil {
		return nil
	}
	e, ok := c.entries[d.Label]
	if !ok || e.key != key || !bytes.Equal(e.body, d.Body) {
		return nil
	}
	return e.parsed
}

// keep replaces the cache's entries by these documents': a document gone
// from the site leaves the cache too.
func (c *parseCache) keep(docs []*content.Document, keys []string, parsed []*markdown.Parsed) {
	if c == nil {
		return
	}
	c.entries = make(map[string]cacheEntry, len(docs))
	for i, d := range docs {
		c.entries[d.Label] = cacheEntry{body: d.Body, key: keys[i], parsed: parsed[i]}
	}
}

// optionsKey describes parse options: two documents with the same text
// and key parse the same.
func optionsKey(o markdown.ParseOptions) string {
	var b strings.Builder
	b.WriteString("self=" + o.Self + "\n")
	if o.Flow {
		b.WriteString("flow\n")
	}
	if o.Mentions != nil {
		b.WriteString("mentions=" + o.Mentions.Key() + "\n")
	}
	if st := o.Statute; st != nil {
		b.WriteString("statute=" + st.Key() + "\n")
	}
	return b.String()
}
