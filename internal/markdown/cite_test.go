package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/statute"
)

func enMatcher(t testing.TB) *cite.Matcher {
	t.Helper()
	m, err := cite.NewMatcher(cite.Mentions{
		Patterns: []string{"Article {article} of the {law}", "Article {article} of {law}"},
		ThisLaw:  []string{"this Law"},
	}, []cite.Law{{Key: "cpl", Names: []string{"Consumer Protection Law"}}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// citeMarks is an Expander that writes each citation as [text→ref].
type citeMarks struct{ p *Parsed }

func (c citeMarks) Link(i int) string { return c.p.Links[i].Dest }
func (c citeMarks) Slot(i int) string { return "{slot " + strings.TrimSpace(string(rune('0'+i))) + "}" }
func (c citeMarks) Cite(i int) string {
	x := c.p.Cites[i]
	if x.Err != nil {
		return "[bad " + x.Raw + "]"
	}
	return "[" + x.Text + "→" + x.Ref.String() + "]"
}

func expandMarks(p *Parsed) string {
	var b bytes.Buffer
	p.Expand(&b, citeMarks{p})
	return b.String()
}

func TestCitationsAndMentions(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"explicit citation", "See [[cpl 48(1)(8)]] now.", "<p>See [→cpl 48(1)(8)] now.</p>\n"},
		{"own text", "See [[cpl 48|the list]].", "<p>See [the list→cpl 48].</p>\n"},
		{"malformed citation kept as written", "See [[cpl 4x]].", "<p>See [bad [[cpl 4x]]].</p>\n"},
		{"not a citation without the closing brackets", "See [[cpl 48 now.", "<p>See [[cpl 48 now.</p>\n"},
		{"citation in code is text", "`[[cpl 48]]`", "<p><code>[[cpl 48]]</code></p>\n"},
		{"mention", "Article 48 of the Consumer Protection Law applies.", "<p>[Article 48 of the Consumer Protection Law→cpl 48] applies.</p>\n"},
		{"mention across a line break", "Read Article 48 of the\nConsumer Protection Law.", "<p>Read [Article 48 of the Consumer Protection Law→cpl 48].</p>\n"},
		{"line break after a mention is kept", "Article 48 of the Consumer Protection Law\nsays so.", "<p>[Article 48 of the Consumer Protection Law→cpl 48]\nsays so.</p>\n"},
		{"mention in emphasis", "*Article 48 of the Consumer Protection Law*", "<p><em>[Article 48 of the Consumer Protection Law→cpl 48]</em></p>\n"},
		{"two mentions", "Article 24 of the Consumer Protection Law and Article 25 of the Consumer Protection Law.", "<p>[Article 24 of the Consumer Protection Law→cpl 24] and [Article 25 of the Consumer Protection Law→cpl 25].</p>\n"},
		{"no mention in a link", "[Article 48 of the Consumer Protection Law](https://example.org)", `<p><a href="https://example.org">Article 48 of the Consumer Protection Law</a></p>` + "\n"},
		{"no mention in a heading", "## Article 48 of the Consumer Protection Law", `<h2 id="article-48-of-the-consumer-protection-law">Article 48 of the Consumer Protection Law</h2>` + "\n"},
		{"false friend", "Article 48 says so.", "<p>Article 48 says so.</p>\n"},
		{"this Law outside a statute", "Article 9 of this Law.", "<p>Article 9 of this Law.</p>\n"},
		{"law alone", "The Consumer Protection Law.", "<p>The [Consumer Protection Law→cpl].</p>\n"},
	}
	e := New(Options{})
	m := enMatcher(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := e.Parse([]byte(tt.src), ParseOptions{Mentions: m})
			if got := expandMarks(p); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			for _, c := range p.Cites {
				if c.Offset < 0 || c.Offset > len(tt.src) {
					t.Errorf("citation offset %d outside the source", c.Offset)
				}
			}
		})
	}
}

func TestCitationOffsets(t *testing.T) {
	src := "Intro.\n\nSee [[cpl 4x]] and Article 48 of the Consumer Protection Law."
	p := New(Options{}).Parse([]byte(src), ParseOptions{Mentions: enMatcher(t)})
	if len(p.Cites) != 2 {
		t.Fatalf("cites %+v", p.Cites)
	}
	// A malformed citation points at the bad character; a mention at its start.
	if got := src[p.Cites[0].Offset:]; !strings.HasPrefix(got, "4x]]") {
		t.Errorf("malformed citation at %q", got)
	}
	if got := src[p.Cites[1].Offset:]; !strings.HasPrefix(got, "Article 48") {
		t.Errorf("mention at %q", got)
	}
}

