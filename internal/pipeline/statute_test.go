package pipeline_test

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// lawSite is a two-language site with one law, in an authoritative Chinese
// version and an English translation, and guides that cite it.
const lawSite = `
-- lexsite.toml --
base_url = "https://example.org/"
default_language = "en"
[languages.en]
name = "English"
[languages.zh]
name = "中文"
-- content/statutes/cpl.zh.md --
---
title: 中华人民共和国消费者权益保护法（节选）
short_title: 消费者权益保护法
names: [中华人民共和国消费者权益保护法, 消费者权益保护法]
jurisdiction: CN
enacted: 1993-10-31
amended: 2013-10-25
effective: 2014-03-15
source: https://flk.npc.gov.cn/cpl
source_title: 国家法律法规数据库
authoritative: true
---
## 第六章 争议的解决 {#ch-6}

### 第三十九条

消费者和经营者发生消费者权益争议的，可以通过下列途径解决：

1. 与经营者协商和解；
2. 请求消费者协会或者依法成立的其他调解组织调解；

## 第七章 法律责任 {#ch-7}

### 第四十八条

经营者提供商品或者服务有下列情形之一的，除本法另有规定外，应当承担民事责任：

1. 商品或者服务存在缺陷的；
2. 不具备商品应当具备的使用性能而出售时未作说明的；

经营者对消费者未尽到安全保障义务，造成消费者损害的，应当承担侵权责任。

### 第五十五条

受害人有权要求经营者依照本法第四十九条和本法第四十八条第二款等法律规定赔偿损失。
-- content/statutes/cpl.en.md --
---
title: Consumer Protection Law of the People's Republic of China (excerpts)
short_title: Consumer Protection Law
names: [Consumer Protection Law]
jurisdiction: CN
enacted: 1993-10-31
source: https://flk.npc.gov.cn/cpl
authoritative: false
---
## Chapter VI Dispute Resolution {#ch-6}

### Article 39

A dispute may be resolved by:

- consultation with the operator;
- mediation.

## Chapter VII Legal Liability {#ch-7}

### Article 48 Civil liability

An operator shall bear civil liability where:

1. the goods are defective;
2. the goods lack the performance they should have;

An operator that fails its duty of safety shall bear tort liability.

### Article 55

The victim may claim damages under Article 49 of this Law and Article 48(2) of this Law.
-- content/guides/repairs.en.md --
---
title: Getting goods repaired
reviewed: 2026-01-01
---
## Faulty goods {#faulty}

If the goods are defective, the seller is liable [[cpl 48(1)(1)]].
Article 48 of the Consumer
Protection Law says so. The Consumer Protection Law also covers services.
The Consumer Protection Law again.
Article 48 alone names no law.

## Disputes {#disputes}

You may ask for mediation [[cpl 39(1)(2)|through a mediator]].
-- content/guides/repairs.zh.md --
---
title: 修理
reviewed: 2026-01-01
---
## 有缺陷的商品 {#faulty}

商品存在缺陷的，经营者应当承担责任[[cpl 48(1)(1)]]。见《消费者权益保护法》第四十八条第二款。
-- content/guides/mediation.en.md --
---
title: Mediation
reviewed: 2026-01-01
---
See [[cpl 39]] and [[cpl 48]].
-- content/guides/delivery.en.md --
---
title: Delivery
reviewed: 2026-01-01
---
Nothing about the law here.
`

