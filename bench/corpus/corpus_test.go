package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	opts := Options{Guides: 12, Seed: 7}
	if a, b := Files(opts), Files(opts); !maps.EqualFunc(a, b, bytes.Equal) {
		t.Error("Files: two calls with the same options differ")
	}
	if a, b := hugoFiles(opts), hugoFiles(opts); !maps.EqualFunc(a, b, bytes.Equal) {
		t.Error("hugoFiles: two calls with the same options differ")
	}
	other := Files(Options{Guides: 12, Seed: 8})
	if bytes.Equal(Files(opts)["content/guides/guide-00001.en.md"], other["content/guides/guide-00001.en.md"]) {
		t.Error("seeds 7 and 8 give the same guide")
	}
	// A guide must not depend on how many others there are, or a small
	// corpus would not be a prefix of a large one; links are the
	// exception, since their targets must exist.
	small, large := Files(Options{Guides: 5, Seed: 7}), Files(Options{Guides: 50, Seed: 7})
	if !bytes.Equal(small["content/statutes/cpl.zh.md"], large["content/statutes/cpl.zh.md"]) {
		t.Error("statute text depends on the number of guides")
	}
}

func TestCounts(t *testing.T) {
	files := Files(Options{Guides: 10})
	count := map[string]int{}
	for p := range files {
		switch {
		case p == "lexsite.toml":
			count["config"]++
		case strings.HasPrefix(p, "content/guides/"):
			count["guides"]++
		case strings.HasPrefix(p, "content/statutes/"):
			count["statutes"]++
		case regexp.MustCompile(`^content/_index\.[a-z]+\.md$`).MatchString(p):
			count["home"]++
		default:
			t.Errorf("unexpected file %s", p)
		}
	}
	want := map[string]int{"config": 1, "guides": 30, "statutes": 6, "home": 3}
	if !maps.Equal(count, want) {
		t.Errorf("counts = %v, want %v", count, want)
	}
	for _, p := range []string{"content/guides/guide-00001.en.md", "content/guides/guide-00010.zh.md", "content/statutes/ecl.es.md"} {
		if _, ok := files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
}

func TestConfig(t *testing.T) {
	got := string(Files(Options{Guides: 1})["lexsite.toml"])
	for _, want := range []string{
		`base_url = "https://example.org/"`, `default_language = "en"`, `title = "Corpus"`,
		"[languages.en]\nname = \"English\"", "[languages.es]\nname = \"Español\"", "[languages.zh]\nname = \"中文\"",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lexsite.toml lacks %q:\n%s", want, got)
		}
	}
	got = string(Files(Options{Guides: 1, Languages: []string{"fr", "en"}})["lexsite.toml"])
	if !strings.Contains(got, `default_language = "fr"`) || !strings.Contains(got, "[languages.fr]\nname = \"fr\"") {
		t.Errorf("lexsite.toml for fr, en:\n%s", got)
	}
}

func TestCrossLinksExist(t *testing.T) {
	linkRE := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, n := range []int{1, 2, 4, 40} {
		files := Files(Options{Guides: n, Seed: int64(n)})
		for p, b := range files {
			if !strings.HasPrefix(p, "content/guides/") {
				continue
			}
			lang := langOf(p)
			links := linkRE.FindAllStringSubmatch(string(b), -1)
			if want := min(3, n-1); len(links) != want {
				t.Errorf("N=%d %s: %d links, want %d", n, p, len(links), want)
			}
			for _, m := range links {
				target := path.Join(path.Dir(p), strings.TrimSuffix(m[1], ".md")+"."+lang+".md")
				if _, ok := files[target]; !ok {
					t.Errorf("N=%d %s: link %s: no %s", n, p, m[1], target)
				}
				if target == p {
					t.Errorf("N=%d %s links to itself", n, p)
				}
			}
		}
	}
}

func TestCitationsResolve(t *testing.T) {
	citeRE := regexp.MustCompile(`\[\[([a-z0-9-]+)(?: (\d+)(?:\((\d+)\))?(?:\((\d+)\))?)?(?:\|[^\]]+)?\]\]`)
	files := Files(Options{Guides: 60, Seed: 3})
	held := statuteTargets(t, files)
	if !held["en"]["cpl 48(1)(9)"] || held["en"]["cpl 48(1)(10)"] || !held["zh"]["ecl 46(2)"] || held["zh"]["ecl 46(3)"] {
		t.Fatalf("statutes do not have the shape the brief gives: %v", held["zh"])
	}
	cited := 0
	for p, b := range files {
		if !strings.HasPrefix(p, "content/guides/") {
			continue
		}
		ms := citeRE.FindAllStringSubmatch(string(b), -1)
		if len(ms) < 2 || len(ms) > 4 {
			t.Errorf("%s: %d citations, want 2-4", p, len(ms))
		}
		for _, m := range ms {
			key := strings.TrimSuffix(strings.SplitN(strings.Trim(m[0], "[]"), "|", 2)[0], " ")
			if !held[langOf(p)][key] {
				t.Errorf("%s: [[%s]] is not held by the %s statutes", p, key, langOf(p))
			}
			cited++
		}
		if n := strings.Count(string(b), "[["); n != len(ms) {
			t.Errorf("%s: %d [[ but %d well-formed citations", p, n, len(ms))
		}
	}
	if cited == 0 {
		t.Error("no citations at all")
	}
}

