package browsertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// twoPages is a small site: a home page that links to a second page, and a
// stylesheet both use. Their scripts set the title, so a test can see
// whether JavaScript ran.
func twoPages() map[string][]byte {
	return map[string][]byte{
		"index.html": []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Home</title><link rel="stylesheet" href="/css/site.css"></head>
<body><h1>Home</h1><p><a id="next" href="/second/">Second page</a></p>
<script>document.title = "Home (scripted)";</script></body></html>`),
		"second/index.html": []byte(`<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">
<title>Segunda</title><link rel="stylesheet" href="/css/site.css"></head>
<body><h1>Segunda página</h1></body></html>`),
		"broken/index.html": []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Broken</title><link rel="stylesheet" href="/css/missing.css"></head><body></body></html>`),
		"css/site.css": []byte("body { font-family: sans-serif; }\n"),
		"404.html":     []byte(`<!DOCTYPE html><title>Not found</title><h1>Not found</h1>`),
	}
}

func TestServe(t *testing.T) {
	h := handler(twoPages())
	for _, tc := range []struct {
		method, target string
		status         int
		location       string
		contentType    string
		bodyHas        string
	}{
		{"GET", "/", 200, "", "text/html; charset=utf-8", "<h1>Home</h1>"},
		{"GET", "/index.html", 200, "", "text/html; charset=utf-8", "<h1>Home</h1>"},
		{"GET", "/second/", 200, "", "text/html; charset=utf-8", "Segunda página"},
		{"GET", "/second", 301, "/second/", "", ""},
		{"GET", "/second?q=1", 301, "/second/?q=1", "", ""},
		{"GET", "/css/site.css", 200, "", "text/css; charset=utf-8", "font-family"},
		{"GET", "/css/", 404, "", "text/html; charset=utf-8", "Not found"},
		{"GET", "/missing/", 404, "", "text/html; charset=utf-8", "Not found"},
		{"GET", "/missing", 404, "", "text/html; charset=utf-8", "Not found"},
		{"GET", "/../index.html", 200, "", "text/html; charset=utf-8", "<h1>Home</h1>"},
		{"HEAD", "/second/", 200, "", "text/html; charset=utf-8", ""},
		{"POST", "/", 405, "", "", ""},
	} {
		req := httptest.NewRequest(tc.method, "http://example.test"+tc.target, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.target, res.StatusCode, tc.status)
		}
		if got := res.Header.Get("Location"); got != tc.location {
			t.Errorf("%s %s: Location %q, want %q", tc.method, tc.target, got, tc.location)
		}
		if tc.contentType != "" && res.Header.Get("Content-Type") != tc.contentType {
			t.Errorf("%s %s: Content-Type %q, want %q", tc.method, tc.target, res.Header.Get("Content-Type"), tc.contentType)
		}
		if !strings.Contains(string(body), tc.bodyHas) {
			t.Errorf("%s %s: body %q does not contain %q", tc.method, tc.target, body, tc.bodyHas)
		}
	}
}

func TestServeWithout404Page(t *testing.T) {
	base := Serve(t, map[string][]byte{"index.html": []byte("<title>x</title>")})
	res, err := http.Get(base + "/nothing/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", res.StatusCode)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, "/") {
		t.Errorf("base URL %q: want http://127.0.0.1:port with no trailing slash", base)
	}
}

func TestBrowserNavigateAndClick(t *testing.T) {
	ctx := Chrome(t)
	base := Serve(t, twoPages())
	failures := RecordFailures(ctx)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title != "Home (scripted)" {
		t.Errorf("title %q, want %q: the page's script did not run", title, "Home (scripted)")
	}

	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#next")))
	if err != nil {
		t.Fatalf("clicking the link: %v", err)
	}
	if resp.Status != http.StatusOK {
		t.Errorf("second page: status %d", resp.Status)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if loc != base+"/second/" {
		t.Errorf("location %q, want %q", loc, base+"/second/")
	}
	title, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Segunda" {
		t.Errorf("title %q, want %q", title, "Segunda")
	}
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatal(err)
	}
	if lang != "es" {
		t.Errorf("lang %q, want es", lang)
	}
	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
	}

	// "/second" without its slash goes through the redirect, which is no
	// failure.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/second")); err != nil {
		t.Fatal(err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != base+"/second/" {
		t.Errorf("after the redirect: location %q, want %q", loc, base+"/second/")
	}
	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests after the redirect:\n%s", strings.Join(f, "\n"))
	}
	// A missing stylesheet and a missing page are failures.
	for _, tc := range []struct{ page, want string }{
		{"/broken/", "404 " + base + "/css/missing.css (Stylesheet)"},
		{"/missing/", "404 " + base + "/missing/ (Document)"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+tc.page)); err != nil {
			t.Fatal(err)
		}
		if f := failures.List(); !slices.Contains(f, tc.want) {
			t.Errorf("failed requests %q do not include %q", f, tc.want)
		}
	}
}

func TestBrowserWithoutJavaScript(t *testing.T) {
	ctx := Chrome(t, JavaScript(false))
	base := Serve(t, twoPages())
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title != "Home" {
		t.Errorf("title %q, want %q: the page's script ran with JavaScript off", title, "Home")
	}
	// Links work without scripts.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#next"))); err != nil {
		t.Fatalf("clicking the link: %v", err)
	}
	if title, _ := chromedp.Run(ctx, chromedp.Title()); title != "Segunda" {
		t.Errorf("title %q, want %q", title, "Segunda")
	}
}

// TestBrowserSharesOneBrowser checks that the tabs of a Browser belong to
// one browser process and are separate pages: what one tab loads does not
// show in another.
func TestBrowserSharesOneBrowser(t *testing.T) {
	base := Serve(t, twoPages())
	b := NewBrowser(t)
	var browsers []*chromedp.Browser
	for _, tc := range []struct{ page, title string }{
		{"/", "Home (scripted)"},
		{"/second/", "Segunda"},
	} {
		t.Run(tc.page, func(t *testing.T) {
			ctx := b.Tab(t)
			if err := chromedp.Do(ctx, chromedp.Navigate(base+tc.page)); err != nil {
				t.Fatal(err)
			}
			title, err := chromedp.Run(ctx, chromedp.Title())
			if err != nil {
				t.Fatal(err)
			}
			if title != tc.title {
				t.Errorf("%s: title %q, want %q", tc.page, title, tc.title)
			}
			browsers = append(browsers, chromedp.FromContext(ctx).Browser)
		})
	}
	if len(browsers) == 2 && browsers[0] != browsers[1] {
		t.Errorf("the tabs ran in two browsers")
	}
}
