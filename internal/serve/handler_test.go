package serve

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// page is a small HTML page as a build writes it.
func page(lang, h1 string) string {
	return `<!DOCTYPE html>
<html lang="` + lang + `">
<head>
<meta charset="utf-8">
<title>` + h1 + `</title>
<link rel="stylesheet" href="/css/site.css">
</head>
<body><h1>` + h1 + `</h1></body>
</html>
`
}

// builtSite is the output of a small two-language build.
func builtSite() map[string][]byte {
	return map[string][]byte{
		"index.html":                   []byte(page("en", "Choose your language")),
		"en/index.html":                []byte(page("en", "Home")),
		"es/index.html":                []byte(page("es", "Inicio")),
		"en/guides/returns/index.html": []byte(page("en", "Returns")),
		"es/guides/returns/index.html": []byte(page("es", "Devoluciones")),
		"404.html":                     []byte(page("en", "Not found")),
		"en/404.html":                  []byte(page("en", "Page not found")),
		"es/404.html":                  []byte(page("es", "Página no encontrada")),
		"css/site.css":                 []byte("body { color: #222; }\n"),
		"img/logo.png":                 {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
		"img/logo.svg":                 []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
		"sitemap.xml":                  []byte("<?xml version=\"1.0\"?><urlset/>"),
		"js/menu.js":                   []byte("console.log(1)"),
		"search.json":                  []byte("[]"),
		"nohead.html":                  []byte("<p>no head</p>"),
		"zh/指南/index.html":             []byte(page("zh", "指南")),
	}
}

// snapshotBuilder returns fixed snapshots, one per call, then the last
// one forever.
type snapshotBuilder struct {
	mu    sync.Mutex
	snaps []*Snapshot
	errs  []error
	calls [][]pipeline.Change
}

func (b *snapshotBuilder) Build(_ context.Context, changed []pipeline.Change) (*Snapshot, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls = append(b.calls, changed)
	i := min(len(b.calls), len(b.snaps)) - 1
	return b.snaps[i], b.errs[i]
}

// lockedBuffer is a log the server and the test may use at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newStaticServer is a server whose state is files (nil: no good build,
// with diags), with netlify.toml in its site folder when netlify is not "".
func newStaticServer(t *testing.T, files map[string][]byte, netlify string, diags ...diag.Diagnostic) (*Server, *lockedBuffer) {
	t.Helper()
	dir := t.TempDir()
	if netlify != "" {
		if err := os.WriteFile(filepath.Join(dir, "netlify.toml"), []byte(netlify), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	log := &lockedBuffer{}
	s := New(Options{SiteDir: dir, Log: log})
	snap := &Snapshot{Files: files, Diagnostics: diags, Sources: []string{dir}}
	var err error
	if files == nil {
		err = pipeline.ErrContent
	}
	s.apply(snap, err, nil, 0, true)
	return s, log
}

type response struct {
	status int
	header http.Header
	body   string
}

// get sends one request to a handler. target is sent as it is, so paths a
// browser would clean reach the server.
func get(t *testing.T, h http.Handler, method, target string, header http.Header) response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.Host = "127.0.0.1:1313"
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, string(body)}
}

func TestServeFiles(t *testing.T) {
	files := builtSite()
	s, _ := newStaticServer(t, files, "")
	h := s.Handler()
	for _, tc := range []struct {
		method, target string
		status         int
		contentType    string
		location       string
		bodyHas        string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "", "Choose your language"},
		{"GET", "/en/", 200, "text/html; charset=utf-8", "", "<h1>Home</h1>"},
		{"GET", "/en/index.html", 200, "text/html; charset=utf-8", "", "<h1>Home</h1>"},
		{"GET", "/en/guides/returns/", 200, "text/html; charset=utf-8", "", "<h1>Returns</h1>"},
		{"GET", "/en/guides/returns", 301, "", "/en/guides/returns/", ""},
		{"GET", "/en/guides/returns?x=1", 301, "", "/en/guides/returns/?x=1", ""},
		{"GET", "/zh/%E6%8C%87%E5%8D%97/", 200, "text/html; charset=utf-8", "", "<h1>指南</h1>"},
		{"GET", "/zh/%E6%8C%87%E5%8D%97", 301, "", "/zh/%E6%8C%87%E5%8D%97/", ""},
		{"GET", "/css/site.css", 200, "text/css; charset=utf-8", "", "color: #222"},
		{"GET", "/img/logo.png", 200, "image/png", "", "PNG"},
		{"GET", "/img/logo.svg", 200, "image/svg+xml", "", "<svg"},
		{"GET", "/sitemap.xml", 200, "application/xml; charset=utf-8", "", "urlset"},
		{"GET", "/js/menu.js", 200, "text/javascript; charset=utf-8", "", "console"},
		{"GET", "/search.json", 200, "application/json", "", "[]"},
		{"GET", "/es/no-such-page/", 404, "text/html; charset=utf-8", "", "Página no encontrada"},
		{"GET", "/en/no-such-page", 404, "text/html; charset=utf-8", "", "Page not found"},
		{"GET", "/fr/page/", 404, "text/html; charset=utf-8", "", "<h1>Not found</h1>"},
		{"GET", "/missing.png", 404, "text/html; charset=utf-8", "", "<h1>Not found</h1>"},
		{"HEAD", "/en/", 200, "text/html; charset=utf-8", "", ""},
		{"HEAD", "/es/missing/", 404, "text/html; charset=utf-8", "", ""},
		{"POST", "/en/", 405, "", "", ""},
		{"GET", "/__lexsite/live.js", 200, "text/javascript; charset=utf-8", "", "EventSource"},
		{"GET", "/__lexsite/live.css", 200, "text/css; charset=utf-8", "", ".lexsite-overlay"},
		{"GET", "/__lexsite/status", 200, "application/json", "", `"ok":true`},
		{"GET", "/__lexsite/nothing", 404, "", "", ""},
	} {
		res := get(t, h, tc.method, tc.target, nil)
		if res.status != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.target, res.status, tc.status)
		}
		if tc.contentType != "" && res.header.Get("Content-Type") != tc.contentType {
			t.Errorf("%s %s: Content-Type %q, want %q", tc.method, tc.target, res.header.Get("Content-Type"), tc.contentType)
		}
		if res.header.Get("Location") != tc.location {
			t.Errorf("%s %s: Location %q, want %q", tc.method, tc.target, res.header.Get("Location"), tc.location)
		}
		if !strings.Contains(res.body, tc.bodyHas) {
			t.Errorf("%s %s: body %.200q does not have %q", tc.method, tc.target, res.body, tc.bodyHas)
		}
		if tc.method == "HEAD" && res.body != "" {
			t.Errorf("HEAD %s: a body of %d bytes", tc.target, len(res.body))
		}
		if got := res.header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s %s: Cache-Control %q, want no-store, so a reload always gets the new build", tc.method, tc.target, got)
		}
	}
}

