package cite

import (
	"strings"
	"testing"
	"unicode"
)

var headingPatterns = []string{"Article {number}", "Artículo {number}", "第{number}条"}

var headingCases = []struct {
	text, pattern string
	n             int
	caption       string
	ok            bool
}{
	{"Article 48", "Article {number}", 48, "", true},
	{"Article 48 Civil liability", "Article {number}", 48, "Civil liability", true},
	{"Article 48. Civil liability", "Article {number}", 48, "Civil liability", true},
	{"Article 48: Civil liability", "Article {number}", 48, "Civil liability", true},
	{"Article 48 — Civil liability", "Article {number}", 48, "Civil liability", true},
	{"Article 48 - Civil liability ", "Article {number}", 48, "Civil liability", true},
	{"Article 48–Civil liability", "Article {number}", 48, "Civil liability", true},
	{"  ARTICLE   48  ", "Article {number}", 48, "", true},
	{"article 48", "Article {number}", 48, "", true},
	{"Article 四十八 Civil liability", "Article {number}", 48, "Civil liability", true},
	{"Article ４８", "Article {number}", 48, "", true},
	{"Article 99999", "Article {number}", 99999, "", true},
	{"Artículo 48. Responsabilidad civil", "Artículo {number}", 48, "Responsabilidad civil", true},
	{"ARTÍCULO 48", "Artículo {number}", 48, "", true},
	{"第四十八条", "第{number}条", 48, "", true},
	{"第四十八条　民事责任", "第{number}条", 48, "民事责任", true},
	{"第四十八条 民事责任", "第{number}条", 48, "民事责任", true},
	{"第四十八条：民事责任", "第{number}条", 48, "民事责任", true},
	{"第四十八条．民事责任", "第{number}条", 48, "民事责任", true},
	{"第九条", "第{number}条", 9, "", true},
	{"第十条", "第{number}条", 10, "", true},
	{"第一百零一条", "第{number}条", 101, "", true},
	{"第48条", "第{number}条", 48, "", true},
	{"第 48 条", "第{number}条", 48, "", true},
	{"Articles 48", "Article {number}", 0, "", false},
	{"Article", "Article {number}", 0, "", false},
	{"Article ", "Article {number}", 0, "", false},
	{"Article 48x", "Article {number}", 0, "", false},
	{"Article48", "Article {number}", 0, "", false},
	{"Article 0", "Article {number}", 0, "", false},
	{"Article 048", "Article {number}", 0, "", false},
	{"Article 100000", "Article {number}", 0, "", false},
	{"Article -48", "Article {number}", 0, "", false},
	{"Chapter 4 Article 48", "Article {number}", 0, "", false},
	{"Artículo 48", "Article {number}", 0, "", false},
	{"第四十八条之一", "第{number}条", 0, "", false},
	{"第四十八章 法律责任", "第{number}条", 0, "", false},
	{"第十十条", "第{number}条", 0, "", false},
	{"第条", "第{number}条", 0, "", false},
	{"Article 48", "Article", 0, "", false},
	{"", "Article {number}", 0, "", false},
}

func TestArticleHeading(t *testing.T) {
	for _, c := range headingCases {
		n, caption, ok := ArticleHeading(c.text, c.pattern)
		if n != c.n || caption != c.caption || ok != c.ok {
			t.Errorf("ArticleHeading(%q, %q) = %d, %q, %v, want %d, %q, %v", c.text, c.pattern, n, caption, ok, c.n, c.caption, c.ok)
		}
	}
}

func FuzzArticleHeading(f *testing.F) {
	for _, c := range headingCases {
		for i, p := range headingPatterns {
			if p == c.pattern {
				f.Add(c.text, uint8(i))
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		pattern := headingPatterns[int(which)%len(headingPatterns)]
		n, caption, ok := ArticleHeading(text, pattern)
		if !ok {
			if n != 0 || caption != "" {
				t.Fatalf("ArticleHeading(%q, %q) = %d, %q, false", text, pattern, n, caption)
			}
			return
		}
		if n < 1 || n > MaxNumber {
			t.Fatalf("ArticleHeading(%q, %q): number %d out of range", text, pattern, n)
		}
		if !strings.HasSuffix(strings.TrimRightFunc(text, unicode.IsSpace), caption) {
			t.Fatalf("ArticleHeading(%q, %q): caption %q is not the end of the text", text, pattern, caption)
		}
		// The heading written afresh, in either numerals, reads the same.
		for _, numerals := range []string{"arabic", "chinese"} {
			again := Label(pattern, n, numerals)
			if caption != "" {
				again += " " + caption
			}
			n2, caption2, ok2 := ArticleHeading(again, pattern)
			if !ok2 || n2 != n || caption2 != caption {
				t.Fatalf("ArticleHeading(%q, %q) = %d, %q; but %q gives %d, %q, %v", text, pattern, n, caption, again, n2, caption2, ok2)
			}
		}
	})
}
