// Package markdown owns the conversion of Markdown to HTML: the site's
// goldmark dialect, with one extender for each feature of Lexsite's own
// syntax (citations [[law article]], mentions of articles in prose, the
// structure of statute excerpts and of flows), heading ids that work in
// every script, code highlighted through CSS classes (so pages need no
// inline style under a strict Content-Security-Policy), and the list of
// links and headings the site needs for cross-document checks.
//
// A document is parsed once; the resulting tree may be rendered several
// times (once per language it is shown in) after its links are resolved.
package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/flow"
	"github.com/lexsite/lexsite/internal/statute"
)

// Options configure an Engine.
type Options struct {
	// Unsafe passes raw HTML in Markdown through to the page.
	Unsafe bool
	// Extenders add syntax to the goldmark set-up of every document; each
	// may be added to several set-ups.
	Extenders []goldmark.Extender
	// MaxNesting is how deep lists and block quotes may be nested; a
	// document nested deeper gets a problem instead of HTML. 0 means no
	// limit.
	MaxNesting int
}

// Engine converts Markdown. It is safe for concurrent use.
type Engine struct {
	opts Options
	// code highlights the code of every document, so that what is dear in
	// highlighting is done once per engine.
	code *highlighter

	mu sync.Mutex
	// setups holds, for each set of parse options, the set-ups made for
	// them that no parse is using.
	setups map[ParseOptions]*sync.Pool
}

// New returns an Engine with the site's Markdown dialect: CommonMark plus
// tables, footnotes, strikethrough, task lists, autolinks, heading
// attributes, CJK line breaking and highlighted code.
func New(opts Options) *Engine {
	return &Engine{opts: opts, code: newHighlighter(), setups: map[ParseOptions]*sync.Pool{}}
}

// setup is goldmark set up for the documents parsed with one set of
// ParseOptions: the site's dialect, and an extender for each feature of
// the site's syntax those options ask for, made with them as typed options
// (the language's mentions, the statute's layout), as goldmark's own
// extensions take theirs. A setup parses one document at a time; its
// extenders write what they find into doc, which is emptied before each.
//
// Making a goldmark set-up costs more than parsing a short document, so
// set-ups are kept for the next document with the same options.
type setup struct {
	md   goldmark.Markdown
	doc  *document
	pool *sync.Pool // the set-ups made with the same options
}

// setup returns a set-up for a document parsed with o, with nothing found
// in it yet. The caller gives it back with release when it has rendered
// the document.
func (e *Engine) setup(o ParseOptions) *setup {
	e.mu.Lock()
	pool := e.setups[o]
	if pool == nil {
		pool = &sync.Pool{}
		pool.New = func() any { return e.newSetup(o, pool) }
		e.setups[o] = pool
	}
	e.mu.Unlock()
	s := pool.Get().(*setup)
	*s.doc = document{ids: newIDs(), code: &codeQueue{}}
	return s
}

// release makes s available to the next document with its options.
func (s *setup) release() { s.pool.Put(s) }