func TestStatutePage(t *testing.T) {
	mem := mustBuild(t, lawSite)
	zh := page(t, mem, "zh/statutes/cpl/index.html")
	for _, want := range []string{
		`<section class="article" aria-labelledby="art-48">`,
		`<h3 id="art-48"><a href="#art-48" title="链接到《消费者权益保护法》第四十八条">第四十八条</a></h3>`,
		`<p id="art-48-p1"><a class="para-num" href="#art-48-p1" title="链接到《消费者权益保护法》第四十八条第一款">1</a>经营者提供`,
		`<li id="art-48-p1-i2"><a class="item-num" href="#art-48-p1-i2" title="链接到《消费者权益保护法》第四十八条第一款第（二）项">（二）</a>不具备`,
		`<p id="art-39-p1">消费者和经营者`, // one paragraph: no number
		// 本法 inside the statute: Article 49 is not in the excerpt, Article 48(2) is.
		`<a class="cite cite--outside" href="https://flk.npc.gov.cn/cpl" rel="external">本法第四十九条</a>`,
		`<a class="cite" href="/zh/statutes/cpl/#art-48-p2">本法第四十八条第二款</a>`,
		`<dd>中国</dd>`,
		`<dd><a href="https://flk.npc.gov.cn/cpl" rel="external">国家法律法规数据库</a></dd>`,
		`"@type":"Legislation"`,
		`"legislationIdentifier":"cpl"`,
		`"workTranslation":[{"@id":"https://example.org/en/statutes/cpl/","inLanguage":"en"}]`,
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh statute lacks %s", want)
		}
	}
	if strings.Contains(zh, "unofficial") || strings.Contains(zh, "notice--unofficial") {
		t.Errorf("the authoritative text must not carry the unofficial-translation notice")
	}
	// "Cited in" lists the zh guide under its heading, not the en ones.
	if !regexp.MustCompile(`(?s)<section class="article" aria-labelledby="art-48">.*<details class="cited-in"><summary>1个页面引用</summary>\s*<ul>\s*<li><a href="/zh/guides/repairs/">修理</a>\s*<ul>\s*<li><a href="/zh/guides/repairs/#faulty">有缺陷的商品</a></li>`).MatchString(zh) {
		t.Errorf("zh Article 48 does not list the zh guide that cites it:\n%s", zh)
	}

	en := page(t, mem, "en/statutes/cpl/index.html")
	for _, want := range []string{
		`<aside class="notice notice--unofficial" role="note">`,
		// The notice names the language in English, leads first to the
		// official source and then to this site's copy.
		"<p>Unofficial translation. Only the Chinese text is legally authoritative.</p>\n<ul class=\"notice__links\">\n<li><a href=\"https://flk.npc.gov.cn/cpl\" hreflang=\"zh\" rel=\"external\">Read the official Chinese text</a></li>\n<li><a href=\"/zh/statutes/cpl/\" hreflang=\"zh\">This site&#39;s copy of the Chinese text</a></li>",
		// With no source_title, the official source is named by its host.
		`<dd><a href="https://flk.npc.gov.cn/cpl" rel="external">flk.npc.gov.cn</a></dd>`,
		`<h3 id="art-48"><a href="#art-48" title="Link to Consumer Protection Law, Article 48">Article 48 Civil liability</a></h3>`,
		`<li id="art-39-p1-i2"><a class="item-num" href="#art-39-p1-i2" title="Link to Consumer Protection Law, Article 39(1)(2)">(2)</a>mediation.</li>`,
		`<a class="cite" href="/en/statutes/cpl/#art-48-p2">Article 48(2) of this Law</a>`,
		`"translationOfWork":{"@id":"https://example.org/zh/statutes/cpl/"}`,
		`<summary>Cited in 2 pages</summary>`,
		`<a href="/en/guides/mediation/">Mediation</a>`,
		"<li><a href=\"/en/guides/repairs/\">Getting goods repaired</a>\n<ul>\n<li><a href=\"/en/guides/repairs/#faulty\">Faulty goods</a></li>",
		// contents: chapters with their articles
		`<li><a href="#ch-7">Chapter VII Legal Liability</a>`,
	} {
		if !strings.Contains(en, want) {
			t.Errorf("en statute lacks %s", want)
		}
	}
}

func TestCitationsInGuides(t *testing.T) {
	mem := mustBuild(t, lawSite)
	en := page(t, mem, "en/guides/repairs/index.html")
	for _, want := range []string{
		`<a class="cite" href="/en/statutes/cpl/#art-48-p1-i1">Consumer Protection Law, Article 48(1)(1)</a>`,
		`<a class="cite" href="/en/statutes/cpl/#art-39-p1-i2">through a mediator</a>`,
		// a mention across a line break
		`<a class="cite" href="/en/statutes/cpl/#art-48">Article 48 of the Consumer Protection Law</a>`,
		// a law named without an article links the law
		`<a class="cite" href="/en/statutes/cpl/">Consumer Protection Law</a> also covers`,
		// but only once
		`The Consumer Protection Law again.`,
		// the false friend stays text
		"Article 48 alone names no law.",
		// related guides: the other guide citing the same articles
		`<a class="card__title" href="/en/guides/mediation/">Mediation</a>`,
	} {
		if !strings.Contains(en, want) {
			t.Errorf("en guide lacks %s\n", want)
		}
	}
	if strings.Contains(en, "/en/guides/delivery/") && strings.Contains(en, `class="related"`) && strings.Contains(en[strings.Index(en, `class="related"`):], "Delivery") {
		t.Errorf("a guide citing nothing is listed as related")
	}
	zh := page(t, mem, "zh/guides/repairs/index.html")
	for _, want := range []string{
		`<a class="cite" href="/zh/statutes/cpl/#art-48-p1-i1">《消费者权益保护法》第四十八条第一款第（一）项</a>`,
		`<a class="cite" href="/zh/statutes/cpl/#art-48-p2">《消费者权益保护法》第四十八条第二款</a>`,
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh guide lacks %s\n%s", want, zh)
		}
	}
	// An English guide shown untranslated on the zh site cites in English
	// and leads to the zh excerpt.
	fb := page(t, mem, "zh/guides/mediation/index.html")
	if !strings.Contains(fb, `<a class="cite" href="/zh/statutes/cpl/#art-39">Consumer Protection Law, Article 39</a>`) {
		t.Errorf("fallback page citation:\n%s", fb)
	}
}

