package pipeline_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/output"
)

// metaSite has a subfolder base_url, an organisation with a logo, a guide
// translated into Spanish but not Chinese, a guide only in English, a flow
// in English and Chinese, and a law the first guide cites.
const metaSite = `
-- lexsite.toml --
base_url = "https://example.org/help/"
default_language = "en"
[languages.en]
name = "English"
title = "Help"
[languages.es]
name = "Español"
title = "Ayuda"
[languages.pt-BR]
name = "Português"
[organisation]
name = "Example Legal Aid"
website = "https://legalaid.example.org/"
logo = "/images/logo.svg"
-- static/images/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/statutes/cpl.en.md --
---
title: Consumer Protection Law
short_title: Consumer Protection Law
names: [Consumer Protection Law]
---
### Article 48

An operator shall bear civil liability.
-- content/guides/returns.en.md --
---
title: Returning goods
summary: Send it back </script> & get "your" money.
reviewed: 2026-03-15
---
The seller is liable [[cpl 48]]. See [[cpl 48|the law]] again.
-- content/guides/returns.es.md --
---
title: Devolver productos
summary: Cómo devolver cosas.
reviewed: 2026-03-10
---
El vendedor responde [[cpl 48]].
-- content/guides/complain.en.md --
---
title: Making a complaint
reviewed: 2026-01-02
---
Write it down.
-- content/flows/faulty.en.md --
---
title: My goods are faulty
summary: Find out what you can ask for.
reviewed: 2026-04-01
---
Answer a question.

## Do they work? {#works}

- [Yes](#fine)
- [No](#broken)

## Nothing to do {#fine}

Keep the receipt.

## Ask for a repair {#broken}

The seller is liable [[cpl 48]].
-- content/flows/faulty.pt-BR.md --
---
title: Meus produtos têm defeito
reviewed: 2026-04-02
---
Responda.

## Funcionam? {#works}

- [Sim](#fine)
- [Não](#broken)

## Nada a fazer {#fine}

Guarde o recibo.

## Peça o conserto {#broken}

O vendedor responde [[cpl 48]].
`