func (e *Engine) newSetup(o ParseOptions, pool *sync.Pool) *setup {
	doc := &document{}
	code := &codeRenderer{Config: html.NewConfig(), highlighter: e.code}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(newScrollWrapper(code), 100)),
		// Before goldmark's own code block renderer, at 1000; registered
		// itself (not only inside the wrapper) so it takes the engine's
		// renderer options.
		renderer.WithNodeRenderers(util.Prioritized(code, 200)),
	}
	exts := []goldmark.Extender{
		// GFM's parts, with table alignment as classes: goldmark's default
		// writes style="text-align:…", which a strict CSP blocks.
		extension.Linkify, extension.Strikethrough, extension.TaskList,
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		footnotes{&doc.notes},
		extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
	}
	exts = append(exts, e.opts.Extenders...)
	exts = append(exts, citations{doc})
	if o.Mentions != nil {
		exts = append(exts, newMentions(doc, o.Mentions, mentionsSelf(o.Self)))
	}
	if o.Statute != nil {
		exts = append(exts, statuteStructure{doc, o.Statute})
	}
	if o.Flow {
		exts = append(exts, flowStructure{doc})
	}
	hopts := []goldmark.Option{
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID(),
			// Before goldmark's own fenced code parser, at 700.
			parser.WithBlockParsers(util.Prioritized(fenceParser{parser.NewFencedCodeBlockParser(), e.code, doc}, 699))),
		goldmark.WithRendererOptions(rendererOpts...),
	}
	if e.opts.Unsafe {
		hopts = append(hopts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &setup{md: goldmark.New(hopts...), doc: doc, pool: pool}
}

// Heading is a heading of a document, for tables of contents and for
// checking link fragments.
type Heading struct {
	Level  int
	ID     string
	Text   string
	Offset int // byte offset in the source
}

// Link is a link or image destination found in a document.
type Link struct {
	Dest   string
	Offset int // byte offset in the source
	Image  bool
	// Site is true for links whose address depends on the site: links to
	// .md files and to site-root paths. Their HTML holds a placeholder that
	// Expand fills in, so one rendering serves every page that shows the
	// document.
	Site bool
	// Step is set on a link from a flow's text to one of its steps
	// ("#arrived"): each step has a page of its own, so the link leads
	// there rather than to a fragment.
	Step string
}

// Parsed is a parsed and rendered document. The syntax tree is not kept:
// a site holds thousands of documents, and only their HTML is needed later.
type Parsed struct {
	Headings []Heading
	Links    []Link
	// IDs holds every element id in the document (headings, footnotes and
	// explicit attributes), for checking link fragments.
	IDs map[string]bool
	// HTML is the rendered body, with placeholders for site links.
	HTML []byte
	// Err is set when rendering failed.
	Err error
	// RawHTML holds the offsets of raw HTML that was left out because the
	// site does not allow it, so authors are told rather than surprised.
	RawHTML []int
	// Cites holds the citations, explicit and found in prose, in the order
	// of their placeholders.
	Cites []Cite
	// Articles is a statute excerpt's structure; nil for other documents.
	Articles []statute.Article
	// Problems found while parsing: a malformed structure, say.
	Problems []Problem
	// Flow is a flow document's graph; nil for other documents. HTML then
	// holds the flow's introduction and Steps the text of each step, in
	// the order of Flow.Nodes, without its heading and answers, up to
	// where its answers were written; AfterAnswers holds the rest.
	Flow         *flow.Flow
	Steps        [][]byte
	AfterAnswers [][]byte
}

// ParseOptions are what parsing one document needs to know about it.
type ParseOptions struct {
	// Mentions finds mentions of articles in prose in the document's
	// language; nil leaves prose as it is.
	Mentions *cite.Matcher
	// Self is the key of the law the document is an excerpt of, if any.
	Self string
	// Statute, when set, structures the document as a statute excerpt.
	Statute *statute.Layout
	// Flow reads the document as a decision flow (SPEC 5).
	Flow bool
}

// document is what the site's syntax extensions find in the document
// being parsed: the extenders of a setup share one.
type document struct {
	ids      *ids
	cites    []Cite
	articles []statute.Article
	problems []Problem
	steps    []*stepNode
	flow     *flow.Flow
	// code is a pointer so that a block still being highlighted when its
	// document is done (one in a footnote nobody refers to) keeps its own
	// queue.
	code  *codeQueue
	notes footnoteState
}

func (doc *document) addCite(c Cite) ast.Node {
	doc.cites = append(doc.cites, c)
	return &citeNode{index: len(doc.cites) - 1}
}

func (doc *document) problem(off int, warning bool, format string, args ...any) {
	doc.problems = append(doc.problems, Problem{Offset: off, Warning: warning, Message: fmt.Sprintf(format, args...)})
}

// placeholder marks a site link in rendered HTML; it is plain ASCII that
// URL and HTML escaping leave alone.
const placeholder = "lexsite-link:"

// Parse parses src once and renders it.
func (e *Engine) Parse(src []byte, opts ParseOptions) *Parsed {
	if e.opts.MaxNesting > 0 {
		if _, off := scanNesting(src, e.opts.MaxNesting); off >= 0 {
			return e.tooDeep(off)
		}
	}
	su := e.setup(opts)
	defer su.release()
	doc, ids := su.doc, su.doc.ids
	root := su.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(ids))))
	if e.opts.MaxNesting > 0 {
		if _, n := treeNesting(root, e.opts.MaxNesting); n != nil {
			return e.tooDeep(Offset(n))
		}
	}
	p := &Parsed{IDs: ids.used, Cites: doc.cites, Articles: doc.articles, Problems: doc.problems, Flow: doc.flow}
	var code []*ast.FencedCodeBlock
	steps := map[string]bool{}
	if doc.flow != nil {
		for _, n := range doc.flow.Nodes {
			steps[n.ID] = true
		}
	}
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
			p.Headings = append(p.Headings, Heading{Level: n.Level, ID: string(b), Text: PlainText(n, src), Offset: Offset(n)})
		case *ast.Link:
			dest := string(n.Destination)
			if id, ok := strings.CutPrefix(dest, "#"); ok && steps[id] {
				p.Links = append(p.Links, Link{Dest: dest, Offset: bracket(src, Offset(n), "["), Site: true, Step: id})
				n.Destination = []byte(placeholder + strconv.Itoa(len(p.Links)-1))
				break
			}
			off := bracket(src, Offset(n), "[")
			e.warnEmptied(p, dest, off, false)
			n.Destination = p.addLink(dest, off, false)
		case *ast.Image:
			off := bracket(src, Offset(n), "![")
			e.warnEmptied(p, string(n.Destination), off, true)
			n.Destination = p.addLink(string(n.Destination), off, true)
		case *ast.AutoLink:
			e.warnEmptied(p, string(n.URL(src)), autoLinkOffset(n, src), false)
		case *extast.Footnote:
			p.IDs["fn:"+strconv.Itoa(n.Index)] = true
		case *ast.HTMLBlock, *ast.RawHTML:
			if !e.opts.Unsafe {
				p.RawHTML = append(p.RawHTML, Offset(n))
			}
		case *extast.TableCell:
			if n.Alignment != extast.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		case *ast.FencedCodeBlock:
			code = append(code, n)
		}
		return ast.WalkContinue, nil
	})
	doc.code.place(code)
	var b bytes.Buffer
	b.Grow(len(src) * 3 / 2)
	for _, s := range doc.steps {
		s.out = &b
	}
	p.Err = render(su.md.Renderer(), &b, src, root)
	p.HTML = b.Bytes()
	if doc.flow != nil {
		p.splitSteps(doc.steps)
	}
	return p
}

