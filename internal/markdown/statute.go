package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lexsite/lexsite/internal/cite"
)

// Statute says how to read a statute excerpt's structure (SPEC 3): how its
// language begins an article heading and labels items, and how to write the
// title of a link to a provision.
type Statute struct {
	// Law is the excerpt's citation key: "cpl".
	Law string
	// Title is the law's short title in the document's language.
	Title string
	// Heading is how an article heading begins, with {number}.
	Heading string
	// ItemLabel labels items, with {number}; Numerals writes the number.
	ItemLabel, Numerals string
	// Style writes the citation of a provision, for link titles.
	Style cite.Style
	// LinkTitle wraps a citation into a link's title: "Link to {citation}".
	LinkTitle func(citation string) string
}

// Article is one article of a statute excerpt.
type Article struct {
	Number  int
	Caption string
	// Offset is the byte offset of the article's heading.
	Offset int
	// Paragraphs holds the article's paragraphs (款) in order.
	Paragraphs []Paragraph
	// Slot indexes the place at the end of the article where the page
	// lists what cites it (see Expand).
	Slot int
}

// Paragraph is a paragraph of an article and the number of its items (项).
type Paragraph struct {
	Offset int
	Items  int
}

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

// statuteStructurer finds articles, paragraphs and items, gives each its
// anchor, and labels items the way the language does.
type statuteStructurer struct{}

func (statuteStructurer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := state(pc)
	if st == nil || st.opts.Statute == nil {
		return
	}
	so := st.opts.Statute
	src := reader.Source()
	seen := map[int]string{} // article number → text of its first heading
	var cur *articleNode
	var art *Article
	level := 0
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && (cur == nil || h.Level <= level) {
			num, caption, isArt := articleHeading(h, src, so.Heading)
			if !isArt {
				cur, art = nil, nil
				n = next
				continue
			}
			off := Offset(h)
			if prev, dup := seen[num]; dup {
				st.problem(off, false, "Article %d appears twice in this excerpt; each article may appear once (its first heading is %q)", num, prev)
			}
			if _, dup := seen[num]; !dup {
				seen[num] = PlainText(h, src)
			}
			id := "art-" + strconv.Itoa(num)
			if old, ok := h.AttributeString("id"); ok {
				if b, ok := old.([]byte); ok && string(b) != id {
					delete(st.ids.used, string(b)) // the generated id gives way
				}
			}
			h.SetAttributeString("id", []byte(id))
			st.ids.used[id] = true
			ref := cite.Ref{Law: so.Law, Article: num}
			wrapInSelfLink(h, "#"+id, so.linkTitle(ref))
			st.articles = append(st.articles, Article{Number: num, Caption: caption, Offset: off, Slot: len(st.articles)})
			art = &st.articles[len(st.articles)-1]
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
			art.Paragraphs = append(art.Paragraphs, Paragraph{Offset: Offset(n)})
		case *ast.List:
			if len(art.Paragraphs) == 0 {
				st.problem(Offset(n), false, "this list comes before any paragraph of Article %d; items belong to the paragraph that introduces them", art.Number)
				break
			}
			p := len(art.Paragraphs)
			items := 0
			for li := n.FirstChild(); li != nil; li = li.NextSibling() {
				items++
				ref := cite.Ref{Law: so.Law, Article: art.Number, Paragraph: p, Item: items}
				id := ref.Anchor()
				li.SetAttributeString("id", []byte(id))
				st.ids.used[id] = true
				label := cite.Label(so.ItemLabel, items, so.Numerals)
				m := &markerNode{class: "item-num", href: "#" + id, label: label, title: so.linkTitle(ref)}
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
	if len(st.articles) == 0 {
		st.problem(0, false, "this statute excerpt has no articles: an article is a heading that starts with %q (or has an id such as {#art-48})", so.Heading)
	}
	// Paragraph anchors, and their numbers where an article has several.
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		an, ok := c.(*articleNode)
		if !ok {
			continue
		}
		a := st.articles[an.slot]
		p := 0
		for b := an.FirstChild(); b != nil; b = b.NextSibling() {
			if _, ok := b.(*ast.Paragraph); !ok {
				continue
			}
			p++
			ref := cite.Ref{Law: so.Law, Article: a.Number, Paragraph: p}
			id := ref.Anchor()
			b.SetAttributeString("id", []byte(id))
			st.ids.used[id] = true
			if len(a.Paragraphs) > 1 {
				m := &markerNode{class: "para-num", href: "#" + id, label: strconv.Itoa(p), title: so.linkTitle(ref)}
				if first := b.FirstChild(); first != nil {
					b.InsertBefore(b, first, m)
				} else {
					b.AppendChild(b, m)
				}
			}
		}
	}
}

func (so *Statute) linkTitle(r cite.Ref) string {
	c := so.Style.Format(r, so.Title)
	if so.LinkTitle != nil {
		return so.LinkTitle(c)
	}
	return c
}

// articleHeading reports whether h begins an article: by the language's
// label, or by an explicit id such as {#art-48}.
func articleHeading(h *ast.Heading, src []byte, pattern string) (int, string, bool) {
	txt := PlainText(h, src)
	if pattern != "" {
		if n, caption, ok := cite.ArticleHeading(txt, pattern); ok {
			return n, caption, true
		}
	}
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			// {#art-48}: digits without a leading zero, as anchors are written.
			if num, found := strings.CutPrefix(string(b), "art-"); found && num != "" && num[0] != '0' && len(num) <= 6 {
				if n, err := strconv.Atoi(num); err == nil && n > 0 && strconv.Itoa(n) == num {
					return n, txt, true
				}
			}
		}
	}
	return 0, "", false
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