func TestCitationFallsBackToAuthoritativeText(t *testing.T) {
	archive := strings.Replace(lawSite, "[languages.zh]", "[languages.es]\nname = \"Español\"\n[languages.zh]", 1) + `-- content/guides/extra.es.md --
---
title: Extra
reviewed: 2026-01-01
---
Vea [[cpl 48]].
`
	mem, res, err := mini(t, archive, ".")
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	es := page(t, mem, "es/guides/extra/index.html")
	want := `<a class="cite" href="/zh/statutes/cpl/#art-48" hreflang="zh">Consumer Protection Law, artículo 48</a> <span class="cite__lang">(chino)</span>`
	if !strings.Contains(es, want) {
		t.Errorf("a citation with no excerpt in the page's language must lead to the authoritative text and say so:\nwant %s\n%s", want, es)
	}
}

func TestStatuteAndCitationErrors(t *testing.T) {
	const cfg = "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[languages.zh]\nname = \"中文\"\n"
	const law = "-- content/statutes/cpl.en.md --\n---\ntitle: CPL\nshort_title: Consumer Protection Law\n---\n### Article 48\n\nFirst.\n\n1. one\n2. two\n\nSecond.\n"
	guide := func(body string) string {
		return "-- content/guides/g.en.md --\n---\ntitle: G\nreviewed: 2026-01-01\n---\n" + body + "\n"
	}
	tests := []struct {
		name, archive string
		want          string
	}{
		{"unknown law", cfg + law + guide("See [[xyz 48]]."), `^content/guides/g\.en\.md:5:5: error: \[\[xyz 48\]\] cites a law "xyz", but there is no statute with that key`},
		{"article not in the excerpt", cfg + law + guide("See [[cpl 49]]."), `^content/guides/g\.en\.md:5:5: error: \[\[cpl 49\]\]: Article 49 is not in the cpl excerpt \(content/statutes/cpl\.en\.md\), which holds Article 48`},
		{"paragraph out of range", cfg + law + guide("See [[cpl 48(3)]]."), `^content/guides/g\.en\.md:5:5: error: \[\[cpl 48\(3\)\]\]: Article 48 has 2 paragraphs, so there is no paragraph 3`},
		{"item out of range", cfg + law + guide("See [[cpl 48(1)(3)]]."), `^content/guides/g\.en\.md:5:5: error: \[\[cpl 48\(1\)\(3\)\]\]: paragraph 1 of Article 48 has 2 items, so there is no item 3`},
		{"item of a paragraph without items", cfg + law + guide("See [[cpl 48(2)(1)]]."), `^content/guides/g\.en\.md:5:5: error: .*paragraph 2 of Article 48 has no items, so there is no item 1`},
		{"malformed article number", cfg + law + guide("See [[cpl 4x]]."), `^content/guides/g\.en\.md:5:\d+: error: \[\[cpl 4x\]\] is not a citation: `},
		{"unclosed paragraph", cfg + law + guide("See [[cpl 48(]]."), `^content/guides/g\.en\.md:5:\d+: error: \[\[cpl 48\(\]\] is not a citation: `},
		{"duplicate article", cfg + "-- content/statutes/cpl.en.md --\n---\ntitle: CPL\n---\n### Article 48\n\nA.\n\n### Article 48\n\nB.\n", `^content/statutes/cpl\.en\.md:8:\d+: error: Article 48 appears twice in this excerpt`},
		{"excerpt without articles", cfg + "-- content/statutes/cpl.en.md --\n---\ntitle: CPL\n---\nJust prose.\n", `^content/statutes/cpl\.en\.md:\d+:1: error: this statute excerpt has no articles`},
		{"list before any paragraph", cfg + "-- content/statutes/cpl.en.md --\n---\ntitle: CPL\n---\n### Article 48\n\n- item\n", `^content/statutes/cpl\.en\.md:6:\d+: error: this list comes before any paragraph of Article 48`},
		{"two authoritative versions", cfg + strings.Replace(law, "title: CPL\n", "title: CPL\nauthoritative: true\n", 1) + "-- content/statutes/cpl.zh.md --\n---\ntitle: CPL\nauthoritative: true\n---\n### 第四十八条\n\n一。\n\n1. 一\n2. 二\n\n二。\n", `^content/statutes/cpl\.zh\.md:3:1: error: content/statutes/cpl\.zh\.md is marked authoritative, and so is the en version`},
		{"bad law key", cfg + "-- content/statutes/CPL_1.en.md --\n---\ntitle: CPL\n---\n### Article 1\n\nA.\n", `^content/statutes/CPL_1\.en\.md:1:1: error: "CPL_1" cannot be a law's citation key`},
		{"link to a missing article anchor", cfg + law + guide("See [it](../statutes/cpl.md#art-49)."), `^content/guides/g\.en\.md:5:5: error: the link points to \.\./statutes/cpl\.md#art-49, but content/statutes/cpl\.en\.md has no heading or element with id "art-49"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantFailure(t, tt.archive, pipeline.ErrContent, tt.want)
		})
	}
}

func TestTranslationsThatDisagreeOnArticlesWarn(t *testing.T) {
	_, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
[languages.zh]
name = "中文"
-- content/statutes/cpl.zh.md --
---
title: 消费者权益保护法
authoritative: true
---
### 第二十四条

一。

### 第四十八条

二。
-- content/statutes/cpl.en.md --
---
title: CPL
---
### Article 24

One.
`, ".")
	if err != nil {
		t.Fatalf("a disagreement is a warning, not an error: %v\n%s", err, diagText(res.Diagnostics))
	}
	want := `content/statutes/cpl.en.md:1:1: warning: this version lacks Article 48, which content/statutes/cpl.zh.md holds`
	if got := diagText(res.Diagnostics); !strings.Contains(got, want) {
		t.Errorf("want %q in\n%s", want, got)
	}
}

// TestEveryLinkResolves follows every address in the built pages of the
// bundled site and of a mini-site with statutes: each must name a file the
// build wrote and, with a fragment, an element with that id in it.
func TestEveryLinkResolves(t *testing.T) {
	bundled := output.NewMemory()
	res, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: "../.."}, bundled)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	for name, mem := range map[string]*output.Memory{"bundled": bundled, "lawSite": mustBuild(t, lawSite)} {
		t.Run(name, func(t *testing.T) {
			checked := checkLinks(t, mem)
			if checked < 50 {
				t.Errorf("only %d links checked: the test is not looking at the pages", checked)
			}
		})
	}
}

