package scaffold_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
	"github.com/lexsite/lexsite/internal/scaffold"
)

var today = time.Date(2027, 3, 15, 10, 0, 0, 0, time.UTC)

// buildFiles builds files as a site in memory and fails on any error or
// warning.
func buildFiles(t *testing.T, files scaffold.Files) *pipeline.Result {
	t.Helper()
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data}
	}
	res, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: "site", Open: func(string) fs.FS { return m }}, output.NewMemory())
	if err != nil || len(res.Diagnostics) > 0 {
		t.Fatalf("build: %v\n%v", err, res.Diagnostics)
	}
	return res
}

func languages(t *testing.T, codes ...string) []scaffold.Language {
	t.Helper()
	var out []scaffold.Language
	for _, c := range codes {
		l, err := scaffold.LanguageOf(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	return out
}

func TestLanguageOf(t *testing.T) {
	tests := []struct {
		code, name string
		rtl        bool
		err        string
	}{
		{code: "en", name: "English"},
		{code: "es", name: "Español"},
		{code: "zh", name: "中文"},
		{code: "zh-Hant", name: "繁體中文"},
		{code: "pt-BR", name: "Português"},
		{code: "ar", name: "العربية", rtl: true},
		{code: "he", name: "עברית", rtl: true},
		{code: "tlh", name: ""}, // valid, but no name Lexsite knows
		{code: "EN", err: `write the language tag "EN" as "en"`},
		{code: "en-gb", err: `write the language tag "en-gb" as "en-GB"`},
		{code: "xx", err: `"xx" is not a BCP 47 language tag`},
		{code: "english", err: `"english" is not a BCP 47 language tag`},
		{code: "und", err: `"und" is not a BCP 47 language tag`},
	}
	for _, tt := range tests {
		l, err := scaffold.LanguageOf(tt.code)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.code, err, tt.err)
			}
			continue
		}
		if err != nil || l.Code != tt.code || l.Name != tt.name || l.RTL != tt.rtl {
			t.Errorf("%s: %+v, %v; want name %q rtl %v", tt.code, l, err, tt.name, tt.rtl)
		}
	}
}