func TestServedPagesAreTheBuiltOnesPlusTheHook(t *testing.T) {
	files := builtSite()
	s, _ := newStaticServer(t, files, "")
	h := s.Handler()
	version := s.state.Load().version
	want := hook(version, "")
	for _, tc := range []struct{ target, name string }{
		{"/en/", "en/index.html"},
		{"/es/guides/returns/", "es/guides/returns/index.html"},
		{"/es/nowhere/", "es/404.html"},
		{"/nohead.html", "nohead.html"},
	} {
		res := get(t, h, "GET", tc.target, nil)
		if strings.Count(res.body, want) != 1 {
			t.Errorf("%s: the hook %q is not in the page once:\n%s", tc.target, want, res.body)
			continue
		}
		if got := strings.Replace(res.body, want, "", 1); got != string(files[tc.name]) {
			t.Errorf("%s: apart from the hook, the page differs from the built %s:\n%s", tc.target, tc.name, got)
		}
		if i, j := strings.Index(res.body, want), strings.Index(res.body, "</head>"); j >= 0 && i+len(want) != j {
			t.Errorf("%s: the hook is not just before </head>", tc.target)
		}
		head := get(t, h, "HEAD", tc.target, nil)
		if head.header.Get("Content-Length") != res.header.Get("Content-Length") {
			t.Errorf("%s: HEAD Content-Length %q, GET %q", tc.target, head.header.Get("Content-Length"), res.header.Get("Content-Length"))
		}
	}
	for _, name := range []string{"css/site.css", "img/logo.png", "sitemap.xml", "js/menu.js"} {
		if res := get(t, h, "GET", "/"+name, nil); res.body != string(files[name]) {
			t.Errorf("/%s: served %q, built %q", name, res.body, files[name])
		}
	}
}