// tooDeep is the result of a document nested deeper than the limit, at
// byte offset off: a problem and nothing to show.
func (e *Engine) tooDeep(off int) *Parsed {
	return &Parsed{IDs: map[string]bool{}, Problems: []Problem{{
		Offset:  off,
		Message: fmt.Sprintf("lists and block quotes are nested more than %d deep here; nest them less deeply, or raise max_nesting under [limits] in lexsite.toml", e.opts.MaxNesting),
	}}}
}

func (p *Parsed) addLink(dest string, off int, image bool) []byte {
	l := Link{Dest: dest, Offset: off, Image: image, Site: IsSiteLink(dest)}
	p.Links = append(p.Links, l)
	if !l.Site {
		return []byte(dest)
	}
	return []byte(placeholder + strconv.Itoa(len(p.Links)-1))
}

// warnEmptied tells the author about a link or image whose address the
// renderer leaves empty for its scheme (goldmark's html.IsDangerousURL:
// javascript:, vbscript:, file:, and data: other than common images),
// which it does unless the site allows raw HTML. Without the warning the
// link is silently dead on the page.
func (e *Engine) warnEmptied(p *Parsed, dest string, off int, image bool) {
	if e.opts.Unsafe || !html.IsDangerousURL([]byte(dest)) {
		return
	}
	scheme, _, _ := strings.Cut(dest, ":")
	scheme = strings.ToLower(scheme) + ":"
	why := "can run code in the reader's browser"
	switch scheme {
	case "file:":
		why = "name a file on the reader's own computer, not on the site"
	case "data:":
		why = "other than PNG, GIF, JPEG and WebP images can run code in the reader's browser"
	}
	what, instead := "link", "link to a web page (https://…) or to a document's .md file instead"
	if image {
		what, instead = "image", "put the image in static/ and write its path, such as /images/receipt.png"
	}
	p.Problems = append(p.Problems, Problem{Offset: off, Warning: true,
		Message: fmt.Sprintf("the address of this %s is left out of the page: %s addresses %s; %s", what, scheme, why, instead)})
}

