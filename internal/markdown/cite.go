package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lexsite/lexsite/internal/cite"
)

// Cite is a citation in a document: written as [[cpl 48(1)(8)]], or found
// in prose as a mention ("Article 48 of the Consumer Protection Law"). Its
// link is written when a page is rendered, because the text and target
// depend on the languages the law is available in.
type Cite struct {
	cite.Citation
	// Offset is the byte offset of "[[" or of the mention in the source.
	Offset int
	// Auto marks a mention found in prose; Text then holds its words.
	Auto bool
	// Err is set for a malformed citation; the source text is kept as
	// written on the page.
	Err error
	// Raw is the citation as written, for messages and for the page when
	// it is malformed.
	Raw string
}

// citePlaceholder marks a citation in rendered HTML, like placeholder for
// links; Expand replaces it with the whole link.
const citePlaceholder = "lexsite-cite:"

// citeNode is a citation in the syntax tree.
type citeNode struct {
	ast.BaseInline
	index int
}

var kindCite = ast.NewNodeKind("Citation")

func (n *citeNode) Kind() ast.NodeKind { return kindCite }

func (n *citeNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Index": strconv.Itoa(n.index)}, nil)
}

// citations is the extender of citations written [[law article]]: it reads
// them into the document's Cites and writes a placeholder for each, which
// the page it is shown on fills in.
type citations struct{ doc *document }

func (c citations) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(citeParser{c.doc}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(citeRenderer{}, 100)))
}

// citeParser reads [[...]] citations. It runs before the link parser,
// which would otherwise take "[[" as the start of a link.
type citeParser struct{ doc *document }

func (citeParser) Trigger() []byte { return []byte{'['} }

func (p citeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[0] != '[' || line[1] != '[' {
		return nil
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := string(line[2 : 2+end])
	if strings.ContainsAny(inner, "[\n") {
		return nil
	}
	c := Cite{Offset: seg.Start, Raw: "[[" + inner + "]]"}
	parsed, err := cite.Parse(inner)
	if err != nil {
		c.Err = err
		if se, ok := err.(*cite.SyntaxError); ok {
			c.Offset = seg.Start + 2 + se.Offset
		}
	} else {
		c.Citation = parsed
	}
	block.Advance(2 + end + 2)
	return p.doc.addCite(c)
}

// mentions is the extender that turns mentions of articles in prose
// ("Article 48 of the Consumer Protection Law") into citations, as the
// matcher of the document's language finds them. It runs after parsing, on
// the text of paragraphs, list items and table cells; never inside links,
// code, headings or citations.
type mentions struct {
	doc     *document
	matcher *cite.Matcher
	// self is the key of the law the document is an excerpt of, which its
	// own text names as "this Law".
	self string
}

// mentionsOption sets an option of mentions.
type mentionsOption func(*mentions)

// mentionsSelf says the document is an excerpt of the law with key law (""
// for none).
func mentionsSelf(law string) mentionsOption {
	return func(m *mentions) { m.self = law }
}

func newMentions(doc *document, matcher *cite.Matcher, opts ...mentionsOption) *mentions {
	m := &mentions{doc: doc, matcher: matcher}
	for _, o := range opts {
		o(m)
	}
	return m
}

func (m *mentions) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(m, 1000)))
	// A mention becomes a citation, written as citations are, with or
	// without the citations extender.
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(citeRenderer{}, 100)))
}

func (m *mentions) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			switch c.(type) {
			case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock,
				*ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *citeNode:
			case *ast.Text:
				next = m.linkRun(c, src)
			default:
				visit(c)
			}
			c = next
		}
	}
	visit(doc)
}

// linkRun finds mentions in the run of text nodes that starts at first and
// replaces them by citations. It returns the node after the run.
func (m *mentions) linkRun(first ast.Node, src []byte) ast.Node {
	var run []*ast.Text
	var starts []int
	var b strings.Builder
	n := first
	for ; n != nil; n = n.NextSibling() {
		t, ok := n.(*ast.Text)
		if !ok || t.IsRaw() {
			break
		}
		starts = append(starts, b.Len())
		b.Write(t.Segment.Value(src))
		run = append(run, t)
		if t.HardLineBreak() {
			n = n.NextSibling()
			break
		}
		if t.SoftLineBreak() {
			b.WriteByte(' ')
		}
	}
	after := n
	s := b.String()
	matches := m.matcher.Find(s, m.self)
	if len(matches) == 0 {
		return after
	}
	parent := first.Parent()
	// Rebuild the run: text outside mentions keeps its source segments
	// (and line breaks); each mention becomes one citation node.
	var out []ast.Node
	mi, emit := 0, 0
	for i, t := range run {
		lo, hi := starts[i], starts[i]+t.Segment.Len()
		pos := lo
		for {
			for emit < len(matches) && matches[emit].Start <= pos && (pos < hi || matches[emit].Start >= lo) {
				mt := matches[emit]
				off := t.Segment.Start + max(0, mt.Start-lo)
				c := Cite{Offset: off, Auto: true, Raw: s[mt.Start:mt.End]}
				c.Ref = mt.Ref
				c.Text = strings.Join(strings.Fields(s[mt.Start:mt.End]), " ")
				out = append(out, m.doc.addCite(c))
				emit++
			}
			if pos >= hi {
				break
			}
			for mi < len(matches) && matches[mi].End <= pos {
				mi++
			}
			if mi < len(matches) && matches[mi].Start <= pos {
				pos = min(matches[mi].End, hi) // inside a mention
				continue
			}
			stop := hi
			if mi < len(matches) && matches[mi].Start < hi {
				stop = matches[mi].Start
			}
			out = append(out, ast.NewTextSegment(text.NewSegment(t.Segment.Start+(pos-lo), t.Segment.Start+(stop-lo))))
			pos = stop
		}
		if !t.SoftLineBreak() && !t.HardLineBreak() {
			continue
		}
		inside := false
		for _, mt := range matches {
			if mt.Start <= hi && hi < mt.End {
				inside = true // the break is a space inside a mention's text
			}
		}
		if !inside {
			nt := ast.NewTextSegment(text.NewSegment(t.Segment.Stop, t.Segment.Stop))
			nt.SetSoftLineBreak(t.SoftLineBreak())
			nt.SetHardLineBreak(t.HardLineBreak())
			out = append(out, nt)
		}
	}
	for _, t := range run {
		parent.RemoveChild(parent, t)
	}
	for _, o := range out {
		if after != nil {
			parent.InsertBefore(parent, after, o)
		} else {
			parent.AppendChild(parent, o)
		}
	}
	return after
}

// citeRenderer writes a citation's placeholder.
type citeRenderer struct{}

func (citeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCite, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(citePlaceholder)
			_, _ = w.WriteString(strconv.Itoa(n.(*citeNode).index))
			// A character that ends the number, whatever text follows.
			_ = w.WriteByte(';')
		}
		return ast.WalkSkipChildren, nil
	})
}
