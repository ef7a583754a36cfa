package render

import (
	"bytes"
	"encoding/xml"
	"github.com/lexsite/lexsite/internal/deps"
	"maps"
	"path"
	"slices"
	"sort"

	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/site"
)

// links turns cards' site-root paths into links from page p.
func (r *Renderer) links(p *Page, cs []Card) []Card {
	out := make([]Card, len(cs))
	for i, c := range cs {
		c.URL = r.link(p.Path, c.URL)
		out[i] = c
	}
	return out
}

// renderHome writes each language's home page; g holds its text, if any.
func (r *Renderer) renderHome(rec *deps.Reads, g *site.Group, w output.Writer, diags *diag.List) error {
	for _, lang := range r.site.Langs {
		p := r.newPage(rec, lang, "home", "/"+lang+"/")
		p.read(InLists, lang)
		p.read(InMainFlow, lang)
		ld := r.langs[lang]
		p.Title = ld.siteInfo.Title
		if g != nil {
			d, fallback := g.Source(lang, r.site)
			r.fillDoc(p, g, d, fallback, wholeDoc)
			r.listInOwnLanguage(p, lang, func(l string) string { return "/" + l + "/" })
		} else {
			r.fillSwitcher(p, func(l string) string { return "/" + l + "/" }, nil)
		}
		p.XDefault = r.permalink("/")
		p.Guides, p.Flows, p.Statutes, p.Pages = r.links(p, ld.guides), r.links(p, ld.flows), r.links(p, ld.statutes), r.links(p, ld.pages)
		if m := r.mainFlow(lang); m != nil {
			m.URL = r.link(p.Path, m.URL)
			p.MainFlow = m
		}
		if err := r.write(w, p, content.Home.Spec().Layout, diags); err != nil {
			return err
		}
	}
	return nil
}

// mainFlow is the first flow of language lang's list (the lowest weight,
// else the first by title) with the address of its first step, where the
// home page's call to action leads; nil when the language has no flows.
func (r *Renderer) mainFlow(lang string) *Link {
	flows := r.langs[lang].flows
	if len(flows) == 0 {
		return nil
	}
	c := flows[0]
	for _, g := range r.site.Groups {
		if g.Kind != content.Flow || g.Path(lang) != c.URL {
			continue
		}
		d, _ := g.Source(lang, r.site)
		if d == nil || d.Parsed.Flow == nil {
			break
		}
		if n := d.Parsed.Flow.StartNode(d.Meta.Start); n != nil {
			return &Link{Title: c.Title, URL: g.StepPath(lang, n.ID)}
		}
	}
	return &Link{Title: c.Title, URL: c.URL}
}

// listInOwnLanguage undoes the fallback marks of a home or list page whose
// introduction is untranslated: the page itself — navigation, lists — is in
// the reader's language, so it is indexed and has every language as an
// alternate; only the introduction keeps its own lang attribute.
func (r *Renderer) listInOwnLanguage(p *Page, lang string, at func(string) string) {
	if !p.Fallback {
		return
	}
	p.Fallback = false
	p.Canonical = p.Permalink
	p.Switcher, p.Alternates = nil, nil
	r.fillSwitcher(p, at, nil)
}

// fillSwitcher sets the language switcher and alternates of a generated
// page that exists in every language.
func (r *Renderer) fillSwitcher(p *Page, at func(lang string) string, exists func(lang string) bool) {
	for _, lang := range r.site.Langs {
		ll := LangLink{Code: lang, Name: r.language(lang).Name, URL: r.link(p.Path, at(lang)), Permalink: r.permalink(at(lang)), Current: lang == p.Lang.Code}
		if exists != nil && !exists(lang) {
			ll.Fallback = true
		}
		p.Switcher = append(p.Switcher, ll)
		if !ll.Fallback {
			p.Alternates = append(p.Alternates, ll)
		}
	}
	p.XDefault = r.permalink(at(r.cfg.DefaultLanguage))
}

