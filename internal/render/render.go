// Package render owns the render and write stages: html/template layouts,
// the data each page gets, and every file of the output — pages in every
// language, untranslated fallbacks, the language chooser, 404 pages, the
// sitemap, generated CSS and the static files.
package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/lexsite/lexsite/internal/assets"
	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/deps"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/i18n"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/site"
	"github.com/lexsite/lexsite/internal/sitefs"
	"github.com/yuin/goldmark/util"
)

// Renderer renders one resolved site.
type Renderer struct {
	site *site.Site
	cfg  *config.Config
	cat  *i18n.Catalog
	fsys *sitefs.FS
	ts   *templateSet
	// partials writes citations and "Cited in" lists.
	partials *partials
	// assets are the style sheets and scripts by their name under static/.
	assets map[string]*assets.Asset
	// icons are each language's favicons (icons.go).
	icons map[string]*siteIcons

	// per-language data computed once and shared by every page
	langs map[string]*langData
	// meta holds each language's feed and shared image (meta.go).
	meta map[string]*langMeta
	bufs sync.Pool

	// byLabel and byKey find documents for Input.
	indexOnce sync.Once
	byLabel   map[string]*site.Doc
	byKey     map[string]*site.Group

	// extra are the jobs of outputs added with AddJob.
	extra []Job
}

type langData struct {
	info      Language
	siteInfo  *SiteInfo
	nav       []Link
	footerNav []Link
	guides    []Card
	flows     []Card
	statutes  []Card
	pages     []Card
	sections  map[string][]Card
	tags      map[string][]Card // tag slug → guides
	tagNames  []string          // tag slugs
	tagTitle  map[string]string // tag slug → how it is written
}

// New prepares a renderer: it loads templates and UI strings. It returns nil
// when they have errors, which are in diags.
func New(s *site.Site, fsys *sitefs.FS, cat *i18n.Catalog, diags *diag.List) *Renderer {
	ts := loadTemplates(fsys, cat, diags)
	if ts == nil {
		return nil
	}
	r := &Renderer{site: s, cfg: s.Config, cat: cat, fsys: fsys, ts: ts, partials: newPartials(ts)}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	r.prepareAssets(diags)
	r.checkLogos(diags)
	r.prepareIcons(diags)
	r.prepare()
	return r
}

// link returns how a page at from links to the site-root path to: under
// base_url's path, or with relative_urls a path relative to from that
// names index.html, since a folder opened from disk has no index page.
func (r *Renderer) link(from, to string) string {
	if !strings.HasPrefix(to, "/") {
		return to
	}
	if r.cfg.RelativeURLs {
		return relativeLink(from, to)
	}
	return r.cfg.BasePath + strings.TrimPrefix(to, "/")
}

// relativeLink returns the address of the site-root path to (which may
// carry a #fragment) from the page at the site-root path from.
func relativeLink(from, to string) string {
	target, frag, hasFrag := strings.Cut(to, "#")
	if strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	// Up from the page's folder to the folder it shares with the target,
	// then down to the target.
	fromDirs := strings.Split(strings.Trim(dir, "/"), "/")
	if fromDirs[0] == "" {
		fromDirs = nil
	}
	toParts := strings.Split(strings.TrimPrefix(target, "/"), "/")
	common := 0
	for common < len(fromDirs) && common < len(toParts)-1 && fromDirs[common] == toParts[common] {
		common++
	}
	rel := strings.Repeat("../", len(fromDirs)-common) + strings.Join(toParts[common:], "/")
	if hasFrag {
		rel += "#" + frag
	}
	return rel
}

// permalink returns the absolute address of a site-root path.
func (r *Renderer) permalink(p string) string {
	return r.cfg.BaseURL + strings.TrimPrefix(p, "/")
}

func (r *Renderer) language(code string) Language {
	l := r.cfg.Languages[code]
	dir := "ltr"
	if l != nil && l.Direction == "rtl" {
		dir = "rtl"
	}
	name := code
	if l != nil {
		name = l.Name
	}
	return Language{Code: code, Name: name, Dir: dir}
}

// languageIn is language(code) named as the interface strings of a page in
// the reader's language name it ("Chinese" or "chino" for zh), so a page
// never drops a word of another script into its sentences. Languages the
// Unicode CLDR does not name keep the name the configuration gives.
func (r *Renderer) languageIn(reader, code string) Language {
	l := r.language(code)
	rt, err1 := language.Parse(r.cat.UILang(reader))
	ct, err2 := language.Parse(code)
	if err1 != nil || err2 != nil {
		return l
	}
	if name := display.Tags(rt).Name(ct); name != "" {
		l.Name = name
	}
	return l
}

