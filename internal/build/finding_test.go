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