func TestUnsafePathsAreRefused(t *testing.T) {
	s, _ := newStaticServer(t, builtSite(), "[[redirects]]\nfrom = \"/*\"\nto = \"/en/:splat\"\nstatus = 200\n")
	h := s.Handler()
	for _, target := range []string{
		"/../lexsite.toml",
		"/en/../../lexsite.toml",
		"/%2e%2e/",
		"/%2E%2E/lexsite.toml",
		"/.%2e/lexsite.toml",
		"/en/..%2f..%2fetc/passwd",
		"/en%2f..%2f..%2flexsite.toml",
		"//etc/passwd",
		"/en/..%5c..%5clexsite.toml",
		"/en/%5c",
		"/en/%00",
		"/./en/",
	} {
		res := get(t, h, "GET", target, nil)
		if res.status != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400", target, res.status)
		}
		if strings.Contains(res.body, "base_url") {
			t.Errorf("GET %s: the body shows the configuration", target)
		}
	}
}

func TestOnlyLoopbackHostsAreAnswered(t *testing.T) {
	s, _ := newStaticServer(t, builtSite(), "")
	for _, tc := range []struct {
		host   string
		status int
	}{
		{"127.0.0.1:1313", 200},
		{"localhost:1313", 200},
		{"[::1]:1313", 200},
		{"preview.localhost:1313", 200},
		{"attacker.example:1313", 403},
		{"192.168.1.20:1313", 403},
	} {
		req := httptest.NewRequest("GET", "/en/", nil)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Errorf("Host %s: status %d, want %d", tc.host, rec.Code, tc.status)
		}
	}
	// Bound to another address on purpose, any name is answered.
	req := httptest.NewRequest("GET", "/en/", nil)
	req.Host = "laptop.lan:1313"
	rec := httptest.NewRecorder()
	s.handler(false).ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("non-loopback listener, Host laptop.lan: status %d, want 200", rec.Code)
	}
}

const netlifyRules = `
[build]
command = "go run ./cmd/lexsite build -o public"

[[headers]]
for = "/*"
[headers.values]
X-Frame-Options = "DENY"
Content-Security-Policy = "default-src 'none'; img-src 'self'; style-src 'self'"

[[headers]]
for = "/css/*"
[headers.values]
Cache-Control = "public, max-age=31536000, immutable"

[[redirects]]
from = "/"
to = "/es/"
status = 302
force = true
conditions = {Language = ["es"]}

[[redirects]]
from = "/old/*"
to = "/en/guides/:splat"
status = 301

[[redirects]]
from = "/news/:year/:slug"
to = "/en/guides/:slug/"
status = 302

[[redirects]]
from = "/g/:slug"
to = "/es/guides/:slug/"
status = 200

[[redirects]]
from = "/search"
to = "/en/guides/:q/"
status = 302
query = {q = ":q"}

[[redirects]]
from = "/en/guides/returns/"
to = "/en/"

[[redirects]]
from = "/es/guides/returns/"
to = "/es/"
status = 301
force = true

[[redirects]]
from = "/es/*"
to = "/es/404.html"
status = 404

[[redirects]]
from = "/api/*"
to = "https://api.example.org/:splat"
status = 200

[[redirects]]
from = "/geo"
to = "/en/"
conditions = {Country = ["US"]}

[[redirects]]
from = "/gone"
to = "/404.html"
status = 410
`

