package render

import (
	"encoding/json"
	"html"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/i18n"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/site"
	"github.com/lexsite/lexsite/internal/statute"
)

// StatuteInfo is what a statute excerpt's page shows about the law.
type StatuteInfo struct {
	ShortTitle string
	// Jurisdiction is the code ("CN") and JurisdictionName its name in the
	// page's language.
	Jurisdiction, JurisdictionName string
	Enacted, Amended, Effective    content.Date
	// Source is the official text's address and SourceTitle its link
	// text: the source's name from front matter, else the address's host,
	// since a bare address tells a reader little and reads badly aloud.
	Source, SourceTitle string
	// Authoritative is true on the official-language version; elsewhere
	// AuthoritativeURL leads to this site's copy of it and
	// AuthoritativeLanguage names its language, with Name in the page's
	// language ("Chinese" on an English page, not "中文").
	Authoritative         bool
	AuthoritativeURL      string
	AuthoritativeLanguage Language
	// Articles lists the excerpt's articles, with their anchors.
	Articles []Link
}

// expander fills a document's placeholders for one page.
type expander struct {
	r    *Renderer
	p    *Page // the page, which records what the text leads to
	d    *site.Doc
	lang string // the page's language
	from string // the page's path
}

func (x expander) Link(i int) string {
	r, d := x.r, x.d
	t, ok := d.Targets[i]
	if !ok {
		return attr(d.Parsed.Links[i].Dest)
	}
	var dest string
	switch {
	case t.Static != "":
		// A style sheet or script linked from the text is, like the
		// pages' own, under its fingerprinted name.
		dest = t.Static
		if strings.HasPrefix(dest, "/") {
			dest = r.assetPath(dest)
		}
		dest = r.link(x.from, dest)
	case t.Step != "":
		dest = r.link(x.from, t.Group.StepPath(x.lang, t.Step))
	case t.Group != nil:
		tl := x.lang
		if t.Lang != "" {
			tl = t.Lang
		}
		dest = r.link(x.from, t.Group.Path(tl))
	}
	if t.Fragment != "" {
		dest += "#" + t.Fragment
	}
	return attr(dest)
}

// Cite writes a citation as a link. Its text is in the language of the
// document it is written in; it leads to the excerpt in the page's
// language, else the authoritative one, which the link then names.
func (x expander) Cite(i int) string {
	r, d := x.r, x.d
	c := d.Parsed.Cites[i]
	var t site.CiteTarget
	if i < len(d.Cites) {
		t = d.Cites[i]
	}
	if t.Law == nil {
		if c.Auto {
			return html.EscapeString(c.Text)
		}
		return html.EscapeString(c.Raw)
	}
	x.p.read(InLaw, t.Law.Key)
	text := c.Text
	if text == "" {
		x.p.read(InStyle, d.Lang)
		text = r.cat.Citation(d.Lang).Style().Format(c.Ref, t.Law.Title(d.Lang, r.site))
	}
	return x.citeAs(i, t, text)
}

// citeLink writes citation i in full, however the text wrote it: for lists
// of what a page relies on.
func (x expander) citeLink(i int) string {
	t := x.d.Cites[i]
	c := x.d.Parsed.Cites[i]
	x.p.read(InLaw, t.Law.Key)
	x.p.read(InStyle, x.d.Lang)
	return x.citeAs(i, t, x.r.cat.Citation(x.d.Lang).Style().Format(c.Ref, t.Law.Title(x.d.Lang, x.r.site)))
}

// citeAs writes citation i, leading to t, with the given text.
func (x expander) citeAs(i int, t site.CiteTarget, text string) string {
	r, c := x.r, x.d.Parsed.Cites[i]
	pc := Citation{Text: text}
	x.p.read(InTemplate, citationPartial)
	if t.Outside {
		if t.Law.Source != "" {
			pc.URL, pc.Outside = t.Law.Source, true
			pc.Note = x.p.T("outside_collection")
		}
		return r.partials.citation(pc)
	}
	target := t.Law.Doc(x.lang, r.site)
	pc.URL = r.link(x.from, t.Law.Group.Path(target.Lang))
	if a := c.Ref.Anchor(); a != "" {
		pc.URL += "#" + a
	}
	if target.Lang != x.lang {
		pc.Lang = target.Lang
		pc.LangNote = x.p.T("link_language", "language", r.languageIn(x.lang, target.Lang).Name)
	}
	return r.partials.citation(pc)
}

// Slot writes, at the end of an article, where it is cited.
func (x expander) Slot(i int) string {
	r, d := x.r, x.d
	if i >= len(d.Parsed.Articles) || d.Kind != content.Statute {
		return ""
	}
	a := d.Parsed.Articles[i]
	x.p.read(InCitedIn, d.Slug, d.Lang, strconv.Itoa(a.Number))
	citers := r.site.CitedIn(d.Slug, d.Lang, a.Number)
	if len(citers) == 0 {
		return ""
	}
	// One entry per page, its sections in the order they come in it.
	var list []*CitingPage
	byGroup := map[*site.Group]*CitingPage{}
	for _, c := range citers {
		x.p.read(InFace, c.Group.Key, c.Lang)
		cd, _ := c.Group.Source(c.Lang, r.site)
		if cd == nil {
			continue
		}
		e := byGroup[c.Group]
		if e == nil {
			e = &CitingPage{Title: cd.Meta.Title, URL: r.link(x.from, c.Group.Path(c.Lang))}
			byGroup[c.Group] = e
			list = append(list, e)
		}
		switch {
		case c.Step != "":
			e.Sections = append(e.Sections, Link{Title: c.Heading, URL: r.link(x.from, c.Group.StepPath(c.Lang, c.Step))})
		case c.Fragment != "":
			e.Sections = append(e.Sections, Link{Title: c.Heading, URL: e.URL + "#" + c.Fragment})
		}
	}
	i18n.SortFunc(x.lang, list, func(e *CitingPage) string { return e.Title })
	x.p.read(InTemplate, citedInPartial)
	ci := &CitedIn{Summary: x.p.N("cited_in_count", len(list)), Pages: make([]CitingPage, len(list))}
	for j, e := range list {
		ci.Pages[j] = *e
	}
	return r.partials.citedIn(ci)
}

