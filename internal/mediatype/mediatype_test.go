package mediatype

import "testing"

func TestOf(t *testing.T) {
	for name, want := range map[string]string{
		"en/index.html":    "text/html; charset=utf-8",
		"css/site.css":     "text/css; charset=utf-8",
		"js/answers.js":    "text/javascript; charset=utf-8",
		"sitemap.xml":      "application/xml; charset=utf-8",
		"img/flow.SVG":     "image/svg+xml",
		"fonts/a.woff2":    "font/woff2",
		"robots.txt":       "text/plain; charset=utf-8",
		"no-extension":     "text/plain; charset=utf-8", // sniffed
		"site.webmanifest": "application/manifest+json",
	} {
		if got := Of(name, []byte("plain words")); got != want {
			t.Errorf("Of(%q) = %q, want %q", name, got, want)
		}
	}
}
