package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"github.com/lexsite/lexsite/internal/deps"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/site"
)

// This file makes what helps people find and share pages: robots.txt, the
// Atom feed of each language, the Open Graph fields of every page and the
// schema.org descriptions of guides and flows. Sitemap: lists.go.

// maxFeedEntries caps a feed: readers poll it, so it stays small.
const maxFeedEntries = 50

// langMeta is what every page of a language shares for sharing and feeds.
type langMeta struct {
	// image is the absolute address of the organisation's logo, or "".
	image string
	// feed is the language's Atom feed; nil when the language has no
	// translated guide or flow to put in it.
	feed *atomFeed
}

// prepareMeta computes each language's feed and shared image once.
func (r *Renderer) prepareMeta() map[string]*langMeta {
	out := map[string]*langMeta{}
	for _, lang := range r.site.Langs {
		image := r.logoURL(lang)
		out[lang] = &langMeta{image: image, feed: r.feed(lang, image)}
	}
	return out
}

// logoURL is the absolute address of the organisation's logo in lang, for
// og:image: only a site-root path of a file of static/, never another host.
func (r *Renderer) logoURL(lang string) string {
	logo := r.cfg.Org(lang).Logo
	if !r.logoOK(logo) {
		return ""
	}
	return r.permalink((&url.URL{Path: logo}).EscapedPath())
}

// logoOK reports whether logo is a site-root path of a file of static/:
// a page never needs another host, and a missing file is a broken image.
func (r *Renderer) logoOK(logo string) bool {
	if !strings.HasPrefix(logo, "/") || strings.HasPrefix(logo, "//") || strings.ContainsAny(logo, "?#\\") {
		return false
	}
	return r.fsys.Exists("static" + logo)
}

// checkLogos warns about an organisation logo the pages cannot show, at
// the setting in lexsite.toml; the pages then go without it.
func (r *Renderer) checkLogos(diags *diag.List) {
	check := func(logo string, key ...string) {
		if logo == "" || r.logoOK(logo) {
			return
		}
		line, col := r.cfg.Pos(key...)
		diags.Warnf(r.cfg.Path, line, col, "logo %q is not a file of static/: write the path of an image below the site root, such as \"/images/logo.svg\" for static/images/logo.svg. Pages are shown without it", logo)
	}
	check(r.cfg.Organisation.Logo, "organisation", "logo")
	for _, code := range r.cfg.LanguageOrder {
		if l := r.cfg.Languages[code]; l != nil {
			check(l.Organisation.Logo, "languages", code, "organisation", "logo")
		}
	}
}

// ogLocale writes a BCP 47 tag the way Open Graph writes locales: "pt_BR".
func ogLocale(tag string) string { return strings.ReplaceAll(tag, "-", "_") }

// fillMeta sets the Open Graph and feed fields of p, once everything else
// about it is known.
func (r *Renderer) fillMeta(p *Page) {
	switch p.Kind {
	case "guide", "statute", "flow", "step":
		p.OGType = "article"
	default:
		p.OGType = "website"
	}
	// An untranslated page shares its original (og:url is the canonical
	// address), so it speaks for the original's language.
	lang := p.Lang.Code
	if p.Fallback && p.SourceLanguage.Code != "" {
		lang = p.SourceLanguage.Code
	}
	p.OGLocale = ogLocale(lang)
	p.OGLocaleAlternates = nil
	for _, a := range p.Alternates {
		if a.Code != lang {
			p.OGLocaleAlternates = append(p.OGLocaleAlternates, ogLocale(a.Code))
		}
	}
	lm := r.meta[p.Lang.Code]
	if lm == nil {
		return
	}
	p.OGImage = lm.image
	if lm.feed != nil && p.Kind != "chooser" {
		p.FeedURL = r.link(p.Path, feedPath(p.Lang.Code))
	}
}

// writeRobots writes robots.txt, pointing crawlers at the sitemap, unless
// static/ (the site's, a base's) has its own, which writeStatic copies.
func (r *Renderer) writeRobots(w output.Writer) error {
	if r.fsys.Exists("static/robots.txt") {
		return nil
	}
	body := "User-agent: *\nAllow: /\n\nSitemap: " + r.permalink("/sitemap.xml") + "\n"
	return w.WriteFile("robots.txt", []byte(body))
}

func feedPath(lang string) string { return "/" + lang + "/feed.xml" }

