package pipeline_test

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// mini builds a site described as a txtar archive, in memory. Paths in the
// archive are relative to a root folder; the site itself is siteDir in it
// ("." when the archive is one site). with may change the build options.
func mini(t testing.TB, archive, siteDir string, with ...func(*pipeline.Options)) (*output.Memory, *pipeline.Result, error) {
	t.Helper()
	a := txtar.Parse([]byte(archive))
	root := fstest.MapFS{}
	for _, f := range a.Files {
		root[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	open := func(dir string) fs.FS {
		dir = path.Clean(filepath.ToSlash(dir))
		if dir == "." {
			return root
		}
		sub, err := fs.Sub(root, dir)
		if err != nil {
			t.Fatalf("sub %s: %v", dir, err)
		}
		return sub
	}
	opts := pipeline.Options{SiteDir: siteDir, Open: open}
	for _, w := range with {
		w(&opts)
	}
	mem := output.NewMemory()
	res, err := pipeline.Run(context.Background(), opts, mem)
	return mem, res, err
}

func mustBuild(t testing.TB, archive string) *output.Memory {
	t.Helper()
	mem, res, err := mini(t, archive, ".")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, diagText(res.Diagnostics))
	}
	for _, d := range res.Diagnostics {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	return mem
}

func diagText(ds []diag.Diagnostic) string {
	var b strings.Builder
	_ = diag.WriteText(&b, ds)
	return b.String()
}

// assetName returns the output name of the static file source, such as
// "css/site.css": its fingerprinted copy ("css/site.0123456789.css").
func assetName(t testing.TB, mem *output.Memory, source string) string {
	t.Helper()
	ext := path.Ext(source)
	re := regexp.MustCompile("^" + regexp.QuoteMeta(strings.TrimSuffix(source, ext)) + `\.[0-9a-f]{10}` + regexp.QuoteMeta(ext) + "$")
	var found []string
	for _, name := range mem.Names() {
		if re.MatchString(name) {
			found = append(found, name)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one fingerprinted copy of %s, have %v among %v", source, found, mem.Names())
	}
	return found[0]
}

func page(t testing.TB, mem *output.Memory, name string) string {
	t.Helper()
	b, ok := mem.File(name)
	if !ok {
		t.Fatalf("no output file %s; have %v", name, mem.Names())
	}
	return string(b)
}

const threeLangs = `
-- lexsite.toml --
base_url = "https://example.org/help/"
default_language = "en"
[languages.en]
name = "English"
title = "Help"
[languages.es]
name = "Español"
[languages.zh]
name = "中文"
-- content/_index.en.md --
---
title: Home
---
Welcome.
-- content/guides/returns.en.md --
---
title: Returning goods
summary: How to send things back.
reviewed: 2026-03-15
tags: [returns]
---
Read [how to complain](complain.md#write-it-down) first.

## Keep evidence {#keep-evidence}

Photos.
-- content/guides/returns.es.md --
---
title: Devolver productos
reviewed: 2026-03-15
---
Lea [cómo reclamar](complain.md).

## Guarde las pruebas {#keep-evidence}
-- content/guides/complain.en.md --
---
title: Making a complaint
reviewed: 2026-01-02
---
## Write it down {#write-it-down}

See [returns](/guides/returns.md#keep-evidence).
`

func TestSiteLayoutAndLanguages(t *testing.T) {
	mem := mustBuild(t, threeLangs)
	for _, name := range []string{
		"index.html", "404.html", "sitemap.xml", assetName(t, mem, "css/site.css"), assetName(t, mem, "css/chroma.css"),
		"en/index.html", "es/index.html", "zh/index.html",
		"en/guides/index.html", "en/guides/returns/index.html", "es/guides/returns/index.html", "zh/guides/returns/index.html",
		"en/404.html", "es/404.html", "zh/404.html", "en/tags/returns/index.html",
	} {
		if _, ok := mem.File(name); !ok {
			t.Errorf("missing %s", name)
		}
	}
	en := page(t, mem, "en/guides/returns/index.html")
	for _, want := range []string{
		`<html lang="en" dir="ltr">`,
		`<link rel="alternate" hreflang="en" href="https://example.org/help/en/guides/returns/">`,
		`<link rel="alternate" hreflang="es" href="https://example.org/help/es/guides/returns/">`,
		`<link rel="alternate" hreflang="x-default" href="https://example.org/help/en/guides/returns/">`,
		`<a href="/help/es/guides/returns/" hreflang="es" lang="es">Español</a>`,
		`<a href="/help/zh/guides/returns/" hreflang="zh" lang="zh">中文</a>`,
		`<a href="/help/en/guides/complain/#write-it-down">how to complain</a>`,
		`<time class="reviewed" datetime="2026-03-15">Last reviewed: March 15, 2026</time>`,
	} {
		if !strings.Contains(en, want) {
			t.Errorf("en guide lacks %s", want)
		}
	}
	if strings.Contains(en, `hreflang="zh" href=`) {
		t.Errorf("en guide names the untranslated zh page as an hreflang alternate")
	}
	es := page(t, mem, "es/guides/returns/index.html")
	if !strings.Contains(es, `<a href="/help/es/guides/complain/">cómo reclamar</a>`) {
		t.Errorf("a language-neutral link from Spanish must lead to the Spanish page (shown untranslated):\n%s", es)
	}
	if !strings.Contains(es, "15 de marzo de 2026") {
		t.Errorf("Spanish dates are written the Spanish way")
	}
}

func TestUntranslatedDocumentIsShownWithNotice(t *testing.T) {
	mem := mustBuild(t, threeLangs)
	zh := page(t, mem, "zh/guides/complain/index.html")
	for _, want := range []string{
		`<html lang="zh" dir="ltr">`,
		`<h1 lang="en">Making a complaint</h1>`,
		`<div class="prose" lang="en">`,
		`<aside class="notice notice--translation" role="note">`,
		`English`,
		`<meta name="robots" content="noindex">`,
		`<link rel="canonical" href="https://example.org/help/en/guides/complain/">`,
		// The fallback page keeps the reader in their language's site.
		`<a href="/help/zh/guides/returns/#keep-evidence">returns</a>`,
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("untranslated zh page lacks %s\n%s", want, zh)
		}
	}
	sitemap := page(t, mem, "sitemap.xml")
	if strings.Contains(sitemap, "zh/guides/complain/") {
		t.Errorf("the sitemap lists an untranslated fallback page")
	}
	if !strings.Contains(sitemap, `<xhtml:link rel="alternate" hreflang="es" href="https://example.org/help/es/guides/returns/"></xhtml:link>`) {
		t.Errorf("sitemap lacks alternates:\n%s", sitemap)
	}
}

func TestHomeListsSortedByLocale(t *testing.T) {
	mem := mustBuild(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.zh]
name = "中文"
-- content/guides/a.md --
---
title: 成都的规定
reviewed: 2026-01-01
---
-- content/guides/b.md --
---
title: 北京的规定
reviewed: 2026-01-01
---
-- content/guides/c.md --
---
title: 上海的规定
reviewed: 2026-01-01
---
`)
	home := page(t, mem, "zh/index.html")
	// Pinyin order: Beijing, Chengdu, Shanghai (code point order would put 上 first).
	b, c, s := strings.Index(home, "北京"), strings.Index(home, "成都"), strings.Index(home, "上海")
	if !(b >= 0 && b < c && c < s) {
		t.Errorf("zh guides are not in pinyin order: 北京 %d, 成都 %d, 上海 %d", b, c, s)
	}
}

func TestMinimalSiteBuildsOnCarriedDefaults(t *testing.T) {
	mem, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.pt-BR]
name = "Português"
-- content/_index.md --
---
title: Início
---
Olá.
`, ".")
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "warning: there is no strings file for pt-BR; every string falls back to en") {
		t.Errorf("a language without UI strings must be warned about; got %q", got)
	}
	home := page(t, mem, "pt-BR/index.html")
	if !strings.Contains(home, `<html lang="pt-BR"`) || !strings.Contains(home, "Olá.") {
		t.Errorf("home of a language with no carried UI strings:\n%s", home)
	}
	root := page(t, mem, "index.html")
	if !strings.Contains(root, `<li lang="pt-BR"><a href="/pt-BR/" hreflang="pt-BR"><span class="lang-chooser__name">Português</span>`) {
		t.Errorf("chooser does not list the language by its own name:\n%s", root)
	}
}

