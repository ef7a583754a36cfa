package markdown

import (
	"bytes"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// highlighter highlights code with chroma, with CSS classes rather than
// inline styles (the colours are in css/chroma.css). One serves every
// document of an engine.
//
// It calls chroma directly instead of through a wrapper so that what is
// dear is done once per engine, not once per block: finding a lexer by a
// name chroma does not know means matching the name against the file
// patterns of every lexer, which made a guide of many blocks in an unknown
// language take minutes. Lexers are therefore looked up once per language
// name, and the formatter is shared by every block without attributes.
//
// The output is that of goldmark-highlighting, which Lexsite used before,
// with the same optional attributes after the language name
// ({linenos=table hl_lines=[2] linenostart=5 hl_style=monokai nohl}).
type highlighter struct {
	style     *chroma.Style
	formatter *chromahtml.Formatter

	mu      sync.Mutex
	lexers  map[string]chroma.Lexer // by language name; nil: not highlighted
	options []chromahtml.Option
}

func newHighlighter() *highlighter {
	options := []chromahtml.Option{chromahtml.WithClasses(true)}
	return &highlighter{
		style:     styles.Get("github"),
		formatter: chromahtml.New(options...),
		lexers:    map[string]chroma.Lexer{},
		options:   options,
	}
}

// codeRenderer writes fenced code blocks, highlighted by the engine's
// highlighter where it can, else as goldmark does. It belongs to one
// goldmark set-up, whose renderer options it takes.
type codeRenderer struct {
	html.Config
	*highlighter
}

// SetOption takes the renderer options of the engine (its HTML writer, say),
// so code is escaped exactly like the rest of the page.
func (r *codeRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

// lexer returns the coalescing lexer of a language name, or nil when
// chroma has none; each name is looked up once.
func (r *highlighter) lexer(language string) chroma.Lexer {
	r.mu.Lock()
	defer r.mu.Unlock()
	l, ok := r.lexers[language]
	if !ok {
		if found := lexers.Get(language); found != nil {
			l = chroma.Coalesce(found)
		}
		r.lexers[language] = l
	}
	return l
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
	reg.Register(kindHighlighted, r.renderHighlighted)
}

func (r *codeRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	if !r.highlight(w, source, n) {
		r.plain(w, source, n)
	}
	return ast.WalkContinue, nil
}

// highlight writes n highlighted and reports whether it did: not when
// chroma has no lexer for its language, or highlighting is turned off.
func (r *highlighter) highlight(w io.Writer, source []byte, n *ast.FencedCodeBlock) bool {
	language := n.Language(source)
	if language == nil {
		return false
	}
	formatter, style, nohl := r.formatter, r.style, false
	if attrs := codeAttributes(n, source); attrs != nil {
		formatter, style, nohl = r.withAttributes(attrs)
	}
	lexer := r.lexer(string(language))
	if nohl || lexer == nil {
		return false
	}
	if style == nil {
		style = styles.Fallback
	}
	var code strings.Builder
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		code.Write(line.Value(source))
	}
	it, err := lexer.Tokenise(nil, code.String())
	if err != nil {
		return false
	}
	_ = formatter.Format(w, style, it)
	return true
}

// plain writes n without highlighting, as goldmark does.
func (r *codeRenderer) plain(w util.BufWriter, source []byte, n *ast.FencedCodeBlock) {
	_, _ = w.WriteString("<pre><code")
	if language := n.Language(source); language != nil {
		_, _ = w.WriteString(` class="language-`)
		r.Writer.Write(w, language)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		r.Writer.RawWrite(w, line.Value(source))
	}
	_, _ = w.WriteString("</code></pre>\n")
}

// fenceParser is goldmark's parser of fenced code blocks, which starts
// highlighting each block the moment it is complete: chroma takes several
// times as long per byte as the rest of the pipeline, so a long document
// with much code would otherwise be built on one core at chroma's pace.
// The blocks are highlighted on the other cores while the document is
// still being parsed and rendered, and the renderer waits for each.
type fenceParser struct {
	parser.BlockParser
	h   *highlighter
	doc *document
}

func (p fenceParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	p.doc.code.add(p.h, node.(*ast.FencedCodeBlock), reader.Source())
}

// codeQueue holds the code blocks of one document waiting to be
// highlighted, and how many goroutines work on them (at most one per core).
type codeQueue struct {
	mu      sync.Mutex
	todo    []*highlighted
	running int
	// blocks maps each block to its highlighting, for Parse to put in
	// its place in the tree.
	blocks map[*ast.FencedCodeBlock]*highlighted
}

func (q *codeQueue) add(r *highlighter, b *ast.FencedCodeBlock, source []byte) {
	h := &highlighted{block: b, done: make(chan struct{})}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.blocks == nil {
		q.blocks = map[*ast.FencedCodeBlock]*highlighted{}
	}
	q.blocks[b] = h
	q.todo = append(q.todo, h)
	if q.running < runtime.GOMAXPROCS(0) {
		q.running++
		go q.work(r, source)
	}
}

func (q *codeQueue) work(r *highlighter, source []byte) {
	for {
		q.mu.Lock()
		if len(q.todo) == 0 {
			q.running--
			q.mu.Unlock()
			return
		}
		h := q.todo[0]
		q.todo = q.todo[1:]
		q.mu.Unlock()
		var b bytes.Buffer
		h.ok = r.highlight(&b, source, h.block)
		h.html = b.Bytes()
		close(h.done)
	}
}

// place puts each highlighted block in the tree in place of its block.
func (q *codeQueue) place(blocks []*ast.FencedCodeBlock) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, b := range blocks {
		if h := q.blocks[b]; h != nil && b.Parent() != nil {
			b.Parent().ReplaceChild(b.Parent(), b, h)
		}
	}
}