// renderSection writes a folder's list page in every language.
func (r *Renderer) renderSection(rec *deps.Reads, dir string, g *site.Group, w output.Writer, diags *diag.List) error {
	for _, lang := range r.site.Langs {
		sitePath := "/" + lang + "/" + dir + "/"
		p := r.newPage(rec, lang, "section", sitePath)
		p.read(InLists, lang)
		p.read(InSection, lang, dir)
		p.Title = r.sectionTitle(lang, dir)
		if g != nil {
			d, fallback := g.Source(lang, r.site)
			r.fillDoc(p, g, d, fallback, wholeDoc)
			r.listInOwnLanguage(p, lang, func(l string) string { return "/" + l + "/" + dir + "/" })
		} else {
			r.fillSwitcher(p, func(l string) string { return "/" + l + "/" + dir + "/" }, nil)
		}
		p.Breadcrumbs = r.breadcrumbs(lang, path.Dir(dir), p)
		if path.Dir(dir) == "." {
			p.Breadcrumbs = p.Breadcrumbs[:1]
		}
		p.Children = r.links(p, r.langs[lang].sections[dir])
		if err := r.write(w, p, content.Section.Spec().Layout, diags); err != nil {
			return err
		}
	}
	return nil
}

// renderTags writes, per language, a page per tag listing every document
// that carries it (guides, flows and any other), and the index of all tags
// with how many documents each has, so a reader can browse by topic.
func (r *Renderer) renderTags(rec *deps.Reads, w output.Writer, diags *diag.List) error {
	rec.Add(InputKey(InConfig))
	for _, lang := range r.site.Langs {
		rec.Add(InputKey(InLists, lang))
		ld := r.langs[lang]
		if len(ld.tagNames) == 0 {
			continue
		}
		rec.Add(InputKey(InString, lang, "home"))
		rec.Add(InputKey(InString, lang, "all_tags"))
		home := Link{Title: r.cat.T(lang, "home"), URL: "/" + lang + "/"}
		index := Link{Title: r.cat.T(lang, "all_tags"), URL: tagsPath(lang)}
		for _, tag := range ld.tagNames {
			p := r.newPage(rec, lang, "tag", tagPath(lang, tag))
			p.Title = p.T("tagged", "tag", ld.tagTitle[tag])
			p.Children = r.links(p, ld.tags[tag])
			p.Switcher = []LangLink{{Code: lang, Name: ld.info.Name, URL: p.URL, Current: true}}
			p.Breadcrumbs = r.crumbs(p, home, index)
			if err := r.write(w, p, "tag.html", diags); err != nil {
				return err
			}
		}
		p := r.newPage(rec, lang, "tags", tagsPath(lang))
		p.Title = index.Title
		for _, tag := range ld.tagNames {
			n := len(ld.tags[tag])
			p.Children = append(p.Children, Card{Title: ld.tagTitle[tag], URL: r.link(p.Path, tagPath(lang, tag)), Summary: p.N("pages_count", n), Count: n, Kind: "tag"})
		}
		p.Switcher = []LangLink{{Code: lang, Name: ld.info.Name, URL: p.URL, Current: true}}
		p.Breadcrumbs = r.crumbs(p, home)
		if err := r.write(w, p, "tags.html", diags); err != nil {
			return err
		}
	}
	return nil
}

// crumbs turns site-root links into breadcrumbs from page p.
func (r *Renderer) crumbs(p *Page, ls ...Link) []Link {
	out := make([]Link, len(ls))
	for i, l := range ls {
		out[i] = Link{Title: l.Title, URL: r.link(p.Path, l.URL)}
	}
	return out
}

// renderSpecial writes the root language chooser and the 404 pages.
func (r *Renderer) renderSpecial(rec *deps.Reads, w output.Writer, diags *diag.List) error {
	def := r.cfg.DefaultLanguage
	p := r.newPage(rec, def, "chooser", "/")
	p.Title = p.T("choose_language")
	r.fillSwitcher(p, func(l string) string { return "/" + l + "/" }, nil)
	p.Canonical = r.permalink("/")
	p.Entries = r.entries(p)
	if err := r.write(w, p, "chooser.html", diags); err != nil {
		return err
	}
	for _, lang := range r.site.Langs {
		p := r.newPage(rec, lang, "404", "/"+lang+"/404.html")
		p.Title = p.T("page_not_found_title")
		r.fillSwitcher(p, func(l string) string { return "/" + l + "/404.html" }, nil)
		if err := r.write(w, p, "404.html", diags); err != nil {
			return err
		}
		if lang == def {
			// The host's catch-all 404 lives at the root; a plain host or
			// a copy on a USB stick serves it for every missing page,
			// whatever the reader's language, so it speaks every language
			// and offers each one's home and flows. Its links must work
			// from any depth, so they are written from the root.
			p := r.newPage(rec, lang, "404", "/404.html")
			p.Title = p.T("page_not_found_title")
			r.fillSwitcher(p, func(l string) string { return "/" + l + "/404.html" }, nil)
			p.Entries = r.entries(p)
			if err := r.write(w, p, "404.html", diags); err != nil {
				return err
			}
		}
	}
	return nil
}