func TestSiteOverridesCarriedFilesByPath(t *testing.T) {
	mem := mustBuild(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/_index.md --
---
title: Home
---
-- static/css/site.css --
body { color: black }
-- templates/partials/disclaimer.html --
<aside class="disclaimer">Our own notice.</aside>
`)
	if css := page(t, mem, assetName(t, mem, "css/site.css")); css != "body{color:#000}" {
		t.Errorf("site.css not overridden: %q", css)
	}
	if !strings.Contains(page(t, mem, "en/index.html"), "Our own notice.") {
		t.Errorf("partial not overridden")
	}
}

func TestBaseSiteOverlay(t *testing.T) {
	mem, res, err := mini(t, `
-- upstream/lexsite.toml --
base_url = "https://upstream.example/"
[languages.en]
name = "English"
-- upstream/content/_index.md --
---
title: Upstream home
---
-- upstream/content/guides/returns.md --
---
title: Upstream returns
reviewed: 2026-01-01
---
Upstream text.
-- upstream/content/about.md --
---
title: About upstream
---
-- org/lexsite.toml --
base_url = "https://org.example/"
base = "../upstream"
[languages.en]
name = "English"
title = "Org help"
[organisation]
name = "Legal Aid Org"
phone = "+86 10 1234 5678"
-- org/content/about.md --
---
title: About the org
---
We help.
`, "org")
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	if !strings.Contains(page(t, mem, "en/guides/returns/index.html"), "Upstream text.") {
		t.Errorf("base content missing")
	}
	about := page(t, mem, "en/about/index.html")
	if !strings.Contains(about, "We help.") || !strings.Contains(about, "Legal Aid Org") || !strings.Contains(about, "86 10 1234 5678") {
		t.Errorf("overlay content or organisation missing:\n%s", about)
	}
}

// TestBadInput gives each kind of mistake an author can make its own case:
// the message, its position and the kind of failure.
func TestBadInput(t *testing.T) {
	const cfg = "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[languages.es]\nname = \"Español\"\n"
	tests := []struct {
		name    string
		archive string
		wantErr error
		want    []string // regular expressions, each matching one diagnostic line
	}{
		{"malformed YAML", cfg + "-- content/a.md --\n---\ntitle: [unclosed\n---\n", pipeline.ErrContent,
			[]string{`^content/a\.md:2:1: error: the front matter is not valid YAML: .+`}},
		{"missing title", cfg + "-- content/a.md --\n---\nsummary: x\n---\n", pipeline.ErrContent,
			[]string{`^content/a\.md:1:1: error: title is required`}},
		{"empty title", cfg + "-- content/a.md --\n---\ntitle: \"\"\n---\n", pipeline.ErrContent,
			[]string{`^content/a\.md:2:1: error: title is required`}},
		{"missing reviewed on a guide", cfg + "-- content/guides/g.md --\n---\ntitle: G\n---\n", pipeline.ErrContent,
			[]string{`^content/guides/g\.md:1:1: error: reviewed is required on guides`}},
		{"reviewed not a date", cfg + "-- content/guides/g.md --\n---\ntitle: G\nreviewed: last week\n---\n", pipeline.ErrContent,
			[]string{`^content/guides/g\.md:3:11: error: reviewed must be a date written YYYY-MM-DD`}},
		{"invalid UTF-8", cfg + "-- content/a.md --\n---\ntitle: A\n---\nok \xff\xfe bad\n", pipeline.ErrContent,
			[]string{`^content/a\.md:4:4: error: the file is not valid UTF-8 text`}},
		{"unconfigured language suffix", cfg + "-- content/a.fr.md --\n---\ntitle: A\n---\n", pipeline.ErrContent,
			[]string{`^content/a\.fr\.md:1:1: error: the file name ends in language code "fr", but lexsite.toml configures no such language`}},
		{"two files claim one translation", cfg + "-- content/a.md --\n---\ntitle: A\n---\n-- content/a.en.md --\n---\ntitle: A again\n---\n", pipeline.ErrContent,
			[]string{`^content/a\.md:1:1: error: this file and content/a\.en\.md are both the "en" version of "a"`}},
		{"translation_key collision", cfg + "-- content/a.md --\n---\ntitle: A\n---\n-- content/b.md --\n---\ntitle: B\ntranslation_key: a\n---\n", pipeline.ErrContent,
			[]string{`^content/b\.md:3:1: error: this file and content/a\.md are both the "en" version of "a"`}},
		{"unknown config key", "-- lexsite.toml --\nbase_url = \"https://example.org/\"\ndefault_langauge = \"en\"\n[languages.en]\nname = \"English\"\n-- content/a.md --\n---\ntitle: A\n---\n", pipeline.ErrConfig,
			[]string{`^lexsite\.toml:2:1: error: unknown setting "default_langauge"; did you mean "default_language"\?`}},
		{"unknown key in a language", "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n  titel = \"x\"\n-- content/a.md --\n---\ntitle: A\n---\n", pipeline.ErrConfig,
			[]string{`^lexsite\.toml:4:3: error: unknown setting "languages\.en\.titel"; did you mean "title"\?`}},
		{"invalid TOML", "-- lexsite.toml --\nbase_url = \"https://example.org/\n", pipeline.ErrConfig,
			[]string{`^lexsite\.toml:1:\d+: error: this is not valid TOML`}},
		{"base_url not absolute", "-- lexsite.toml --\nbase_url = \"/help/\"\n[languages.en]\nname = \"English\"\n-- content/a.md --\n---\ntitle: A\n---\n", pipeline.ErrConfig,
			[]string{`^lexsite\.toml:1:1: error: base_url "/help/" is not an absolute http or https address`}},
		{"bad language tag", "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.english]\nname = \"English\"\n-- content/a.md --\n---\ntitle: A\n---\n", pipeline.ErrConfig,
			[]string{`^lexsite\.toml:2:1: error: "english" is not a BCP 47 language tag`}},
		{"default language not configured", "-- lexsite.toml --\nbase_url = \"https://example.org/\"\ndefault_language = \"fr\"\n[languages.en]\nname = \"English\"\n-- content/a.md --\n---\ntitle: A\n---\n", pipeline.ErrConfig,
			[]string{`^lexsite\.toml:2:1: error: default_language "fr" is not one of the configured languages \(en\)`}},
		{"empty content", cfg + "-- content/README.txt --\nnothing\n", pipeline.ErrContent,
			[]string{`^content:1:1: error: there is no Markdown file in content/`}},
		{"link to a missing document", cfg + "-- content/a.md --\n---\ntitle: A\n---\nSee [b](guides/b.md).\n", pipeline.ErrContent,
			[]string{`^content/a\.md:4:5: error: the link points to guides/b\.md, but there is no such document`}},
		{"link to a missing anchor", cfg + "-- content/a.md --\n---\ntitle: A\n---\n## One {#one}\n-- content/b.md --\n---\ntitle: B\n---\nSee [a](a.md#two).\n", pipeline.ErrContent,
			[]string{`^content/b\.md:4:5: error: the link points to a\.md#two, but content/a\.md has no heading or element with id "two"`}},
		{"link to a missing static file", cfg + "-- content/a.md --\n---\ntitle: A\n---\n![logo](/img/logo.png)\n", pipeline.ErrContent,
			[]string{`^content/a\.md:4:1: error: /img/logo\.png is not a file in static/`}},
		{"template uses an undefined string", cfg + "-- content/a.md --\n---\ntitle: A\n---\n-- templates/partials/disclaimer.html --\n<p>{{.T \"no_such_string\"}}</p>\n", pipeline.ErrContent,
			[]string{`^templates/partials/disclaimer\.html:1:\d+: error: the UI string "no_such_string" is used here but defined in no`}},
		{"template syntax error", cfg + "-- content/a.md --\n---\ntitle: A\n---\n-- templates/page.html --\n{{define \"main\"}}{{.Title}\n", pipeline.ErrContent,
			[]string{`^templates/page\.html:1:\d+: error: template error: .+`}},
		{"front matter not closed", cfg + "-- content/a.md --\n---\ntitle: A\n", pipeline.ErrContent,
			[]string{`^content/a\.md:1:1: error: the front matter that starts on line 1 has no closing --- line`}},
		{"a script that cannot be read", cfg + "-- content/a.md --\n---\ntitle: A\n---\n-- static/js/menu.js --\nvar open = false;\nfunction toggle( { open = !open; }\n", pipeline.ErrContent,
			[]string{`^static/js/menu\.js:2:\d+: error: this script cannot be read, so it cannot be minified: .+ \(or set minify = false under \[assets\]\)`}},
		{"assets setting not true or false", "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[assets]\nminify = \"yes\"\n[languages.en]\nname = \"English\"\n-- content/a.md --\n---\ntitle: A\n---\n", pipeline.ErrConfig,
			[]string{`^lexsite\.toml:3:10: error: assets\.minify must be true or false, not text in quotes`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantFailure(t, tt.archive, tt.wantErr, tt.want...)
		})
	}
}

