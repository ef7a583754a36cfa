package statute

import (
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/cite"
)

func TestAnArticleHeadingIsTheLanguagesLabelOrAnExplicitID(t *testing.T) {
	l := &Layout{Heading: "Article {number}"}
	for _, c := range []struct {
		text, id string
		n        int
		caption  string
		ok       bool
	}{
		{"Article 48 Civil liability", "", 48, "Civil liability", true},
		{"Explicit", "art-55", 55, "Explicit", true},
		{"Explicit", "art-055", 0, "", false}, // anchors have no leading zero
		{"Chapter VII", "ch-7", 0, "", false},
	} {
		n, caption, ok := l.ArticleHeading(c.text, c.id)
		if n != c.n || caption != c.caption || ok != c.ok {
			t.Errorf("ArticleHeading(%q, %q) = %d, %q, %v; want %d, %q, %v", c.text, c.id, n, caption, ok, c.n, c.caption, c.ok)
		}
	}
}

func TestAnArticleMayAppearOnce(t *testing.T) {
	s := NewStructure(&Layout{Heading: "Article {number}"})
	if s.Problem() == "" {
		t.Error("an excerpt without articles is not reported")
	}
	if _, p := s.StartArticle(48, "", "Article 48", 0); p != "" {
		t.Errorf("first Article 48: %s", p)
	}
	a, p := s.StartArticle(48, "", "Article 48 again", 40)
	if !strings.Contains(p, `"Article 48"`) {
		t.Errorf("second Article 48: problem %q does not quote the first heading", p)
	}
	if a.Slot != 1 || len(s.Articles) != 2 {
		t.Errorf("each heading still gets its own slot: %+v", s.Articles)
	}
}

func TestCheckNamesWhatTheExcerptHolds(t *testing.T) {
	arts := []Article{{Number: 2}, {Number: 48, Paragraphs: []Paragraph{{Items: 8}, {}}}}
	for _, c := range []struct {
		ref  cite.Ref
		want string
	}{
		{cite.Ref{Law: "cpl"}, ""},
		{cite.Ref{Law: "cpl", Article: 48, Paragraph: 1, Item: 8}, ""},
		{cite.Ref{Law: "cpl", Article: 3}, "Article 3 is not in the cpl excerpt (cpl.en.md), which holds Articles 2 and 48"},
		{cite.Ref{Law: "cpl", Article: 48, Paragraph: 3}, "Article 48 has 2 paragraphs, so there is no paragraph 3"},
		{cite.Ref{Law: "cpl", Article: 48, Paragraph: 2, Item: 1}, "paragraph 2 of Article 48 has no items, so there is no item 1"},
	} {
		if got := Check("cpl", "cpl.en.md", arts, c.ref); !strings.HasPrefix(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("Check(%v) = %q; want %q", c.ref, got, c.want)
		}
	}
}

func TestDifferListsArticlesOneVersionLacks(t *testing.T) {
	missing, extra := Differ([]Article{{Number: 48}, {Number: 2}, {Number: 10}}, []Article{{Number: 2}, {Number: 7}})
	if Articles(missing) != "Articles 10 and 48" || Articles(extra) != "Article 7" {
		t.Errorf("Differ = %v, %v", missing, extra)
	}
}

func TestOnlyOneVersionOfALawIsAuthoritative(t *testing.T) {
	l := Law{Key: "cpl"}
	if p := l.AddVersion("en", "cpl.en.md", false, ""); p != "" {
		t.Errorf("en: %s", p)
	}
	if p := l.AddVersion("zh", "cpl.zh.md", true, "https://flk.npc.gov.cn/cpl"); p != "" {
		t.Errorf("zh: %s", p)
	}
	p := l.AddVersion("es", "cpl.es.md", true, "https://example.org/cpl")
	if !strings.Contains(p, "cpl.es.md is marked authoritative, and so is the zh version") {
		t.Errorf("a second authoritative version: problem %q", p)
	}
	if l.Authoritative != "zh" || l.Source != "https://flk.npc.gov.cn/cpl" {
		t.Errorf("the first authoritative version and source stand: %+v", l)
	}
}

func TestCitedInKeepsEachPlaceOnceInTheOrderFirstSeen(t *testing.T) {
	c := NewCitedIn[string]()
	art48 := Provision{Law: "cpl", Lang: "en", Article: 48}
	for _, at := range []string{"repairs#faulty", "mediation", "repairs#faulty", "repairs#disputes"} {
		c.Add(art48, at)
	}
	if got := c.Of(art48); strings.Join(got, " ") != "repairs#faulty mediation repairs#disputes" {
		t.Errorf("Of = %v", got)
	}
	if got := c.Of(Provision{Law: "cpl", Lang: "zh", Article: 48}); got != nil {
		t.Errorf("another language's version has its own list: %v", got)
	}
}

func TestShapeChangesWithWhatACitationCanReach(t *testing.T) {
	a := []Article{{Number: 48, Paragraphs: []Paragraph{{Items: 2}, {}}}}
	b := []Article{{Number: 48, Paragraphs: []Paragraph{{Items: 3}, {}}}}
	if Shape(a) == Shape(b) {
		t.Error("an added item does not change the shape")
	}
	moved := []Article{{Number: 48, Offset: 99, Caption: "Civil liability", Paragraphs: []Paragraph{{Offset: 7, Items: 2}, {}}}}
	if Shape(a) != Shape(moved) {
		t.Error("text moving within the excerpt changes the shape")
	}
}

func TestLayoutKeyTellsLayoutsApart(t *testing.T) {
	en := &Layout{Law: "cpl", Heading: "Article {number}", LinkTitle: func(c string) string { return "Link to " + c }}
	es := *en
	es.LinkTitle = func(c string) string { return "Enlace a " + c }
	if en.Key() == es.Key() {
		t.Error("layouts that title links differently share a key")
	}
}