var (
	hrefAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
)

func checkLinks(t *testing.T, mem *output.Memory) int {
	t.Helper()
	return followLinks(t, mem, func(t *testing.T, page, ref string) (string, bool) {
		if !strings.HasPrefix(ref, "/") {
			t.Errorf("%s: relative address %q", page, ref)
			return "", false
		}
		file := strings.TrimPrefix(ref, "/")
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		return file, true
	})
}

// followLinks follows every href and src of every page of mem, other than
// to other hosts, mail and phone, to a file of mem (resolve says which, for
// an address without its fragment) and every fragment to an id in it. It
// returns how many it followed.
func followLinks(t *testing.T, mem *output.Memory, resolve func(t *testing.T, page, ref string) (string, bool)) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	idsOf := func(name string) map[string]bool {
		if m, ok := ids[name]; ok {
			return m
		}
		m := map[string]bool{}
		b, _ := mem.File(name)
		for _, sm := range idAttr.FindAllSubmatch(b, -1) {
			m[html.UnescapeString(string(sm[1]))] = true
		}
		ids[name] = m
		return m
	}
	n := 0
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		b, _ := mem.File(name)
		for _, sm := range hrefAttr.FindAllSubmatch(b, -1) {
			ref := html.UnescapeString(string(sm[1]))
			if ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "tel:") {
				continue
			}
			n++
			target, frag, _ := strings.Cut(ref, "#")
			if u, err := url.PathUnescape(target); err == nil {
				target = u
			}
			if u, err := url.PathUnescape(frag); err == nil {
				frag = u
			}
			file := name
			if target != "" {
				var ok bool
				if file, ok = resolve(t, name, target); !ok {
					continue
				}
				if _, ok := mem.File(file); !ok {
					t.Errorf("%s links to %s, which the build did not write", name, ref)
					continue
				}
			}
			if frag != "" && !idsOf(file)[frag] {
				t.Errorf("%s links to %s, but %s has no id %q", name, ref, file, frag)
			}
		}
	}
	return n
}