// wantFailure builds archive and checks that the build fails with wantErr,
// writes nothing, and reports a diagnostic matching each of the regular
// expressions want.
func wantFailure(t *testing.T, archive string, wantErr error, want ...string) {
	t.Helper()
	mem, res, err := mini(t, archive, ".")
	if !errors.Is(err, wantErr) {
		t.Fatalf("error = %v, want %v\n%s", err, wantErr, diagText(res.Diagnostics))
	}
	if n := len(mem.Names()); n != 0 {
		t.Errorf("a failed build wrote %d files", n)
	}
	got := diagText(res.Diagnostics)
	for _, w := range want {
		if !regexp.MustCompile(`(?m)` + w).MatchString(got) {
			t.Errorf("no diagnostic matches %s\ngot:\n%s", w, got)
		}
	}
}

// TestAllProblemsReportedAtOnce checks that a run reports every problem, not
// the first, sorted by file and line.
func TestAllProblemsReportedAtOnce(t *testing.T) {
	_, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/guides/a.md --
---
title: A
---
[x](missing.md)
-- content/guides/b.md --
---
reviewed: 2026-01-01
---
-- content/c.md --
---
title: C
---
[y](#nowhere)
`, ".")
	if !errors.Is(err, pipeline.ErrContent) {
		t.Fatalf("err = %v", err)
	}
	got := diagText(res.Diagnostics)
	want := []string{"content/c.md:4:1: error:", "content/guides/a.md:1:1: error: reviewed is required", "content/guides/a.md:4:1: error: the link points to missing.md", "content/guides/b.md:1:1: error: title is required"}
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(lines), len(want), got)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], w)
		}
	}
}

func TestWarningsDoNotFailTheBuild(t *testing.T) {
	_, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/a.md --
---
title: A
sumary: typo
---
`, ".")
	if err != nil {
		t.Fatalf("err = %v", err)
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, `content/a.md:3:1: warning: unknown front matter key "sumary" is ignored; did you mean "summary"?`) {
		t.Errorf("got %s", got)
	}
}

