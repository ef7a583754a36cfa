package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
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

// FuzzParse does not reach 1,000 executions a second on a loaded 2-core
// machine (150-1,100 a second over 10 s, 500-2,500 between stalls; 5,800
// with -fuzzminimizetime 0). The fuzzer turns the "go" of a fence into
// names Chroma does not know, and for those lexers.Get, which the code
// renderer calls once for each new name, matches the name against every
// lexer's file patterns: milliseconds a name. Each new input the fuzzer
// finds is then minimized — seconds of such executions, not counted as
// executions. The renderer's cache of lookups does not help here (every
// candidate name differs); a cheaper lookup of unknown names would.
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

// TestCodeBlocks renders the code blocks of testdata/codeblocks.txt, whose
// HTML was made by goldmark-highlighting before code.go replaced it:
// pages must not change, but for the scrolling box every code block now
// sits in (TestScrollBoxes), which is taken off before comparing.
func TestCodeBlocks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "codeblocks.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	e := New(Options{})
	for i := 0; i+1 < len(lines); i += 2 {
		src, err1 := strconv.Unquote(lines[i])
		want, err2 := strconv.Unquote(lines[i+1])
		if err1 != nil || err2 != nil {
			t.Fatalf("line %d: %v %v", i, err1, err2)
		}
		got := string(e.Parse([]byte(src), ParseOptions{}).HTML)
		if box := "<div class=\"code-wrap\" tabindex=\"0\">\n"; strings.Contains(got, box) {
			end := strings.LastIndex(got, "</div>\n")
			got = strings.Replace(got[:end]+got[end+len("</div>\n"):], box, "", 1)
		}
		if got != want {
			t.Errorf("%q:\ngot  %q\nwant %q", src, got, want)
		}
	}
}

// TestCodeHighlightedAhead checks that a document whose code blocks are
// highlighted on other cores, in blocks, lists and quotes, gets the same
// HTML as each block alone, in order.
func TestCodeHighlightedAhead(t *testing.T) {
	e := New(Options{})
	var doc, want strings.Builder
	langs := []string{"go", "toml", "no-such-language", "", "json {linenos=table}"}
	for i := range 40 {
		block := fmt.Sprintf("```%s\nkey_%d = \"%d\"\n```\n", langs[i%len(langs)], i, i)
		if i%3 == 1 {
			block = "> " + strings.ReplaceAll(block, "\n", "\n> ")
		}
		doc.WriteString(block + "\n")
		want.Write(e.Parse([]byte(block), ParseOptions{}).HTML)
	}
	if got := string(e.Parse([]byte(doc.String()), ParseOptions{}).HTML); got != want.String() {
		t.Errorf("got\n%s\nwant\n%s", got, want.String())
	}
}

// TestRepeatedHeadingIDsAreLinear counts the allocations of documents with
// many headings of the same text: numbering each by trying every suffix
// from -1 made them grow with the square of the number of headings.
func TestRepeatedHeadingIDsAreLinear(t *testing.T) {
	e := New(Options{})
	allocs := func(n int) float64 {
		src := []byte(strings.Repeat("## Example\n\n", n))
		return testing.AllocsPerRun(1, func() { e.Parse(src, ParseOptions{}) })
	}
	small, large := allocs(1000), allocs(4000)
	if ratio := large / small; ratio > 5 {
		t.Errorf("4 times as many headings allocate %.1f times as much (%.0f, %.0f)", ratio, small, large)
	}
	p := e.Parse([]byte("## A\n\n## A {#a-2}\n\n## A\n\n## A\n"), ParseOptions{})
	var ids []string
	for _, h := range p.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, ","); got != "a,a-2,a-1,a-3" {
		t.Errorf("ids %s, want a,a-2,a-1,a-3", got)
	}
}

// TestFootnotesAsGoldmark compares the footnotes of footnote.go with
// goldmark's own extension, whose HTML pages had before.
func TestFootnotesAsGoldmark(t *testing.T) {
	var many strings.Builder
	for i := 300; i > 0; i-- {
		fmt.Fprintf(&many, "Text[^n%d] and[^n%d].\n\n", i, 301-i)
	}
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&many, "[^n%d]: Note %d.\n", i, i)
	}
	tests := []string{
		"A[^1] and B[^2].\n\n[^1]: One.\n[^2]: Two.\n",
		"Later first[^b], then[^a], again[^b].\n\n[^a]: A.\n\n[^b]: B, with a [link](x.md).\n",
		"Twice defined[^x].\n\n[^x]: First.\n[^x]: Second.\n",
		"Unused.\n\n[^u]: Nobody refers to me.\n",
		"Missing[^none].\n",
		"Image-like ![^1] and [^1].\n\n[^1]: Note.\n",
		"- item[^i]\n\n  [^i]: In a list.\n",
		"Nested[^o].\n\n[^o]: Outer, citing[^p].\n[^p]: Inner.\n",
		"Case[^A] and[^a].\n\n[^a]: lower.\n[^A]: upper.\n",
		many.String(),
	}
	theirs := goldmark.New(goldmark.WithExtensions(extension.Footnote))
	for _, src := range tests {
		ours := goldmark.New(goldmark.WithExtensions(footnotes{&footnoteState{}}))
		var got, want bytes.Buffer
		if err := ours.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if err := theirs.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%.60q:\ngot  %s\nwant %s", src, got.String(), want.String())
		}
	}
}
