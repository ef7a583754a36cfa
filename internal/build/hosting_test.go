package build_test

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lexsite/lexsite/internal/browsertest"
	"github.com/lexsite/lexsite/internal/build"
	"github.com/lexsite/lexsite/internal/output"
)

// TestLinksResolveUnderASubfolderAndRelative builds the bundled site as a
// copy under a folder of another website and as a relative copy (for a
// USB stick, opened from disk), and follows every href and src of every
// page to a file of the output, and every fragment to an id in it.
func TestLinksResolveUnderASubfolderAndRelative(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts build.Options
		// resolve turns an address on page into a file of the output.
		resolve func(t *testing.T, page, ref string) (string, bool)
	}{
		{"subfolder", build.Options{BaseURL: "https://legal-aid.example/consumer-help/"}, func(t *testing.T, page, ref string) (string, bool) {
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
		{"relative", build.Options{Relative: true}, func(t *testing.T, page, ref string) (string, bool) {
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
			res, err := build.Run(t.Context(), opts, mem)
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
	res, err := build.Run(t.Context(), build.Options{SiteDir: filepath.Join("..", ".."), Relative: true}, mem)
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
		if err := chromedp.Do(ctx, chromedp.ScrollIntoView(sel), chromedp.Click(sel), chromedp.WaitReady("body")); err != nil {
			t.Fatalf("%s: clicking %s: %v", what, sel, err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(loc, "file://") || !strings.Contains(loc, wantPath) {
			t.Fatalf("%s: at %s, want a file:// address with %s", what, loc, wantPath)
		}
	}
	step("home → guide", `a.card__title[href$="seller-obligations/index.html"]`, "/en/guides/seller-obligations/index.html")
	step("guide → article", `a.cite[href*="statutes/cpl/index.html#art-25"]`, "/en/statutes/cpl/index.html#art-25")
	// The article's "Cited in" list is folded: open it as a reader does.
	if err := chromedp.Do(ctx, chromedp.Click(`section.article[aria-labelledby="art-25"] details.cited-in summary`)); err != nil {
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
		Laws: document.querySelectorAll(".outcome__laws a.cite").length,
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
	_, res, err = mini(t, strings.Replace(site, "relative_urls = true\n", "", 1), ".", func(o *build.Options) { o.Relative = true })
	if err != nil {
		t.Fatal(err)
	}
	if got := diagText(res.Diagnostics); !strings.Contains(got, "--relative:1:1: warning: with relative_urls") {
		t.Errorf("diagnostics with --relative:\n%s", got)
	}
}
