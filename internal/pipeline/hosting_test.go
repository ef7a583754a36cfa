package pipeline_test

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/lexsite/lexsite/internal/browsertest"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// TestLinksResolveUnderASubfolderAndRelative builds the bundled site as a
// copy under a folder of another website and as a relative copy (for a
// USB stick, opened from disk), and follows every href and src of every
// page to a file of the output, and every fragment to an id in it.
func TestLinksResolveUnderASubfolderAndRelative(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts pipeline.Options
		// resolve turns an address on page into a file of the output.
		resolve func(t *testing.T, page, ref string) (string, bool)
	}{
		{"subfolder", pipeline.Options{BaseURL: "https://legal-aid.example/consumer-help/"}, func(t *testing.T, page, ref string) (string, bool) {
			rest, ok := strings.CutPrefix(ref, "/consumer-help/")
			if !ok {
				t.Errorf("%s: %q is not under the base path /consumer-help/", page, ref)
				return "", false
			}
			if rest == "" || strings.HasSuffix(rest, "/") {
				rest += "index.html"
			}
			return rest, true
		}},
		{"relative", pipeline.Options{Relative: true}, func(t *testing.T, page, ref string) (string, bool) {
			if strings.HasPrefix(ref, "/") || strings.HasSuffix(ref, "/") {
				t.Errorf("%s: %q does not work from disk: relative copies link to files", page, ref)
				return "", false
			}
			return path.Join(path.Dir(page), ref), true
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.SiteDir = filepath.Join("..", "..")
			mem := output.NewMemory()
			res, err := pipeline.Run(t.Context(), opts, mem)
			if err != nil {
				t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
			}
			n := followLinks(t, mem, tc.resolve)
			if n < 4000 {
				t.Errorf("only %d links followed", n)
			}
		})
	}
}

