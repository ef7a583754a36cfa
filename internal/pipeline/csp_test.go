package pipeline_test

import (
	"bytes"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// TestNoInlineScriptOrStyle reads every page of the bundled site, with a
// real HTML tokenizer, for what a strict Content-Security-Policy (no
// 'unsafe-inline') would block: a style attribute, a <style> element, an
// event handler attribute, a javascript: address, or a <script> with code
// in it. A data block (application/ld+json) is not script and is allowed.
func TestNoInlineScriptOrStyle(t *testing.T) {
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: filepath.Join("..", "..")}, mem)
	if err != nil {
		t.Fatalf("building the bundled site: %v\n%s", err, diagText(res.Diagnostics))
	}
	pages := 0
	for _, name := range slices.Sorted(maps.Keys(mem.Files())) {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		data, _ := mem.File(name)
		for _, problem := range inlineCode(data) {
			t.Errorf("%s: %s", name, problem)
		}
	}
	if pages < 100 {
		t.Errorf("read %d pages; the bundled site has more", pages)
	}
}

// inlineCode lists what in an HTML page runs or styles inline.
func inlineCode(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	inScript := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if inScript && strings.TrimSpace(string(z.Text())) != "" {
				out = append(out, "a <script> element holds code")
			}
		case html.EndTagToken:
			inScript = false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var src, typ string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := string(k)
				switch {
				case key == "style":
					out = append(out, "a style attribute on <"+tag+">")
				case strings.HasPrefix(key, "on"):
					out = append(out, "an event handler "+key+" on <"+tag+">")
				case (key == "href" || key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(string(v))), "javascript:"):
					out = append(out, "a javascript: address on <"+tag+">")
				case key == "src":
					src = string(v)
				case key == "type":
					typ = string(v)
				}
			}
			switch tag {
			case "style":
				out = append(out, "a <style> element")
			case "script":
				// A data block is not run; anything else must be a file.
				inScript = src == "" && typ != "application/ld+json"
			}
		}
	}
}

// TestInlineCodeIsFound checks the reader above against pages that break
// the policy, so that a pass means something.
func TestInlineCodeIsFound(t *testing.T) {
	for _, tc := range []struct {
		page string
		want int
	}{
		{`<p style="color:red">x</p>`, 1},
		{`<style>p{}</style>`, 1},
		{`<script>alert(1)</script>`, 1},
		{`<a href="javascript:go()">x</a>`, 1},
		{`<svg><rect onclick="x()"/></svg>`, 1},
		{`<script src="/js/flow.js" defer></script>`, 0},
		{`<script type="application/ld+json">{"@type":"Legislation"}</script>`, 0},
		{`<p>Write style="x" in prose.</p>`, 0},
	} {
		if got := inlineCode([]byte(tc.page)); len(got) != tc.want {
			t.Errorf("%s: found %v, want %d", tc.page, got, tc.want)
		}
	}
}
