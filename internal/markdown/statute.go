package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/statute"
)

// Problem is something wrong in a document found while parsing it.
type Problem struct {
	Offset  int
	Message string
	Warning bool
}

// slotPlaceholder marks the end of an article in rendered HTML.
const slotPlaceholder = "lexsite-slot:"

// articleNode wraps an article's heading and blocks in a <section>.
type articleNode struct {
	ast.BaseBlock
	id   string
	slot int
}

var kindArticle = ast.NewNodeKind("Article")

func (n *articleNode) Kind() ast.NodeKind { return kindArticle }

func (n *articleNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id}, nil)
}

// markerNode is a link to a provision that the structure adds: the number
// of a paragraph, the label of an item.
type markerNode struct {
	ast.BaseInline
	class, href, label, title string
}

var kindMarker = ast.NewNodeKind("ProvisionMarker")

func (n *markerNode) Kind() ast.NodeKind { return kindMarker }

func (n *markerNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Href": n.href}, nil)
}

// statuteStructure is the extender that reads a document as a statute
// excerpt laid out as layout says (SPEC 3): it finds articles, paragraphs
// and items, gives each its anchor, labels items the way the language does,
// and wraps each article in a section that ends with a placeholder for what
// cites it.
type statuteStructure struct {
	doc    *document
	layout *statute.Layout
}

func (s statuteStructure) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(s, 900)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(structureRenderer{}, 100)))
}

func (s statuteStructure) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d, so := s.doc, s.layout
	src := reader.Source()
	sr := statute.NewStructure(so)
	var cur *articleNode
	var art *statute.Article
	level := 0
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && (cur == nil || h.Level <= level) {
			txt := PlainText(h, src)
			num, caption, isArt := so.ArticleHeading(txt, headingID(h))
			if !isArt {
				cur, art = nil, nil
				n = next
				continue
			}
			off := Offset(h)
			a, problem := sr.StartArticle(num, caption, txt, off)
			if problem != "" {
				d.problem(off, false, "%s", problem)
			}
			art = a
			ref := cite.Ref{Law: so.Law, Article: num}
			id := ref.Anchor()
			if old, ok := h.AttributeString("id"); ok {
				if b, ok := old.([]byte); ok && string(b) != id {
					delete(d.ids.used, string(b)) // the generated id gives way
				}
			}
			h.SetAttributeString("id", []byte(id))
			d.ids.used[id] = true
			wrapInSelfLink(h, "#"+id, so.TitleOf(ref))
			cur = &articleNode{id: id, slot: art.Slot}
			doc.InsertBefore(doc, h, cur)
			doc.RemoveChild(doc, h)
			cur.AppendChild(cur, h)
			level = h.Level
			n = next
			continue
		}
		if cur == nil {
			n = next
			continue
		}
		doc.RemoveChild(doc, n)
		cur.AppendChild(cur, n)
		switch n := n.(type) {
		case *ast.Paragraph:
			art.Paragraphs = append(art.Paragraphs, statute.Paragraph{Offset: Offset(n)})
		case *ast.List:
			if len(art.Paragraphs) == 0 {
				d.problem(Offset(n), false, "%s", statute.ListBeforeParagraph(art))
				break
			}
			p := len(art.Paragraphs)
			items := 0
			for li := n.FirstChild(); li != nil; li = li.NextSibling() {
				items++
				ref := cite.Ref{Law: so.Law, Article: art.Number, Paragraph: p, Item: items}
				id := ref.Anchor()
				li.SetAttributeString("id", []byte(id))
				d.ids.used[id] = true
				m := &markerNode{class: "item-num", href: "#" + id, label: so.LabelItem(items), title: so.TitleOf(ref)}
				if fc := li.FirstChild(); fc != nil && (fc.Kind() == ast.KindTextBlock || fc.Kind() == ast.KindParagraph) {
					if first := fc.FirstChild(); first != nil {
						fc.InsertBefore(fc, first, m)
					} else {
						fc.AppendChild(fc, m)
					}
				} else {
					li.InsertBefore(li, fc, m)
				}
			}
			n.SetAttributeString("class", []byte("items"))
			art.Paragraphs[p-1].Items = items
		}
		n = next
	}
	d.articles = sr.Articles
	if problem := sr.Problem(); problem != "" {
		d.problem(0, false, "%s", problem)
	}
	// Paragraph anchors, and their numbers where an article has several.
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		an, ok := c.(*articleNode)
		if !ok {
			continue
		}
		a := d.articles[an.slot]
		p := 0
		for b := an.FirstChild(); b != nil; b = b.NextSibling() {
			if _, ok := b.(*ast.Paragraph); !ok {
				continue
			}
			p++
			ref := cite.Ref{Law: so.Law, Article: a.Number, Paragraph: p}
			id := ref.Anchor()
			b.SetAttributeString("id", []byte(id))
			d.ids.used[id] = true
			if statute.NumberParagraphs(a) {
				m := &markerNode{class: "para-num", href: "#" + id, label: strconv.Itoa(p), title: so.TitleOf(ref)}
				if first := b.FirstChild(); first != nil {
					b.InsertBefore(b, first, m)
				} else {
					b.AppendChild(b, m)
				}
			}
		}
	}
}

// headingID is the id a heading has so far, or "".
func headingID(h *ast.Heading) string {
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// wrapInSelfLink makes a heading's text a link to the heading, so a
// reader can copy the address of an article without JavaScript.
func wrapInSelfLink(h *ast.Heading, href, title string) {
	l := ast.NewLink()
	l.Destination = []byte(href)
	l.Title = []byte(title)
	for c := h.FirstChild(); c != nil; {
		next := c.NextSibling()
		h.RemoveChild(h, c)
		l.AppendChild(l, c)
		c = next
	}
	h.AppendChild(h, l)
}

// structureRenderer writes articles and provision markers.
type structureRenderer struct{}

func (structureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindArticle, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a := n.(*articleNode)
		if entering {
			_, _ = w.WriteString(`<section class="article" aria-labelledby="` + a.id + `">` + "\n")
		} else {
			_, _ = w.WriteString(slotPlaceholder + strconv.Itoa(a.slot) + ";</section>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindMarker, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		m := n.(*markerNode)
		_, _ = w.WriteString(`<a class="` + m.class + `" href="` + m.href + `" title="`)
		_, _ = w.Write(util.EscapeHTML([]byte(m.title)))
		_, _ = w.WriteString(`">`)
		_, _ = w.Write(util.EscapeHTML([]byte(m.label)))
		_, _ = w.WriteString("</a>")
		return ast.WalkSkipChildren, nil
	})
}
