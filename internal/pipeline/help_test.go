package pipeline_test

import (
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// helpLanguages, helpOrganisation, helpPlaces and helpFlow make up
// helpSite: a site in two languages with a flow, run by an organisation
// with contact details, that lists two places to get help, and a list of
// its own in Chinese.
const (
	helpLanguages = `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
title = "Shopping help"
[languages.zh]
name = "中文"
title = "购物帮助"
`
	helpOrganisation = `
[organisation]
name = "Aid Centre"
phone = "+86 10 1234 5678"
website = "https://aid.example/"
`
	helpPlaces = `
[[languages.zh.help]]
name = "12348"
note = "公共法律服务热线（法律援助）"
phone = "12348"

[[help]]
name = "Consumer hotline"
note = "Complaints about a seller."
phone = "12315"
website = "https://www.12315.cn/"
hours = "Every day"

[[help]]
name = "Legal aid"
email = "help@legal-aid.example"
`
	helpFlow = `
-- content/flows/lost.en.md --
---
title: My parcel is lost
reviewed: 2026-11-01
---
## Did it arrive? {#arrived}

- [No](#ask)
- [Yes](#ask)

## Ask the seller {#ask}

Write to the seller.
-- content/flows/lost.zh.md --
---
title: 包裹丢了
reviewed: 2026-11-01
---
## 收到了吗？ {#arrived}

- [没有](#ask)
- [收到了](#ask)

## 联系卖家 {#ask}

给卖家写信。
`
	helpSite = helpLanguages + helpOrganisation + helpPlaces + helpFlow
)

// TestFooterSaysWhoRunsTheSiteAndWhereToGetHelp: every page's footer
// names the organisation, with its contact details, and the places of
// [[help]] with theirs, in the page's language; the outcome of a flow
// shows them under "Where to get help". The header shows the site's
// title alone, so a long organisation name cannot make it taller.
func TestFooterSaysWhoRunsTheSiteAndWhereToGetHelp(t *testing.T) {
	mem := mustBuild(t, helpSite)
	for _, name := range []string{"en/index.html", "en/flows/lost/index.html", "en/flows/lost/arrived/index.html", "en/404.html"} {
		p := page(t, mem, name)
		if h := between(t, p, `<header class="site-header">`, `</header>`); strings.Contains(h, "Aid Centre") {
			t.Errorf("%s: the header names the organisation:\n%s", name, h)
		}
		footer := between(t, p, `<footer class="site-footer">`, `</footer>`)
		for _, want := range []string{
			`<h2 id="org-title">Run by Aid Centre</h2>`,
			`<p>Phone: <a href="tel:&#43;861012345678">&#43;86 10 1234 5678</a></p>`,
			`<p>Website: <a href="https://aid.example/">aid.example</a></p>`,
			`<h2 id="footer-help-title">Where to get help</h2>`,
			`<p class="contact__name">Consumer hotline</p>`,
			`<p class="contact__note">Complaints about a seller.</p>`,
			`<p>Phone: <a href="tel:12315">12315</a></p>`,
			`<p>Website: <a href="https://www.12315.cn/">www.12315.cn</a></p>`,
			`<p>Opening hours: Every day</p>`,
			`<p class="contact__name">Legal aid</p>`,
			`<p>Email: <a href="mailto:help@legal-aid.example">help@legal-aid.example</a></p>`,
		} {
			if !strings.Contains(footer, want) {
				t.Errorf("%s: the footer lacks %s:\n%s", name, want, footer)
			}
		}
	}
	zh := between(t, page(t, mem, "zh/index.html"), `<footer class="site-footer">`, `</footer>`)
	for _, want := range []string{`<h2 id="org-title">由Aid Centre运营</h2>`, `<p class="contact__note">公共法律服务热线（法律援助）</p>`, `<p>电话：<a href="tel:12348">12348</a></p>`} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese footer lacks %s:\n%s", want, zh)
		}
	}
	if strings.Contains(zh, "Consumer hotline") {
		t.Errorf("the Chinese footer shows the site-wide list, though Chinese has its own:\n%s", zh)
	}

	help := between(t, page(t, mem, "en/flows/lost/ask/index.html"), `<section class="help"`, `</section>`)
	for _, want := range []string{`<p class="help__org">Aid Centre</p>`, `<a href="tel:&#43;861012345678">`, `<p class="contact__name">Consumer hotline</p>`, `<p class="contact__name">Legal aid</p>`} {
		if !strings.Contains(help, want) {
			t.Errorf("the outcome's help lacks %s:\n%s", want, help)
		}
	}
	if strings.Contains(help, "can advise you on your own case") {
		t.Errorf("the outcome shows the general line as well as the contacts:\n%s", help)
	}
	zhHelp := between(t, page(t, mem, "zh/flows/lost/ask/index.html"), `<section class="help"`, `</section>`)
	if !strings.Contains(zhHelp, `<a href="tel:12348">12348</a>`) || strings.Contains(zhHelp, "Consumer hotline") {
		t.Errorf("the Chinese outcome does not show the Chinese list:\n%s", zhHelp)
	}
}

