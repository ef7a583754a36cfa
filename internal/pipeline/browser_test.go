package pipeline_test

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"go.yaml.in/yaml/v3"

	"github.com/lexsite/lexsite/internal/browsertest"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// guidePath is the guide the browser tests read, in every language.
const guidePath = "/%s/guides/seller-obligations/"

// serveBundledSite builds the bundled site (the repository root) for a test
// server and serves it. The site is built with the server's URL as its base
// URL, so that its absolute links (hreflang alternates) lead to the server.
// It returns the server's URL, without a trailing slash.
func serveBundledSite(t *testing.T) string {
	t.Helper()
	base, _ := buildAndServeBundledSite(t, func(files map[string][]byte) string {
		return browsertest.Serve(t, files) // reads files at request time
	})
	return base
}

// buildAndServeBundledSite starts a server with serve, over a map it fills
// afterwards with the bundled site built for the server's address (so the
// absolute hreflang links can be followed too), and returns the server's
// URL and the files.
func buildAndServeBundledSite(t *testing.T, serve func(files map[string][]byte) string) (string, map[string][]byte) {
	t.Helper()
	files := map[string][]byte{}
	base := serve(files)
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: filepath.Join("..", ".."), BaseURL: base + "/"}, mem)
	if err != nil {
		var diags string
		if res != nil {
			diags = diagText(res.Diagnostics)
		}
		t.Fatalf("building the bundled site: %v\n%s", err, diags)
	}
	maps.Copy(files, mem.Files())
	return base, files
}

// frontMatterTitle reads the title from the front matter of a content file.
func frontMatterTitle(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		t.Fatalf("%s: no front matter", name)
	}
	fm, _, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		t.Fatalf("%s: front matter does not end", name)
	}
	var meta struct {
		Title string `yaml:"title"`
	}
	if err := yaml.Unmarshal(fm, &meta); err != nil {
		t.Fatalf("%s: front matter: %v", name, err)
	}
	if meta.Title == "" {
		t.Fatalf("%s: no title in the front matter", name)
	}
	return meta.Title
}

// alternate is a <link rel="alternate" hreflang> of a page, as written.
type alternate struct {
	Lang string `json:"lang"`
	Href string `json:"href"`
}

// checkAlternates checks that a page's alternates name each of langs and
// x-default once, each with an absolute URL on the test server that serves a
// page, and returns them by language.
func checkAlternates(t *testing.T, page, base string, alts []alternate, langs ...string) map[string]string {
	t.Helper()
	server, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	byLang := map[string]string{}
	for _, a := range alts {
		if _, dup := byLang[a.Lang]; dup {
			t.Errorf("%s: hreflang %q is given twice", page, a.Lang)
		}
		byLang[a.Lang] = a.Href
		u, err := url.Parse(a.Href)
		if err != nil || !u.IsAbs() || u.Host != server.Host {
			t.Errorf("%s: hreflang %q href %q is not an absolute URL on %s", page, a.Lang, a.Href, base)
			continue
		}
		checkServed(t, a.Href)
	}
	for _, lang := range append(langs, "x-default") {
		if _, ok := byLang[lang]; !ok {
			t.Errorf("%s: no hreflang %q alternate; have %v", page, lang, alts)
		}
	}
	if d, ok := byLang["x-default"]; ok {
		found := false
		for _, lang := range langs {
			found = found || byLang[lang] == d
		}
		if !found {
			t.Errorf("%s: x-default %q is none of the translations %v", page, d, alts)
		}
	}
	return byLang
}

// checkServed checks that a URL serves a page as it is, without a redirect.
func checkServed(t *testing.T, href string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	res, err := client.Get(href)
	if err != nil {
		t.Errorf("GET %s: %v", href, err)
		return
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s", href, res.Status)
	}
}

