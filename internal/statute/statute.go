// Package statute owns the model of the statutes a site carries: a law, the
// articles, paragraphs (款) and items (项) of its excerpts and their anchors,
// how an excerpt's structure is read, and whether a reference names a
// provision an excerpt holds.
//
// The citation grammar (the reference a citation names, its anchor, which
// law keys are valid) and how each language writes a citation belong to
// package cite; this package builds on it. It knows nothing of Markdown:
// the markdown package walks its syntax tree and asks a Reader what each
// block is.
package statute

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/lexsite/lexsite/internal/cite"
)

// Article is one article of a statute excerpt.
type Article struct {
	Number  int
	Caption string
	// Offset is the byte offset of the article's heading.
	Offset int
	// Paragraphs holds the article's paragraphs (款) in order.
	Paragraphs []Paragraph
	// Slot indexes the place at the end of the article where the page
	// lists what cites it.
	Slot int
}

// Paragraph is a paragraph of an article and the number of its items (项).
type Paragraph struct {
	Offset int
	Items  int
}

// Layout says how to read a statute excerpt's structure (SPEC 3): how its
// language begins an article heading and labels items, and how to write the
// title of a link to a provision.
type Layout struct {
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

// ArticleHeading reports whether a heading with the given text and
// explicit id ("" when it has none) begins an article: by the language's
// label, or by an id such as {#art-48}.
func (l *Layout) ArticleHeading(text, id string) (n int, caption string, ok bool) {
	if l.Heading != "" {
		if n, caption, ok := cite.ArticleHeading(text, l.Heading); ok {
			return n, caption, true
		}
	}
	// {#art-48}: digits without a leading zero, as anchors are written.
	if num, found := strings.CutPrefix(id, "art-"); found && num != "" && num[0] != '0' && len(num) <= 6 {
		if n, err := strconv.Atoi(num); err == nil && n > 0 && strconv.Itoa(n) == num {
			return n, text, true
		}
	}
	return 0, "", false
}

// LabelItem is the label of item n of a paragraph: "(8)", "（八）".
func (l *Layout) LabelItem(n int) string { return cite.Label(l.ItemLabel, n, l.Numerals) }

// TitleOf is the title of a link to the provision r names: "Link to
// Consumer Protection Law, Article 48(1)".
func (l *Layout) TitleOf(r cite.Ref) string {
	c := l.Style.Format(r, l.Title)
	if l.LinkTitle != nil {
		return l.LinkTitle(c)
	}
	return c
}

// Structure collects an excerpt's articles as its blocks are read in
// order, and says what is wrong with how they are arranged. Its messages
// are for the author; the caller places them in the file.
type Structure struct {
	Layout   *Layout
	Articles []Article
	first    map[int]string // article number → text of its first heading
}

// NewStructure starts reading an excerpt laid out as l.
func NewStructure(l *Layout) *Structure {
	return &Structure{Layout: l, first: map[int]string{}}
}

// StartArticle records the article a heading at off begins, the heading
// reading text. An article may appear once; problem says so when it is
// there twice.
func (s *Structure) StartArticle(n int, caption, text string, off int) (a *Article, problem string) {
	if prev, dup := s.first[n]; dup {
		problem = fmt.Sprintf("Article %d appears twice in this excerpt; each article may appear once (its first heading is %q)", n, prev)
	} else {
		s.first[n] = text
	}
	s.Articles = append(s.Articles, Article{Number: n, Caption: caption, Offset: off, Slot: len(s.Articles)})
	return &s.Articles[len(s.Articles)-1], problem
}

// ListBeforeParagraph is the problem of a list that opens article a:
// items belong to the paragraph that introduces them.
func ListBeforeParagraph(a *Article) string {
	return fmt.Sprintf("this list comes before any paragraph of Article %d; items belong to the paragraph that introduces them", a.Number)
}

// Problem reports what is wrong with the excerpt as a whole once it is read.
func (s *Structure) Problem() string {
	if len(s.Articles) == 0 {
		return fmt.Sprintf("this statute excerpt has no articles: an article is a heading that starts with %q (or has an id such as {#art-48})", s.Layout.Heading)
	}
	return ""
}

// NumberParagraphs reports whether the paragraphs of a are numbered on the
// page: only an article with several has numbers to tell them apart.
func NumberParagraphs(a Article) bool { return len(a.Paragraphs) > 1 }

// Key describes l for caches: two excerpts with the same text and key are
// structured the same.
func (l *Layout) Key() string {
	wrap := "{citation}"
	if l.LinkTitle != nil {
		wrap = l.LinkTitle(wrap)
	}
	return fmt.Sprintf("%q %q %q %q %q %+v %q", l.Law, l.Title, l.Heading, l.ItemLabel, l.Numerals, l.Style, wrap)
}

// Shape describes what citations of an excerpt with articles arts can lead
// to: each article's number and its paragraphs' counts of items. Two
// versions with the same shape check every reference alike.
func Shape(arts []Article) string {
	var b strings.Builder
	for _, a := range arts {
		b.WriteString(" " + strconv.Itoa(a.Number) + "(")
		for _, p := range a.Paragraphs {
			b.WriteString(strconv.Itoa(p.Items) + ",")
		}
		b.WriteString(")")
	}
	return b.String()
}