// atomFeed is an Atom feed (RFC 4287).
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomAuthor  `xml:"author"`
	Logo     string      `xml:"logo,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Link     atomLink `xml:"link"`
	Updated  string   `xml:"updated"`
	Summary  string   `xml:"summary,omitempty"`
	reviewed content.Date
}

// feed builds lang's feed: its own guides and flows (translations, not
// fallbacks), the most recently reviewed first. Its updated date is the
// newest entry's, so the same sources give the same feed.
func (r *Renderer) feed(lang, logo string) *atomFeed {
	var entries []atomEntry
	for _, g := range r.site.Groups {
		d := g.Docs[lang]
		if d == nil || (g.Kind != content.Guide && g.Kind != content.Flow) || d.Meta.Reviewed.IsZero() {
			continue
		}
		u := r.permalink(g.Path(lang))
		entries = append(entries, atomEntry{
			ID: u, Title: d.Meta.Title, Summary: d.Meta.Summary,
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Updated:  atomTime(d.Meta.Reviewed),
			reviewed: d.Meta.Reviewed,
		})
	}
	if len(entries) == 0 {
		return nil
	}
	slices.SortStableFunc(entries, func(a, b atomEntry) int {
		if c := b.reviewed.Compare(a.reviewed.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if len(entries) > maxFeedEntries {
		entries = entries[:maxFeedEntries]
	}
	title := r.cfg.SiteTitle(lang)
	author := r.cfg.Org(lang).Name
	if author == "" {
		author = title
	}
	self := r.permalink(feedPath(lang))
	f := &atomFeed{
		Lang:     lang,
		ID:       self,
		Title:    title,
		Subtitle: r.cat.T(lang, "feed_title", "site", title),
		Updated:  entries[0].Updated,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Hreflang: lang, Href: r.permalink("/" + lang + "/")},
		},
		Author:  atomAuthor{Name: author},
		Logo:    logo,
		Entries: entries,
	}
	return f
}

// atomTime writes a reviewed date as an Atom date: midnight UTC.
func atomTime(d content.Date) string { return d.Format("2006-01-02") + "T00:00:00Z" }

// writeFeeds writes /<lang>/feed.xml for each language that has one.
func (r *Renderer) writeFeeds(rec *deps.Reads, w output.Writer, _ *diag.List) error {
	rec.Add(InputKey(InConfig))
	for _, lang := range r.site.Langs {
		rec.Add(InputKey(InFeed, lang))
		f := r.meta[lang].feed
		if f == nil {
			continue
		}
		var b bytes.Buffer
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(&b)
		enc.Indent("", "  ")
		if err := enc.Encode(f); err != nil {
			return err
		}
		b.WriteString("\n")
		if err := w.WriteFile(strings.TrimPrefix(feedPath(lang), "/"), b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// docLD describes a guide (schema.org Article) or a flow's overview
// (WebPage about the laws it applies), in the language it is written in:
// on an untranslated page it describes the original, like the canonical
// link.
func (r *Renderer) docLD(p *Page, g *site.Group, d *site.Doc) template.JS {
	m := d.Meta
	p.read(InShell, d.Lang) // the logo, in the language of the text
	ld := map[string]any{
		"@context":            "https://schema.org",
		"@id":                 p.Canonical,
		"url":                 p.Canonical,
		"inLanguage":          d.Lang,
		"isAccessibleForFree": true,
		"isPartOf": map[string]any{
			"@type": "WebSite",
			"name":  r.cfg.SiteTitle(d.Lang),
			"url":   r.permalink("/" + d.Lang + "/"),
		},
	}
	if m.Summary != "" {
		ld["description"] = m.Summary
	}
	if !m.Reviewed.IsZero() {
		ld["dateModified"] = m.Reviewed.ISO()
	}
	if org := r.cfg.Org(d.Lang); org.Name != "" {
		pub := map[string]any{"@type": "Organization", "name": org.Name}
		if strings.HasPrefix(org.Website, "https://") || strings.HasPrefix(org.Website, "http://") {
			pub["url"] = org.Website
		}
		if lm := r.meta[d.Lang]; lm != nil && lm.image != "" {
			pub["logo"] = map[string]any{"@type": "ImageObject", "url": lm.image}
		}
		ld["publisher"] = pub
	}
	laws := r.lawsCited(p, d)
	switch g.Kind {
	case content.Flow:
		// A decision tree is not a HowTo (one path of steps): it is a page
		// about applying the laws it relies on.
		ld["@type"] = "WebPage"
		ld["name"] = m.Title
		if laws != nil {
			ld["about"] = laws
		}
	default:
		ld["@type"] = "Article"
		ld["headline"] = m.Title
		if laws != nil {
			ld["citation"] = laws
		}
	}
	b, err := json.Marshal(ld) // escapes <, > and & for a script element
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// lawsCited lists the statute pages d cites, each once, in the order first
// cited: the Legislation descriptions of those pages, by address.
func (r *Renderer) lawsCited(p *Page, d *site.Doc) []any {
	var out []any
	seen := map[*site.Law]bool{}
	for _, t := range d.Cites {
		if t.Law == nil || seen[t.Law] {
			continue
		}
		seen[t.Law] = true
		p.read(InLaw, t.Law.Key)
		target := t.Law.Doc(d.Lang, r.site)
		if target == nil {
			continue
		}
		u := r.permalink(t.Law.Group.Path(target.Lang))
		out = append(out, map[string]any{"@type": "Legislation", "@id": u, "url": u, "name": target.Meta.Title})
	}
	return out
}
