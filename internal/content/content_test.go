package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/sitefs"
)

func testConfig(t testing.TB) *config.Config {
	c, err := config.Parse("lexsite.toml", []byte("base_url='https://x/'\ndefault_language='en'\n[languages.en]\nname='E'\n[languages.zh-Hant]\nname='中文'\n"), &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFileNames(t *testing.T) {
	tests := []struct {
		path, dir, slug, lang string
		kind                  Kind
	}{
		{"content/_index.md", "", "_index", "en", Home},
		{"content/_index.zh-Hant.md", "", "_index", "zh-Hant", Home},
		{"content/guides/returns.zh-Hant.md", "guides", "returns", "zh-Hant", Guide},
		{"content/guides/_index.md", "guides", "_index", "en", Section},
		{"content/statutes/cpl.md", "statutes", "cpl", "en", Statute},
		{"content/flows/went-wrong.en.md", "flows", "went-wrong", "en", Flow},
		{"content/about.md", "", "about", "en", Page},
		{"content/help/faq/v1.2.md", "help/faq", "v1.2", "en", Page},
		{"content/guides/deep/x.md", "guides/deep", "x", "en", Guide},
	}
	for _, tt := range tests {
		l := &diag.List{}
		d := parseFile(sitefs.File{Path: tt.path, Label: tt.path}, []byte("---\ntitle: T\nreviewed: 2026-01-01\n---\n"), testConfig(t), l)
		if d == nil {
			t.Errorf("%s: %v", tt.path, l.Items())
			continue
		}
		if d.Dir != tt.dir || d.Slug != tt.slug || d.Lang != tt.lang || d.Kind != tt.kind {
			t.Errorf("%s: got %q %q %q %q", tt.path, d.Dir, d.Slug, d.Lang, d.Kind)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	src := "\xef\xbb\xbf---\r\ntitle: \"Hi: there\"\r\nreviewed: 2026-02-03\r\ntags: one\r\ndraft: false\r\n---\r\nBody\r\n"
	l := &diag.List{}
	d := parseFile(sitefs.File{Path: "content/guides/a.md", Label: "content/guides/a.md"}, []byte(src), testConfig(t), l)
	if d == nil || l.Len() > 0 {
		t.Fatalf("%v", l.Items())
	}
	if d.Meta.Title != "Hi: there" || d.Meta.Reviewed.ISO() != "2026-02-03" || strings.Join(d.Meta.Tags, ",") != "one" {
		t.Errorf("%+v", d.Meta)
	}
	if string(d.Body) != "Body\r\n" {
		t.Errorf("body %q", d.Body)
	}
	if line, col := d.Pos(0); line != 7 || col != 1 {
		t.Errorf("body starts at %d:%d, want 7:1", line, col)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct{ name, path, src, want string }{
		{"tags not a list", "content/a.md", "---\ntitle: A\ntags: {a: b}\n---\n", "content/a.md:3:7: error: tags must be a list of words"},
		{"draft not a bool", "content/a.md", "---\ntitle: A\ndraft: maybe\n---\n", "content/a.md:3:8: error: draft must be true or false"},
		{"weight not a number", "content/a.md", "---\ntitle: A\nweight: first\n---\n", "content/a.md:3:9: error: weight must be a whole number, such as 1"},
		{"title is a list", "content/a.md", "---\ntitle: [a]\n---\n", "content/a.md:2:8: error: title must be text"},
		{"front matter a list", "content/a.md", "---\n- a\n---\n", "content/a.md:2:1: error: the front matter must be a list of key: value lines"},
		{"statute key on a guide", "content/guides/a.md", "---\ntitle: A\nreviewed: 2026-01-01\nnames: [x]\n---\n", `content/guides/a.md:4:1: warning: "names" only has a meaning in statutes`},
		{"unknown key", "content/a.md", "---\ntitle: A\nrevewed: 2026-01-01\n---\n", `content/a.md:3:1: warning: unknown front matter key "revewed" is ignored; did you mean "reviewed"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &diag.List{}
			parseFile(sitefs.File{Path: tt.path, Label: tt.path}, []byte(tt.src), testConfig(t), l)
			var b strings.Builder
			_ = diag.WriteText(&b, l.Items())
			if !strings.Contains(b.String(), tt.want) {
				t.Errorf("got %q\nwant %q", b.String(), tt.want)
			}
		})
	}
}

func TestLoadSkipsHiddenAndDrafts(t *testing.T) {
	fsys := sitefs.New(sitefs.Layer{Content: true, FS: fstest.MapFS{
		"content/a.md":          {Data: []byte("---\ntitle: A\n---\n")},
		"content/.a.md.swp":     {Data: []byte("\x00\x01")},
		"content/b.md~":         {Data: []byte("junk")},
		"content/.git/x.md":     {Data: []byte("junk")},
		"content/d.md":          {Data: []byte("---\ntitle: D\ndraft: true\n---\n")},
		"content/img/photo.png": {Data: []byte("png")},
	}})
	l := &diag.List{}
	set := Load(fsys, testConfig(t), false, l)
	if l.Len() != 0 || len(set.Docs) != 1 || set.Docs[0].Slug != "a" {
		t.Errorf("docs %v, diags %v", set.Docs, l.Items())
	}
}

func FuzzParseFile(f *testing.F) {
	f.Add("---\ntitle: A\nreviewed: 2026-01-01\ntags: [a, b]\n---\n# Hi\n")
	f.Add("---\ntitle: [unclosed\n---\n")
	f.Add("\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n")
	f.Add("---\n- a\n---\n")
	f.Add("no front matter at all")
	cfg := testConfig(f) // once: parseFile only reads it
	f.Fuzz(func(t *testing.T, src string) {
		l := &diag.List{}
		d := parseFile(sitefs.File{Path: "content/guides/a.md", Label: "content/guides/a.md"}, []byte(src), cfg, l)
		if d != nil {
			if d.BodyOffset < 0 || d.BodyOffset > len(src) || string(d.Body) != src[d.BodyOffset:] {
				t.Fatalf("body does not map back to the file")
			}
		}
		for _, x := range l.Items() {
			if x.Line < 0 || x.Col < 0 {
				t.Fatalf("bad position %v", x)
			}
		}
	})
}