// prepare computes what every page of a language shares: lists, navigation.
func (r *Renderer) prepare() {
	r.langs = map[string]*langData{}
	for _, lang := range r.site.Langs {
		ld := &langData{info: r.language(lang), sections: map[string][]Card{}, tags: map[string][]Card{}, tagTitle: map[string]string{}}
		disclaimer := r.cfg.Languages[lang].Disclaimer
		if disclaimer == "" {
			disclaimer = r.cat.T(lang, "disclaimer_default")
		}
		org := r.cfg.Org(lang)
		if !r.logoOK(org.Logo) {
			org.Logo = "" // checkLogos said why
		}
		ld.siteInfo = &SiteInfo{
			Title:        r.cfg.SiteTitle(lang),
			HomeURL:      r.link("", "/"+lang+"/"),
			Organisation: org,
			Help:         r.cfg.Contacts(lang),
			Disclaimer:   disclaimer,
			DefaultLang:  r.cfg.DefaultLanguage,
		}
		for _, l := range r.site.Langs {
			ld.siteInfo.Languages = append(ld.siteInfo.Languages, LangLink{Code: l, Name: r.language(l).Name, URL: r.link("", "/"+l+"/")})
		}
		for _, g := range r.site.Groups {
			if g.Kind.Spec().Index {
				continue
			}
			c := r.card(g, lang)
			ld.sections[g.Dir] = append(ld.sections[g.Dir], c)
			switch {
			case g.Kind == content.Guide:
				ld.guides = append(ld.guides, c)
			case g.Kind == content.Flow:
				ld.flows = append(ld.flows, c)
			case g.Kind == content.Statute:
				ld.statutes = append(ld.statutes, c)
			case g.Dir == "":
				ld.pages = append(ld.pages, c)
			}
			// Every kind of document may carry tags, so every tag shown on
			// a page leads to the page listing all that share it: a tag of
			// a flow alone is a link too, not dead text.
			d, _ := g.Source(lang, r.site)
			seen := map[string]bool{}
			for _, t := range d.Meta.Tags {
				// Tags that differ only in case or punctuation share a
				// page: the first spelling met names it.
				slug := tagSlug(t)
				if seen[slug] {
					continue
				}
				seen[slug] = true
				if len(ld.tags[slug]) == 0 {
					ld.tagNames = append(ld.tagNames, slug)
					ld.tagTitle[slug] = t
				}
				ld.tags[slug] = append(ld.tags[slug], c)
			}
		}
		sortCards := func(cs []Card) {
			i18n.SortFunc(lang, cs, func(c Card) string { return c.Title })
			slices.SortStableFunc(cs, byWeight)
		}
		sortCards(ld.guides)
		sortCards(ld.flows)
		sortCards(ld.statutes)
		sortCards(ld.pages)
		for _, cs := range ld.sections {
			sortCards(cs)
		}
		for _, cs := range ld.tags {
			sortCards(cs)
		}
		i18n.SortFunc(lang, ld.tagNames, func(slug string) string { return ld.tagTitle[slug] })

		home := "/" + lang + "/"
		ld.nav = append(ld.nav, Link{Title: r.cat.T(lang, "home"), URL: home})
		for _, sec := range []struct {
			kind  content.Kind
			cards []Card
		}{{content.Guide, ld.guides}, {content.Flow, ld.flows}, {content.Statute, ld.statutes}} {
			if dir := sec.kind.Spec().Dir; len(sec.cards) > 0 {
				ld.nav = append(ld.nav, Link{Title: r.cat.T(lang, dir), URL: home + dir + "/"})
			}
		}
		for _, c := range ld.pages {
			ld.footerNav = append(ld.footerNav, Link{Title: c.Title, URL: c.URL})
		}
		if len(ld.tagNames) > 0 {
			// The footer is on every page, so every topic is two links away
			// from anywhere without crowding the main navigation.
			ld.footerNav = append(ld.footerNav, Link{Title: r.cat.T(lang, "all_tags"), URL: tagsPath(lang)})
		}
		r.langs[lang] = ld
	}
	r.meta = r.prepareMeta()
}