// TestBundledSite checks the repository's own site: it must build without a
// single warning, in every language.
func TestBundledSite(t *testing.T) {
	mem := output.NewMemory()
	res, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: "../.."}, mem)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	for _, d := range res.Diagnostics {
		t.Errorf("%s", d)
	}
	for _, lang := range []string{"en", "es", "zh"} {
		for _, g := range []string{"seller-obligations", "protect-your-rights", "make-a-complaint"} {
			p := page(t, mem, lang+"/guides/"+g+"/index.html")
			if strings.Contains(p, "notice--translation") {
				t.Errorf("%s/%s is not translated", lang, g)
			}
			if !strings.Contains(p, `class="disclaimer"`) || !strings.Contains(p, `class="reviewed"`) {
				t.Errorf("%s/%s lacks the disclaimer or the review date", lang, g)
			}
		}
		for _, pg := range []string{"about", "disclaimer"} {
			page(t, mem, lang+"/"+pg+"/index.html")
		}
	}
}

// TestBuildsAreByteIdentical builds the bundled site twice.
func TestBuildsAreByteIdentical(t *testing.T) {
	run := func() map[string][]byte {
		mem := output.NewMemory()
		if _, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: "../.."}, mem); err != nil {
			t.Fatal(err)
		}
		return mem.Files()
	}
	a, b := run(), run()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestGoldenPages pins the rendered HTML of representative pages; run with
