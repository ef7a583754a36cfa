package netlify

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestPathPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		match         bool
		params        map[string]string
	}{
		{"/*", "/", true, map[string]string{"splat": ""}},
		{"/*", "/en/guides/x/", true, map[string]string{"splat": "en/guides/x/"}},
		{"/es/*", "/es/guides/x/", true, map[string]string{"splat": "guides/x/"}},
		{"/es/*", "/es/guides/x", true, map[string]string{"splat": "guides/x"}},
		{"/es/*", "/es", true, map[string]string{"splat": ""}},
		{"/es/*", "/es/", true, map[string]string{"splat": ""}},
		{"/es/*", "/español/", false, nil},
		{"/es/*", "/en/x", false, nil},
		{"/about", "/about/", true, map[string]string{}},
		{"/about/", "/about", true, map[string]string{}},
		{"/about", "/about/team", false, nil},
		{"/news/:year/:slug", "/news/2026/returns", true, map[string]string{"year": "2026", "slug": "returns"}},
		{"/news/:year/:slug", "/news/2026", false, nil},
		{"/news/:year/:slug", "/news/2026/a/b", false, nil},
		{"/a.b", "/axb", false, nil}, // literal text is literal, not a regular expression
		{"/css/*.css", "/css/site.css", true, map[string]string{"splat": "site"}},
	} {
		p, err := compilePattern(tc.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tc.pattern, err)
		}
		params, ok := p.match(tc.path)
		if ok != tc.match {
			t.Errorf("%s against %s: match %v, want %v", tc.pattern, tc.path, ok, tc.match)
			continue
		}
		for k, v := range tc.params {
			if params[k] != v {
				t.Errorf("%s against %s: %s = %q, want %q", tc.pattern, tc.path, k, params[k], v)
			}
		}
	}
	for _, bad := range []string{"en/*", "https://example.org/*"} {
		if _, err := compilePattern(bad); err == nil {
			t.Errorf("compilePattern(%q) accepted it", bad)
		}
	}
}

func TestFill(t *testing.T) {
	params := map[string]string{"splat": "guides/x", "year": "2026", "slug": "returns"}
	for _, tc := range []struct{ to, want string }{
		{"/en/:splat", "/en/guides/x"},
		{"/blog/:year/:slug/", "/blog/2026/returns/"},
		{"/keep/:unknown", "/keep/:unknown"},
		{"https://example.org:8080/:splat", "https://example.org:8080/guides/x"},
	} {
		if got := fill(tc.to, params); got != tc.want {
			t.Errorf("fill(%q) = %q, want %q", tc.to, got, tc.want)
		}
	}
}

func TestLanguageCondition(t *testing.T) {
	rule := &Redirect{languages: []string{"es", "zh-TW"}}
	for _, tc := range []struct {
		accept, cookie string
		match          bool
	}{
		{"es", "", true},
		{"es-MX,es;q=0.9,en;q=0.8", "", true},
		{"en-US,en;q=0.9,es;q=0.8", "", false}, // Spanish is not the first choice
		{"en;q=0.5, es;q=0.9", "", true},       // weights, not order, decide
		{"zh-TW", "", true},
		{"zh-CN", "", false},
		{"*", "", false},
		{"", "", false},
		{"en", "es", true}, // nf_lang chosen in a language switcher wins
		{"es", "en", false},
		{"estonian-made-up", "", false},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Language", tc.accept)
		}
		if tc.cookie != "" {
			req.AddCookie(&http.Cookie{Name: "nf_lang", Value: tc.cookie})
		}
		if got := rule.languageMatches(req); got != tc.match {
			t.Errorf("Accept-Language %q, nf_lang %q: match %v, want %v", tc.accept, tc.cookie, got, tc.match)
		}
	}
}

func TestParseRulesProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // diagnostics, as path:line:col: severity: message prefixes
		rules     int      // redirect rules kept
	}{
		{
			name: "not TOML",
			src:  "[build]\ncommand = \"x\"\n[[redirects]\nfrom = \"/a\"\n",
			// At the header that is not closed, not at the line after it.
			want: []string{"netlify.toml:3:12: error: this is not valid TOML: expected ']]' to close array table name"},
		},
		{
			name: "a status in quotes",
			src:  "[[redirects]]\nfrom = \"/a\"\nto = \"/b\"\nstatus = \"301\"\n",
			want: []string{"netlify.toml:4:10: error: redirects.status must be a whole number, not text in quotes"},
		},
		{
			name:  "a redirect without to",
			src:   "[[redirects]]\nfrom = \"/a\"\nto = \"/b\"\n\n[[redirects]]\nfrom = \"/c\"\n",
			want:  []string{"netlify.toml:5:1: error: [[redirects]] needs both from and to"},
			rules: 1,
		},
		{
			name:  "a country condition cannot be told",
			src:   "[[redirects]]\nfrom = \"/\"\nto = \"/es/\"\nconditions = {Country = [\"ES\"]}\n",
			want:  []string{"netlify.toml:1:1: warning: [[redirects]] from = \"/\": the preview cannot tell a reader's Country"},
			rules: 1,
		},
		{
			name: "a header value that is no string",
			src:  "[[headers]]\nfor = \"/*\"\n[headers.values]\nX-Number = 3\n",
			want: []string{"netlify.toml:1:1: error: [[headers]] for = \"/*\": the value of X-Number must be a string"},
		},
		{
			name:  "build settings alone are fine",
			src:   "[build]\ncommand = \"go run ./cmd/lexsite build -o public\"\npublish = \"public\"\n",
			want:  nil,
			rules: 0,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, diags := Parse([]byte(tc.src))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("diagnostics %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("diagnostic %q, want it to start with %q", got[i], w)
				}
			}
			if r != nil && len(r.redirects) != tc.rules {
				t.Errorf("%d redirect rules kept, want %d", len(r.redirects), tc.rules)
			}
		})
	}
}

func TestHeaderValues(t *testing.T) {
	r, diags := Parse([]byte(`
[[headers]]
for = "/*"
[headers.values]
X-Frame-Options = "DENY"
Cache-Control = '''
  max-age=0,
  no-cache'''
Link = ["</a.css>; rel=preload", "</b.css>; rel=preload"]

[[headers]]
for = "/en/*"
[headers.values]
X-Frame-Options = "SAMEORIGIN"
`))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, tc := range []struct {
		path string
		want http.Header
	}{
		{"/es/", http.Header{
			"X-Frame-Options": {"DENY"},
			"Cache-Control":   {"max-age=0, no-cache"},
			"Link":            {"</a.css>; rel=preload, </b.css>; rel=preload"},
		}},
		{"/en/guides/", http.Header{
			"X-Frame-Options": {"DENY, SAMEORIGIN"},
			"Cache-Control":   {"max-age=0, no-cache"},
			"Link":            {"</a.css>; rel=preload, </b.css>; rel=preload"},
		}},
	} {
		got := r.HeadersFor(tc.path)
		for name, want := range tc.want {
			if !slices.Equal(got[name], want) {
				t.Errorf("%s: %s = %q, want %q", tc.path, name, got[name], want)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: headers %v, want %v", tc.path, got, tc.want)
		}
	}
}