func TestNetlifyRules(t *testing.T) {
	s, log := newStaticServer(t, builtSite(), netlifyRules)
	h := s.Handler()
	for _, tc := range []struct {
		name, target, lang string
		status             int
		location           string
		bodyHas            string
	}{
		{"the chooser, for a reader of English", "/", "en-GB,en;q=0.9", 200, "", "Choose your language"},
		{"the chooser sends a reader of Spanish on (forced rule)", "/", "es-ES,es;q=0.9", 302, "/es/", ""},
		{"a splat redirect", "/old/returns/", "", 301, "/en/guides/returns/", ""},
		{"a redirect keeps the query", "/old/returns/?utm=x", "", 301, "/en/guides/returns/?utm=x", ""},
		{"placeholders", "/news/2026/returns", "", 302, "/en/guides/returns/", ""},
		{"a 200 rewrite serves the target under the asked path", "/g/returns", "", 200, "", "<h1>Devoluciones</h1>"},
		{"a query placeholder", "/search?q=returns", "", 302, "/en/guides/returns/", ""},
		{"a query rule needs its parameter", "/search", "", 404, "", "<h1>Not found</h1>"},
		{"an existing page shadows a rule without force", "/en/guides/returns/", "", 200, "", "<h1>Returns</h1>"},
		{"force overrides an existing page", "/es/guides/returns/", "", 301, "/es/", ""},
		{"a 404 rule serves the Spanish 404 page", "/es/nada/", "", 404, "", "Página no encontrada"},
		{"the Spanish 404 rule does not shadow pages", "/es/", "", 200, "", "<h1>Inicio</h1>"},
		{"without a rule, Netlify's /404.html", "/en/nothing/", "", 404, "", "<h1>Not found</h1>"},
		{"a proxy rule is not followed", "/api/x", "", 502, "", "does not proxy"},
		{"a country rule never applies", "/geo", "", 404, "", "<h1>Not found</h1>"},
		{"another status with a page", "/gone", "", 410, "", "<h1>Not found</h1>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := http.Header{}
			if tc.lang != "" {
				header.Set("Accept-Language", tc.lang)
			}
			res := get(t, h, "GET", tc.target, header)
			if res.status != tc.status {
				t.Errorf("GET %s: status %d, want %d", tc.target, res.status, tc.status)
			}
			if got := res.header.Get("Location"); got != tc.location {
				t.Errorf("GET %s: Location %q, want %q", tc.target, got, tc.location)
			}
			if !strings.Contains(res.body, tc.bodyHas) {
				t.Errorf("GET %s: body %.300q does not have %q", tc.target, res.body, tc.bodyHas)
			}
			if got := res.header.Get("X-Frame-Options"); tc.status != 502 && got != "DENY" {
				t.Errorf("GET %s: X-Frame-Options %q, want DENY from netlify.toml", tc.target, got)
			}
		})
	}

	t.Run("headers and the CSP the live-reload client needs", func(t *testing.T) {
		res := get(t, h, "GET", "/css/site.css", nil)
		if got := res.header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("Cache-Control %q: the preview must not let a stylesheet be cached across builds", got)
		}
		page := get(t, h, "GET", "/en/", nil)
		csp := page.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "img-src 'self'", "style-src 'self'", "script-src 'self'", "connect-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		get(t, h, "GET", "/es/", nil)
		if n := strings.Count(log.String(), "script-src 'self'"); n != 1 {
			t.Errorf("the terminal explained the CSP change %d times, want once:\n%s", n, log)
		}
		if !strings.Contains(log.String(), "The deployed site is unchanged") {
			t.Errorf("the terminal does not say the deployed site is unchanged:\n%s", log)
		}
	})
}

func TestNoGoodBuildYet(t *testing.T) {
	broken := diag.Diagnostic{Path: "content/a.md", Line: 3, Col: 7, Severity: diag.Error, Message: "the front matter has no <title>"}
	s, log := newStaticServer(t, nil, "", broken)
	h := s.Handler()
	res := get(t, h, "GET", "/en/", nil)
	if res.status != http.StatusServiceUnavailable || !strings.Contains(res.body, hook("", "")) {
		t.Errorf("GET /en/ before any good build: status %d, body %q; want 503 with the live-reload hook", res.status, res.body)
	}
	status := get(t, h, "GET", "/__lexsite/status", nil)
	for _, want := range []string{`"ok":false`, `"path":"content/a.md"`, `"line":3`, `"col":7`, `the front matter has no \u003ctitle\u003e`} {
		if !strings.Contains(status.body, want) {
			t.Errorf("status %s lacks %s", status.body, want)
		}
	}
	if !strings.Contains(log.String(), "content/a.md:3:7: error: the front matter has no <title>") {
		t.Errorf("the terminal does not show the diagnostic:\n%s", log)
	}
}

