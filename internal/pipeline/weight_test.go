package pipeline_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// Page weight budgets of a first view: the page's HTML and the style sheets
// and scripts it links, each gzipped, in bytes (1 KB = 1024 bytes). 14 KB is
// about what a server can send in the first round trip of a new connection
// (ten TCP segments), so a guide within it shows after one round trip on a
// slow phone line; a step is a page a reader taps through, so it gets less.
var weightBudgets = map[string]int{
	"guide": 14 * 1024,
	"step":  10 * 1024,
}

// TestPageWeight holds every guide and step page of the bundled site to its
// first-view budget.
func TestPageWeight(t *testing.T) {
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: filepath.Join("..", "..")}, mem)
	if err != nil {
		t.Fatalf("building the bundled site: %v\n%s", err, diagText(res.Diagnostics))
	}
	files := mem.Files()
	type weighed struct {
		name, parts string
		total       int
	}
	heaviest := map[string]weighed{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if path.Ext(name) != ".html" {
			continue
		}
		m := kindPattern.FindSubmatch(files[name])
		if m == nil {
			continue
		}
		kind := string(m[1])
		budget, ok := weightBudgets[kind]
		if !ok {
			continue
		}
		total, parts, err := firstViewWeight(files, files[name])
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if total > budget {
			t.Errorf("%s (%s): first view %d bytes gzipped, over the budget of %d: %s", name, kind, total, budget, parts)
		}
		if h, ok := heaviest[kind]; !ok || total > h.total {
			heaviest[kind] = weighed{name, parts, total}
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(weightBudgets)) {
		h, ok := heaviest[kind]
		if !ok {
			t.Errorf("the bundled site has no %s page to weigh", kind)
			continue
		}
		t.Logf("heaviest %s: %s, %d of %d bytes (%s)", kind, h.name, h.total, weightBudgets[kind], h.parts)
	}
}

// TestLinkedAssets checks what the weight test counts as part of a page.
func TestLinkedAssets(t *testing.T) {
	for _, tc := range []struct {
		page string
		want []string
	}{
		{`<link rel="stylesheet" href="/css/site.css">`, []string{"/css/site.css"}},
		{`<link rel="preload stylesheet" href="/a.css"><link rel="icon" href="/favicon.svg">`, []string{"/a.css"}},
		{`<script src="/js/flow.js" defer></script><script type="application/ld+json">{}</script>`, []string{"/js/flow.js"}},
		{`<link rel="alternate" hreflang="es" href="/es/">`, nil},
	} {
		if got := linkedAssets([]byte(tc.page)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.page, got, tc.want)
		}
	}
}

// firstViewWeight adds up the gzipped sizes of a page and of the style
// sheets and scripts it links from the site, and lists them.
func firstViewWeight(files map[string][]byte, page []byte) (int, string, error) {
	total := gzipSize(page)
	parts := []string{fmt.Sprintf("HTML %d", total)}
	for _, ref := range linkedAssets(page) {
		name := strings.TrimPrefix(ref, "/")
		data, ok := files[name]
		if !ok {
			return 0, "", fmt.Errorf("links %s, which the build did not write", ref)
		}
		n := gzipSize(data)
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", path.Base(name), n))
	}
	return total, strings.Join(parts, ", "), nil
}

// linkedAssets lists the style sheets and scripts a page loads: the href of
// each <link rel="stylesheet"> and the src of each <script src>.
func linkedAssets(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = string(v)
		}
		switch {
		case string(name) == "link" && stylesheet.MatchString(attrs["rel"]):
			out = append(out, attrs["href"])
		case string(name) == "script" && attrs["src"] != "":
			out = append(out, attrs["src"])
		}
	}
}

var stylesheet = regexp.MustCompile(`(?i)(^|\s)stylesheet(\s|$)`)

// gzipSize is the size of data gzipped at the best compression, as a host
// that compresses ahead of time sends it.
func gzipSize(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}
