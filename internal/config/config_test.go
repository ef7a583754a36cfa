package config

import (
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/diag"
)

func TestParse(t *testing.T) {
	src := `base_url = "https://example.org/help"
title = "Help"
[languages.zh]
name = "中文"
[languages.en]
name = "English"
disclaimer = "Not advice."
[languages.en.organisation]
address = "1 Main St"
[organisation]
name = "Aid"
address = "主街1号"
`
	l := &diag.List{}
	c, err := Parse("lexsite.toml", []byte(src), l)
	if err != nil {
		t.Fatalf("%v: %v", err, l.Items())
	}
	if c.BaseURL != "https://example.org/help/" || c.BasePath != "/help/" {
		t.Errorf("base %q %q", c.BaseURL, c.BasePath)
	}
	if strings.Join(c.LanguageOrder, ",") != "zh,en" || c.DefaultLanguage != "zh" {
		t.Errorf("order %v default %q: the file's order and its first language", c.LanguageOrder, c.DefaultLanguage)
	}
	if c.Org("en").Address != "1 Main St" || c.Org("zh").Address != "主街1号" || c.Org("en").Name != "Aid" {
		t.Errorf("organisation per language: %+v %+v", c.Org("en"), c.Org("zh"))
	}
	if !c.Assets.Minify || !c.Assets.Fingerprint {
		t.Errorf("assets are minified and fingerprinted unless a site says not: %+v", c.Assets)
	}
	if c.Check.ReviewMonths != 12 || c.Markdown.HighlightStyle != "github" {
		t.Errorf("defaults not applied")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"missing base_url", "[languages.en]\nname='E'\n", "lexsite.toml:1:1: error: base_url is required"},
		{"ftp base_url", "base_url='ftp://x/'\n[languages.en]\nname='E'\n", `lexsite.toml:1:1: error: base_url "ftp://x/" is not an absolute`},
		{"no languages", "base_url='https://x/'\n", "error: no languages are configured"},
		{"language without name", "base_url='https://x/'\n[languages.en]\ntitle='x'\n", `lexsite.toml:2:1: error: language "en" needs a name`},
		{"non-canonical tag", "base_url='https://x/'\n[languages.EN]\nname='E'\n", `lexsite.toml:2:1: error: write the language tag "EN" as "en"`},
		{"bad direction", "base_url='https://x/'\n[languages.ar]\nname='ع'\ndirection='up'\n", `lexsite.toml:4:1: error: direction must be "ltr" or "rtl"`},
		{"wrong type", "base_url=3\n[languages.en]\nname='E'\n", "lexsite.toml:1:1: error: base_url must be text in quotes, not a whole number"},
		{"a list for text", "base_url='https://x/'\n[languages.en]\nname=['E']\n", "lexsite.toml:3:1: error: languages.en.name must be text in quotes, not a list in [ ]"},
		{"text for a number", "base_url='https://x/'\n[languages.en]\nname='E'\n[check]\n  review_months = '6'\n", "lexsite.toml:5:3: error: check.review_months must be a whole number, not text in quotes"},
		{"text for true or false", "base_url='https://x/'\n[languages.en]\nname='E'\n[assets]\nfingerprint = 'no'\n", "lexsite.toml:5:1: error: assets.fingerprint must be true or false, not text in quotes"},
		{"unknown nested key", "base_url='https://x/'\n[languages.en]\nname='E'\n[organisation]\nphnoe='1'\n", `lexsite.toml:5:1: error: unknown setting "organisation.phnoe"; did you mean "phone"?`},
		{"unknown highlight style", "base_url='https://x/'\n[languages.en]\nname='E'\n[markdown]\nhighlight_style = 'githib'\n", `lexsite.toml:5:1: error: highlight_style "githib" is not a code highlighting style; choose one of chroma's styles, such as github, github-dark, monokai or solarized-light; did you mean "github"?`},
		{"base_url with a query", "base_url='https://x/?a=1'\n[languages.en]\nname='E'\n", `error: base_url "https://x/?a=1" is not an absolute`},
		{"setting in the wrong case", "Base_URL='https://x/'\n[languages.en]\nname='E'\n", `lexsite.toml:1:1: error: write the setting "Base_URL" in lower case: "base_url"`},
		{"dotted unknown key", "base_url='https://x/'\nmarkdown.unsafee = true\n[languages.en]\nname='E'\n", `lexsite.toml:2:1: error: unknown setting "markdown.unsafee"; did you mean "unsafe"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &diag.List{}
			if _, err := Parse("lexsite.toml", []byte(tt.src), l); err == nil {
				t.Fatalf("no error")
			}
			var b strings.Builder
			_ = diag.WriteText(&b, l.Items())
			if !strings.Contains(b.String(), tt.want) {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n")
	f.Add("base_url='https://x/'\nmarkdown.unsafee = true\n[languages.en]\nname='E'\n")
	f.Add("[a.'b.c'.\"d\"]\nx = '''\nmulti\n'''\n")
	f.Fuzz(func(t *testing.T, src string) {
		l := &diag.List{}
		c, err := Parse("lexsite.toml", []byte(src), l)
		if err == nil && (c == nil || c.BaseURL == "" || len(c.LanguageOrder) == 0) {
			t.Fatalf("accepted an incomplete configuration")
		}
		if err != nil && !l.HasErrors() {
			t.Fatalf("failed without saying why")
		}
	})
}