func TestFullBuilderFailureKeepsDiagnostics(t *testing.T) {
	dir := t.TempDir()
	snap, err := FullBuilder{Options: pipeline.Options{SiteDir: dir}}.Build(t.Context(), nil)
	if !errors.Is(err, pipeline.ErrConfig) {
		t.Fatalf("a folder without lexsite.toml: error %v, want ErrConfig", err)
	}
	if snap == nil || snap.Files != nil || len(snap.Diagnostics) == 0 {
		t.Fatalf("snapshot %+v: want no files and the diagnostics", snap)
	}
	if !strings.Contains(diagStrings(snap.Diagnostics), "lexsite.toml") {
		t.Errorf("diagnostics do not name lexsite.toml: %s", diagStrings(snap.Diagnostics))
	}
}

func TestLoopbackAndBaseURL(t *testing.T) {
	for _, tc := range []struct {
		addr     *net.TCPAddr
		loopback bool
		base     string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}, true, "http://127.0.0.1:1313/"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 1313}, true, "http://[::1]:1313/"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 1313}, false, "http://localhost:1313/"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, false, "http://localhost:8080/"},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 20), Port: 1313}, false, "http://192.168.1.20:1313/"},
	} {
		if got := Loopback(tc.addr); got != tc.loopback {
			t.Errorf("Loopback(%v) = %v, want %v", tc.addr, got, tc.loopback)
		}
		if got := BaseURL(tc.addr); got != tc.base {
			t.Errorf("BaseURL(%v) = %q, want %q", tc.addr, got, tc.base)
		}
	}
}

func TestListenExplainsATakenPort(t *testing.T) {
	taken, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	_, err = Listen(addr)
	if err == nil {
		t.Fatalf("listening twice on %s succeeded", addr)
	}
	_, port, _ := net.SplitHostPort(addr)
	n, _ := strconv.Atoi(port)
	for _, want := range []string{addr + " is already in use", "--addr 127.0.0.1:" + strconv.Itoa(n+1)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestDescribeChanges(t *testing.T) {
	c := func(p string) pipeline.Change { return pipeline.Change{Source: "site", Path: p} }
	for _, tc := range []struct {
		changes []pipeline.Change
		want    string
	}{
		{nil, "everything may have changed"},
		{[]pipeline.Change{c("content/guides/returns.en.md")}, "content/guides/returns.en.md changed"},
		{[]pipeline.Change{c("a.md"), c("b.md")}, "a.md and b.md changed"},
		{[]pipeline.Change{c("a.md"), c("b.md"), c("c.md")}, "a.md, b.md and c.md changed"},
		{[]pipeline.Change{c("a.md"), c("b.md"), c("c.md"), c("d.md"), c("e.md")}, "a.md, b.md and 3 more changed"},
		{[]pipeline.Change{{Source: filepath.Join("site", "..", "upstream"), Path: "templates/base.html"}}, "../upstream/templates/base.html changed"},
	} {
		if got := describe("site", tc.changes); got != tc.want {
			t.Errorf("describe(%v) = %q, want %q", tc.changes, got, tc.want)
		}
	}
}

func TestDiffFiles(t *testing.T) {
	shared := []byte("<h1>same</h1>")
	old := map[string][]byte{"a.html": shared, "b.css": []byte("b{}"), "gone.html": []byte("x"), "copy.html": []byte("same bytes")}
	for _, tc := range []struct {
		name string
		cur  map[string][]byte
		want []string
	}{
		{"nothing changed, shared or copied", map[string][]byte{"a.html": shared, "b.css": []byte("b{}"), "gone.html": []byte("x"), "copy.html": []byte("same bytes")}, nil},
		{"added, removed and changed", map[string][]byte{"a.html": shared, "b.css": []byte("b{color:red}"), "new.html": []byte("n"), "copy.html": []byte("same bytes")}, []string{"b.css", "gone.html", "new.html"}},
	} {
		if got := diffFiles(old, tc.cur); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if !cssOnly([]string{"css/site.css", "css/print.css"}) || cssOnly([]string{"css/site.css", "en/index.html"}) || cssOnly(nil) {
		t.Errorf("cssOnly misjudges what a stylesheet swap covers")
	}
}

// diagStrings is for messages in failures.
func diagStrings(ds []diag.Diagnostic) string {
	var b strings.Builder
	_ = diag.WriteText(&b, ds)
	return b.String()
}
