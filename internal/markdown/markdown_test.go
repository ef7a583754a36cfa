package markdown

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsSiteLink(t *testing.T) {
	for dest, want := range map[string]bool{
		"a.md": true, "../guides/a.md#x": true, "/guides/a.md": true, "/img/x.png": true, "/en/guides/": true,
		"https://x.org/a.md": false, "mailto:a@b": false, "#top": false, "//cdn/x.md": false, "img.png": false, "tel:123": false,
		"a.md?x=1": true,
	} {
		if got := IsSiteLink(dest); got != want {
			t.Errorf("IsSiteLink(%q) = %v", dest, got)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Keep evidence":         "keep-evidence",
		"保留证据":                  "保留证据",
		"¿Qué puede pedir?":     "qué-puede-pedir",
		"  Step 1 — call us!  ": "step-1-call-us",
		"!!!":                   "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCollectsHeadingsLinksAndIDs(t *testing.T) {
	e := New(Options{})
	src := []byte("# Title\n\n## Same\n\n## Same\n\n## 保留证据 {#keep}\n\nSee [a](a.md#x) and ![i](/i.png).[^n]\n\n[^n]: note\n")
	p := e.Parse(src, ParseOptions{})
	var ids []string
	for _, h := range p.Headings {
		ids = append(ids, h.ID)
	}
	if strings.Join(ids, ",") != "title,same,same-1,keep" {
		t.Errorf("ids %v", ids)
	}
	if len(p.Links) != 2 || p.Links[0].Dest != "a.md#x" || !p.Links[1].Image || !p.Links[0].Site || string(src[p.Links[0].Offset:p.Links[0].Offset+1]) != "[" {
		t.Errorf("links %+v", p.Links)
	}
	var b bytes.Buffer
	p.Expand(&b, links{"/en/a/#x", "/img.png"})
	if !strings.Contains(b.String(), `<a href="/en/a/#x">a</a>`) || !strings.Contains(b.String(), `<img src="/img.png" alt="i">`) {
		t.Errorf("expanded: %s", b.String())
	}
	if !p.IDs["fn:1"] || !p.IDs["keep"] {
		t.Errorf("ids %v", p.IDs)
	}
}

// constant is an Expander that fills every placeholder with one string.
type constant string

func (c constant) Link(int) string { return string(c) }
func (c constant) Cite(int) string { return string(c) }
func (c constant) Slot(int) string { return string(c) }

// links is an Expander that fills links from a list.
type links []string

func (l links) Link(i int) string { return l[i] }
func (l links) Cite(i int) string { return "<cite>" }
func (l links) Slot(i int) string { return "<slot>" }

func TestRender(t *testing.T) {
	tests := []struct{ name, src, want, unwanted string }{
		{"raw HTML is dropped by default", "<script>alert(1)</script>\n\n<b>x</b>", "<!-- raw HTML omitted -->", "<script>"},
		{"code uses classes, not inline style", "```go\nx := 1\n```", `<span class="nx">x</span>`, "style="},
		{"Chinese lines join without a space", "中文\n第二行", "<p>中文第二行</p>", ""},
		{"tables scroll in a focusable wrapper", "|a|\n|-|\n|1|", `<div class="table-wrap" tabindex="0">`, ""},
		{"a table's scroll box is a region named by its heading", "## Limits {#limits}\n\n|a|\n|-|\n|1|", `<div class="table-wrap" role="region" aria-labelledby="limits" tabindex="0">` + "\n<table>", ""},
		{"fenced code scrolls in a region named by its heading", "## Setup {#setup}\n\n```toml\na = 1\n```", `<div class="code-wrap" role="region" aria-labelledby="setup" tabindex="0">` + "\n<pre class=\"chroma\">", ""},
		{"indented code too, under the nearest heading", "## A {#a}\n\n## B {#b}\n\n- item\n\n      x := 1", `<div class="code-wrap" role="region" aria-labelledby="b" tabindex="0">` + "\n<pre><code>x := 1", ""},
		{"code before any heading is focusable, without a role or name", "```\nx\n```", `<div class="code-wrap" tabindex="0">`, "role="},
		{"the scroll box closes after the code", "```\nx\n```\n\nafter", "</code></pre>\n</div>\n<p>after</p>", ""},
		{"table alignment uses classes, not inline style", "|a|b|\n|:-|-:|\n|1|2|", `<td class="align-right">2</td>`, "style="},
		{"autolinks", "see https://example.org now", `<a href="https://example.org">`, ""},
		{"heading attributes", "## A {#x .y}", `<h2 id="x" class="y">A</h2>`, ""},
	}
	e := New(Options{})
	for _, tt := range tests {
		var b bytes.Buffer
		p := e.Parse([]byte(tt.src), ParseOptions{})
		if p.Err != nil {
			t.Fatal(p.Err)
		}
		b.Write(p.HTML)
		if !strings.Contains(b.String(), tt.want) || (tt.unwanted != "" && strings.Contains(b.String(), tt.unwanted)) {
			t.Errorf("%s: got %s", tt.name, b.String())
		}
	}
	u := New(Options{Unsafe: true})
	if h := u.Parse([]byte("<b>x</b>"), ParseOptions{}).HTML; !bytes.Contains(h, []byte("<b>x</b>")) {
		t.Errorf("unsafe mode drops raw HTML: %s", h)
	}
}

func TestStyleSheet(t *testing.T) {
	css, err := StyleSheet("github", "github-dark")
	if err != nil || !bytes.Contains(css, []byte("@media (prefers-color-scheme: dark)")) || !bytes.Contains(css, []byte(".chroma .k")) {
		t.Errorf("%v %s", err, css)
	}
	if _, err := StyleSheet("no-such-style", "github-dark"); err == nil {
		t.Errorf("an unknown style is accepted")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("# T\n\n## A {#a}\n\n[x](y.md#z) ![i](/i.png)[^1]\n\n[^1]: n\n")
	f.Add("|a|b|\n|-|-|\n|1|2|\n")
	f.Add("```go\nx\n```\n中文\n第二行")
	e := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		// Documents reach the engine only as valid UTF-8; on anything else
		// Parse must still fail softly (p.Err) rather than panic.
		p := e.Parse([]byte(src), ParseOptions{})
		if !utf8.ValidString(src) {
			return
		}
		if p.Err != nil {
			t.Fatal(p.Err)
		}
		for _, l := range p.Links {
			if l.Offset < 0 || l.Offset > len(src) {
				t.Fatalf("link offset %d out of range", l.Offset)
			}
		}
		var b bytes.Buffer
		p.Expand(&b, constant("X"))
		if bytes.Contains(b.Bytes(), []byte(placeholder)) && !strings.Contains(src, placeholder) {
			t.Fatalf("a placeholder survived Expand: %s", b.Bytes())
		}
	})
}
