package pipeline_test

import (
	"strings"
	"testing"
)

// findingSite has a guide and a flow sharing a tag, and a tag only the
// flow carries.
const findingSite = `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/guides/returns.md --
---
title: Returning goods
reviewed: 2026-01-01
tags: [returns]
---
Text.
-- content/flows/bought.md --
---
title: My purchase went wrong
reviewed: 2026-01-01
tags: [returns, fraud]
---
Intro.

## Did it arrive? {#arrived}

- [Yes](#ok)
- [No](#lost)

## Keep it {#ok}

Done.

## Ask for a refund {#lost}

Done.
`

// TestTagsCoverFlows checks that tags lead everywhere a reader may look for
// a topic: flows are listed on tag pages, a tag only a flow carries is a
// link on the flow, and an index lists every tag with its count.
func TestTagsCoverFlows(t *testing.T) {
	mem := mustBuild(t, findingSite)
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"en/tags/returns/index.html", []string{"Returning goods", "My purchase went wrong", `<a href="/en/tags/">All topics</a></p>`}},
		{"en/tags/fraud/index.html", []string{"My purchase went wrong"}},
		{"en/flows/bought/index.html", []string{`href="/en/tags/fraud/"`, `href="/en/tags/returns/"`}},
		{"en/tags/index.html", []string{`href="/en/tags/returns/">returns <span class="tags__count">(2 pages)</span>`, `href="/en/tags/fraud/">fraud <span class="tags__count">(1 page)</span>`}},
		{"en/index.html", []string{`href="/en/tags/">All topics</a>`}},
	} {
		got := page(t, mem, tc.page)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", tc.page, w)
			}
		}
	}
}

// TestHomeStartsTheMainFlow checks that the flow with the lowest weight is
// listed first on the home page and that its first step is offered above
// everything else, whatever the titles' order.
func TestHomeStartsTheMainFlow(t *testing.T) {
	flow := func(name, title, weight string) string {
		return "-- content/flows/" + name + ".md --\n---\ntitle: " + title + "\nreviewed: 2026-01-01\n" + weight + "---\n## Q {#q}\n\n- [A](#a)\n\n## A {#a}\n\nDone.\n"
	}
	const conf = "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n"
	for _, tc := range []struct {
		name, site, start string
		first, second     string
	}{
		{"by title without weights", conf + flow("b", "Beta", "") + flow("a", "Alpha", ""), "/en/flows/a/q/", "Alpha", "Beta"},
		{"weight before title", conf + flow("b", "Beta", "weight: 1\n") + flow("a", "Alpha", ""), "/en/flows/b/q/", "Beta", "Alpha"},
		{"lowest weight first", conf + flow("b", "Beta", "weight: 5\n") + flow("a", "Alpha", "weight: 7\n"), "/en/flows/b/q/", "Beta", "Alpha"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := page(t, mustBuild(t, tc.site), "en/index.html")
			cta := `<p class="cta"><a class="button button--start" href="` + tc.start + `">Start: ` + tc.first + `</a></p>`
			if !strings.Contains(home, cta) {
				t.Errorf("home lacks %s", cta)
			}
			if i, j := strings.Index(home, ">"+tc.first+"</a>"), strings.Index(home, ">"+tc.second+"</a>"); i < 0 || j < 0 || i > j {
				t.Errorf("%s is not listed before %s", tc.first, tc.second)
			}
		})
	}
}

// TestRootPagesSpeakEveryLanguage checks that the pages a reader meets
// before choosing a language — the root chooser and the host's catch-all
// 404 — address each configured language in its own words, marked with
// lang, and that the 404 leads to each language's home and flows. French
// has no UI strings, so its texts fall back to English and say so.
func TestRootPagesSpeakEveryLanguage(t *testing.T) {
	mem, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
default_language = "en"
[languages.en]
name = "English"
[languages.es]
name = "Español"
[languages.fr]
name = "Français"
-- content/flows/bought.en.md --
---
title: My purchase went wrong
reviewed: 2026-01-01
---
## Q {#q}

- [A](#a)

## A {#a}

Done.
-- content/flows/bought.es.md --
---
title: Mi compra salió mal
reviewed: 2026-01-01
---
## P {#q}

- [R](#a)

## R {#a}

Hecho.
`, ".")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, diagText(res.Diagnostics))
	}
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"index.html", []string{
			`<li lang="en"><a href="/en/" hreflang="en"><span class="lang-chooser__name">English</span> <span class="lang-chooser__prompt">Continue in English</span></a></li>`,
			`<li lang="es"><a href="/es/" hreflang="es"><span class="lang-chooser__name">Español</span> <span class="lang-chooser__prompt">Continuar en español</span></a></li>`,
			`<li lang="fr"><a href="/fr/" hreflang="fr"><span class="lang-chooser__name">Français</span> <span class="lang-chooser__prompt" lang="en">Continue in French</span></a></li>`,
		}},
		{"404.html", []string{
			`<section class="lost" lang="es" aria-labelledby="lost-es">`,
			`<p><strong>Página no encontrada</strong>`,
			`<a class="button" href="/es/" hreflang="es">Ir a la página de inicio</a>`,
			`<a href="/es/flows/bought/">Mi compra salió mal</a>`,
			`<a href="/en/flows/bought/">My purchase went wrong</a>`,
			`<section class="lost" lang="en" aria-labelledby="lost-fr">`,
			`<h2 id="lost-fr" lang="fr">Français</h2>`,
			`<a class="button" href="/fr/" hreflang="fr">Go to the home page</a>`,
		}},
	} {
		got := page(t, mem, tc.page)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", tc.page, w)
			}
		}
	}
	// A language's own 404 page stays in that language alone.
	if es := page(t, mem, "es/404.html"); strings.Contains(es, "Go to the home page") {
		t.Errorf("es/404.html speaks English")
	}
}

// TestStatuteContentsShowCaptions checks that an article's caption, the
// text after its label, is part of the contents list, whatever separator
// the heading uses, so the contents say what each article is about.
func TestStatuteContentsShowCaptions(t *testing.T) {
	mem := mustBuild(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/statutes/cpl.md --
---
title: Consumer Protection Law
short_title: CPL
authoritative: true
---
## Chapter I {#ch-1}

### Article 1 — Scope

Text.

### Article 2: Definitions

Text.

### Article 3

Text.
`)
	got := page(t, mem, "en/statutes/cpl/index.html")
	for _, w := range []string{
		`<li><a href="#art-1">Article 1 — Scope</a></li>`,
		`<li><a href="#art-2">Article 2: Definitions</a></li>`,
		`<li><a href="#art-3">Article 3</a></li>`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("contents lack %s", w)
		}
	}
}
