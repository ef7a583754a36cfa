// Package pipeline owns one run of the pipeline — load, parse, resolve,
// render, write — and the layering of a site over its base sites and the
// carried defaults. Commands and the preview server call it; it holds no
// state between runs, so two builds can run at once.
package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sync"

	lexsite "github.com/lexsite/lexsite"
	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/i18n"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/render"
	"github.com/lexsite/lexsite/internal/site"
	"github.com/lexsite/lexsite/internal/sitefs"
)

// Options say what to build: the command's flags. The ones that override
// lexsite.toml (Drafts, BaseURL, Relative, PlainAssets) are handed to
// config.Load, which applies them.
type Options struct {
	// SiteDir is the site's folder. Base sites are found relative to it.
	SiteDir string
	// Open returns the files of a folder; nil means the operating system's.
	// Tests give in-memory folders here.
	Open func(dir string) fs.FS
	// Defaults are the carried templates and static files; nil means the
	// ones embedded in the binary.
	Defaults fs.FS
	// Drafts includes documents marked draft.
	Drafts bool
	// BaseURL overrides base_url from lexsite.toml.
	BaseURL string
	// Relative writes every link relative to its page (relative_urls), for
	// a copy opened from disk or moved to any folder.
	Relative bool
	// PlainAssets writes style sheets and scripts as they are written and
	// under their own names, whatever [assets] says: the preview does, so
	// that an edited style sheet is swapped into the open page and the
	// browser's tools show the author's own lines.
	PlainAssets bool

	// outputs add jobs to every build's renderer: how a test adds an
	// output of its own (export_test.go).
	outputs []func(*render.Renderer) render.Job
}

// ErrConfig means the configuration (or the command's options) is unusable:
// exit status 2. Content errors are in the diagnostics: exit status 1.
var ErrConfig = errors.New("configuration error")

// ErrContent means the site has errors; they are in Result.Diagnostics.
var ErrContent = errors.New("the site has errors")

// Result is what a run found and made.
type Result struct {
	Config      *config.Config
	Site        *site.Site
	Diagnostics []diag.Diagnostic
	// Sources lists the site folder and its base folders, nearest first.
	Sources []string
	Pages   int
}

// Project is a loaded configuration and its file layers.
type Project struct {
	Config  *config.Config
	FS      *sitefs.FS
	Sources []string
	// opened holds what loading the configuration found (warnings), for
	// the result of Run.
	opened []diag.Diagnostic
	// outputs are Options.outputs.
	outputs []func(*render.Renderer) render.Job
}

// Open reads the site's configuration (config.Load) and stacks its layers:
// the site, its bases nearest first, the carried defaults.
func Open(opts Options, diags *diag.List) (*Project, error) {
	local := &diag.List{}
	loaded, err := config.Load(config.LoadOptions{
		SiteDir: opts.SiteDir,
		Open:    opts.Open,
		Overrides: config.Overrides{
			BaseURL:     opts.BaseURL,
			Relative:    opts.Relative,
			Drafts:      opts.Drafts,
			PlainAssets: opts.PlainAssets,
		},
	}, local)
	diags.Merge(local)
	if err != nil {
		return nil, ErrConfig
	}
	defaults := opts.Defaults
	if defaults == nil {
		defaults = lexsite.Defaults()
	}
	siteDir := opts.SiteDir
	if siteDir == "" {
		siteDir = "."
	}
	layers := []sitefs.Layer{{Prefix: "", FS: loaded.SiteFS(), Content: true}}
	sources := []string{siteDir}
	for _, b := range loaded.Bases() {
		layers = append(layers, sitefs.Layer{Prefix: b.Label, FS: b.FS, Content: true})
		sources = append(sources, b.Dir)
	}
	layers = append(layers, sitefs.Layer{Prefix: "(built-in)/", FS: defaults})
	return &Project{Config: loaded.Config(), FS: sitefs.New(layers...), Sources: sources, opened: local.Items(), outputs: opts.outputs}, nil
}

// Run loads, parses and resolves the site and, when w is not nil, renders
// it into w. The returned error is ErrConfig, ErrContent, or a failure to
// write; diagnostics are in the result either way.
func Run(ctx context.Context, opts Options, w output.Writer) (*Result, error) {
	diags := &diag.List{}
	p, err := Open(opts, diags)
	if err != nil {
		return &Result{Diagnostics: diags.Items()}, err
	}
	return p.Run(ctx, w)
}