func enStatute() *statute.Layout {
	return &statute.Layout{
		Law: "cpl", Title: "Consumer Protection Law", Heading: "Article {number}", ItemLabel: "({number})",
		Style: cite.Style{Law: "{law}", Article: "{law}, Article {article}", Paragraph: "{law}, Article {article}({paragraph})", Item: "{law}, Article {article}({paragraph})({item})"},
	}
}

func TestStatuteStructure(t *testing.T) {
	src := "Intro.\n\n## Chapter VII {#ch-7}\n\n### Article 48 Civil liability\n\nFirst:\n\n* a;\n* b.\n\nSecond.\n\n### Explicit {#art-55}\n\nOnly.\n\n## Chapter VIII\n\nNot an article.\n"
	p := New(Options{}).Parse([]byte(src), ParseOptions{Self: "cpl", Statute: enStatute(), Mentions: enMatcher(t)})
	if len(p.Problems) != 0 {
		t.Fatalf("problems: %+v", p.Problems)
	}
	if len(p.Articles) != 2 || p.Articles[0].Number != 48 || p.Articles[0].Caption != "Civil liability" || p.Articles[1].Number != 55 {
		t.Fatalf("articles %+v", p.Articles)
	}
	if ps := p.Articles[0].Paragraphs; len(ps) != 2 || ps[0].Items != 2 || ps[1].Items != 0 {
		t.Errorf("paragraphs of Article 48: %+v", ps)
	}
	html := expandMarks(p)
	for _, want := range []string{
		`<section class="article" aria-labelledby="art-48">`,
		`<h3 id="art-48"><a href="#art-48" title="Consumer Protection Law, Article 48">Article 48 Civil liability</a></h3>`,
		`<p id="art-48-p1"><a class="para-num" href="#art-48-p1" title="Consumer Protection Law, Article 48(1)">1</a>First:</p>`,
		`<ul class="items">`,
		`<li id="art-48-p1-i2"><a class="item-num" href="#art-48-p1-i2" title="Consumer Protection Law, Article 48(1)(2)">(2)</a>b.</li>`,
		"{slot 0}</section>",
		`<p id="art-55-p1">Only.</p>`,
		"<h2 id=\"chapter-viii\">Chapter VIII</h2>\n<p>Not an article.</p>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %s\n%s", want, html)
		}
	}
	for _, id := range []string{"art-48", "art-48-p2", "art-48-p1-i1", "art-55-p1", "ch-7"} {
		if !p.IDs[id] {
			t.Errorf("id %s not recorded", id)
		}
	}
	if p.IDs["article-48-civil-liability"] {
		t.Errorf("the generated heading id of an article is still recorded")
	}
}

func TestStatuteProblems(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no articles", "Just prose.\n", "this statute excerpt has no articles"},
		{"duplicate", "### Article 1\n\nA.\n\n### Article 1\n\nB.\n", "Article 1 appears twice"},
		{"list first", "### Article 1\n\n- a\n", "this list comes before any paragraph of Article 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New(Options{}).Parse([]byte(tt.src), ParseOptions{Statute: enStatute()})
			if len(p.Problems) == 0 || !strings.Contains(p.Problems[0].Message, tt.want) {
				t.Errorf("problems %+v, want %q", p.Problems, tt.want)
			}
		})
	}
}

// FuzzStatute parses arbitrary Markdown as a statute with mentions: no
// panic, offsets inside the source, and no placeholder left unfilled.
func FuzzStatute(f *testing.F) {
	for _, s := range []string{
		"### Article 48\n\nA [[cpl 48(1)]]:\n\n1. x\n2. y\n\nArticle 9 of this Law.\n",
		"Article 48 of the\nConsumer Protection Law\nsays *Article 1 of the Consumer Protection Law*.",
		"## Ch\n\n### Article 1 {#art-2}\n\n> quote\n\n- a\n  - b\n",
		"[[cpl 48|x]] [[cpl]] [[ cpl 4x ]] [[",
	} {
		f.Add(s)
	}
	e := New(Options{})
	m := enMatcher(f)
	f.Fuzz(func(t *testing.T, src string) {
		p := e.Parse([]byte(src), ParseOptions{Self: "cpl", Statute: enStatute(), Mentions: m})
		for _, c := range p.Cites {
			if c.Offset < 0 || c.Offset > len(src) {
				t.Fatalf("citation offset %d outside the source (%d bytes)", c.Offset, len(src))
			}
		}
		for _, pr := range p.Problems {
			if pr.Offset < 0 || pr.Offset > len(src) {
				t.Fatalf("problem offset %d outside the source", pr.Offset)
			}
		}
		out := expandMarks(p)
		if strings.Contains(src, "lexsite-") {
			return
		}
		if strings.Contains(out, citePlaceholder) || strings.Contains(out, slotPlaceholder) || strings.Contains(out, placeholder) {
			t.Fatalf("a placeholder survived Expand: %s", out)
		}
	})
}
