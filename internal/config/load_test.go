package config

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lexsite/lexsite/internal/diag"
)

// mapOpen serves the folders of one in-memory tree, as Load's Open.
func mapOpen(m fstest.MapFS) func(string) fs.FS {
	return func(dir string) fs.FS {
		sub, err := fs.Sub(m, filepath.ToSlash(filepath.Clean(dir)))
		if err != nil {
			return fstest.MapFS{}
		}
		return sub
	}
}

// tree makes a MapFS from path, text pairs.
func tree(pairs ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = &fstest.MapFile{Data: []byte(pairs[i+1])}
	}
	return m
}

// loaded is what a test compares of a Loaded: the settings overrides and
// bases change, and the chain of bases.
type loaded struct {
	BaseURL, BasePath string
	Languages         string // the codes in order, the default first
	Relative, Drafts  bool
	Assets            Assets
	Bases             string // labels, nearest first
}

func summary(l *Loaded) loaded {
	c := l.Config()
	var labels []string
	for _, b := range l.Bases() {
		labels = append(labels, b.Label+"="+filepath.ToSlash(b.Dir))
	}
	return loaded{
		BaseURL: c.BaseURL, BasePath: c.BasePath,
		Languages: c.DefaultLanguage + ":" + strings.Join(c.LanguageOrder, ","),
		Relative:  c.RelativeURLs, Drafts: c.Drafts, Assets: c.Assets,
		Bases: strings.Join(labels, " "),
	}
}

const minimal = "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n"