// -update after an intended change and review the diff.
func TestGoldenPages(t *testing.T) {
	mem := mustBuild(t, threeLangs+`
-- content/guides/long.en.md --
---
title: A long guide
summary: With everything Markdown offers.
reviewed: 2026-02-01
tags: [returns, evidence]
---
Intro with *emphasis*, **strong** and a footnote.[^1]

## First {#first}

| Problem | What you can ask |
|---|---|
| Faulty | Repair |

### Detail

- one
- two

## Second {#second}

`+"```toml\nbase_url = \"https://example.org/\"\n```"+`

## Third {#third}

1. a
2. b

[^1]: The note.
`)
	compareGolden(t, mem, "en/guides/long/index.html", "es/guides/long/index.html", "en/index.html", "index.html", "en/guides/index.html", "en/404.html")
}

// fingerprint matches the hash in the name of a style sheet or script.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}(\.(?:css|js)")`)

// compareGolden compares pages with their files in testdata/golden, or
// rewrites those under -update. The hashes in asset names are written as
// HASH, so a change of style sheet does not change every golden page.
func compareGolden(t *testing.T, mem *output.Memory, names ...string) {
	t.Helper()
	for _, name := range names {
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(strings.TrimSuffix(name, ".html"), "/", "_")+".golden")
		got := fingerprint.ReplaceAllString(page(t, mem, name), ".HASH$1")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s (run go test ./internal/pipeline -run Golden -update and review the diff)", name, golden)
		}
	}
}