// card describes group g in a list of language lang. URLs are site-root
// paths until a page turns them into links.
func (r *Renderer) card(g *site.Group, lang string) Card {
	d, fallback := g.Source(lang, r.site)
	c := Card{Title: d.Meta.Title, Summary: d.Meta.Summary, URL: g.Path(lang), Reviewed: d.Meta.Reviewed, Kind: string(g.Kind), Weight: d.Meta.Weight}
	if fallback {
		c.Lang = d.Lang
	}
	return c
}

// Job is one unit of output, done on one core: every page of one document
// in every language (they share its parsed text), a folder's list, the
// feeds. ID names the job from one build to the next. Run writes the
// job's files to w and adds to rec the key of every input it reads
// (InputKey): a preview runs the job again only when one of those has
// another value (see Input).
type Job struct {
	ID  string
	Run func(rec *deps.Reads, w output.Writer, diags *diag.List) error
}

// AddJob adds a job to those of the site: an output the renderer does not
// make itself.
func (r *Renderer) AddJob(j Job) { r.extra = append(r.extra, j) }

// Site returns the site the renderer renders.
func (r *Renderer) Site() *site.Site { return r.site }

// Render writes every file of the site to w, spreading jobs over all cores.
func (r *Renderer) Render(ctx context.Context, w output.Writer, diags *diag.List) error {
	_, err := r.RenderJobs(ctx, w, diags, r.Jobs(), false)
	return err
}

// Jobs lists the jobs that write the whole site.
func (r *Renderer) Jobs() []Job {
	var jobs []Job
	for _, g := range r.site.Groups {
		jobs = append(jobs, Job{"doc " + g.Key, func(rec *deps.Reads, w output.Writer, diags *diag.List) error {
			return r.renderGroup(rec, g, w, diags)
		}})
	}
	for _, dir := range slices.Sorted(maps.Keys(r.site.Sections)) {
		if dir == "" || r.site.Lookup(path.Join(dir, "_index")) != nil {
			continue
		}
		jobs = append(jobs, Job{"section " + dir, func(rec *deps.Reads, w output.Writer, diags *diag.List) error {
			return r.renderSection(rec, dir, nil, w, diags)
		}})
	}
	if r.site.Lookup("_index") == nil {
		jobs = append(jobs, Job{"home", func(rec *deps.Reads, w output.Writer, diags *diag.List) error {
			return r.renderHome(rec, nil, w, diags)
		}})
	}
	jobs = append(jobs,
		Job{"special", r.renderSpecial}, Job{"tags", r.renderTags}, Job{"static", r.writeStatic},
		Job{"sitemap", r.writeSitemap}, Job{"feeds", r.writeFeeds})
	return append(jobs, r.extra...)
}

