package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/cli"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/output/outputtest"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// buildClean builds dir with the real build into memory and fails on any
// error or warning.
func buildClean(t *testing.T, dir string) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: dir}, output.NewMemory())
	if err != nil || len(res.Diagnostics) > 0 {
		t.Fatalf("build: %v\n%v", err, res.Diagnostics)
	}
	return res
}

func TestNewSiteDefault(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-site")
	code, out, errs := run("new", "site", dir)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Created a site in "+dir) || !strings.Contains(out, "content/guides/first-guide.en.md") || errs != "" {
		t.Errorf("stdout %q, stderr %q", out, errs)
	}
	res := buildClean(t, dir)
	if res.Config.DefaultLanguage != "en" || len(res.Config.LanguageOrder) != 1 || res.Config.Languages["en"].Name != "English" {
		t.Errorf("languages %v", res.Config.LanguageOrder)
	}
	files := outputtest.Snapshot(t, dir)
	for _, name := range []string{"lexsite.toml", ".gitignore", "content/_index.en.md", "content/guides/first-guide.en.md"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "templates/") || strings.HasPrefix(name, "static/") {
			t.Errorf("wrote %s: templates and static files come from the binary", name)
		}
	}
	if !strings.Contains(files[".gitignore"], "/public/\n") {
		t.Errorf(".gitignore: %q", files[".gitignore"])
	}
	if !strings.Contains(files["content/guides/first-guide.en.md"], "reviewed: 2026-11-21\n") || strings.Contains(files["content/guides/first-guide.en.md"], "[[") {
		t.Errorf("guide:\n%s", files["content/guides/first-guide.en.md"])
	}
	if !strings.Contains(files["lexsite.toml"], `base_url = "https://example.org/"`) {
		t.Errorf("lexsite.toml:\n%s", files["lexsite.toml"])
	}
	// The new site checks clean, and `lexsite build` builds it.
	if code, out, errs := run("check", "-s", dir); code != cli.ExitOK || out != "" || strings.Contains(errs, "warning") {
		t.Errorf("check: exit %d, %q, %q", code, out, errs)
	}
	if code, _, errs := run("build", "-s", dir); code != cli.ExitOK {
		t.Errorf("build: exit %d, %s", code, errs)
	}
}