// Run builds the opened project, as the package's Run does: a command that
// opens the site first, to find its output folder, reads the configuration
// once.
func (p *Project) Run(ctx context.Context, w output.Writer) (*Result, error) {
	diags := &diag.List{}
	for _, d := range p.opened {
		diags.Add(d)
	}
	res := &Result{}
	st, err := prepare(p, nil, diags)
	if st != nil {
		res.Config, res.Sources, res.Site = st.proj.Config, st.proj.Sources, st.site
	}
	if err != nil {
		res.Diagnostics = diags.Items()
		return res, err
	}
	if w == nil {
		// check: render into nothing, so template errors are found too.
		w = discard{}
	}
	counter := &counting{w: w}
	if err := st.renderer.Render(ctx, counter, diags); err != nil {
		res.Diagnostics = diags.Items()
		return res, err
	}
	res.Pages = counter.pages()
	res.Diagnostics = diags.Items()
	if diags.HasErrors() {
		return res, ErrContent
	}
	return res, nil
}

// stages is a site loaded, parsed and resolved, ready to render.
type stages struct {
	proj     *Project
	set      *content.Set
	site     *site.Site
	renderer *render.Renderer
}

// caches keep what loading and parsing made, from one run to the next.
type caches struct {
	content *content.Cache
	parse   *parseCache
	// matchers holds the matchers of article mentions by what they were
	// made from: compiling one is the dearest part of a small rebuild.
	matchers map[string]*cite.Matcher
	// catalog is the UI strings, and catalogSrc the files they came from.
	catalog      *i18n.Catalog
	catalogSrc   []i18n.File
	catalogDiags []diag.Diagnostic
}

// prepare runs every stage before rendering. c, when not nil, keeps loaded
// and parsed documents from one run to the next (see Session).
func prepare(proj *Project, c *caches, diags *diag.List) (*stages, error) {
	cfg := proj.Config
	st := &stages{proj: proj}
	var cache *parseCache
	var cc *content.Cache
	if c != nil {
		cache, cc = c.parse, c.content
	}
	warnSkipped(proj.FS, diags)
	st.set = content.LoadCached(proj.FS, cfg, cfg.Drafts, diags, cc)
	cat := loadCatalog(proj.FS, cfg, diags, c)
	eng := markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe, MaxNesting: cfg.Limits.MaxNesting})
	parsed := parseAll(eng, st.set.Docs, parseOptions(st.set, cat, diags, c), cache.key(cfg), cache)
	st.site = site.Build(cfg, st.set, proj.FS, parsed, diags)
	st.renderer = render.New(st.site, proj.FS, cat, diags)
	if st.renderer != nil {
		for _, o := range proj.outputs {
			st.renderer.AddJob(o(st.renderer))
		}
	}
	if diags.HasErrors() || st.renderer == nil {
		return st, ErrContent
	}
	return st, nil
}

// parseAll parses every document once, over all cores; documents the cache
// holds with the same text and options are not parsed again.
func parseAll(eng *markdown.Engine, docs []*content.Document, opts func(*content.Document) markdown.ParseOptions, base string, cache *parseCache) map[*content.Document]*markdown.Parsed {
	out := make([]*markdown.Parsed, len(docs))
	keys := make([]string, len(docs))
	var todo []int
	for i, d := range docs {
		if cache == nil {
			todo = append(todo, i)
			continue
		}
		keys[i] = base + optionsKey(opts(d))
		if p := cache.get(d, keys[i]); p != nil {
			out[i] = p
			continue
		}
		todo = append(todo, i)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = eng.Parse(docs[i].Body, opts(docs[i]))
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	m := make(map[*content.Document]*markdown.Parsed, len(docs))
	for i, d := range docs {
		m[d] = out[i]
	}
	cache.keep(docs, keys, out)
	return m
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// counting counts the HTML pages written.
type counting struct {
	w  output.Writer
	mu sync.Mutex
	n  int
}

func (c *counting) WriteFile(name string, data []byte) error {
	if path.Ext(name) == ".html" {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
	return c.w.WriteFile(name, data)
}

func (c *counting) pages() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