// autoLinkOffset returns where an autolink (<javascript:…>) starts: goldmark
// keeps its text segment to itself, so it is found in its paragraph's lines.
func autoLinkOffset(n *ast.AutoLink, src []byte) int {
	want := append([]byte("<"), n.URL(src)...)
	if p := n.Parent(); p != nil && p.Type() == ast.TypeBlock {
		if l := p.Lines(); l != nil && l.Len() > 0 {
			start, stop := l.At(0).Start, l.At(l.Len()-1).Stop
			if i := bytes.Index(src[start:stop], want); i >= 0 {
				return start + i
			}
		}
	}
	return Offset(n)
}

// bracket moves a link's position from its text back to its opening
// bracket, where an author looks for it.
func bracket(src []byte, off int, open string) int {
	if off >= len(open) && string(src[off-len(open):off]) == open {
		return off - len(open)
	}
	return off
}

// IsSiteLink reports whether a link destination is resolved by the site: a
// Markdown file, or a path from the site root.
func IsSiteLink(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return false // has a scheme: external
	}
	path, _, _ := strings.Cut(dest, "#")
	path, _, _ = strings.Cut(path, "?")
	return strings.HasSuffix(path, ".md") || strings.HasPrefix(path, "/")
}

// Expander fills in the parts of a document's HTML that depend on the page
// it is shown on.
type Expander interface {
	// Link returns the address of Links[i], escaped for an attribute.
	Link(i int) string
	// Cite returns the HTML of Cites[i]: a link and its notes.
	Cite(i int) string
	// Slot returns the HTML that closes article Articles[i]: what cites it.
	Slot(i int) string
}

// Expand writes p's HTML to w with every placeholder filled in by x.
func (p *Parsed) Expand(w *bytes.Buffer, x Expander) { expand(w, p.HTML, x) }

func expand(w *bytes.Buffer, h []byte, x Expander) {
	const prefix = "lexsite-"
	for {
		j := bytes.Index(h, []byte(prefix))
		if j < 0 {
			w.Write(h)
			return
		}
		w.Write(h[:j])
		rest := h[j:]
		var fill func(int) string
		var name string
		switch {
		case bytes.HasPrefix(rest, []byte(placeholder)):
			name, fill = placeholder, x.Link
		case bytes.HasPrefix(rest, []byte(citePlaceholder)):
			name, fill = citePlaceholder, x.Cite
		case bytes.HasPrefix(rest, []byte(slotPlaceholder)):
			name, fill = slotPlaceholder, x.Slot
		default:
			w.WriteString(prefix)
			h = rest[len(prefix):]
			continue
		}
		h = rest[len(name):]
		k := 0
		for k < len(h) && h[k] >= '0' && h[k] <= '9' {
			k++
		}
		i, _ := strconv.Atoi(string(h[:k]))
		w.WriteString(fill(i))
		h = h[k:]
		if name != placeholder && len(h) > 0 && h[0] == ';' {
			h = h[1:]
		}
	}
}