// TestNewSiteAndDocuments makes a three-language site, then a guide, a flow
// and a statute excerpt in it, in several languages; after each, check
// passes with neither errors nor warnings.
func TestNewSiteAndDocuments(t *testing.T) {
	dir := t.TempDir() // exists, but empty: allowed
	code, _, errs := run("new", "site", dir, "--lang", "en,es,zh", "--title", "Consumer help")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	res := buildClean(t, dir)
	cfg := res.Config
	if strings.Join(cfg.LanguageOrder, ",") != "en,es,zh" || cfg.DefaultLanguage != "en" || cfg.Title != "Consumer help" {
		t.Errorf("config: %v, %s, %q", cfg.LanguageOrder, cfg.DefaultLanguage, cfg.Title)
	}
	for code, name := range map[string]string{"en": "English", "es": "Español", "zh": "中文"} {
		if l := cfg.Languages[code]; l == nil || l.Name != name {
			t.Errorf("%s: %+v, want %q", code, l, name)
		}
		if _, err := os.Stat(filepath.Join(dir, "content", "_index."+code+".md")); err != nil {
			t.Errorf("no home page text for %s", code)
		}
	}

	steps := []struct {
		args []string
		file string
		has  []string
	}{
		{[]string{"guide", "returns"}, "content/guides/returns.en.md", []string{"title: \"Returns\"\n", "summary: ", "reviewed: 2026-11-21\n"}},
		{[]string{"guide", "returns", "--lang", "es"}, "content/guides/returns.es.md", []string{"reviewed: 2026-11-21\n"}},
		{[]string{"flow", "parcel-not-arrived"}, "content/flows/parcel-not-arrived.en.md", []string{"title: \"Parcel not arrived\"\n", "reviewed: 2026-11-21\n", "{#first-question}", "- [Yes](#if-yes)\n- [No](#if-no)\n", "{#if-yes}", "{#if-no}"}},
		{[]string{"flow", "parcel-not-arrived", "--lang", "zh"}, "content/flows/parcel-not-arrived.zh.md", []string{"{#first-question}"}},
		{[]string{"statute", "cpl", "--lang", "zh"}, "content/statutes/cpl.zh.md", []string{"short_title:", "names:", "jurisdiction:", "source:", "authoritative: true", "\n### 第一条\n"}},
		{[]string{"statute", "cpl"}, "content/statutes/cpl.en.md", []string{"authoritative: false", "\n### Article 1\n"}},
		{[]string{"statute", "cpl", "--lang", "es"}, "content/statutes/cpl.es.md", []string{"authoritative: false", "\n### Artículo 1\n"}},
	}
	for _, st := range steps {
		args := append([]string{"new"}, st.args...)
		args = append(args, "-s", dir)
		code, out, errs := run(args...)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit %d: %s", st.args, code, errs)
		}
		if want := "Created " + filepath.Join(dir, filepath.FromSlash(st.file)) + "\n"; out != want {
			t.Errorf("%v: stdout %q, want %q", st.args, out, want)
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(st.file)))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st.has {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s lacks %q:\n%s", st.file, s, b)
			}
		}
		code, out, errs = run("check", "-s", dir, "--format", "json")
		if code != cli.ExitOK {
			t.Fatalf("after %v: check exit %d: %s%s", st.args, code, out, errs)
		}
		for _, d := range parseJSON(t, out) {
			if d.Severity != "info" {
				t.Errorf("after %v: %+v", st.args, d)
			}
		}
	}
	buildClean(t, dir)
	// The flag may come before the name too.
	if code, _, errs := run("new", "guide", "-s", dir, "--lang", "zh", "returns"); code != cli.ExitOK {
		t.Errorf("flags first: exit %d, %s", code, errs)
	}
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run("new", "site", dir, "--lang", "en,es"); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, errs := run("new", "guide", "returns", "-s", dir); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	noSuffix := t.TempDir()
	if code, _, errs := run("new", "site", noSuffix); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if err := os.WriteFile(filepath.Join(noSuffix, "content", "guides", "plain.md"), []byte("---\ntitle: P\nreviewed: 2026-01-01\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	aFile := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(aFile, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a folder that is not empty", []string{"new", "site", dir}, "lexsite new site: refusing to make a site in " + dir + ": it is not empty (it holds \".gitignore\"); choose a new or empty folder"},
		{"a file", []string{"new", "site", aFile}, "it is a file, not a folder"},
		{"a bad language tag", []string{"new", "site", filepath.Join(t.TempDir(), "x"), "--lang", "en,ES"}, `write the language tag "ES" as "es"`},
		{"not a language", []string{"new", "site", filepath.Join(t.TempDir(), "x"), "--lang", "english"}, `"english" is not a BCP 47 language tag`},
		{"a language twice", []string{"new", "site", filepath.Join(t.TempDir(), "x"), "--lang", "en,es,en"}, `--lang lists "en" twice`},
		{"no language", []string{"new", "site", filepath.Join(t.TempDir(), "x"), "--lang", ","}, "--lang names no language"},
		{"no folder", []string{"new", "site"}, "lexsite new site DIR"},
		{"an empty folder name", []string{"new", "site", ""}, "lexsite new site DIR"},
		{"two folders", []string{"new", "site", "a", "b"}, "one DIR only"},
		{"-s on new site", []string{"new", "site", filepath.Join(t.TempDir(), "x"), "-s", dir}, "-s is for new documents"},
		{"an existing file", []string{"new", "guide", "returns", "-s", dir}, "lexsite new guide: refusing to overwrite " + filepath.Join(dir, "content", "guides", "returns.en.md") + ": it exists already"},
		{"the same document without suffix", []string{"new", "guide", "plain", "-s", noSuffix}, "refusing to overwrite " + filepath.Join(noSuffix, "content", "guides", "plain.md")},
		{"the example guide", []string{"new", "guide", "first-guide", "-s", dir}, "refusing to overwrite"},
		{"a bad slug", []string{"new", "guide", "My Guide", "-s", dir}, `lexsite new guide: "My Guide" cannot be the name of a guide: use lowercase letters a-z, digits and hyphens, such as make-a-complaint; did you mean "my-guide"?`},
		{"a bad flow slug", []string{"new", "flow", "parcel_lost", "-s", dir}, `did you mean "parcel-lost"?`},
		{"a bad law key", []string{"new", "statute", "CPL", "-s", dir}, `"CPL" cannot be a law's citation key`},
		{"an unknown language", []string{"new", "guide", "returns", "-s", dir, "--lang", "fr"}, `lexsite new guide: the site has no language "fr" (configured: en, es); add [languages.fr] to ` + filepath.Join(dir, "lexsite.toml") + " first"},
		{"not a site", []string{"new", "guide", "returns", "-s", t.TempDir()}, "is not a site that can be used; start one with: lexsite new site DIR"},
		{"--title on a guide", []string{"new", "guide", "other", "-s", dir, "--title", "X"}, "--title is for new sites"},
		{"no name", []string{"new", "flow", "-s", dir}, "lexsite new flow NAME"},
		{"nothing to make", []string{"new"}, "say what to make: site, guide, flow or statute"},
		{"an unknown kind", []string{"new", "page", "about"}, `unknown kind "page"`},
		{"an unknown option", []string{"new", "guide", "x", "--drafts"}, "flag provided but not defined: -drafts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := outputtest.Snapshot(t, dir)
			code, out, errs := run(tt.args...)
			if code != cli.ExitUsage || !strings.Contains(errs, tt.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errs, tt.want)
			}
			after := outputtest.Snapshot(t, dir)
			if len(after) != len(before) {
				t.Errorf("files changed: %d, then %d", len(before), len(after))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed", k)
				}
			}
		})
	}
	if b, _ := os.ReadFile(aFile); string(b) != "x" {
		t.Errorf("a refused new site touched the file")
	}
}

func TestHelpNew(t *testing.T) {
	code, out, _ := run("help", "new")
	for _, s := range []string{"lexsite new site DIR [--lang en,es] [--title TITLE]", "lexsite new guide NAME", "lexsite new flow NAME", "lexsite new statute KEY", "-lang", "-title"} {
		if code != cli.ExitOK || !strings.Contains(out, s) {
			t.Errorf("exit %d; help new lacks %q:\n%s", code, s, out)
		}
	}
	code, out, _ = run("help")
	if code != cli.ExitOK || !strings.Contains(out, "lexsite new site DIR") || !strings.Contains(out, "lexsite new guide|flow|statute NAME") {
		t.Errorf("help: %s", out)
	}
	if code, _, _ := run("new", "--help"); code != cli.ExitOK {
		t.Errorf("new --help: exit %d", code)
	}
}
