package markdown

import (
	"cmp"
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotes is goldmark's footnote extension with its two passes that grow
// with the square of the number of footnotes replaced: each reference
// looked for its note among all notes in turn, and the notes were put in
// order by insertion sort. A guide of 10,000 footnotes spent most of its
// build there. The definitions are still read, and the notes still
// written, by goldmark's own parser and renderer, and the HTML is the same.
//
// What the passes share is kept in notes, so a footnotes value serves one
// document.
type footnotes struct{ notes *footnoteState }

func (f footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteDefinitions{extension.NewFootnoteBlockParser(), f.notes}, 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteReferences{f.notes}, 101)),
		parser.WithASTTransformers(util.Prioritized(footnoteOrder{f.notes}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500)))
}

// footnoteState is what the footnote passes of one document share.
type footnoteState struct {
	list  *extast.FootnoteList
	links []*extast.FootnoteLink
	byRef map[string]*extast.Footnote // made at the first reference
}

// footnoteDefinitions is goldmark's parser of footnote definitions; it
// notes the list goldmark gathers them in.
type footnoteDefinitions struct {
	parser.BlockParser
	notes *footnoteState
}

func (p footnoteDefinitions) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	if l, ok := node.Parent().(*extast.FootnoteList); ok {
		p.notes.list = l
	}
}

// footnoteLabelLimit is goldmark's longest footnote label.
const footnoteLabelLimit = 999

// footnoteReferences reads [^label] as goldmark does, finding the note by
// its label in a map.
type footnoteReferences struct{ notes *footnoteState }

func (footnoteReferences) Trigger() []byte { return []byte{'!', '['} }

func (r footnoteReferences) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	if pos >= len(line) {
		return nil
	}
	open := pos
	closure := util.FindClosure(line[pos:min(len(line), pos+footnoteLabelLimit)], '[', ']', false, false) //nolint:staticcheck // goldmark's own call
	if closure < 0 {
		return nil
	}
	closes := pos + closure
	value := block.Value(text.NewSegment(segment.Start+open, segment.Start+closes))
	block.Advance(closes + 1)
	notes := r.notes
	if notes.list == nil {
		return nil
	}
	if notes.byRef == nil {
		notes.byRef = map[string]*extast.Footnote{}
		for n := notes.list.FirstChild(); n != nil; n = n.NextSibling() {
			f := n.(*extast.Footnote)
			if _, ok := notes.byRef[string(f.Ref)]; !ok {
				notes.byRef[string(f.Ref)] = f // the first of a label, as a search in order finds
			}
		}
	}
	f := notes.byRef[string(value)]
	if f == nil {
		return nil
	}
	if f.Index < 0 {
		notes.list.Count++
		f.Index = notes.list.Count
	}
	link := extast.NewFootnoteLink(f.Index)
	notes.links = append(notes.links, link)
	if line[0] == '!' {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return link
}

// footnoteOrder does what goldmark's footnote transformer does — counts
// the references of each note, adds the links back to them, drops notes
// nobody refers to, and moves the list to the end in the order of first
// reference — sorting in n log n.
type footnoteOrder struct{ notes *footnoteState }

func (o footnoteOrder) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if o.notes.list == nil {
		return
	}
	list := o.notes.list
	counter := map[int]int{}
	for _, l := range o.notes.links {
		if l.Index >= 0 {
			counter[l.Index]++
		}
	}
	seen := map[int]int{}
	for _, l := range o.notes.links {
		l.RefCount = counter[l.Index]
		l.RefIndex = seen[l.Index]
		seen[l.Index]++
	}
	var kept []*extast.Footnote
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		f := n.(*extast.Footnote)
		var container ast.Node = f
		if fc := container.LastChild(); fc != nil && ast.IsParagraph(fc) {
			container = fc
		}
		if f.Index < 0 {
			list.RemoveChild(list, f)
		} else {
			for i := range max(counter[f.Index], 1) {
				back := extast.NewFootnoteBacklink(f.Index)
				back.RefCount, back.RefIndex = counter[f.Index], i
				container.AppendChild(container, back)
			}
			kept = append(kept, f)
		}
		n = next
	}
	// The indexes left are distinct, so this is the order goldmark's
	// insertion sort gave.
	slices.SortFunc(kept, func(a, b *extast.Footnote) int { return cmp.Compare(a.Index, b.Index) })
	list.RemoveChildren(list)
	for _, f := range kept {
		list.AppendChild(list, f)
	}
	if list.Count <= 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	doc.AppendChild(doc, list)
}
