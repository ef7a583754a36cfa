package render

import (
	"github.com/lexsite/lexsite/internal/deps"
	"html/template"
	"strings"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
)

// Page is what a template sees. Its fields and methods are a public contract:
// sites override templates, so renaming one breaks their copies (docs/templates.md).
type Page struct {
	r *Renderer
	// rec collects what the page reads, for the preview's next build.
	rec *deps.Reads

	// Kind is home, section, guide, statute, flow, step, page, tag, tags
	// (the index of tags), 404 or chooser.
	Kind string
	// Lang is the language the page is part of (its navigation and UI text).
	Lang Language
	// Site holds site-wide settings in the page's language.
	Site *SiteInfo

	Title   string
	Summary string
	// Content is the rendered Markdown body.
	Content template.HTML
	// ContentLang is the language of Title, Summary and Content when it is
	// not Lang: the page is shown untranslated.
	ContentLang string
	// Fallback is true on a page shown untranslated; SourceLanguage names
	// the language it is shown in.
	Fallback       bool
	SourceLanguage Language

	Reviewed content.Date
	Tags     []Link
	TOC      []*TOCItem

	// Path is the page's address below the site root, "/en/guides/x/".
	Path string
	// URL is how links to this page are written; Permalink is absolute.
	URL       string
	Permalink string
	// Canonical is the permalink search engines should index (the
	// original's, on an untranslated page).
	Canonical string

	// Switcher has one entry per configured language, leading to this
	// document in that language.
	Switcher []LangLink
	// Alternates lists the real translations (for hreflang), with XDefault
	// the version for readers whose language the site does not have.
	Alternates []LangLink
	XDefault   string

	Breadcrumbs []Link
	Nav         []Link
	FooterNav   []Link

	// Guides, Flows, Statutes and Pages list documents in this language
	// (home and section pages); Children lists a section's documents.
	Guides   []Card
	Flows    []Card
	Statutes []Card
	Pages    []Card
	Children []Card
	// MainFlow, on the home page, leads straight to the first step of the
	// site's main flow — the first of Flows, so the lowest weight — so a
	// reader can start without scrolling; nil when there are no flows.
	MainFlow *Link
	// Entries, on the root language chooser and the root 404 page, has one
	// entry per configured language written in that language: those pages
	// are served before the reader has chosen one, so each must speak to
	// every reader. Empty elsewhere.
	Entries []LangEntry

	// Flow describes the flow on a flow's overview and step pages; nil
	// elsewhere.
	Flow *FlowInfo
	// Statute describes the law on a statute excerpt's page; nil elsewhere.
	Statute *StatuteInfo
	// Related lists the guides that cite the same articles as this one.
	Related []Card
	// JSONLD is the page's schema.org description, for a
	// <script type="application/ld+json"> element.
	JSONLD template.JS

	// OGType is the page's Open Graph type: "article" on guides, statutes,
	// flows and their steps, "website" elsewhere.
	OGType string
	// OGLocale is the language of the page's text written as Open Graph
	// writes locales (the BCP 47 tag with "_" for "-": "pt_BR");
	// OGLocaleAlternates are those of its other real translations.
	OGLocale           string
	OGLocaleAlternates []string
	// OGImage is the complete address of the organisation's logo, for
	// og:image; empty when none is configured.
	OGImage string
	// FeedURL is the link to the Atom feed of the page's language; empty
	// when the language has no feed (and on the language chooser).
	FeedURL string
}

// Language describes a configured language.
type Language struct {
	Code string
	Name string
	// Dir is "ltr" or "rtl".
	Dir string
}

// SiteInfo is site-wide data in one language.
type SiteInfo struct {
	Title        string
	HomeURL      string
	Languages    []LangLink
	Organisation config.Organisation
	// Help lists where to get help with one's own case, in this language.
	Help        []config.HelpContact
	Disclaimer  string
	DefaultLang string
}

// Link is a titled address.
type Link struct {
	Title   string
	URL     string
	Current bool
}

