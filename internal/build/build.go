// Package build owns one run of the pipeline — load, parse, resolve,
// render, write — and the layering of a site over its base sites and the
// carried defaults. Commands and the preview server call it; it holds no
// state between runs, so two builds can run at once.
package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/BurntSushi/toml"

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
	"github.com/lexsite/lexsite/internal/tomlpos"
)

// Options say what to build.
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
}

// Open reads the site's configuration and stacks its layers.
func Open(opts Options, diags *diag.List) (*Project, error) {
	open := opts.Open
	if open == nil {
		open = func(dir string) fs.FS { return os.DirFS(dir) }
	}
	defaults := opts.Defaults
	if defaults == nil {
		defaults = lexsite.Defaults()
	}
	siteDir := opts.SiteDir
	if siteDir == "" {
		siteDir = "."
	}
	siteFS := open(siteDir)
	src, err := fs.ReadFile(siteFS, config.FileName)
	if err != nil {
		diags.Errorf(config.FileName, 0, 0, "there is no %s in %s: every site needs one (see docs/format.md)", config.FileName, siteDir)
		return nil, ErrConfig
	}
	cfg, err := config.Parse(config.FileName, src, diags)
	if err != nil {
		return nil, ErrConfig
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			diags.Errorf("--base-url", 1, 1, "%v", err)
			return nil, ErrConfig
		}
	}
	if opts.PlainAssets {
		cfg.Assets = config.Assets{}
	}
	if opts.Relative && !cfg.RelativeURLs {
		cfg.RelativeURLs = true
		if cfg.BasePath != "/" {
			diags.Warnf("--relative", 1, 1, "%s", cfg.RelativeWarning())
		}
	}
	layers := []sitefs.Layer{{Prefix: "", FS: siteFS, Content: true}}
	sources := []string{siteDir}
	seen := map[string]bool{filepath.Clean(siteDir): true}
	// Each base names the next; a problem is shown at the base setting
	// of the file that names it.
	base, from, label := cfg.Base, siteDir, ""
	baseLine, baseCol := cfg.Pos("base")
	for base != "" {
		dir := filepath.Join(from, filepath.FromSlash(base))
		file := label + config.FileName
		label = path.Clean(path.Join(label, base)) + "/"
		if seen[filepath.Clean(dir)] {
			diags.Errorf(file, baseLine, baseCol, "base %q leads back to %s, a site already in the chain of bases: a site cannot be its own base", base, filepath.ToSlash(dir))
			return nil, ErrConfig
		}
		seen[filepath.Clean(dir)] = true
		bfs := open(dir)
		bsrc, err := fs.ReadFile(bfs, config.FileName)
		if err != nil {
			diags.Errorf(file, baseLine, baseCol, "base %q is not a site: %s has no %s (the path is relative to the folder of %s)", base, filepath.ToSlash(dir), config.FileName, file)
			return nil, ErrConfig
		}
		var next struct {
			Base string `toml:"base"`
		}
		if _, err := toml.Decode(string(bsrc), &next); err != nil {
			line, col, msg := tomlpos.SyntaxError(bsrc, err)
			diags.Errorf(label+config.FileName, line, col, "the base site's configuration cannot be read: %s", msg)
			return nil, ErrConfig
		}
		layers = append(layers, sitefs.Layer{Prefix: label, FS: bfs, Content: true})
		sources = append(sources, dir)
		base, from = next.Base, dir
		baseLine, baseCol = tomlpos.New(bsrc).Key("base")
	}
	layers = append(layers, sitefs.Layer{Prefix: "(built-in)/", FS: defaults})
	return &Project{Config: cfg, FS: sitefs.New(layers...), Sources: sources}, nil
}

// Run loads, parses and resolves the site and, when w is not nil, renders
// it into w. The returned error is ErrConfig, ErrContent, or a failure to
// write; diagnostics are in the result either way.
func Run(ctx context.Context, opts Options, w output.Writer) (*Result, error) {
	diags := &diag.List{}
	res := &Result{}
	st, err := prepare(opts, nil, diags)
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
// and parsed documents from one run to the next (see Session). A nil
// stages is returned only when the configuration is unusable.
func prepare(opts Options, c *caches, diags *diag.List) (*stages, error) {
	proj, err := Open(opts, diags)
	if err != nil {
		return nil, err
	}
	cfg := proj.Config
	st := &stages{proj: proj}
	var cache *parseCache
	var cc *content.Cache
	if c != nil {
		cache, cc = c.parse, c.content
	}
	warnSkipped(proj.FS, diags)
	st.set = content.LoadCached(proj.FS, cfg, opts.Drafts, diags, cc)
	cat := loadCatalog(proj.FS, cfg, diags, c)
	eng := markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe, MaxNesting: cfg.Limits.MaxNesting})
	parsed := parseAll(eng, st.set.Docs, parseOptions(st.set, cat, diags, c), cache.key(cfg), cache)
	st.site = site.Build(cfg, st.set, proj.FS, parsed, diags)
	st.renderer = render.New(st.site, proj.FS, cat, diags)
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