func TestLoad(t *testing.T) {
	both := Assets{Minify: true, Fingerprint: true}
	tests := []struct {
		name  string
		files fstest.MapFS
		over  Overrides
		want  loaded
		diags []string // exactly, as printed
	}{
		{
			name:  "a site alone",
			files: tree("site/lexsite.toml", "base_url = \"https://example.org/help\"\n[languages.zh]\nname = \"中文\"\n[languages.en]\nname = \"English\"\n"),
			want:  loaded{BaseURL: "https://example.org/help/", BasePath: "/help/", Languages: "zh:zh,en", Assets: both},
		},
		{
			name: "a chain of bases, nearest first; only base is read of theirs",
			files: tree(
				"site/lexsite.toml", "base = \"../upstream\"\n"+minimal,
				"upstream/lexsite.toml", "base = \"../org\"\nbase_url = 3\nanything = \"else\"\n",
				"org/lexsite.toml", minimal),
			want: loaded{BaseURL: "https://example.org/", BasePath: "/", Languages: "en:en", Assets: both,
				Bases: "../upstream/=upstream ../org/=org"},
		},
		{
			name:  "--base-url replaces base_url",
			files: tree("site/lexsite.toml", minimal),
			over:  Overrides{BaseURL: "http://127.0.0.1:1313/docs"},
			want:  loaded{BaseURL: "http://127.0.0.1:1313/docs/", BasePath: "/docs/", Languages: "en:en", Assets: both},
		},
		{
			name:  "--relative with a path in base_url warns at --relative",
			files: tree("site/lexsite.toml", strings.Replace(minimal, "org/", "org/help/", 1)),
			over:  Overrides{Relative: true, Drafts: true},
			want:  loaded{BaseURL: "https://example.org/help/", BasePath: "/help/", Languages: "en:en", Relative: true, Drafts: true, Assets: both},
			diags: []string{"--relative:1:1: warning: with relative_urls the pages link to each other relatively and do not use the path /help/ of base_url; only the canonical, sitemap and feed addresses do. Remove the path, or leave out relative_urls when the site is served from that folder"},
		},
		{
			name:  "--relative when relative_urls is already on says nothing",
			files: tree("site/lexsite.toml", "relative_urls = true\n"+strings.Replace(minimal, "org/", "org/help/", 1)),
			over:  Overrides{Relative: true},
			want:  loaded{BaseURL: "https://example.org/help/", BasePath: "/help/", Languages: "en:en", Relative: true, Assets: both},
			diags: []string{"lexsite.toml:1:1: warning: with relative_urls the pages link to each other relatively and do not use the path /help/ of base_url; only the canonical, sitemap and feed addresses do. Remove the path, or leave out relative_urls when the site is served from that folder"},
		},
		{
			name:  "the preview's plain assets turn [assets] off",
			files: tree("site/lexsite.toml", minimal),
			over:  Overrides{PlainAssets: true},
			want:  loaded{BaseURL: "https://example.org/", BasePath: "/", Languages: "en:en"},
		},
		{
			name:  "a --base-url that is not an address",
			files: tree("site/lexsite.toml", minimal),
			over:  Overrides{BaseURL: "example.org"},
			diags: []string{`--base-url:1:1: error: "example.org" is not an absolute http or https address such as "https://example.org/help/"`},
		},
		{
			name:  "no lexsite.toml",
			files: tree("site/content/a.md", "# A\n"),
			diags: []string{"lexsite.toml:1:1: error: there is no lexsite.toml in site: every site needs one (see docs/format.md)"},
		},
		{
			name:  "a base that is not a site",
			files: tree("site/lexsite.toml", "base = \"../upstreem\"\n"+minimal),
			diags: []string{`lexsite.toml:1:1: error: base "../upstreem" is not a site: upstreem has no lexsite.toml (the path is relative to the folder of lexsite.toml)`},
		},
		{
			name:  "a site that is its own base",
			files: tree("site/lexsite.toml", "base_url = \"https://example.org/\"\n  base = \".\"\n[languages.en]\nname = \"English\"\n"),
			diags: []string{`lexsite.toml:2:3: error: base "." leads back to site, a site already in the chain of bases: a site cannot be its own base`},
		},
		{
			name: "a chain of bases that leads back",
			files: tree(
				"site/lexsite.toml", "base = \"../upstream\"\n"+minimal,
				"upstream/lexsite.toml", "# the organisation's copy\nbase = \"../site\"\n"),
			diags: []string{`../upstream/lexsite.toml:2:1: error: base "../site" leads back to site, a site already in the chain of bases: a site cannot be its own base`},
		},
		{
			name: "a base whose lexsite.toml is not TOML",
			files: tree(
				"site/lexsite.toml", "base = \"../upstream\"\n"+minimal,
				"upstream/lexsite.toml", "title = \"Ayuda\" x\n"),
			diags: []string{`../upstream/lexsite.toml:1:17: error: the base site's configuration cannot be read: this is not valid TOML: expected newline but got U+0078 'x'`},
		},
		{
			name:  "unknown settings, each with the closest name",
			files: tree("site/lexsite.toml", "titel = \"Help\"\n"+minimal+"[organisation]\nphnoe = \"1\"\n"),
			diags: []string{
				`lexsite.toml:1:1: error: unknown setting "titel"; did you mean "title"?`,
				`lexsite.toml:6:1: error: unknown setting "organisation.phnoe"; did you mean "phone"?`,
			},
		},
		{
			name:  "an unknown table is one problem, at its header",
			files: tree("site/lexsite.toml", minimal+"[organization]\nname = \"Aid\"\nphone = \"1\"\n"),
			diags: []string{`lexsite.toml:4:1: error: unknown setting "organization"; did you mean "organisation"?`},
		},
		{
			name:  "a value of the wrong kind, placed at the value, columns in characters",
			files: tree("site/lexsite.toml", "title = \"Ayuda al consumidor\"\n[languages.es]\nname = \"Español\"\ndisclaimer = 3\n"),
			diags: []string{`lexsite.toml:4:14: error: languages.es.disclaimer must be text in quotes, not a whole number`},
		},
		{
			name:  "a syntax error after a non-ASCII character, in characters",
			files: tree("site/lexsite.toml", "title = \"年年\" x\n"),
			diags: []string{`lexsite.toml:1:14: error: this is not valid TOML: expected newline but got U+0078 'x'`},
		},
		{
			name:  "a setting in the wrong case",
			files: tree("site/lexsite.toml", "Base_URL = \"https://example.org/\"\n[languages.en]\nName = \"English\"\n"),
			diags: []string{
				`lexsite.toml:1:1: error: write the setting "Base_URL" in lower case: "base_url"`,
				`lexsite.toml:3:1: error: write the setting "Name" in lower case: "name"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &diag.List{}
			got, err := Load(LoadOptions{SiteDir: "site", Open: mapOpen(tt.files), Overrides: tt.over}, l)
			var b strings.Builder
			_ = diag.WriteText(&b, l.Items())
			if diags := strings.Join(tt.diags, "\n"); strings.TrimSuffix(b.String(), "\n") != diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", b.String(), diags)
			}
			if (err != nil) != l.HasErrors() {
				t.Fatalf("error %v, but the diagnostics say %v", err, l.HasErrors())
			}
			if err != nil {
				return
			}
			if s := summary(got); !reflect.DeepEqual(s, tt.want) {
				t.Errorf("got  %+v\nwant %+v", s, tt.want)
			}
		})
	}
}

// TestLoadedIsImmutable: what one caller does to its configuration is not
// seen by another caller of the same Loaded, nor by one that loaded the
// site again with an override.
func TestLoadedIsImmutable(t *testing.T) {
	files := tree("site/lexsite.toml", "base = \"../upstream\"\n"+minimal, "upstream/lexsite.toml", minimal)
	ld, err := Load(LoadOptions{SiteDir: "site", Open: mapOpen(files)}, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	before := summary(ld)

	mine := ld.Config()
	mine.BaseURL = "https://elsewhere.example/"
	mine.RelativeURLs = true
	mine.Assets = Assets{}
	mine.Languages["en"].Name = "Changed"
	mine.LanguageOrder[0] = "xx"
	ld.Bases()[0].Label = "changed/"
	over, err := Load(LoadOptions{SiteDir: "site", Open: mapOpen(files), Overrides: Overrides{BaseURL: "http://127.0.0.1:1/", PlainAssets: true}}, &diag.List{})
	if err != nil || over.Config().BaseURL != "http://127.0.0.1:1/" {
		t.Fatalf("the override did not apply: %v", err)
	}

	if after := summary(ld); !reflect.DeepEqual(after, before) {
		t.Errorf("another caller's change is seen:\n got  %+v\n want %+v", after, before)
	}
	if name := ld.Config().Languages["en"].Name; name != "English" {
		t.Errorf("a language's name changed to %q through another copy", name)
	}
}