// TestCitationProblemsReportedAtOnce puts one of each citation mistake in a
// site and expects every one of them from a single run.
func TestCitationProblemsReportedAtOnce(t *testing.T) {
	wantFailure(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/statutes/cpl.en.md --
---
title: CPL
---
### Article 48

First.

### Article 48

Again.
-- content/guides/g.en.md --
---
title: G
reviewed: 2026-01-01
---
[[xyz 1]] [[cpl 49]] [[cpl 48(2)]]
[[cpl 4x]] [[cpl 48(]] [link](../statutes/cpl.md#art-50)
`, pipeline.ErrContent,
		`^content/statutes/cpl\.en\.md:8:\d+: error: Article 48 appears twice`,
		`^content/guides/g\.en\.md:5:1: error: \[\[xyz 1\]\] cites a law "xyz"`,
		`^content/guides/g\.en\.md:5:11: error: \[\[cpl 49\]\]: Article 49 is not in the cpl excerpt \(content/statutes/cpl\.en\.md\), which holds Article 48;`,
		`^content/guides/g\.en\.md:5:22: error: \[\[cpl 48\(2\)\]\]: Article 48 has 1 paragraph, so there is no paragraph 2`,
		`^content/guides/g\.en\.md:6:\d+: error: \[\[cpl 4x\]\] is not a citation`,
		`^content/guides/g\.en\.md:6:\d+: error: \[\[cpl 48\(\]\] is not a citation`,
		`^content/guides/g\.en\.md:6:\d+: error: the link points to \.\./statutes/cpl\.md#art-50`,
	)
}

func TestASiteRestylesCitationsAndCitedInLists(t *testing.T) {
	mem := mustBuild(t, lawSite+`-- templates/partials/citation.html --
{{- if .URL}}<a class="law-ref" href="{{.URL}}"{{with .Lang}} hreflang="{{.}}"{{end}}>{{.Text}}</a>{{if .Outside}}*{{end}}{{else}}{{.Text}}{{end -}}
-- templates/partials/cited-in.html --
<aside class="used-by"><h4>{{.Summary}}</h4>{{range .Pages}}<a href="{{.URL}}">{{.Title}}</a>{{range .Sections}} ({{.Title}}){{end}}{{end}}</aside>
`)
	guide := page(t, mem, "en/guides/repairs/index.html")
	if want := `liable <a class="law-ref" href="/en/statutes/cpl/#art-48-p1-i1">Consumer Protection Law, Article 48(1)(1)</a>.`; !strings.Contains(guide, want) {
		t.Errorf("the guide does not write its citation with the site's partial, %s:\n%s", want, guide)
	}
	law := page(t, mem, "zh/statutes/cpl/index.html")
	for _, want := range []string{
		`<a class="law-ref" href="https://flk.npc.gov.cn/cpl">本法第四十九条</a>*`,
		`<aside class="used-by"><h4>1个页面引用</h4><a href="/zh/guides/repairs/">修理</a> (有缺陷的商品)</aside>`,
	} {
		if !strings.Contains(law, want) {
			t.Errorf("the statute lacks %s", want)
		}
	}
	if strings.Contains(law, `class="cited-in"`) || strings.Contains(law, `class="cite"`) {
		t.Error("the carried partials are still used")
	}
}

func TestAFailingCitationPartialIsReported(t *testing.T) {
	_, res, err := mini(t, lawSite+`-- templates/partials/citation.html --
{{.Nope}}
`, ".")
	if err == nil {
		t.Error("the build succeeds with a citation partial that cannot be executed")
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "citation.html") || !strings.Contains(got, "Nope") {
		t.Errorf("diagnostics do not name the partial and its error:\n%s", got)
	}
}