// LangLink leads to a document in one language.
type LangLink struct {
	Code      string
	Name      string
	URL       string
	Permalink string
	Current   bool
	// Fallback is true when that language shows the document untranslated.
	Fallback bool
}

// LangEntry is a language's way into the site, in its own words.
type LangEntry struct {
	// Code and Name are the language's tag and endonym; URL is its home.
	Code string
	Name string
	URL  string
	// TextLang is the language the texts below are written in: Code, or
	// the language whose UI strings it falls back to.
	TextLang string
	// Prompt invites the reader in ("Continue in English").
	Prompt string
	// NotFound, NotFoundText and GoHome are the 404 page's title, text and
	// link to the home page.
	NotFound     string
	NotFoundText string
	GoHome       string
	// Flows lists the language's flows, main flow first.
	Flows []Card
	// FlowsTitle names the flows as that language does.
	FlowsTitle string
}

// Card is a document in a list.
type Card struct {
	Title    string
	Summary  string
	URL      string
	Reviewed content.Date
	// Lang is set when the card's text is not in the list's language.
	Lang string
	Kind string
	// Count is how many documents carry a tag, on the index of tags.
	Count int
	// Weight is the document's weight front matter (0 when unset).
	Weight int
}

// TOCItem is a heading in a table of contents.
type TOCItem struct {
	ID       string
	Text     string
	Children []*TOCItem
}

// T returns the UI string key in the page's language; args are name, value
// pairs for {name} placeholders.
func (p *Page) T(key string, args ...any) string {
	p.read(InString, p.Lang.Code, key)
	return p.r.cat.T(p.Lang.Code, key, args...)
}

// N returns the plural UI string key for count n.
func (p *Page) N(key string, n int, args ...any) string {
	p.read(InString, p.Lang.Code, key)
	return p.r.cat.N(p.Lang.Code, key, n, args...)
}

// Date writes d the way the page's language writes dates.
func (p *Page) Date(d content.Date) string {
	if d.IsZero() {
		return ""
	}
	p.read(InDate, p.Lang.Code)
	return p.r.cat.Date(p.Lang.Code, d.Time)
}

// Asset returns the address of a file from static/, such as "css/site.css":
// for a style sheet or script, of its minified, fingerprinted copy.
func (p *Page) Asset(name string) string {
	return p.r.link(p.Path, p.r.assetPath(name))
}

// Tel returns a tel: address for a phone number as people write it
// ("+86 10 1234 5678"): its digits, with a leading plus kept. html/template
// does not trust the tel: scheme in a plain string, so the address is built
// here from nothing but those characters.
func (p *Page) Tel(number string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(number) {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// ShortURL writes a web address the way people read it out: without
// "https://" and without the "/" that ends the address of a home page
// ("www.12315.cn"). The link keeps the whole address.
func (p *Page) ShortURL(address string) string {
	s := strings.TrimSpace(address)
	for _, scheme := range []string{"https://", "http://"} {
		if len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			s = s[len(scheme):]
			break
		}
	}
	if host, rest, _ := strings.Cut(s, "/"); rest == "" {
		s = host
	}
	return s
}

// LanguageName names a configured language the way this page's language
// does ("chino" on a Spanish page), for sentences that mention one.
func (p *Page) LanguageName(code string) string { return p.r.languageIn(p.Lang.Code, code).Name }

// Rel returns how this page links to a site-root path ("/en/guides/").
func (p *Page) Rel(sitePath string) string { return p.r.link(p.Path, sitePath) }

// HasCode reports whether the page's content holds highlighted code, whose
// colours are in css/chroma.css: head.html links that style sheet only
// then, so that the many pages without code do not load it. Highlighted
// code is marked by the class the highlighter writes on its <pre>; text
// that merely shows such markup is escaped and does not count.
func (p *Page) HasCode() bool {
	return strings.Contains(string(p.Content), `<pre class="chroma"`)
}
