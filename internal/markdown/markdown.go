// Package markdown owns the conversion of Markdown to HTML: the goldmark
// set-up every document shares, heading ids that work in every script, code
// highlighted through CSS classes (so pages need no inline style under a
// strict Content-Security-Policy), and the list of links and headings the
// site needs for cross-document checks.
//
// A document is parsed once; the resulting tree may be rendered several
// times (once per language it is shown in) after its links are resolved.
package markdown

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
)

// Options configure an Engine.
type Options struct {
	// Unsafe passes raw HTML in Markdown through to the page.
	Unsafe bool
	// Extenders add syntax (citations, say) to the shared set-up.
	Extenders []goldmark.Extender
}

// Engine converts Markdown. It is safe for concurrent use.
type Engine struct {
	md goldmark.Markdown
}

// New returns an Engine with the site's Markdown dialect: CommonMark plus
// tables, footnotes, strikethrough, task lists, autolinks, heading
// attributes, CJK line breaking and highlighted code.
func New(opts Options) *Engine {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(newTableWrapper(), 100)),
	}
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
		highlighting.NewHighlighting(
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			highlighting.WithGuessLanguage(false),
		),
	}
	exts = append(exts, opts.Extenders...)
	var hopts []goldmark.Option
	hopts = append(hopts,
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	if opts.Unsafe {
		hopts = append(hopts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &Engine{md: goldmark.New(hopts...)}
}

// Heading is a heading of a document, for tables of contents and for
// checking link fragments.
type Heading struct {
	Level  int
	ID     string
	Text   string
	Offset int // byte offset in the source
	Node   *ast.Heading
}

// Link is a link or image destination found in a document.
type Link struct {
	Node   ast.Node // *ast.Link or *ast.Image
	Dest   string
	Offset int // byte offset in the source
	Image  bool
}

// Parsed is a parsed document.
type Parsed struct {
	Src      []byte
	Root     ast.Node
	Headings []Heading
	Links    []Link
	// IDs holds every element id in the document (headings, footnotes and
	// explicit attributes), for checking link fragments.
	IDs map[string]bool
	// Context is the parser context, for extensions that leave data there.
	Context parser.Context
}

// Parse parses src once.
func (e *Engine) Parse(src []byte) *Parsed {
	ids := newIDs()
	ctx := parser.NewContext(parser.WithIDs(ids))
	root := e.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	p := &Parsed{Src: src, Root: root, IDs: ids.used, Context: ctx}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				ids.used[string(b)] = true
			}
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			b, _ := id.([]byte)
			p.Headings = append(p.Headings, Heading{Level: n.Level, ID: string(b), Text: PlainText(n, src), Offset: Offset(n), Node: n})
		case *ast.Link:
			p.Links = append(p.Links, Link{Node: n, Dest: string(n.Destination), Offset: Offset(n)})
		case *ast.Image:
			p.Links = append(p.Links, Link{Node: n, Dest: string(n.Destination), Offset: Offset(n), Image: true})
		case *extast.Footnote:
			p.IDs["fn:"+strconv.Itoa(n.Index)] = true
		}
		return ast.WalkContinue, nil
	})
	return p
}

// Render writes the HTML of p.
func (e *Engine) Render(w io.Writer, p *Parsed) error {
	return e.md.Renderer().Render(w, p.Src, p.Root)
}

// Offset returns the byte offset of the first source text of n, for
// positions in diagnostics; inline nodes carry none of their own.
func Offset(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := Offset(c); off >= 0 {
			return off
		}
	}
	if p := n.Parent(); p != nil {
		if l := p.Lines(); p.Type() == ast.TypeBlock && l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	return 0
}

// PlainText returns the text of n without markup.
func PlainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// ids generates heading ids that keep letters of every script, so a
// Chinese heading gets a readable, stable id instead of "heading-1".
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Slug turns heading text into an id: lower case, letters and digits of any
// script kept, runs of anything else turned into one hyphen.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// tableWrapper wraps tables in a scrolling container, so a wide table
// scrolls on a 320 px screen instead of widening the page.
type tableWrapper struct {
	inner map[ast.NodeKind]renderer.NodeRendererFunc
}

func newTableWrapper() *tableWrapper {
	t := &tableWrapper{inner: map[ast.NodeKind]renderer.NodeRendererFunc{}}
	extension.NewTableHTMLRenderer().RegisterFuncs(t)
	return t
}

// Register captures the table extension's own renderers.
func (t *tableWrapper) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { t.inner[k] = f }

func (t *tableWrapper) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	inner := t.inner[extast.KindTable]
	reg.Register(extast.KindTable, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-wrap" tabindex="0">` + "\n")
		}
		st, err := inner(w, src, n, entering)
		if !entering {
			_, _ = w.WriteString("</div>\n")
		}
		return st, err
	})
}

// SetDestination points a link or image at dest.
func SetDestination(n ast.Node, dest string) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = []byte(dest)
	case *ast.Image:
		n.Destination = []byte(dest)
	}
}