// entries describes every language's way into the site, in its own words,
// with links from page p.
func (r *Renderer) entries(p *Page) []LangEntry {
	var out []LangEntry
	flows := content.Flow.Spec().Dir
	for _, lang := range r.site.Langs {
		// Every language's strings and lists, read here from a page of
		// one language.
		for _, k := range []string{"continue_in", "page_not_found_title", "page_not_found_text", "go_home"} {
			p.read(InString, lang, k)
		}
		p.read(InShell, lang)
		p.read(InLists, lang)
		p.read(InSection, lang, flows)
		ui := r.cat.UILang(lang)
		e := LangEntry{
			Code:         lang,
			Name:         r.language(lang).Name,
			URL:          r.link(p.Path, "/"+lang+"/"),
			TextLang:     ui,
			Prompt:       r.cat.T(lang, "continue_in", "language", r.languageIn(lang, lang).Name),
			NotFound:     r.cat.T(lang, "page_not_found_title"),
			NotFoundText: r.cat.T(lang, "page_not_found_text"),
			GoHome:       r.cat.T(lang, "go_home"),
			Flows:        r.links(p, r.langs[lang].flows),
			FlowsTitle:   r.sectionTitle(lang, flows),
		}
		out = append(out, e)
	}
	return out
}

// writeSitemap lists every page that is a real translation, with its
// alternates, so search engines find each language's version.
func (r *Renderer) writeSitemap(rec *deps.Reads, w output.Writer, _ *diag.List) error {
	rec.Add(InputKey(InConfig))
	rec.Add(InputKey(InAllDocs))
	type alt struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type entry struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
		Alts    []alt  `xml:"xhtml:link"`
	}
	var entries []entry
	add := func(paths map[string]string, lastmod map[string]content.Date) {
		var alts []alt
		for _, lang := range r.site.Langs {
			if p, ok := paths[lang]; ok {
				alts = append(alts, alt{Rel: "alternate", Hreflang: lang, Href: r.permalink(p)})
			}
		}
		for _, lang := range r.site.Langs {
			p, ok := paths[lang]
			if !ok {
				continue
			}
			e := entry{Loc: r.permalink(p), Lastmod: lastmod[lang].ISO()}
			if len(alts) > 1 {
				e.Alts = alts
			}
			entries = append(entries, e)
		}
	}
	all := func(at func(string) string) map[string]string {
		m := map[string]string{}
		for _, l := range r.site.Langs {
			m[l] = at(l)
		}
		return m
	}
	add(all(func(l string) string { return "/" + l + "/" }), nil)
	for _, g := range r.site.Groups {
		if g.Kind == content.Home {
			continue
		}
		paths, mods := map[string]string{}, map[string]content.Date{}
		for lang, d := range g.Docs {
			paths[lang] = g.Path(lang)
			mods[lang] = d.Meta.Reviewed
		}
		add(paths, mods)
		// A flow's steps are pages too, the same steps in every language.
		if d, _ := g.Source(r.cfg.DefaultLanguage, r.site); g.Kind == content.Flow && d != nil && d.Parsed.Flow != nil {
			for _, n := range d.Parsed.Flow.Nodes {
				steps := map[string]string{}
				for lang := range g.Docs {
					steps[lang] = g.StepPath(lang, n.ID)
				}
				add(steps, mods)
			}
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(r.site.Sections)) {
		if dir != "" && r.site.Lookup(path.Join(dir, "_index")) == nil {
			add(all(func(l string) string { return "/" + l + "/" + dir + "/" }), nil)
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Loc < entries[j].Loc })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	for _, e := range entries {
		if err := enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: "url"}}); err != nil {
			return err
		}
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	b.WriteString("\n</urlset>\n")
	return w.WriteFile("sitemap.xml", b.Bytes())
}