func TestNames(t *testing.T) {
	for _, ok := range []string{"returns", "make-a-complaint", "cpl", "2026-changes", "a"} {
		if err := scaffold.CheckName(scaffold.Guide, ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	tests := []struct{ kind, name, want string }{
		{scaffold.Guide, "Returns", `"Returns" cannot be the name of a guide: use lowercase letters a-z, digits and hyphens, such as make-a-complaint; did you mean "returns"?`},
		{scaffold.Guide, "my guide", `did you mean "my-guide"?`},
		{scaffold.Flow, "-late", `cannot be the name of a flow`},
		{scaffold.Guide, "late-", `cannot be the name of a guide`},
		{scaffold.Guide, "a.b", `did you mean "a-b"?`},
		{scaffold.Guide, "a/b", `did you mean "a-b"?`},
		{scaffold.Guide, "_index", `did you mean "index"?`},
		{scaffold.Guide, "", `"" cannot be the name of a guide`},
		{scaffold.Guide, "devolución", `did you mean "devolucion"?`},
		{scaffold.Statute, "CPL", `"CPL" cannot be a law's citation key: use lowercase letters a-z, digits and hyphens, such as cpl; did you mean "cpl"?`},
	}
	for _, tt := range tests {
		err := scaffold.CheckName(tt.kind, tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: %v, want %q", tt.kind, tt.name, err, tt.want)
		}
	}
	if err := scaffold.CheckName(scaffold.Guide, "中文"); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("no suggestion can be made for 中文: %v", err)
	}
	for in, want := range map[string]string{"make-a-complaint": "Make a complaint", "cpl": "Cpl", "2026-changes": "2026 changes"} {
		if got := scaffold.Humanise(in); got != want {
			t.Errorf("Humanise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSiteBuilds(t *testing.T) {
	for _, codes := range [][]string{{"en"}, {"es", "en"}, {"en", "es", "zh"}} {
		t.Run(strings.Join(codes, ","), func(t *testing.T) {
			files, err := scaffold.Site(scaffold.SiteOptions{Languages: languages(t, codes...), Title: `Help "desk" \ 2`, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range files.Paths() {
				if strings.HasPrefix(p, "templates/") || strings.HasPrefix(p, "static/") {
					t.Errorf("wrote %s: templates and static files come from the binary", p)
				}
			}
			if string(files[".gitignore"]) != "# The output of lexsite build.\n/public/\n" {
				t.Errorf(".gitignore: %q", files[".gitignore"])
			}
			guide := "content/guides/first-guide." + codes[0] + ".md"
			if !strings.Contains(string(files[guide]), "reviewed: 2027-03-15\n") {
				t.Errorf("%s:\n%s", guide, files[guide])
			}
			for _, c := range codes {
				if _, ok := files["content/_index."+c+".md"]; !ok {
					t.Errorf("no home page text for %s", c)
				}
			}
			res := buildFiles(t, files)
			cfg := res.Config
			if cfg.DefaultLanguage != codes[0] || strings.Join(cfg.LanguageOrder, ",") != strings.Join(codes, ",") {
				t.Errorf("languages %v, default %s", cfg.LanguageOrder, cfg.DefaultLanguage)
			}
			if cfg.BaseURL != "https://example.org/" || cfg.Title != `Help "desk" \ 2` || cfg.Check.ReviewMonths != 12 {
				t.Errorf("config %+v", cfg)
			}
		})
	}
}

func TestSiteConfig(t *testing.T) {
	files, err := scaffold.Site(scaffold.SiteOptions{Languages: languages(t, "en", "es", "zh", "ar", "tlh"), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(config.FileName, files["lexsite.toml"], &diag.List{})
	if err != nil {
		t.Fatalf("%v\n%s", err, files["lexsite.toml"])
	}
	for code, name := range map[string]string{"en": "English", "es": "Español", "zh": "中文", "ar": "العربية", "tlh": "tlh"} {
		if l := cfg.Languages[code]; l == nil || l.Name != name {
			t.Errorf("%s: %+v, want name %q", code, l, name)
		}
	}
	if cfg.Languages["ar"].Direction != "rtl" || cfg.Languages["en"].Direction != "" {
		t.Errorf("directions: ar %q, en %q", cfg.Languages["ar"].Direction, cfg.Languages["en"].Direction)
	}
	if cfg.Title != "My legal help site" {
		t.Errorf("default title %q", cfg.Title)
	}
	if _, err := scaffold.Site(scaffold.SiteOptions{Languages: languages(t, "en", "en"), Today: today}); err == nil {
		t.Errorf("a language twice was accepted")
	}
	if _, err := scaffold.Site(scaffold.SiteOptions{Today: today}); err == nil {
		t.Errorf("no language was accepted")
	}
	if _, err := scaffold.Site(scaffold.SiteOptions{Languages: languages(t, "en")}); err == nil {
		t.Errorf("no date was accepted")
	}
}

// TestDocsCheck adds every kind of document, in every language, to a new
// site, and builds it without a problem.
func TestDocsCheck(t *testing.T) {
	files, err := scaffold.Site(scaffold.SiteOptions{Languages: languages(t, "en", "es", "zh"), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string][2]string{ // the carried [citation] heading, and the heading written
		"en": {"Article {number}", "### Article 1\n"},
		"es": {"Artículo {number}", "### Artículo 1\n"},
		"zh": {"第{number}条", "### 第一条\n"},
	}
	for _, lang := range []string{"en", "es", "zh"} {
		for _, kind := range []string{scaffold.Guide, scaffold.Flow, scaffold.Statute} {
			o := scaffold.DocOptions{Name: "new-" + kind, Lang: lang, Today: today, Authoritative: lang == "zh"}
			if kind == scaffold.Statute {
				o.Name = "law"
				o.ArticleHeading = headings[lang][0]
				o.ChineseNumerals = lang == "zh"
			}
			doc, err := scaffold.Doc(kind, o)
			if err != nil {
				t.Fatal(err)
			}
			p := scaffold.DocPath(kind, o.Name, lang)
			text := string(doc[p])
			if len(doc) != 1 || text == "" {
				t.Fatalf("%s %s: %v", kind, lang, doc.Paths())
			}
			switch kind {
			case scaffold.Statute:
				if !strings.Contains(text, headings[lang][1]) || strings.Contains(text, "reviewed") {
					t.Errorf("%s:\n%s", p, text)
				}
				for _, key := range []string{"title:", "short_title:", "names:", "jurisdiction:", "source:", "authoritative:"} {
					if !strings.Contains(text, "\n"+key) {
						t.Errorf("%s has no %s", p, key)
					}
				}
			default:
				if !strings.Contains(text, "reviewed: 2027-03-15\n") || !strings.Contains(text, "title: \"New "+kind+"\"\n") {
					t.Errorf("%s:\n%s", p, text)
				}
			}
			files[p] = doc[p]
		}
	}
	res := buildFiles(t, files)
	if res.Pages == 0 {
		t.Errorf("no pages")
	}
	// A language without an article label of its own gets an explicit id.
	doc, err := scaffold.Doc(scaffold.Statute, scaffold.DocOptions{Name: "law", Lang: "tlh"})
	if err != nil || !strings.Contains(string(doc["content/statutes/law.tlh.md"]), "### Article 1 {#art-1}\n") {
		t.Errorf("%v\n%s", err, doc["content/statutes/law.tlh.md"])
	}
	for _, bad := range []struct {
		kind string
		o    scaffold.DocOptions
	}{
		{"page", scaffold.DocOptions{Name: "x", Lang: "en", Today: today}},
		{scaffold.Guide, scaffold.DocOptions{Name: "X", Lang: "en", Today: today}},
		{scaffold.Guide, scaffold.DocOptions{Name: "x", Today: today}},
		{scaffold.Flow, scaffold.DocOptions{Name: "x", Lang: "en"}},
	} {
		if _, err := scaffold.Doc(bad.kind, bad.o); err == nil {
			t.Errorf("%s %+v was accepted", bad.kind, bad.o)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	if err := scaffold.CheckEmpty(dir); err != nil {
		t.Errorf("a folder that does not exist: %v", err)
	}
	files := scaffold.Files{"a.txt": []byte("a"), "deep/er/b.txt": []byte("b")}
	if err := scaffold.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "deep", "er", "b.txt")); string(b) != "b" {
		t.Errorf("b.txt: %q", b)
	}
	err := scaffold.CheckEmpty(dir)
	if !errors.Is(err, scaffold.ErrNotEmpty) || err.Error() != `it is not empty (it holds "a.txt")` {
		t.Errorf("CheckEmpty on a full folder: %v", err)
	}
	if err := scaffold.CheckEmpty(filepath.Join(dir, "a.txt")); !errors.Is(err, scaffold.ErrNotEmpty) || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("CheckEmpty on a file: %v", err)
	}
	empty := t.TempDir()
	if err := scaffold.CheckEmpty(empty); err != nil {
		t.Errorf("an empty folder: %v", err)
	}
	// One file exists: nothing is written, nothing is overwritten.
	err = scaffold.Write(dir, scaffold.Files{"c.txt": []byte("c"), "a.txt": []byte("new")})
	if !errors.Is(err, scaffold.ErrExists) {
		t.Errorf("overwrite: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(b) != "a" {
		t.Errorf("a.txt was overwritten: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "c.txt")); err == nil {
		t.Errorf("c.txt was written although a.txt exists")
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Returns Policy":          "returns-policy",
		"Devolución":              "devolucion",
		"  --Make a Complaint!! ": "make-a-complaint",
		"Ärger 2":                 "arger-2",
		"parcel_not_arrived":      "parcel-not-arrived",
		"退货":                      "",
		"退货 returns":              "returns",
		"already-a-name":          "already-a-name",
	} {
		if got := scaffold.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