// render writes the HTML of a tree. The source must be valid UTF-8 (the
// loader rejects anything else with a position); a panic inside the
// renderer, an upstream bug, becomes an error so one document cannot crash
// a build.
func render(r renderer.Renderer, w io.Writer, src []byte, root ast.Node) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("the Markdown renderer failed on this document: %v", v)
		}
	}()
	return r.Render(w, src, root)
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
	if r, ok := n.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
		return r.Segments.At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := Offset(c); off >= 0 {
			return off
		}
	}
	if p := n.Parent(); p != nil && p.Type() == ast.TypeBlock {
		if l := p.Lines(); l != nil && l.Len() > 0 {
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
	// next holds, for each generated base, the suffix to try first: every
	// smaller one is taken, and ids are never released, so a document with
	// thousands of headings of the same text numbers them in linear time.
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

// Slug turns heading text into an id: lower case, letters and digits of any
// script kept, runs of anything else turned into one hyphen.
func Slug(s string) string {
	return SlugKeeping(s, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
	})
}

// SlugKeeping lowers s and keeps the characters keep accepts, each run of
// the others turned into one hyphen, never at either end. Heading ids and
// file names of new documents differ only in what they keep.
func SlugKeeping(s string, keep func(rune) bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if !keep(r) {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	i := max(s.next[base], 1)
	for ; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.next[base] = i
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// scrollWrapper puts tables and code blocks in a box of their own that
// scrolls sideways, so a wide table or a long line of code scrolls on a
// 320 px screen instead of widening the page (WCAG 1.4.10). A keyboard user
// must be able to scroll it too (WCAG 2.1.1): the box takes focus
// (tabindex="0"), and as a focusable element it needs a role and a name, so
// it is a region named by the heading it is under ("Time limits, region").
// A table or code block before any heading has no name to take: its box is
// focusable, without a role.
type scrollWrapper struct {
	inner map[ast.NodeKind]renderer.NodeRendererFunc
}

// scrollClasses are the classes of the box for each kind of block; the
// carried site.css styles them.
func scrollClasses() map[ast.NodeKind]string {
	return map[ast.NodeKind]string{
		extast.KindTable:        "table-wrap",
		ast.KindFencedCodeBlock: "code-wrap",
		kindHighlighted:         "code-wrap",
		ast.KindCodeBlock:       "code-wrap",
	}
}

func newScrollWrapper(code *codeRenderer) *scrollWrapper {
	t := &scrollWrapper{inner: map[ast.NodeKind]renderer.NodeRendererFunc{}}
	// The renderers this one wraps: goldmark's own for indented code,
	// Lexsite's for fenced code (highlighted or not) and the table
	// extension's.
	html.NewRenderer().RegisterFuncs(t)
	code.RegisterFuncs(t)
	extension.NewTableHTMLRenderer().RegisterFuncs(t)
	return t
}

// Register captures the wrapped renderers.
func (t *scrollWrapper) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { t.inner[k] = f }

func (t *scrollWrapper) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	for kind, class := range scrollClasses() {
		inner := t.inner[kind]
		reg.Register(kind, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString(`<div class="` + class + `"`)
				if id := headingAbove(n); id != "" {
					_, _ = w.WriteString(` role="region" aria-labelledby="`)
					_, _ = w.Write(util.EscapeHTML([]byte(id)))
					_, _ = w.WriteString(`"`)
				}
				_, _ = w.WriteString(` tabindex="0">` + "\n")
			}
			st, err := inner(w, src, n, entering)
			if !entering || st == ast.WalkSkipChildren {
				_, _ = w.WriteString("</div>\n")
			}
			return st, err
		})
	}
}

// headingAbove returns the id of the nearest heading before n in the
// document (a sibling of n or of one of its ancestors), or "" if there is
// none or it has no id.
func headingAbove(n ast.Node) string {
	for ; n != nil; n = n.Parent() {
		for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if h, ok := s.(*ast.Heading); ok {
				if id, ok := h.AttributeString("id"); ok {
					if b, ok := id.([]byte); ok {
						return string(b)
					}
				}
				return ""
			}
		}
	}
	return ""
}