// fillStatute sets what a statute page shows about its law.
func (r *Renderer) fillStatute(p *Page, g *site.Group, d *site.Doc) {
	p.read(InLaw, g.Slug)
	law := r.site.Laws()[g.Slug]
	m := d.Meta
	info := &StatuteInfo{
		ShortTitle: m.ShortTitle, Jurisdiction: m.Jurisdiction,
		Enacted: m.Enacted, Amended: m.Amended, Effective: m.Effective,
		Source: m.Source, SourceTitle: sourceTitle(m.SourceTitle, m.Source), Authoritative: m.Authoritative,
	}
	if info.Jurisdiction != "" {
		info.JurisdictionName = regionName(p.Lang.Code, info.Jurisdiction)
	}
	if law != nil && !m.Authoritative && law.Authoritative != "" {
		info.AuthoritativeURL = r.link(p.Path, g.Path(law.Authoritative))
		info.AuthoritativeLanguage = r.languageIn(p.Lang.Code, law.Authoritative)
	}
	// The text of the last heading with each id, looked up once per
	// article: searching all headings for each article made a statute of
	// thousands of articles take minutes.
	headings := make(map[string]string, len(d.Parsed.Headings))
	for _, h := range d.Parsed.Headings {
		headings[h.ID] = h.Text
	}
	for _, a := range d.Parsed.Articles {
		anchor := cite.Ref{Law: g.Slug, Article: a.Number}.Anchor()
		title, ok := headings[anchor]
		if !ok {
			p.read(InStyle, d.Lang)
			title = r.cat.Citation(d.Lang).Style().Number(a.Number)
		}
		info.Articles = append(info.Articles, Link{Title: title, URL: "#" + anchor})
	}
	p.Statute = info
	p.TOC = outline(d.Parsed.Headings, d.Parsed.Articles)
	p.JSONLD = r.legislationLD(p, g, d, law)
}

// outline nests a statute's chapters, sections and articles by heading
// level, so the contents read like the law's own structure.
func outline(hs []markdown.Heading, arts []statute.Article) []*TOCItem {
	if len(arts) == 0 {
		return nil
	}
	artLevel := 0
	for _, h := range hs {
		if strings.HasPrefix(h.ID, "art-") && h.Offset == arts[0].Offset {
			artLevel = h.Level
		}
	}
	type frame struct {
		level int
		items *[]*TOCItem
	}
	var root []*TOCItem
	stack := []frame{{0, &root}}
	for _, h := range hs {
		if h.Level > artLevel || h.Level < 2 {
			continue
		}
		for len(stack) > 1 && stack[len(stack)-1].level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		it := &TOCItem{ID: h.ID, Text: h.Text}
		top := stack[len(stack)-1].items
		*top = append(*top, it)
		stack = append(stack, frame{h.Level, &it.Children})
	}
	return root
}

// regionName names a jurisdiction ("CN") in lang, or returns the code.
func regionName(lang, code string) string {
	reg, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return code
	}
	if name := display.Regions(tag).Name(reg); name != "" {
		return name
	}
	return code
}

// sourceTitle is the link text of a statute's official source: the title
// its front matter gives, else the address's host name.
func sourceTitle(title, source string) string {
	if title != "" || source == "" {
		return title
	}
	if u, err := url.Parse(source); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return source
}

// legislationLD is the schema.org Legislation description of a statute
// page, linking a translation to its original.
func (r *Renderer) legislationLD(p *Page, g *site.Group, d *site.Doc, law *site.Law) template.JS {
	m := d.Meta
	ld := map[string]any{
		"@context":                "https://schema.org",
		"@type":                   "Legislation",
		"@id":                     p.Permalink,
		"url":                     p.Permalink,
		"name":                    m.Title,
		"inLanguage":              d.Lang,
		"legislationIdentifier":   g.Slug,
		"legislationLegalForce":   "https://schema.org/InForce",
		"isAccessibleForFree":     true,
		"legislationType":         "Law",
		"alternateName":           m.ShortTitle,
		"legislationJurisdiction": m.Jurisdiction,
	}
	if m.ShortTitle == "" {
		delete(ld, "alternateName")
	}
	if m.Jurisdiction == "" {
		delete(ld, "legislationJurisdiction")
	}
	if !m.Enacted.IsZero() {
		ld["legislationDate"] = m.Enacted.ISO()
	}
	if !m.Amended.IsZero() {
		ld["dateModified"] = m.Amended.ISO()
	}
	if !m.Effective.IsZero() {
		ld["legislationDateVersion"] = m.Effective.ISO()
	}
	if m.Source != "" {
		ld["sameAs"] = m.Source
	}
	if law != nil && law.Authoritative != "" {
		if law.Authoritative != d.Lang {
			ld["translationOfWork"] = map[string]any{"@id": r.permalink(g.Path(law.Authoritative))}
		} else {
			var tr []any
			for _, lang := range r.site.Langs {
				if lang != d.Lang && g.Docs[lang] != nil {
					tr = append(tr, map[string]any{"@id": r.permalink(g.Path(lang)), "inLanguage": lang})
				}
			}
			if tr != nil {
				ld["workTranslation"] = tr
			}
		}
	}
	b, err := json.Marshal(ld)
	if err != nil {
		return ""
	}
	return template.JS(b)
}