func TestBrowserLanguageSwitch(t *testing.T) {
	ctx := browsertest.Chrome(t)
	base := serveBundledSite(t)
	zhTitle := frontMatterTitle(t, filepath.Join("..", "..", "content", "guides", "seller-obligations.zh.md"))
	failures := browsertest.RecordFailures(ctx)

	readAlternates := func() []alternate {
		t.Helper()
		// The href attributes as the page has them, not resolved against it.
		alts, err := chromedp.Run(ctx, chromedp.Evaluate[[]alternate](
			`Array.from(document.querySelectorAll('link[rel="alternate"][hreflang]'),
				l => ({lang: l.getAttribute("hreflang"), href: l.getAttribute("href")}))`))
		if err != nil {
			t.Fatalf("reading the hreflang alternates: %v", err)
		}
		return alts
	}
	lang := func() string {
		t.Helper()
		l, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	// The English guide.
	enURL := base + fmt.Sprintf(guidePath, "en")
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(enURL))
	if err != nil {
		t.Fatalf("opening %s: %v", enURL, err)
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("%s: status %d", enURL, resp.Status)
	}
	if l := lang(); l != "en" {
		t.Errorf("%s: <html lang=%q>, want en", enURL, l)
	}
	enAlts := checkAlternates(t, enURL, base, readAlternates(), "en", "es", "zh")
	if enAlts["en"] != enURL {
		t.Errorf("%s: its own hreflang en alternate is %q", enURL, enAlts["en"])
	}

	// The reader picks 中文 in the language switcher.
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`nav.lang-switcher a[hreflang="zh"]`)))
	if err != nil {
		t.Fatalf("clicking the zh link of the language switcher: %v", err)
	}
	if resp.Status != http.StatusOK {
		t.Errorf("zh page: status %d", resp.Status)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	zhURL, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(guidePath, "zh"); zhURL.Path != want {
		t.Fatalf("after the switch: location %s, want the path %s", loc, want)
	}
	if l := lang(); l != "zh" {
		t.Errorf("%s: <html lang=%q>, want zh", loc, l)
	}
	h1s, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("h1"), h => h.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if len(h1s) != 1 || h1s[0] != zhTitle {
		t.Errorf("%s: h1 %q, want one h1 %q (the title of seller-obligations.zh.md)", loc, h1s, zhTitle)
	}
	zhAlts := checkAlternates(t, loc, base, readAlternates(), "en", "es", "zh")
	if zhAlts["en"] != enURL {
		t.Errorf("%s: hreflang en alternate %q, want the English page %s", loc, zhAlts["en"], enURL)
	}
	if zhAlts["zh"] != loc {
		t.Errorf("%s: its own hreflang zh alternate is %q", loc, zhAlts["zh"])
	}

	// And the switcher leads back.
	back, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector('nav.lang-switcher a[hreflang="en"]')?.href ?? ""`))
	if err != nil {
		t.Fatal(err)
	}
	if back != enURL {
		t.Errorf("%s: the switcher's English link goes to %q, want %s", loc, back, enURL)
	}

	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
	}
}

func TestBrowserPhoneWidth(t *testing.T) {
	const width = 320
	ctx := browsertest.Chrome(t)
	base := serveBundledSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 640)); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fmt.Sprintf(guidePath, "zh"), fmt.Sprintf(guidePath, "en"), "/zh/statutes/ecl/", "/es/statutes/cpl/"} {
		page := base + path
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatalf("opening %s: %v", page, err)
		}
		cw, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if cw != width {
			t.Fatalf("%s: the viewport is %d px wide, want %d: the emulation did not apply", page, cw, width)
		}
		sw, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if sw <= width {
			continue
		}
		// Name the elements that stick out, to say where to look.
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`
			Array.from(document.body.querySelectorAll("*"))
				.filter(e => e.getBoundingClientRect().right > %d)
				.slice(0, 10)
				.map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : "") +
					" (right edge " + Math.round(e.getBoundingClientRect().right) + "px)")`, width)))
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s at %d px wide: scrollWidth %d, so the page scrolls sideways; wide elements:\n%s",
			page, width, sw, strings.Join(wide, "\n"))
	}
}

// TestBrowserCitationLeadsToTheItem clicks a citation in the Spanish guide
// and checks that the reader lands on the Spanish excerpt, scrolled to the
// cited item.
func TestBrowserCitationLeadsToTheItem(t *testing.T) {
	ctx := browsertest.Chrome(t)
	failures := browsertest.RecordFailures(ctx)
	base := serveBundledSite(t)
	guide := base + fmt.Sprintf(guidePath, "es")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 700), chromedp.Navigate(guide)); err != nil {
		t.Fatalf("opening %s: %v", guide, err)
	}
	const anchor = "art-48-p1-i8"
	sel := `a.cite[href$="#` + anchor + `"]`
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+sel+`')?.textContent ?? ""`))
	if err != nil {
		t.Fatal(err)
	}
	if text != "Ley de Protección de los Derechos e Intereses del Consumidor, artículo 48.1.8" {
		t.Fatalf("%s: the citation of CPL 48(1)(8) reads %q", guide, text)
	}
	if err := browsertest.Follow(ctx, sel); err != nil {
		t.Fatalf("following the citation: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`#`+anchor)); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/es/statutes/cpl/" || u.Fragment != anchor {
		t.Fatalf("after the click: %s, want /es/statutes/cpl/#%s", loc, anchor)
	}
	type box struct {
		Top, Bottom, Height float64
		Lang, Text          string
	}
	// The browser scrolls to the fragment once the page has loaded; give
	// it a moment before measuring.
	var b box
	for range 20 {
		b, err = chromedp.Run(ctx, chromedp.Evaluate[box](`(() => {
			const e = document.getElementById("`+anchor+`");
			const r = e.getBoundingClientRect();
			return {Top: r.top, Bottom: r.bottom, Height: window.innerHeight,
				Lang: document.documentElement.lang, Text: e.textContent.trim()};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if b.Top >= 0 && b.Bottom <= b.Height {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if b.Lang != "es" {
		t.Errorf("the excerpt page is <html lang=%q>, want es", b.Lang)
	}
	if b.Top < 0 || b.Bottom > b.Height {
		t.Errorf("the cited item is not in the viewport: top %.0f, bottom %.0f, viewport height %.0f", b.Top, b.Bottom, b.Height)
	}
	if !strings.HasPrefix(b.Text, "(8)") {
		t.Errorf("the element at #%s reads %q, want item (8)", anchor, b.Text)
	}
	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
	}
}

// flowPath is the bundled flow the browser tests walk, in every language.
const flowPath = "/%s/flows/purchase-went-wrong/"

// TestBrowserWalkFlowWithoutJavaScript walks a bundled flow as a reader
// without scripts does: from the overview's Start button, answer by answer,
// to an outcome, which must cite the articles it relies on and lead to
// them; the Back button then returns to the outcome.
func TestBrowserWalkFlowWithoutJavaScript(t *testing.T) {
	ctx := browsertest.Chrome(t, browsertest.JavaScript(false))
	failures := browsertest.RecordFailures(ctx)
	base := serveBundledSite(t)
	over := base + fmt.Sprintf(flowPath, "en")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(over)); err != nil {
		t.Fatalf("opening %s: %v", over, err)
	}
	click := func(sel string) {
		t.Helper()
		if err := browsertest.Follow(ctx, sel); err != nil {
			t.Fatalf("clicking %s: %v", sel, err)
		}
	}
	title := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("h1").textContent`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	click(`a.button--start`)
	if got := title(); got != "What happened?" {
		t.Fatalf("Start leads to %q, want the first question", got)
	}
	// The answer link that reads so, clicked as a reader would.
	answer := func(text string) {
		t.Helper()
		sel := fmt.Sprintf(`//a[contains(@class,"answer") and normalize-space(.)=%q]`, text)
		if err := browsertest.Follow(ctx, sel); err != nil {
			t.Fatalf("answering %q on %q: %v", text, title(), err)
		}
	}
	answer("The description was false or misleading")
	if got := title(); got != "Did the seller lie to you on purpose?" {
		t.Fatalf("after the first answer: %q", got)
	}
	answer("Yes, I believe it was deliberate")
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "/en/flows/purchase-went-wrong/fraud-compensation/") {
		t.Fatalf("the walk ended at %s", loc)
	}
	type outcome struct {
		Laws    []string
		Hidden  bool
		Answers int
		Help    bool
	}
	o, err := chromedp.Run(ctx, chromedp.Evaluate[outcome](`(() => ({
		Laws: [...document.querySelectorAll("#law + ul a.cite")].map(a => a.textContent + " " + new URL(a.href).pathname + new URL(a.href).hash),
		Hidden: document.querySelector(".your-answers").hidden,
		Answers: document.querySelectorAll("a.answer").length,
		Help: !!document.querySelector(".help"),
	}))()`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(o.Laws, "Consumer Protection Law, Article 55(1) /en/statutes/cpl/#art-55-p1") {
		t.Errorf("the outcome does not cite CPL 55(1); it cites %q", o.Laws)
	}
	if o.Answers != 0 || !o.Help {
		t.Errorf("the outcome has %d answers and help shown %v", o.Answers, o.Help)
	}
	if !o.Hidden {
		t.Error("without JavaScript the answers summary is shown")
	}
	// The cited article is there to follow.
	click(`#law + ul a.cite[href$="#art-55-p1"]`)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`#art-55-p1`)); err != nil {
		t.Fatal(err)
	}
	// The Back button returns to the outcome. The page may come from the
	// back-forward cache, with no load event to wait for, so this is the
	// walk's last step and the title is polled.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`history.back()`)); err != nil {
		t.Fatal(err)
	}
	got := ""
	for range 50 {
		if got = title(); got == "You may ask for extra compensation" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got != "You may ask for extra compensation" {
		t.Errorf("Back from the article leads to %q, want the outcome", got)
	}
	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
	}
}

// TestBrowserAnswersSummary walks a flow with scripts on, under a strict
// Content-Security-Policy: each step lists the answers given, and a Change
// link returns to its question, whose new answer replaces the old one.
func TestBrowserAnswersSummary(t *testing.T) {
	ctx := browsertest.Chrome(t)
	failures := browsertest.RecordFailures(ctx)
	files := map[string][]byte{}
	csp := http.Header{"Content-Security-Policy": {"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'"}}
	base := browsertest.ServeWithHeaders(t, files, csp)
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: filepath.Join("..", ".."), BaseURL: base + "/"}, mem)
	if err != nil {
		t.Fatalf("building the bundled site: %v\n%s", err, diagText(res.Diagnostics))
	}
	maps.Copy(files, mem.Files())

	start := base + fmt.Sprintf(flowPath, "es") + "what-happened/"
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(start)); err != nil {
		t.Fatal(err)
	}
	answer := func(i int) {
		t.Helper()
		sel := fmt.Sprintf(`.answers__list li:nth-child(%d) a.answer`, i)
		if err := browsertest.Follow(ctx, sel); err != nil {
			t.Fatalf("clicking answer %d: %v", i, err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitReady(".your-answers")); err != nil {
			t.Fatal(err)
		}
	}
	type row struct{ Question, Answer, Change, Href string }
	summary := func() (bool, []row) {
		t.Helper()
		type sum struct {
			Hidden bool
			Rows   []row
		}
		// The script runs on DOMContentLoaded (defer): wait for it.
		var s sum
		for range 20 {
			var err error
			s, err = chromedp.Run(ctx, chromedp.Evaluate[sum](`(() => ({
				Hidden: document.querySelector(".your-answers").hidden,
				Rows: [...document.querySelectorAll(".your-answers__row")].map(r => ({
					Question: r.querySelector("dt").textContent,
					Answer: r.querySelector(".your-answers__answer").textContent,
					Change: r.querySelector("a").textContent,
					Href: new URL(r.querySelector("a").href).pathname,
				})),
			}))()`))
			if err != nil {
				t.Fatal(err)
			}
			if !s.Hidden {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		return s.Hidden, s.Rows
	}
	if hidden, _ := summary(); !hidden {
		t.Error("the first question shows an answers summary before any answer")
	}
	answer(1) // faulty or not as described → faulty-rules
	hidden, rows := summary()
	if hidden || len(rows) != 1 {
		t.Fatalf("after one answer the summary is hidden=%v with %d rows", hidden, len(rows))
	}
	first := rows[0]
	if first.Question != "¿Qué pasó?" || first.Change != "Cambiar" || first.Href != "/es/flows/purchase-went-wrong/what-happened/" {
		t.Errorf("the summary reads %+v", first)
	}
	answer(1)
	if _, rows = summary(); len(rows) != 2 {
		t.Fatalf("after two answers the summary has %d rows: %+v", len(rows), rows)
	}
	// Change the first answer: back on the first question, the summary
	// shows nothing before it; a new answer replaces the old path.
	sel := `.your-answers__row:first-child a`
	if err := browsertest.Follow(ctx, sel); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "/es/flows/purchase-went-wrong/what-happened/") {
		t.Fatalf("Change leads to %s, want the first question", loc)
	}
	answer(2) // not delivered → an outcome
	if _, rows = summary(); len(rows) != 1 || rows[0].Answer == first.Answer {
		t.Errorf("after changing the first answer the summary reads %+v", rows)
	}
	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
	}
}