// TestBrowserRelativeCopyFromDisk opens a relative copy of the bundled site
// from disk (file://), as a USB-stick copy is opened, and reads its way
// through it: home → guide → the article it cites → a flow step that cites
// the same article → an answer → another → the outcome, with no request
// failing on the way.
func TestBrowserRelativeCopyFromDisk(t *testing.T) {
	ctx := browsertest.Chrome(t)
	failures := browsertest.RecordFailures(ctx)
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: filepath.Join("..", ".."), Relative: true}, mem)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	dir := t.TempDir()
	for name, data := range mem.Files() {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	home := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "en", "index.html"))}).String()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(home)); err != nil {
		t.Fatalf("opening %s: %v", home, err)
	}
	step := func(what, sel, wantPath string) {
		t.Helper()
		if err := browsertest.Follow(ctx, sel); err != nil {
			t.Fatalf("%s: following %s: %v", what, sel, err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !strings.HasPrefix(loc, "file://") || !strings.Contains(loc, wantPath) {
			t.Fatalf("%s: at %s, want a file:// address with %s", what, loc, wantPath)
		}
	}
	step("home → guide", `a.card__title[href$="seller-obligations/index.html"]`, "/en/guides/seller-obligations/index.html")
	step("guide → article", `a.cite[href*="statutes/cpl/index.html#art-25"]`, "/en/statutes/cpl/index.html#art-25")
	// The article's "Cited in" list is folded: open it as a reader does.
	if err := browsertest.Click(ctx, `section.article[aria-labelledby="art-25"] details.cited-in summary`); err != nil {
		t.Fatalf("opening Cited in: %v", err)
	}
	step("article → flow step", `section.article[aria-labelledby="art-25"] details.cited-in a[href$="flows/purchase-went-wrong/return-exception/index.html"]`, "/en/flows/purchase-went-wrong/return-exception/index.html")
	step("step → step", `a.answer[data-to="return-condition"]`, "/return-condition/index.html")
	step("step → outcome", `a.answer[data-to="seven-day-return"]`, "/seven-day-return/index.html")
	type outcome struct {
		Title  string
		Styled bool
		Laws   int
	}
	o, err := chromedp.Run(ctx, chromedp.Evaluate[outcome](`({
		Title: document.querySelector("h1").textContent,
		Styled: getComputedStyle(document.querySelector("a.skip-link")).position === "absolute",
		Laws: document.querySelectorAll("#law + ul a.cite, .outcome__laws a.cite").length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if o.Title == "" || o.Laws == 0 || !o.Styled {
		t.Errorf("the outcome from disk: %+v (want a title, its laws, and the style sheet applied)", o)
	}
	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
	}
}

// TestRelativeWithABasePathWarns: relative links cannot carry base_url's
// path; the author is told where, and the build goes on.
func TestRelativeWithABasePathWarns(t *testing.T) {
	const site = `
-- lexsite.toml --
base_url = "https://example.org/help/"
relative_urls = true
[languages.en]
name = "English"
-- content/a.md --
---
title: A
---
See [b](b.md).
-- content/b.md --
---
title: B
---
`
	mem, res, err := mini(t, site, ".")
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "lexsite.toml:2:1: warning: with relative_urls the pages link to each other relatively and do not use the path /help/ of base_url") {
		t.Errorf("diagnostics:\n%s", got)
	}
	if a := page(t, mem, "en/a/index.html"); !strings.Contains(a, `<a href="../b/index.html">b</a>`) || !strings.Contains(a, `<link rel="canonical" href="https://example.org/help/en/a/">`) {
		t.Error("a relative page links to b relatively, with its canonical address absolute under /help/")
	}
	_, res, err = mini(t, strings.Replace(site, "relative_urls = true\n", "", 1), ".", func(o *pipeline.Options) { o.Relative = true })
	if err != nil {
		t.Fatal(err)
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "--relative:1:1: warning: with relative_urls") {
		t.Errorf("diagnostics with --relative:\n%s", got)
	}
}

// orgOverlay is a legal aid organisation's copy of the bundled site: a
// folder of its own naming the repository as its base, with its name and
// contact details, a logo, its own colours, a UI string, its own "About"
// page and a guide of its own.
const orgOverlay = `
-- lexsite.toml --
base = "../upstream"
base_url = "https://legal-aid.example/consumer-help/"
default_language = "en"

[organisation]
name = "Harbour Legal Aid"
phone = "+86 10 8765 4321"
email = "help@harbour-legal.example"
address = "12 Quay Road, Ningbo"
hours = "Mon–Fri 9:00–17:00"
website = "https://harbour-legal.example/"
logo = "/img/harbour.svg"

[languages.en]
name = "English"
[languages.es]
name = "Español"
[languages.es.organisation]
hours = "lun.–vie. 9:00–17:00"
[languages.zh]
name = "中文"
-- static/img/harbour.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b5"/></svg>
-- static/css/site.css --
body { color: #1a1a1a; background: #fffdf5; }
.harbour-brand { color: #0b5d3b; }
-- templates/i18n/en.toml --
where_to_get_help = "Talk to Harbour Legal Aid"
-- content/about.en.md --
---
title: "About Harbour Legal Aid"
summary: "Who runs this copy of the site."
reviewed: 2026-11-01
---
Harbour Legal Aid runs this copy for shoppers in Ningbo.
-- content/guides/our-office.en.md --
---
title: "Visiting our office"
summary: "Where we are and what to bring."
reviewed: 2026-11-01
---
Bring your receipt. See also [the seller's duties](seller-obligations.md).
`

// buildOverlay builds archive as a site whose base "../upstream" is this
// repository, as an organisation's copy is built.
func buildOverlay(t *testing.T, archive string) (*output.Memory, *pipeline.Result, error) {
	t.Helper()
	overlay := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		overlay[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	open := func(dir string) fs.FS {
		switch filepath.ToSlash(filepath.Clean(dir)) {
		case "org":
			return overlay
		case "upstream":
			return os.DirFS(repo)
		}
		t.Fatalf("the build opened %s, which is neither the copy nor its base", dir)
		return nil
	}
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: "org", Open: open}, mem)
	return mem, res, err
}

// TestOrganisationOverlayOfTheBundledSite builds an organisation's copy
// of the bundled site and finds its name and contact details where a
// reader looks for help — on a flow's outcome and in the footer, its logo
// in the header —
// and its own content, strings and colours in place of upstream's, with
// upstream's guides, laws and flows still there.
func TestOrganisationOverlayOfTheBundledSite(t *testing.T) {
	mem, res, err := buildOverlay(t, orgOverlay)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	for _, d := range res.Diagnostics {
		t.Errorf("unexpected diagnostic: %s", d)
	}

	outcome := page(t, mem, "en/flows/purchase-went-wrong/fraud-compensation/index.html")
	help := between(t, outcome, `<section class="help"`, `</section>`)
	for _, want := range []string{
		`<h2 id="help-title">Talk to Harbour Legal Aid</h2>`,
		`<p class="help__org">Harbour Legal Aid</p>`,
		`<a href="tel:&#43;861087654321">&#43;86 10 8765 4321</a>`,
		`<a href="mailto:help@harbour-legal.example">help@harbour-legal.example</a>`,
		`12 Quay Road, Ningbo`,
		`Mon–Fri 9:00–17:00`,
		`<a href="https://harbour-legal.example/">harbour-legal.example</a>`,
		// The copy lists no places of its own, and a base's settings are
		// not the copy's: the general line, not upstream's helplines.
		`<p>A lawyer or a legal aid organisation can advise you on your own case.</p>`,
	} {
		if !strings.Contains(help, want) {
			t.Errorf("the outcome's \"Where to get help\" lacks %s:\n%s", want, help)
		}
	}
	// The language's own setting wins in that language only.
	esHelp := between(t, page(t, mem, "es/flows/purchase-went-wrong/fraud-compensation/index.html"), `<section class="help"`, `</section>`)
	if !strings.Contains(esHelp, "lun.–vie. 9:00–17:00") || !strings.Contains(esHelp, "Harbour Legal Aid") {
		t.Errorf("the Spanish outcome lacks the Spanish hours or the name:\n%s", esHelp)
	}

	if strings.Contains(help, "12315") {
		t.Errorf("the copy's outcome lists upstream's helplines, which are upstream's settings:\n%s", help)
	}

	// The header shows the logo and the site's title, and not the
	// organisation's name, which would make it taller on a phone; the
	// footer says who runs the site and how to reach them.
	home := page(t, mem, "en/index.html")
	header := between(t, home, `<header class="site-header">`, `</header>`)
	if !strings.Contains(header, `<img class="site-logo" src="/consumer-help/img/harbour.svg" alt="">`) || strings.Contains(header, "Harbour Legal Aid") {
		t.Errorf("the header lacks the logo or names the organisation:\n%s", header)
	}
	footer := between(t, home, `<footer class="site-footer">`, `</footer>`)
	if !strings.Contains(footer, `<h2 id="org-title">Run by Harbour Legal Aid</h2>`) || !strings.Contains(footer, "12 Quay Road, Ningbo") ||
		!strings.Contains(footer, `<a href="tel:&#43;861087654321">&#43;86 10 8765 4321</a>`) {
		t.Errorf("the footer lacks the organisation or its contact details:\n%s", footer)
	}
	if b, ok := mem.File("img/harbour.svg"); !ok || !strings.Contains(string(b), "<svg") {
		t.Errorf("the logo is not in the output")
	}

	// Its own content in place of upstream's, and added to it.
	about := page(t, mem, "en/about/index.html")
	if !strings.Contains(about, "Harbour Legal Aid runs this copy") || strings.Contains(about, "The content and the software come from the Lexsite project") {
		t.Errorf("the About page is not the organisation's")
	}
	// A file replaces the file at its own path only: the Spanish About
	// page is still upstream's.
	if es := page(t, mem, "es/about/index.html"); !strings.Contains(es, "<h1>Acerca de este sitio</h1>") {
		t.Errorf("the Spanish About page is not upstream's")
	}
	office := page(t, mem, "en/guides/our-office/index.html")
	if !strings.Contains(office, `href="/consumer-help/en/guides/seller-obligations/"`) {
		t.Errorf("the organisation's guide does not link to upstream's")
	}
	for _, name := range []string{"en/guides/seller-obligations/index.html", "zh/statutes/ecl/index.html", "es/flows/resolve-a-dispute/index.html"} {
		if _, ok := mem.File(name); !ok {
			t.Errorf("upstream's %s is missing from the copy", name)
		}
	}

	// Its colours: the style sheet linked from the pages is its own.
	css := page(t, mem, assetName(t, mem, "css/site.css"))
	if !strings.Contains(css, ".harbour-brand{color:#0b5d3b}") {
		t.Errorf("the style sheet is not the organisation's: %.200s", css)
	}
	if !strings.Contains(home, `href="/consumer-help/`+assetName(t, mem, "css/site.css")+`"`) {
		t.Errorf("the pages do not link the organisation's style sheet")
	}
}

// between returns the part of s from the first from to the next to.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	i := strings.Index(s, from)
	if i < 0 {
		t.Fatalf("no %s in the page", from)
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		t.Fatalf("no %s after %s", to, from)
	}
	return s[i : i+j+len(to)]
}

// TestBaseBadInput: a base that cannot be used stops the build at the
// setting that names it, with nothing written.
func TestBaseBadInput(t *testing.T) {
	const lang = "[languages.en]\nname = \"English\"\n"
	const page = "---\ntitle: A\n---\n"
	for _, tc := range []struct {
		name, archive string
		want          string
	}{
		{"base does not exist", "-- org/lexsite.toml --\nbase_url = \"https://example.org/\"\nbase = \"../upstreem\"\n" + lang + "-- org/content/a.md --\n" + page,
			`^lexsite\.toml:2:1: error: base "\.\./upstreem" is not a site: upstreem has no lexsite\.toml`},
		{"base is the site itself", "-- org/lexsite.toml --\nbase_url = \"https://example.org/\"\nbase = \".\"\n" + lang + "-- org/content/a.md --\n" + page,
			`^lexsite\.toml:2:1: error: base "\." leads back to org, a site already in the chain of bases`},
		{"a chain of bases leads back", "-- org/lexsite.toml --\nbase_url = \"https://example.org/\"\nbase = \"../upstream\"\n" + lang + "-- org/content/a.md --\n" + page +
			"-- upstream/lexsite.toml --\nbase_url = \"https://upstream.example/\"\n\nbase = \"../org\"\n" + lang,
			`^\.\./upstream/lexsite\.toml:3:1: error: base "\.\./org" leads back to org, a site already in the chain of bases`},
		{"a base's configuration is not TOML", "-- org/lexsite.toml --\nbase_url = \"https://example.org/\"\nbase = \"../upstream\"\n" + lang + "-- org/content/a.md --\n" + page +
			"-- upstream/lexsite.toml --\nbase_url = \"https://upstream.example/\n",
			`^\.\./upstream/lexsite\.toml:1:\d+: error: the base site's configuration cannot be read: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem, res, err := mini(t, tc.archive, "org")
			if !errors.Is(err, pipeline.ErrConfig) {
				t.Fatalf("error %v, want a configuration error\n%s", err, diagText(res.Diagnostics))
			}
			if n := len(mem.Names()); n != 0 {
				t.Errorf("a failed build wrote %d files", n)
			}
			if got := diagText(res.Diagnostics); !regexp.MustCompile(`(?m)` + tc.want).MatchString(got) {
				t.Errorf("diagnostics:\n%s\nwant one matching %s", got, tc.want)
			}
		})
	}
}

// TestOverlayWarnings: files of a copy that change nothing, and settings
// the pages cannot honour, are reported where they are; the copy is still
// built.
func TestOverlayWarnings(t *testing.T) {
	for _, tc := range []struct {
		name, edit, with string
		want             string
	}{
		{"a template that replaces nothing", "-- static/img/harbour.svg --", "-- templates/partial/footer.html --\n<footer>Ours</footer>\n-- static/img/harbour.svg --",
			`^templates/partial/footer\.html:1:1: warning: this template replaces no template of a base site or of Lexsite, and no template includes it, so it changes nothing; did you mean "partials/footer\.html"\?`},
		{"strings for a language the copy does not have", "-- static/img/harbour.svg --", "-- templates/i18n/esp.toml --\nhome = \"Inicio\"\n-- static/img/harbour.svg --",
			`^templates/i18n/esp\.toml:1:1: warning: these strings are for "esp", which lexsite\.toml does not configure, so no page uses them; did you mean "es"\?`},
		{"a file in templates/ that is no template", "-- static/img/harbour.svg --", "-- templates/partials/footer.htm --\n<footer>Ours</footer>\n-- static/img/harbour.svg --",
			`^templates/partials/footer\.htm:1:1: warning: Lexsite reads only \.html files in templates/`},
		{"a logo that static/ does not have", `logo = "/img/harbour.svg"`, `logo = "/img/harbor.svg"`,
			`^lexsite\.toml:12:1: warning: logo "/img/harbor\.svg" is not a file of static/`},
		{"a logo on another host", `logo = "/img/harbour.svg"`, `logo = "https://cdn.example/harbour.svg"`,
			`^lexsite\.toml:12:1: warning: logo "https://cdn\.example/harbour\.svg" is not a file of static/`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(orgOverlay, tc.edit) {
				t.Fatalf("the overlay has no %s", tc.edit)
			}
			_, res, err := buildOverlay(t, strings.Replace(orgOverlay, tc.edit, tc.with, 1))
			if err != nil {
				t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
			}
			if got := diagText(res.Diagnostics); !regexp.MustCompile(`(?m)` + tc.want).MatchString(got) {
				t.Errorf("diagnostics:\n%s\nwant one matching %s", got, tc.want)
			}
		})
	}
}

// TestAssets: style sheets and scripts are written minified under a name
// with their content's hash, and only so; the pages link to those names;
// other static files keep theirs. [assets] turns either part off.
func TestAssets(t *testing.T) {
	const site = `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/_index.md --
---
title: Home
---
-- static/css/site.css --
/* The site's colours. */
body {
  color: #222222;
}
-- static/img/photo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
`
	mem := mustBuild(t, site)
	css := assetName(t, mem, "css/site.css")
	if got := page(t, mem, css); got != "body{color:#222}" {
		t.Errorf("%s is %q, want it minified", css, got)
	}
	if _, ok := mem.File("css/site.css"); ok {
		t.Errorf("the style sheet is also written under its own name, which hosts cache for good")
	}
	if !strings.Contains(page(t, mem, "en/index.html"), `<link rel="stylesheet" href="/`+css+`">`) {
		t.Errorf("the home page does not link %s", css)
	}
	if _, ok := mem.File("img/photo.svg"); !ok {
		t.Errorf("an image was renamed or left out")
	}
	// A changed style sheet has a new name.
	changed := mustBuild(t, strings.Replace(site, "#222222", "#333333", 1))
	if assetName(t, changed, "css/site.css") == css {
		t.Errorf("a changed style sheet kept its name %s", css)
	}

	plain := mustBuild(t, strings.Replace(site, "[languages.en]", "[assets]\nminify = false\nfingerprint = false\n[languages.en]", 1))
	if got := page(t, plain, "css/site.css"); !strings.HasPrefix(got, "/* The site's colours. */") {
		t.Errorf("with minify = false the style sheet is %q", got)
	}
	if !strings.Contains(page(t, plain, "en/index.html"), `<link rel="stylesheet" href="/css/site.css">`) {
		t.Errorf("with fingerprint = false the page does not link css/site.css")
	}
}

// TestTextLinksToAStyleSheet: a link in a document's text to a style sheet
// (a print style sheet offered for download, say) leads to its
// fingerprinted copy, the only one written.
func TestTextLinksToAStyleSheet(t *testing.T) {
	mem := mustBuild(t, `
-- lexsite.toml --
base_url = "https://example.org/help/"
[languages.en]
name = "English"
-- content/_index.md --
---
title: Home
---
Print with [this style sheet](/css/print.css) or see [the logo](/img/logo.svg).
-- static/css/print.css --
body { font-size: 12pt }
-- static/img/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
`)
	home := page(t, mem, "en/index.html")
	if want := `<a href="/help/` + assetName(t, mem, "css/print.css") + `">this style sheet</a>`; !strings.Contains(home, want) {
		t.Errorf("the home page lacks %s", want)
	}
	if !strings.Contains(home, `<a href="/help/img/logo.svg">the logo</a>`) {
		t.Errorf("the link to an image changed")
	}
}
