package lexsite_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/zhnum"
)

// referencePath is the checked Chinese text of every article the bundled
// site may quote. It lives outside the repository (in shared/, beside the
// checkout, locally and under CI alike) because it is the yardstick the
// site's copies are held to, not part of the site.
const referencePath = "../shared/reference/statutes-zh.md"

var (
	// refLaw is a law's heading in the reference: "## 名称 (English) — key `cpl`".
	refLaw = regexp.MustCompile("^## .*— key `([a-z0-9-]+)`")
	// refArticle is an article's first line: "第二十五条 经营者……".
	refArticle = regexp.MustCompile(`^(第[零一二三四五六七八九十百千]+条) (.*)$`)
	// zhArticle is an article heading of a zh excerpt: "### 第二十五条".
	zhArticle = regexp.MustCompile(`^#{1,6} +(第[零一二三四五六七八九十百千]+条)`)
	// listItem is a Markdown list marker; emphasis and ids are markup too.
	listItem   = regexp.MustCompile(`^(?:\d+[.)]|[-*+]) +`)
	headingID  = regexp.MustCompile(`\s*\{#[^}]*\}\s*$`)
	emphasis   = regexp.MustCompile(`\*\*|__|\*|_`)
	itemInText = regexp.MustCompile(`^（[零一二三四五六七八九十]+）`)
)

// readReference parses the reference into law key → article label → the
// article's paragraphs and items, one per line, as printed there.
func readReference(t *testing.T) map[string]map[string]string {
	t.Helper()
	src, err := os.ReadFile(referencePath)
	if err != nil {
		// Under CI the reference must be there: a missing file would
		// otherwise turn the check of every article into a silent skip.
		if os.Getenv("CI") == "true" {
			t.Fatalf("the reference text is missing: %v", err)
		}
		t.Skipf("no reference text beside the checkout (%v); CI=true makes this a failure", err)
	}
	laws := map[string]map[string]string{}
	var law, art string
	var lines []string
	flush := func() {
		if law != "" && art != "" {
			laws[law][art] = strings.Join(lines, "\n")
		}
		art, lines = "", nil
	}
	sc := bufio.NewScanner(strings.NewReader(string(src)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := refLaw.FindStringSubmatch(line); m != nil {
			flush()
			law = m[1]
			laws[law] = map[string]string{}
			continue
		}
		if strings.HasPrefix(line, "#") {
			flush()
			law = ""
			continue
		}
		if law == "" {
			continue
		}
		if m := refArticle.FindStringSubmatch(line); m != nil {
			flush()
			art, lines = m[1], []string{m[2]}
			continue
		}
		if art != "" {
			if strings.TrimSpace(line) == "" {
				flush()
				continue
			}
			lines = append(lines, line)
		}
	}
	flush()
	return laws
}

// excerptArticles strips a zh statute excerpt down to its articles' text
// as the reference prints it: front matter, chapter headings, the text
// before the first article and editor's notes (block quotes) are not the
// law's words and are left out; list items get back the （一） labels the
// page shows, so an item moved or dropped is a difference too.
func excerptArticles(src string) (order []string, arts map[string]string) {
	arts = map[string]string{}
	body := src
	if strings.HasPrefix(body, "---\n") {
		if end := strings.Index(body[4:], "\n---\n"); end >= 0 {
			body = body[4+end+5:]
		}
	}
	var cur string
	item := 0
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "#") {
			cur, item = "", 0
			if m := zhArticle.FindStringSubmatch(line); m != nil {
				cur = m[1]
				order = append(order, cur)
				arts[cur] = ""
			}
			continue
		}
		line = strings.TrimSpace(line)
		if cur == "" || line == "" || strings.HasPrefix(line, ">") {
			continue
		}
		if m := listItem.FindString(line); m != "" {
			item++
			line = "（" + zhnum.Format(item) + "）" + line[len(m):]
		} else {
			item = 0
		}
		line = headingID.ReplaceAllString(line, "")
		line = emphasis.ReplaceAllString(line, "")
		if arts[cur] != "" {
			arts[cur] += "\n"
		}
		arts[cur] += line
	}
	return order, arts
}

// compareExcerpt lists every article of a zh excerpt of law whose text is
// not the reference's, character for character, or that the reference
// does not hold.
func compareExcerpt(ref map[string]map[string]string, law, src string) []string {
	var diffs []string
	refArts, ok := ref[law]
	if !ok {
		return []string{fmt.Sprintf("the reference has no law with key %q", law)}
	}
	order, arts := excerptArticles(src)
	if len(order) == 0 {
		return []string{"the excerpt holds no article"}
	}
	for _, a := range order {
		want, ok := refArts[a]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s is not in the reference: quote only checked text", a))
			continue
		}
		if got := arts[a]; got != want {
			diffs = append(diffs, fmt.Sprintf("%s differs from the reference %s", a, firstDifference(got, want)))
		}
	}
	return diffs
}

// firstDifference says where two texts part, in characters, with a little
// of each around it, so a typo is found without reading the whole article.
func firstDifference(got, want string) string {
	g, w := []rune(got), []rune(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	clip := func(r []rune) string {
		from, to := max(0, i-8), min(len(r), i+8)
		return string(r[from:to])
	}
	return fmt.Sprintf("at character %d: the excerpt has %q, the reference %q", i+1, clip(g), clip(w))
}

// TestStatutesMatchReference holds every Chinese (authoritative) statute
// excerpt to the checked reference text, character by character: the
// public reads these as the law, so a typo is a wrong law.
func TestStatutesMatchReference(t *testing.T) {
	ref := readReference(t)
	files, err := filepath.Glob("content/statutes/*.zh.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no Chinese statute excerpts in content/statutes")
	}
	for _, f := range files {
		law := strings.TrimSuffix(filepath.Base(f), ".zh.md")
		if law == "_index" {
			continue
		}
		t.Run(law, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range compareExcerpt(ref, law, string(src)) {
				t.Errorf("%s: %s", f, d)
			}
		})
	}

	// The comparison must catch what it is for: one character changed in
	// an article, an item dropped, a line of text added.
	t.Run("altered copies fail", func(t *testing.T) {
		src, err := os.ReadFile("content/statutes/cpl.zh.md")
		if err != nil {
			t.Fatal(err)
		}
		orig := string(src)
		if d := compareExcerpt(ref, "cpl", orig); len(d) != 0 {
			t.Fatalf("the unaltered copy must match: %v", d)
		}
		for name, alter := range map[string]func(string) string{
			"one character": func(s string) string {
				return strings.Replace(s, "七日内退货，且无需说明理由", "七日内退货，且无须说明理由", 1)
			},
			"an item dropped": func(s string) string { return strings.Replace(s, "2. 鲜活易腐的；\n", "", 1) },
			"a word added":    func(s string) string { return strings.Replace(s, "其内容无效。", "其内容一律无效。", 1) },
			"an article not in the reference": func(s string) string {
				return s + "\n### 第四十九条\n\n经营者提供商品或者服务，造成消费者或者其他受害人人身伤害的，应当赔偿。\n"
			},
		} {
			altered := alter(orig)
			if altered == orig {
				t.Fatalf("%s: the alteration did not apply; update the test", name)
			}
			if d := compareExcerpt(ref, "cpl", altered); len(d) == 0 {
				t.Errorf("%s: an altered copy passed the comparison", name)
			}
		}
	})
}