// TestHelpWithoutContacts: a site that names no organisation and no
// places to get help shows the general line on outcomes and nothing empty
// in the footer; an organisation without contact details is named in the
// footer, but not offered as a place to get help.
func TestHelpWithoutContacts(t *testing.T) {
	mem := mustBuild(t, helpLanguages+helpFlow)
	footer := between(t, page(t, mem, "en/index.html"), `<footer class="site-footer">`, `</footer>`)
	for _, bad := range []string{"org-title", "footer-help-title", `class="org"`, "<address", "contacts"} {
		if strings.Contains(footer, bad) {
			t.Errorf("the footer of a site without contacts has %s:\n%s", bad, footer)
		}
	}
	help := between(t, page(t, mem, "en/flows/lost/ask/index.html"), `<section class="help"`, `</section>`)
	if !strings.Contains(help, "<p>A lawyer or a legal aid organisation can advise you on your own case.</p>") {
		t.Errorf("the outcome of a site without contacts lacks the general line:\n%s", help)
	}

	mem = mustBuild(t, helpLanguages+"[organisation]\nname = \"Aid Centre\"\nhours = \"Mon–Fri\"\n"+helpFlow)
	footer = between(t, page(t, mem, "en/index.html"), `<footer class="site-footer">`, `</footer>`)
	if !strings.Contains(footer, `<p class="org">Run by Aid Centre</p>`) || strings.Contains(footer, "org-title") {
		t.Errorf("an organisation without contact details is not one line of the footer:\n%s", footer)
	}
	help = between(t, page(t, mem, "en/flows/lost/ask/index.html"), `<section class="help"`, `</section>`)
	if strings.Contains(help, "Aid Centre") || !strings.Contains(help, "can advise you on your own case") {
		t.Errorf("an organisation without contact details is offered as a place to get help:\n%s", help)
	}
}

// TestBundledSiteSaysWhereToGetHelp: the bundled site names the national
// consumer complaints service 12315, with its website, and the 12348
// public legal services hotline, each with a tel: link, in the footer of
// every page and on every outcome, in each language's own words.
func TestBundledSiteSaysWhereToGetHelp(t *testing.T) {
	mem := bundledSite(t)
	notes := map[string][]string{
		"en": {"National consumer complaints hotline and website, run by the State Administration for Market Regulation.", "Public legal services hotline (legal aid)."},
		"es": {"gestionados por la Administración Estatal de Regulación del Mercado", "(asistencia jurídica)"},
		"zh": {"国家市场监督管理总局", "公共法律服务热线（法律援助）"},
	}
	pages, outcomes := 0, 0
	for _, name := range mem.Names() {
		if path.Ext(name) != ".html" {
			continue
		}
		lang, _, _ := strings.Cut(name, "/")
		if notes[lang] == nil {
			lang = "en" // the root pages speak the default language's footer
		}
		p := page(t, mem, name)
		pages++
		footer := between(t, p, `<footer class="site-footer">`, `</footer>`)
		for _, want := range append([]string{
			`<a href="tel:12315">12315</a>`,
			`<a href="https://www.12315.cn/">www.12315.cn</a>`,
			`<a href="tel:12348">12348</a>`,
		}, notes[lang]...) {
			if !strings.Contains(footer, want) {
				t.Errorf("%s: the footer lacks %s", name, want)
			}
		}
		if strings.Contains(p, `<section class="help"`) {
			outcomes++
			help := between(t, p, `<section class="help"`, `</section>`)
			if !strings.Contains(help, `<a href="tel:12348">12348</a>`) || !strings.Contains(help, `<a href="tel:12315">12315</a>`) {
				t.Errorf("%s: the outcome's help lacks 12315 or 12348:\n%s", name, help)
			}
		}
	}
	if pages < 100 || outcomes < 30 {
		t.Errorf("checked %d pages and %d outcomes: the bundled site has more", pages, outcomes)
	}
}

// bundledSite builds the repository's own site in memory.
func bundledSite(t *testing.T) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: filepath.Join("..", "..")}, mem)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	return mem
}
