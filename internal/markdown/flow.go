package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lexsite/lexsite/internal/flow"
)

// stepNode holds the blocks of one step of a flow. Its heading and its
// answer list are taken out of the tree: the step's page writes the heading
// as its title and the answers as buttons. The renderer notes where the
// step's HTML begins, and where its answer list was, so the document's HTML
// can be cut into steps, and each step's into the text before its answers
// and the text after them, without a marker an author could type.
type stepNode struct {
	ast.BaseBlock
	index   int
	out     *bytes.Buffer // the buffer the document renders into
	start   int           // where this step's HTML begins in out
	answers int           // where its answer list was in out; -1 without one
}

var kindStep = ast.NewNodeKind("FlowStep")

func (n *stepNode) Kind() ast.NodeKind { return kindStep }

func (n *stepNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// answersNode stands where a step's answer list was written.
type answersNode struct {
	ast.BaseBlock
	step *stepNode
}

var kindAnswers = ast.NewNodeKind("FlowAnswers")

func (n *answersNode) Kind() ast.NodeKind { return kindAnswers }

func (n *answersNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// flowStructure is the extender that reads a document as a decision flow
// (SPEC 5): the text before the first ## heading introduces the flow; each
// ## heading begins a step; a step's answers are the last list whose items
// are each only a link to #another-step.
type flowStructure struct{ doc *document }

func (fs flowStructure) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(fs, 900)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(stepRenderer{}, 100)))
}

func (fs flowStructure) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := fs.doc
	src := reader.Source()
	f := &flow.Flow{}
	var cur *stepNode
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			id, _ := h.AttributeString("id")
			b, _ := id.([]byte)
			f.Nodes = append(f.Nodes, &flow.Node{ID: string(b), Title: PlainText(h, src), Offset: Offset(h), Explicit: explicitID(h, src)})
			cur = &stepNode{index: len(d.steps), answers: -1}
			d.steps = append(d.steps, cur)
			doc.InsertBefore(doc, h, cur)
			doc.RemoveChild(doc, h)
			n = next
			continue
		}
		if cur != nil {
			// A step's ## heading is its page's h1, so the ### sections of
			// its text (an outcome's "What to do next") are the page's h2:
			// the levels below the step move up one, leaving no gap a
			// screen reader's list of headings would show.
			if h, ok := n.(*ast.Heading); ok && h.Level > 2 {
				h.Level--
			}
			doc.RemoveChild(doc, n)
			cur.AppendChild(cur, n)
		}
		n = next
	}
	for i, s := range d.steps {
		f.Nodes[i].Answers = answers(s, src, d)
	}
	d.flow = f
}

// answers takes the step's answer list out of its tree and returns its
// answers; it reports lists that mix answers with other items, which an
// author means as answers but the reader would not get as buttons.
func answers(s *stepNode, src []byte, d *document) []flow.Answer {
	var found *ast.List
	for c := s.LastChild(); c != nil; c = c.PreviousSibling() {
		l, ok := c.(*ast.List)
		if !ok {
			continue
		}
		n, links := 0, 0
		for li := l.FirstChild(); li != nil; li = li.NextSibling() {
			n++
			if stepLink(li, src) != nil {
				links++
			}
		}
		switch {
		case links == n && found == nil:
			found = l
		case links > 0 && links < n:
			d.problem(Offset(l), false, "this list mixes answers (items that are only a link to another step) with other items; put the answers in a list of their own, one link per item, as the last list of the step")
		}
	}
	if found == nil {
		return nil
	}
	var out []flow.Answer
	for li := found.FirstChild(); li != nil; li = li.NextSibling() {
		l := stepLink(li, src)
		out = append(out, flow.Answer{
			Label:  PlainText(l, src),
			Target: strings.TrimPrefix(string(l.Destination), "#"),
			Offset: bracket(src, Offset(l), "["),
		})
	}
	// The text an author writes after the answers comes after them on the
	// step's page: the place of the list is kept.
	s.ReplaceChild(s, found, &answersNode{step: s})
	return out
}

// stepLink returns the link an answer item consists of, or nil when the
// item is anything else.
func stepLink(li ast.Node, src []byte) *ast.Link {
	if li.ChildCount() != 1 {
		return nil
	}
	b := li.FirstChild()
	if b.Kind() != ast.KindParagraph && b.Kind() != ast.KindTextBlock {
		return nil
	}
	var link *ast.Link
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0 {
			continue
		}
		l, ok := c.(*ast.Link)
		if !ok || link != nil {
			return nil
		}
		link = l
	}
	if link == nil || !bytes.HasPrefix(link.Destination, []byte("#")) || len(link.Destination) < 2 {
		return nil
	}
	return link
}

// explicitID reports whether a heading carries an {#id} of its own rather
// than one made up from its text: the attribute is on the heading's line
// after its text.
func explicitID(h *ast.Heading, src []byte) bool {
	l := h.Lines()
	if l == nil || l.Len() == 0 {
		return false
	}
	end := l.At(l.Len() - 1).Stop
	rest := src[end:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	i := bytes.IndexByte(rest, '{')
	return i >= 0 && bytes.Contains(rest[i:], []byte("#"))
}

// stepRenderer notes where each step's HTML begins, and where its answers
// go.
type stepRenderer struct{}

func (stepRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindStep, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		s := n.(*stepNode)
		if entering && s.out != nil {
			s.start = s.out.Len() + w.Buffered()
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindAnswers, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		s := n.(*answersNode).step
		if entering && s.out != nil {
			s.answers = s.out.Len() + w.Buffered()
		}
		return ast.WalkSkipChildren, nil
	})
}

// splitSteps cuts a flow document's HTML into its introduction and one
// part per step, and each step's part at its answers.
func (p *Parsed) splitSteps(steps []*stepNode) {
	html := p.HTML
	p.Steps = make([][]byte, len(steps))
	p.AfterAnswers = make([][]byte, len(steps))
	end := len(html)
	for i := len(steps) - 1; i >= 0; i-- {
		start := min(max(steps[i].start, 0), end)
		mid := end
		if a := steps[i].answers; a >= start && a <= end {
			mid = a
		}
		p.Steps[i] = html[start:mid:mid]
		p.AfterAnswers[i] = html[mid:end:end]
		end = start
	}
	p.HTML = html[:end:end]
}

// ExpandStep writes the HTML of step i of a flow with every placeholder
// filled in by x: the text before its answers (all of an outcome's).
func (p *Parsed) ExpandStep(w *bytes.Buffer, i int, x Expander) {
	expand(w, p.Steps[i], x)
}

// ExpandAfterAnswers writes the HTML of the text of step i written after
// its answers, with every placeholder filled in by x.
func (p *Parsed) ExpandAfterAnswers(w *bytes.Buffer, i int, x Expander) {
	expand(w, p.AfterAnswers[i], x)
}