// statuteTargets reads the generated statutes back the way SPEC section 3
// describes them (articles by label, paragraphs as blocks, items as the list
// after a paragraph), independently of the tables that generated them.
func statuteTargets(t *testing.T, files map[string][]byte) map[string]map[string]bool {
	t.Helper()
	labels := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`^### Article (\d+)$`),
		"es": regexp.MustCompile(`^### Artículo (\d+)$`),
		"zh": regexp.MustCompile(`^### 第([一二三四五六七八九十]+)条$`),
	}
	listItem := regexp.MustCompile(`^(-|\d+\.) `)
	held := map[string]map[string]bool{}
	for p, b := range files {
		if !strings.HasPrefix(p, "content/statutes/") {
			continue
		}
		law, lang := strings.SplitN(path.Base(p), ".", 2)[0], langOf(p)
		if held[lang] == nil {
			held[lang] = map[string]bool{}
		}
		held[lang][law] = true
		body := strings.SplitN(string(b), "---\n", 3)[2]
		art, para := 0, 0
		for _, block := range strings.Split(body, "\n\n") {
			block = strings.Trim(block, "\n")
			switch {
			case strings.HasPrefix(block, "### "):
				m := labels[lang].FindStringSubmatch(block)
				if m == nil {
					t.Fatalf("%s: heading %q is not an article", p, block)
				}
				art, para = parseNumeral(t, m[1]), 0
				held[lang][fmt.Sprintf("%s %d", law, art)] = true
			case strings.HasPrefix(block, "#"), art == 0:
				art = 0
			case listItem.MatchString(block):
				for i, line := range strings.Split(block, "\n") {
					if !listItem.MatchString(line) {
						t.Fatalf("%s: list line %q", p, line)
					}
					held[lang][fmt.Sprintf("%s %d(%d)(%d)", law, art, para, i+1)] = true
				}
			default:
				para++
				held[lang][fmt.Sprintf("%s %d(%d)", law, art, para)] = true
			}
		}
	}
	return held
}

func parseNumeral(t *testing.T, s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	for n := 1; n <= 99; n++ {
		if chineseNumeral(n) == s {
			return n
		}
	}
	t.Fatalf("%q is not a numeral", s)
	return 0
}

func langOf(p string) string {
	parts := strings.Split(path.Base(p), ".")
	return parts[len(parts)-2]
}

func TestLocales(t *testing.T) {
	for _, lang := range []string{"en", "es", "zh", "fr"} {
		if n := len(newLocale(lang).tags); n != numTags {
			t.Errorf("%s: %d tags, want %d", lang, n, numTags)
		}
	}
}

func TestChineseNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 24: "二十四", 48: "四十八", 60: "六十", 99: "九十九", 0: "0", 100: "100"} {
		if got := chineseNumeral(n); got != want {
			t.Errorf("chineseNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestStatuteShape(t *testing.T) {
	files := Files(Options{Guides: 0, Languages: []string{"en", "es", "zh", "fr"}})
	zh := string(files["content/statutes/cpl.zh.md"])
	for _, want := range []string{"authoritative: true\n", "### 第四十八条\n", "## 第七章 法律责任\n", `names:` + "\n" + `  - "消费者权益保护法"`, "source: https://flk.npc.gov.cn/\n", "jurisdiction: CN\n"} {
		if !strings.Contains(zh, want) {
			t.Errorf("cpl.zh.md lacks %q", want)
		}
	}
	for _, p := range []string{"content/statutes/cpl.en.md", "content/statutes/ecl.es.md", "content/statutes/ecl.fr.md"} {
		if strings.Contains(string(files[p]), "authoritative") {
			t.Errorf("%s claims to be authoritative", p)
		}
	}
	if !strings.Contains(string(files["content/statutes/ecl.es.md"]), `  - "Ley de Comercio Electrónico"`) {
		t.Error("ecl.es.md lacks its name")
	}
	// Lexsite has no French article label: articles need explicit ids.
	if fr := string(files["content/statutes/cpl.fr.md"]); !strings.Contains(fr, "### Article 48 {#art-48}\n") {
		t.Errorf("cpl.fr.md has no explicit article ids:\n%s", fr)
	}
	if en := string(files["content/statutes/cpl.en.md"]); strings.Contains(en, "{#art-") {
		t.Error("cpl.en.md has explicit ids; Lexsite must find English articles by label")
	}
}

func TestGuideShape(t *testing.T) {
	files := Files(Options{Guides: 15, Seed: 1})
	emRE := regexp.MustCompile(`(^|[^*])\*[^*\s]`)
	for n := 1; n <= 15; n++ {
		for _, lang := range []string{"en", "es", "zh"} {
			p := fmt.Sprintf("content/guides/guide-%05d.%s.md", n, lang)
			s := string(files[p])
			for _, want := range []string{"\ntitle: ", "\nsummary: ", "\nreviewed: 20", "\ntags: [", "\n## ", "\n### ", "{#section-2}", "\n- ", "\n1. ", "**"} {
				if !strings.Contains(s, want) {
					t.Errorf("%s lacks %q", p, want)
				}
			}
			if !emRE.MatchString(s) {
				t.Errorf("%s has no *emphasis*", p)
			}
			if h := strings.Count(s, "\n## "); h < 4 || h > 6 {
				t.Errorf("%s: %d ## headings, want 4-6", p, h)
			}
			if got, want := strings.Contains(s, "\n|---|"), n%5 == 0; got != want {
				t.Errorf("%s: table %v, want %v", p, got, want)
			}
			if got, want := strings.Contains(s, "\n```"), n%3 == 0; got != want {
				t.Errorf("%s: code block %v, want %v", p, got, want)
			}
			if lang == "en" {
				body := strings.SplitN(s, "---\n", 3)[2]
				if w := len(strings.Fields(body)); w < 550 || w > 1050 {
					t.Errorf("%s: %d words", p, w)
				}
			}
		}
	}
}

func TestValidate(t *testing.T) {
	for _, o := range []Options{
		{Guides: -1},
		{Languages: []string{"en", "en"}},
		{Languages: []string{"../x"}},
		{Languages: []string{"en-"}},
		{Languages: []string{""}},
	} {
		if o.Validate() == nil {
			t.Errorf("Validate(%+v) = nil, want an error", o)
		}
		if Write(t.TempDir(), o) == nil {
			t.Errorf("Write(%+v) = nil, want an error", o)
		}
	}
	for _, o := range []Options{{}, {Languages: []string{"zh-Hans", "es-419", "en"}}} {
		if err := o.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v", o, err)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	opts := Options{Guides: 3}
	if err := Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	want := Files(opts)
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("Write wrote other files than Files returns")
	}
	if err := Write(dir, opts); err == nil {
		t.Error("Write into a non-empty folder succeeded")
	}
}

// TestHugoBuild builds the Hugo corpus with the real hugo and checks every
// local link of its pages, so the comparison never times a broken site.
func TestHugoBuild(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not on PATH; install it (Debian: apt-get install --no-install-recommends hugo) to run this test")
	}
	const n = 10
	dir := t.TempDir()
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := WriteHugo(site, Options{Guides: n}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "--quiet", "-s", site, "-d", out)
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+filepath.Join(dir, "cache"))
	if msg, err := cmd.CombinedOutput(); err != nil || len(msg) > 0 {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	pages := 0
	hrefRE := regexp.MustCompile(`href="(/[^"#]*)(?:#([^"]*))?"`)
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		pages++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range hrefRE.FindAllSubmatch(b, -1) {
			link, uerr := url.PathUnescape(string(m[1]))
			if uerr != nil {
				t.Errorf("%s: link %s: %v", p, m[1], uerr)
				continue
			}
			target := filepath.Join(out, filepath.FromSlash(link))
			if strings.HasSuffix(string(m[1]), "/") {
				target = filepath.Join(target, "index.html")
			}
			tb, err := os.ReadFile(target)
			if err != nil {
				t.Errorf("%s: link %s: %v", p, m[1], err)
				continue
			}
			// Paragraph and item anchors are Lexsite's own; Hugo
			// has the article anchors.
			if a := string(m[2]); strings.HasPrefix(a, "art-") {
				art := regexp.MustCompile(`^art-\d+`).FindString(a)
				if !bytes.Contains(tb, []byte(`id="`+art+`"`)) {
					t.Errorf("%s: link %s#%s: no id %s", p, m[1], a, art)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 3*n {
		t.Errorf("hugo wrote %d pages, want at least %d", pages, 3*n)
	}
}

func BenchmarkFiles(b *testing.B) {
	for b.Loop() {
		Files(Options{Guides: 100})
	}
}