// TestGoldenStatutePages pins the statute page: facts, notice, contents,
// article sections with their anchors, and "Cited in".
func TestGoldenStatutePages(t *testing.T) {
	mem := mustBuild(t, lawSite)
	compareGolden(t, mem, "zh/statutes/cpl/index.html", "en/statutes/cpl/index.html", "en/guides/repairs/index.html")
}

func TestFallbackNeverOverwritesATranslation(t *testing.T) {
	_, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
[languages.es]
name = "Español"
-- content/guides/x.en.md --
---
title: X
reviewed: 2026-01-01
translation_key: returns
---
-- content/guides/x.es.md --
---
title: X es
reviewed: 2026-01-01
---
`, ".")
	if !errors.Is(err, pipeline.ErrContent) {
		t.Fatalf("err = %v", err)
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "content/guides/x.en.md:4:1: error: the es page of this document (shown untranslated) would be written to /es/guides/x/, where content/guides/x.es.md is written already") {
		t.Errorf("got %s", got)
	}
}

func TestTagsThatDifferInCaseShareAPage(t *testing.T) {
	mem := mustBuild(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/guides/a.md --
---
title: Alpha
reviewed: 2026-01-01
tags: [Returns]
---
-- content/guides/b.md --
---
title: Beta
reviewed: 2026-01-01
tags: [returns]
---
`)
	tag := page(t, mem, "en/tags/returns/index.html")
	if !strings.Contains(tag, "Alpha") || !strings.Contains(tag, "Beta") {
		t.Errorf("a guide is lost from the shared tag page:\n%s", tag)
	}
}

func TestRawHTMLIsDroppedWithAWarning(t *testing.T) {
	_, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/a.md --
---
title: A
---
Text <b>bold</b>.
`, ".")
	if err != nil {
		t.Fatal(err)
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "content/a.md:4:6: warning: raw HTML is left out of the page") {
		t.Errorf("got %q", got)
	}
}

func TestListPageWithUntranslatedIntroIsStillIndexed(t *testing.T) {
	mem := mustBuild(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
[languages.es]
name = "Español"
-- content/guides/_index.en.md --
---
title: All our guides
---
Intro.
-- content/guides/a.es.md --
---
title: Una guía
reviewed: 2026-01-01
---
`)
	es := page(t, mem, "es/guides/index.html")
	if strings.Contains(es, "noindex") || !strings.Contains(es, `<link rel="canonical" href="https://example.org/es/guides/">`) || !strings.Contains(es, `<div class="prose" lang="en">`) || !strings.Contains(es, "Una guía") {
		t.Errorf("Spanish list page:\n%s", es)
	}
}

func TestSiteStringsMergeWithCarriedOnes(t *testing.T) {
	mem := mustBuild(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/_index.md --
---
title: Home
---
-- templates/i18n/en.toml --
not_legal_advice_title = "This is not advice"
`)
	home := page(t, mem, "en/index.html")
	if !strings.Contains(home, "This is not advice") || !strings.Contains(home, "Skip to main content") {
		t.Errorf("site string not applied, or carried strings lost:\n%s", home)
	}
}

func TestBaseURLOverride(t *testing.T) {
	baseURL := func(u string) func(*pipeline.Options) { return func(o *pipeline.Options) { o.BaseURL = u } }
	mem, res, err := mini(t, threeLangs, ".", baseURL("http://127.0.0.1:1313/"))
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	if p := page(t, mem, "en/guides/returns/index.html"); !strings.Contains(p, `href="http://127.0.0.1:1313/en/guides/returns/"`) || !strings.Contains(p, `href="/es/guides/returns/"`) {
		t.Errorf("--base-url not applied")
	}
	if _, _, err := mini(t, threeLangs, ".", baseURL("example.org")); !errors.Is(err, pipeline.ErrConfig) {
		t.Errorf("a relative --base-url is accepted: %v", err)
	}
}