func (r *codeRenderer) renderHighlighted(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	h := node.(*highlighted)
	<-h.done
	if h.ok {
		_, _ = w.Write(h.html)
	} else {
		r.plain(w, source, h.block)
	}
	return ast.WalkContinue, nil
}

// highlighted stands for a code block being highlighted ahead of
// rendering (see fenceParser).
type highlighted struct {
	ast.BaseBlock
	block *ast.FencedCodeBlock
	done  chan struct{} // closed when html and ok are set
	html  []byte
	ok    bool
}

var kindHighlighted = ast.NewNodeKind("LexsiteHighlighted")

func (h *highlighted) Kind() ast.NodeKind { return kindHighlighted }

func (h *highlighted) Dump(source []byte, level int) { ast.DumpHelper(h, source, level, nil, nil) }

// codeAttributes returns the attributes of a code block: those goldmark
// parsed, or those written in braces after the language name.
func codeAttributes(n *ast.FencedCodeBlock, source []byte) ast.Node {
	if n.Attributes() != nil {
		return n
	}
	if n.Info == nil {
		return nil
	}
	info := n.Info.Segment.Value(source)
	if i := bytes.IndexByte(info, '{'); i > 0 {
		attrs, ok := parser.ParseAttributes(text.NewReader(info[i:]))
		if !ok {
			return nil
		}
		holder := ast.NewTextBlock()
		for _, a := range attrs {
			holder.SetAttribute(a.Name, a.Value)
		}
		return holder
	}
	return nil
}

// withAttributes returns the formatter and style of a block with
// attributes, and whether highlighting is turned off (nohl).
func (r *highlighter) withAttributes(attrs ast.Node) (*chromahtml.Formatter, *chroma.Style, bool) {
	options := append([]chromahtml.Option(nil), r.options...)
	style, nohl := r.style, false
	base := 1
	if v, ok := attrs.AttributeString("linenostart"); ok {
		if f, ok := v.(float64); ok {
			base = int(f)
			options = append(options, chromahtml.BaseLineNumber(base))
		}
	}
	if v, ok := attrs.AttributeString("hl_lines"); ok {
		if lines, ok := v.([]any); ok {
			var ranges [][2]int
			for _, l := range lines {
				if n, ok := l.(float64); ok {
					ranges = append(ranges, [2]int{int(n) + base - 1, int(n) + base - 1})
				}
				if s, ok := l.([]byte); ok {
					parts := strings.Split(string(s), "-")
					from, err := strconv.Atoi(parts[0])
					if err != nil {
						continue
					}
					to := from
					if len(parts) > 1 {
						if to, err = strconv.Atoi(parts[1]); err != nil {
							continue
						}
					}
					ranges = append(ranges, [2]int{from + base - 1, to + base - 1})
				}
			}
			options = append(options, chromahtml.HighlightLines(ranges))
		}
	}
	if v, ok := attrs.AttributeString("hl_style"); ok {
		if s, ok := v.([]byte); ok {
			style = styles.Get(string(s))
		}
	}
	if _, ok := attrs.AttributeString("nohl"); ok {
		nohl = true
	}
	if v, ok := attrs.AttributeString("linenos"); ok {
		switch v := v.(type) {
		case bool:
			options = append(options, chromahtml.WithLineNumbers(v))
		case []byte:
			if v != nil {
				options = append(options, chromahtml.WithLineNumbers(true))
			}
			switch string(v) {
			case "table":
				options = append(options, chromahtml.LineNumbersInTable(true))
			case "inline":
				options = append(options, chromahtml.LineNumbersInTable(false))
			}
		}
	}
	return chromahtml.New(options...), style, nohl
}
