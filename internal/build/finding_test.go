package build_test

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