// RenderJobs runs jobs over all cores. With record, it returns what each
// one wrote and read, by ID, for the next build to compare with.
func (r *Renderer) RenderJobs(ctx context.Context, w output.Writer, diags *diag.List, jobs []Job, record bool) (map[string]deps.Ran, error) {
	workers := runtime.GOMAXPROCS(0)
	ch := make(chan Job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	done := map[string]deps.Ran{}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				var rec *deps.Reads
				jw := w
				var fw *filesWriter
				if record {
					rec = deps.NewReads()
					fw = &filesWriter{w: w}
					jw = fw
				}
				err := j.Run(rec, jw, diags)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if record {
					done[j.ID] = deps.Ran{Files: fw.names, Reads: rec}
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		ch <- j
	}
	close(ch)
	wg.Wait()
	r.partials.report(diags)
	if firstErr != nil {
		return nil, firstErr
	}
	return done, ctx.Err()
}

// filesWriter notes the names of the files one job writes.
type filesWriter struct {
	w     output.Writer
	names []string
}

func (f *filesWriter) WriteFile(name string, data []byte) error {
	f.names = append(f.names, name)
	return f.w.WriteFile(name, data)
}

// renderGroup writes the group's page in every language: its own text where
// it is translated, the fallback text with a notice where it is not.
func (r *Renderer) renderGroup(rec *deps.Reads, g *site.Group, w output.Writer, diags *diag.List) error {
	switch g.Kind {
	case content.Home:
		return r.renderHome(rec, g, w, diags)
	case content.Section:
		return r.renderSection(rec, g.Dir, g, w, diags)
	case content.Flow:
		return r.renderFlow(rec, g, w, diags)
	}
	rec.Add(InputKey(InVersions, g.Key))
	for _, lang := range r.site.Langs {
		d, fallback := g.Source(lang, r.site)
		if d == nil {
			continue
		}
		p := r.newPage(rec, lang, string(g.Kind), g.Path(lang))
		r.fillDoc(p, g, d, fallback, wholeDoc)
		p.Breadcrumbs = r.breadcrumbs(lang, g.Dir, p)
		if err := r.write(w, p, g.Kind.Spec().Layout, diags); err != nil {
			return err
		}
	}
	return nil
}

// newPage starts a page of the job reading into rec; every page reads the
// configuration, the style sheets' names and its language's shell.
func (r *Renderer) newPage(rec *deps.Reads, lang, kind, sitePath string) *Page {
	ld := r.langs[lang]
	p := &Page{r: r, rec: rec, Kind: kind, Lang: ld.info, Site: ld.siteInfo, Path: sitePath}
	p.read(InConfig)
	p.read(InAssets)
	p.read(InShell, lang)
	if r.cfg.RelativeURLs {
		// The site-wide links depend on where the page is.
		si := *ld.siteInfo
		si.HomeURL = r.link(sitePath, "/"+lang+"/")
		si.Languages = nil
		for _, l := range ld.siteInfo.Languages {
			l.URL = r.link(sitePath, "/"+l.Code+"/")
			si.Languages = append(si.Languages, l)
		}
		p.Site = &si
	}
	p.URL = r.link(sitePath, sitePath)
	p.Permalink = r.permalink(sitePath)
	p.Canonical = p.Permalink
	for _, l := range ld.nav {
		l.Current = l.URL == sitePath || (l.URL != "/"+lang+"/" && strings.HasPrefix(sitePath, l.URL))
		l.URL = r.link(sitePath, l.URL)
		p.Nav = append(p.Nav, l)
	}
	for _, l := range ld.footerNav {
		l.Current = l.URL == sitePath
		l.URL = r.link(sitePath, l.URL)
		p.FooterNav = append(p.FooterNav, l)
	}
	return p
}

// wholeDoc is the step argument of fillDoc for a document's own page.
const wholeDoc = -1

// fillDoc sets the page fields that come from a document. step is
// wholeDoc, or the index of the flow step the page shows: its text, title
// and addresses in every language are then the step's.
func (r *Renderer) fillDoc(p *Page, g *site.Group, d *site.Doc, fallback bool, step int) {
	at := g.Path
	p.read(InDoc, d.Label)
	p.read(InVersions, g.Key)
	p.Title, p.Summary, p.Reviewed = d.Meta.Title, d.Meta.Summary, d.Meta.Reviewed
	if step == wholeDoc {
		p.Content = r.body(p, d)
		p.TOC = toc(d.Parsed.Headings)
	} else {
		n := d.Parsed.Flow.Nodes[step]
		at = func(lang string) string { return g.StepPath(lang, n.ID) }
		p.Title, p.Summary = n.Title, ""
		p.Content = r.stepBody(p, d, step)
	}
	p.Fallback = fallback
	if fallback {
		p.ContentLang = d.Lang
		p.SourceLanguage = r.languageIn(p.Lang.Code, d.Lang)
		p.Canonical = r.permalink(at(d.Lang))
	}
	switch g.Kind {
	case content.Statute:
		r.fillStatute(p, g, d)
	case content.Guide:
		p.read(InRelated, g.Key, d.Lang)
		for _, o := range r.site.Related(g, d.Lang) {
			c := r.readCard(p, o, p.Lang.Code)
			c.URL = r.link(p.Path, c.URL)
			p.Related = append(p.Related, c)
		}
		p.JSONLD = r.docLD(p, g, d)
	case content.Flow:
		if step == wholeDoc { // the overview; steps have none
			p.JSONLD = r.docLD(p, g, d)
		}
	}
	ld := r.langs[p.Lang.Code]
	p.read(InTags, p.Lang.Code)
	for _, t := range d.Meta.Tags {
		if _, ok := ld.tags[tagSlug(t)]; ok {
			p.Tags = append(p.Tags, Link{Title: t, URL: r.link(p.Path, tagPath(p.Lang.Code, tagSlug(t)))})
		} else {
			p.Tags = append(p.Tags, Link{Title: t})
		}
	}
	for _, lang := range r.site.Langs {
		_, fb := g.Source(lang, r.site)
		ll := LangLink{Code: lang, Name: r.language(lang).Name, URL: r.link(p.Path, at(lang)), Permalink: r.permalink(at(lang)), Current: lang == p.Lang.Code, Fallback: fb}
		p.Switcher = append(p.Switcher, ll)
		if !fb {
			p.Alternates = append(p.Alternates, ll)
		}
	}
	if g.Docs[r.cfg.DefaultLanguage] != nil {
		p.XDefault = r.permalink(at(r.cfg.DefaultLanguage))
	} else if len(p.Alternates) > 0 {
		p.XDefault = p.Alternates[0].Permalink
	}
}

// body returns a document's HTML for page p, its site links pointing at
// the pages in p's language.
func (r *Renderer) body(p *Page, d *site.Doc) template.HTML {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	d.Parsed.Expand(buf, expander{r: r, p: p, d: d, lang: p.Lang.Code, from: p.Path})
	return template.HTML(buf.String())
}

// attr escapes an address the way goldmark writes one into an attribute.
func attr(dest string) string {
	return string(util.EscapeHTML(util.URLEscape([]byte(dest), false)))
}

// toc nests h2 and h3 headings; a document with fewer than three h2
// headings is short enough to need none.
func toc(hs []markdown.Heading) []*TOCItem {
	var out []*TOCItem
	n2 := 0
	for _, h := range hs {
		switch h.Level {
		case 2:
			out = append(out, &TOCItem{ID: h.ID, Text: h.Text})
			n2++
		case 3:
			if len(out) > 0 {
				last := out[len(out)-1]
				last.Children = append(last.Children, &TOCItem{ID: h.ID, Text: h.Text})
			}
		}
	}
	if n2 < 3 {
		return nil
	}
	return out
}

func (r *Renderer) breadcrumbs(lang, dir string, p *Page) []Link {
	out := []Link{{Title: p.T("home"), URL: r.link(p.Path, "/"+lang+"/")}}
	if dir == "" {
		return out
	}
	parts := strings.Split(dir, "/")
	for i := range parts {
		sub := strings.Join(parts[:i+1], "/")
		p.read(InSection, lang, sub)
		title := r.sectionTitle(lang, sub)
		out = append(out, Link{Title: title, URL: r.link(p.Path, "/"+lang+"/"+sub+"/")})
	}
	return out
}

// sectionTitle is the title of a folder's list page: its _index title, the
// UI string for the sections with meaning, or the folder name.
func (r *Renderer) sectionTitle(lang, dir string) string {
	if g := r.site.Lookup(path.Join(dir, "_index")); g != nil {
		if d, _ := g.Source(lang, r.site); d != nil {
			return d.Meta.Title
		}
	}
	for _, k := range content.Kinds() {
		if k.Dir != "" && k.Dir == dir {
			// The UI string of a section with meaning is its folder's name.
			return r.cat.T(lang, dir)
		}
	}
	return path.Base(dir)
}

func tagSlug(tag string) string {
	if slug := markdown.Slug(tag); slug != "" {
		return slug
	}
	return "tag"
}

func tagPath(lang, slug string) string { return "/" + lang + "/tags/" + slug + "/" }

// byWeight puts cards with a weight first, the lowest first, as Hugo
// does; cards without one (weight 0) keep their order after them.
func byWeight(a, b Card) int {
	switch {
	case a.Weight == b.Weight:
		return 0
	case a.Weight == 0:
		return 1
	case b.Weight == 0:
		return -1
	case a.Weight < b.Weight:
		return -1
	}
	return 1
}

// tagsPath is the address of a language's index of tags.
func tagsPath(lang string) string { return "/" + lang + "/tags/" }

// write executes a layout for p and writes the page.
func (r *Renderer) write(w output.Writer, p *Page, layout string, diags *diag.List) error {
	r.fillMeta(p)
	p.read(InTemplate, layout)
	t := r.ts.layout(layout)
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := t.ExecuteTemplate(buf, "base.html", p); err != nil {
		reportTemplateErr(diags, r.ts.labels, err)
		return nil
	}
	name := strings.TrimPrefix(p.Path, "/")
	if strings.HasSuffix(name, "/") || name == "" {
		name += "index.html"
	}
	if err := w.WriteFile(name, buf.Bytes()); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
