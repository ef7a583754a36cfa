package statute

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/english"
)

// Check returns what is wrong with ref against the excerpt of law key
// whose articles are arts, label naming that excerpt's file; "" when the
// excerpt holds the provision ref names, or ref names the whole law.
func Check(key, label string, arts []Article, ref cite.Ref) string {
	if ref.Article == 0 {
		return ""
	}
	var art *Article
	for i := range arts {
		if a := &arts[i]; a.Number == ref.Article {
			art = a
		}
	}
	switch {
	case art == nil:
		// Only now, for the message: citations are checked by the
		// thousand, and nearly all of them are right.
		nums := make([]int, 0, len(arts))
		for _, a := range arts {
			nums = append(nums, a.Number)
		}
		slices.Sort(nums)
		return fmt.Sprintf("Article %d is not in the %s excerpt (%s), which holds %s; cite one of them, or add the article to the excerpt", ref.Article, key, label, Articles(slices.Compact(nums)))
	case ref.Paragraph > len(art.Paragraphs):
		return fmt.Sprintf("Article %d has %s, so there is no paragraph %d", ref.Article, english.NoneOrCount(len(art.Paragraphs), "paragraph"), ref.Paragraph)
	case ref.Item > 0 && ref.Item > art.Paragraphs[ref.Paragraph-1].Items:
		return fmt.Sprintf("paragraph %d of Article %d has %s, so there is no item %d", ref.Paragraph, ref.Article, english.NoneOrCount(art.Paragraphs[ref.Paragraph-1].Items, "item"), ref.Item)
	}
	return ""
}

// Differ returns, in order, the numbers of the articles want holds and
// have lacks, and of those have holds and want lacks: how two versions of
// an excerpt disagree, so that a citation would lead to an article in one
// language and nowhere in another.
func Differ(want, have []Article) (missing, extra []int) {
	in := func(arts []Article) map[int]bool {
		set := make(map[int]bool, len(arts))
		for _, a := range arts {
			set[a.Number] = true
		}
		return set
	}
	w, h := in(want), in(have)
	for n := range w {
		if !h[n] {
			missing = append(missing, n)
		}
	}
	for n := range h {
		if !w[n] {
			extra = append(extra, n)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	return missing, extra
}

// Articles names article numbers in a message: "Article 48", "Articles 1,
// 2 and 48".
func Articles(nums []int) string {
	s := make([]string, len(nums))
	for i, n := range nums {
		s[i] = strconv.Itoa(n)
	}
	return english.Plural(len(s), "Article", "Articles") + " " + english.And(s)
}