// buildMeta builds a site like mustBuild, allowing only the warning that a
// language (pt-BR) has no UI strings of its own.
func buildMeta(t *testing.T, archive string) *output.Memory {
	t.Helper()
	mem, res, err := mini(t, archive, ".")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, diagText(res.Diagnostics))
	}
	for _, d := range res.Diagnostics {
		if !strings.Contains(d.Message, "there is no strings file for pt-BR") {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	return mem
}

func TestMetaRobots(t *testing.T) {
	mem := buildMeta(t, metaSite)
	want := "User-agent: *\nAllow: /\n\nSitemap: https://example.org/help/sitemap.xml\n"
	if got := page(t, mem, "robots.txt"); got != want {
		t.Errorf("robots.txt:\n%s\nwant:\n%s", got, want)
	}

	own := "User-agent: *\nDisallow: /drafts/\n"
	mem = buildMeta(t, metaSite+"-- static/robots.txt --\n"+own)
	if got := page(t, mem, "robots.txt"); got != own {
		t.Errorf("the site's own static/robots.txt must win; got:\n%s", got)
	}
}

// metaTags returns the content of each <meta property|name="…"> of a
// page, in order, keyed by the property.
func metaTags(p string) map[string][]string {
	re := regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`)
	out := map[string][]string{}
	for _, m := range re.FindAllStringSubmatch(p, -1) {
		out[m[1]] = append(out[m[1]], html.UnescapeString(m[2]))
	}
	return out
}

func TestMetaOpenGraph(t *testing.T) {
	mem := buildMeta(t, metaSite)
	en := page(t, mem, "en/guides/returns/index.html")
	tags := metaTags(en)
	for prop, want := range map[string][]string{
		"og:type":               {"article"},
		"og:title":              {"Returning goods"},
		"og:description":        {`Send it back </script> & get "your" money.`},
		"og:url":                {"https://example.org/help/en/guides/returns/"},
		"og:site_name":          {"Help"},
		"og:locale":             {"en"},
		"og:locale:alternate":   {"es"}, // pt-BR shows it untranslated
		"og:image":              {"https://example.org/help/images/logo.svg"},
		"article:modified_time": {"2026-03-15"},
		"twitter:card":          {"summary"},
	} {
		if got := tags[prop]; !slices.Equal(got, want) {
			t.Errorf("en guide: %s = %q, want %q", prop, got, want)
		}
	}
	if !strings.Contains(en, `<link rel="alternate" type="application/atom+xml" href="/help/en/feed.xml" title="Help: recently reviewed guides">`) {
		t.Errorf("en guide lacks the feed link")
	}

	// A guide without summary has no og:description.
	if tags := metaTags(page(t, mem, "en/guides/complain/index.html")); tags["og:description"] != nil || tags["og:locale:alternate"] != nil {
		t.Errorf("complain guide: description %q, alternates %q; want none", tags["og:description"], tags["og:locale:alternate"])
	}

	// The flow's translation is pt-BR: its locale is written pt_BR.
	pt := metaTags(page(t, mem, "pt-BR/flows/faulty/index.html"))
	if got := pt["og:locale"]; !slices.Equal(got, []string{"pt_BR"}) {
		t.Errorf("pt-BR flow: og:locale %q", got)
	}
	if got := pt["og:locale:alternate"]; !slices.Equal(got, []string{"en"}) {
		t.Errorf("pt-BR flow: og:locale:alternate %q", got)
	}
	if got := pt["og:type"]; !slices.Equal(got, []string{"article"}) {
		t.Errorf("pt-BR flow: og:type %q", got)
	}

	// An untranslated page is shared as its original.
	fb := metaTags(page(t, mem, "pt-BR/guides/returns/index.html"))
	if got := fb["og:url"]; !slices.Equal(got, []string{"https://example.org/help/en/guides/returns/"}) {
		t.Errorf("fallback page: og:url %q", got)
	}
	if got := fb["og:locale:alternate"]; !slices.Equal(got, []string{"es"}) {
		t.Errorf("fallback page: og:locale:alternate %q, want only the real translations", got)
	}

	for _, name := range []string{"en/index.html", "en/guides/index.html", "en/404.html", "index.html"} {
		if got := metaTags(page(t, mem, name))["og:type"]; !slices.Equal(got, []string{"website"}) {
			t.Errorf("%s: og:type %q, want website", name, got)
		}
	}

	// A logo elsewhere than the site's own files is not shown.
	other := strings.Replace(metaSite, `logo = "/images/logo.svg"`, `logo = "https://cdn.example.com/logo.svg"`, 1)
	mem, res, err := mini(t, other, ".")
	if err != nil {
		t.Fatalf("a logo on another host failed the build: %v", err)
	}
	if strings.Contains(page(t, mem, "en/guides/returns/index.html"), "og:image") {
		t.Errorf("og:image from another host")
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, `lexsite.toml:14:1: warning: logo "https://cdn.example.com/logo.svg" is not a file of static/`) {
		t.Errorf("a logo on another host: diagnostics\n%s\nwant a warning at the setting", got)
	}
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Link    struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func parseFeed(t *testing.T, data string) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal([]byte(data), &f); err != nil {
		t.Fatalf("the feed is not Atom XML: %v\n%s", err, data)
	}
	return f
}

func TestMetaFeed(t *testing.T) {
	mem := buildMeta(t, metaSite)
	f := parseFeed(t, page(t, mem, "en/feed.xml"))
	if f.Lang != "en" || f.Title != "Help" || f.Author != "Example Legal Aid" {
		t.Errorf("feed head: lang %q, title %q, author %q", f.Lang, f.Title, f.Author)
	}
	if f.ID != "https://example.org/help/en/feed.xml" || f.Updated != "2026-04-01T00:00:00Z" {
		t.Errorf("feed id %q, updated %q", f.ID, f.Updated)
	}
	var self, alt string
	for _, l := range f.Links {
		switch l.Rel {
		case "self":
			self = l.Href
		case "alternate":
			alt = l.Href
		}
	}
	if self != "https://example.org/help/en/feed.xml" || alt != "https://example.org/help/en/" {
		t.Errorf("feed links: self %q, alternate %q", self, alt)
	}
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.Updated+" "+e.Link.Href)
		if e.ID != e.Link.Href || e.Link.Rel != "alternate" {
			t.Errorf("entry %q: id %q, link %s %q", e.Title, e.ID, e.Link.Rel, e.Link.Href)
		}
	}
	want := []string{
		"2026-04-01T00:00:00Z https://example.org/help/en/flows/faulty/",
		"2026-03-15T00:00:00Z https://example.org/help/en/guides/returns/",
		"2026-01-02T00:00:00Z https://example.org/help/en/guides/complain/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("en entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := f.Entries[1].Summary; s != `Send it back </script> & get "your" money.` {
		t.Errorf("summary %q", s)
	}

	// Only translations: Spanish has the one guide, Portuguese the flow.
	es := parseFeed(t, page(t, mem, "es/feed.xml"))
	if len(es.Entries) != 1 || es.Entries[0].ID != "https://example.org/help/es/guides/returns/" || es.Title != "Ayuda" {
		t.Errorf("es feed: %+v", es)
	}
	pt := parseFeed(t, page(t, mem, "pt-BR/feed.xml"))
	if len(pt.Entries) != 1 || pt.Entries[0].ID != "https://example.org/help/pt-BR/flows/faulty/" {
		t.Errorf("pt-BR feed: %+v", pt)
	}

	// Every link of every page, the feed links among them, leads to a file
	// (checkLinks reads links from the site root).
	root := strings.Replace(metaSite, "https://example.org/help/", "https://example.org/", 1)
	if n := checkLinks(t, buildMeta(t, root)); n < 50 {
		t.Errorf("only %d links checked", n)
	}
}

func TestMetaFeedKeepsTheNewest50(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "-- content/guides/g%02d.md --\n---\ntitle: Guide %d\nreviewed: 2026-%02d-%02d\n---\nText.\n", i, i, 1+i%12, 1+i%28)
	}
	mem := mustBuild(t, b.String())
	f := parseFeed(t, page(t, mem, "en/feed.xml"))
	if len(f.Entries) != 50 {
		t.Fatalf("%d entries, want 50", len(f.Entries))
	}
	for i := 1; i < len(f.Entries); i++ {
		a, b := f.Entries[i-1], f.Entries[i]
		if a.Updated < b.Updated || a.Updated == b.Updated && a.ID > b.ID {
			t.Errorf("entries out of order: %s %s before %s %s", a.Updated, a.ID, b.Updated, b.ID)
		}
	}
	if f.Updated != f.Entries[0].Updated {
		t.Errorf("feed updated %q, newest entry %q", f.Updated, f.Entries[0].Updated)
	}
}

var ldScript = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

func jsonLD(t *testing.T, p string) map[string]any {
	t.Helper()
	m := ldScript.FindStringSubmatch(p)
	if m == nil {
		t.Fatalf("no JSON-LD in the page")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	return v
}

func TestMetaJSONLD(t *testing.T) {
	mem := buildMeta(t, metaSite)
	p := page(t, mem, "en/guides/returns/index.html")
	// The summary holds "</script>" and "&": written as JSON escapes, they
	// cannot end the element or be read as HTML.
	if m := ldScript.FindStringSubmatch(p); m == nil || strings.ContainsAny(m[1], "<>&") {
		t.Errorf("the JSON-LD is not escaped for a script element:\n%s", p)
	}
	ld := jsonLD(t, p)
	for k, want := range map[string]any{
		"@context":     "https://schema.org",
		"@type":        "Article",
		"headline":     "Returning goods",
		"description":  `Send it back </script> & get "your" money.`,
		"inLanguage":   "en",
		"dateModified": "2026-03-15",
		"url":          "https://example.org/help/en/guides/returns/",
	} {
		if ld[k] != want {
			t.Errorf("Article %s = %v, want %v", k, ld[k], want)
		}
	}
	site, _ := ld["isPartOf"].(map[string]any)
	if site["@type"] != "WebSite" || site["url"] != "https://example.org/help/en/" || site["name"] != "Help" {
		t.Errorf("isPartOf %v", site)
	}
	pub, _ := ld["publisher"].(map[string]any)
	logo, _ := pub["logo"].(map[string]any)
	if pub["@type"] != "Organization" || pub["name"] != "Example Legal Aid" || pub["url"] != "https://legalaid.example.org/" || logo["url"] != "https://example.org/help/images/logo.svg" {
		t.Errorf("publisher %v", pub)
	}
	cites, _ := ld["citation"].([]any)
	if len(cites) != 1 {
		t.Fatalf("citation %v, want the one law, once", ld["citation"])
	}
	if c, _ := cites[0].(map[string]any); c["@type"] != "Legislation" || c["url"] != "https://example.org/help/en/statutes/cpl/" {
		t.Errorf("citation %v", c)
	}

	// A guide that cites nothing has no citation.
	if ld := jsonLD(t, page(t, mem, "en/guides/complain/index.html")); ld["citation"] != nil || ld["description"] != nil {
		t.Errorf("complain guide: %v", ld)
	}

	// A flow's overview is a web page about the law it applies; its steps
	// have no description of their own.
	fl := jsonLD(t, page(t, mem, "en/flows/faulty/index.html"))
	about, _ := fl["about"].([]any)
	if fl["@type"] != "WebPage" || fl["name"] != "My goods are faulty" || fl["dateModified"] != "2026-04-01" || len(about) != 1 {
		t.Errorf("flow JSON-LD %v", fl)
	}
	if ldScript.MatchString(page(t, mem, "en/flows/faulty/works/index.html")) {
		t.Errorf("a flow step has JSON-LD")
	}
}

func TestMetaByteIdentical(t *testing.T) {
	a, b := buildMeta(t, metaSite).Files(), buildMeta(t, metaSite).Files()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	for _, name := range []string{"robots.txt", "en/feed.xml", "es/feed.xml", "pt-BR/feed.xml"} {
		if _, ok := a[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
}
