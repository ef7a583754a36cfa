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
	if len(c.Contacts("en")) != 0 || len(c.Contacts("zh")) != 0 {
		t.Errorf("contacts without [[help]]: %+v", c.Contacts("en"))
	}
	if !c.Assets.Minify || !c.Assets.Fingerprint {
		t.Errorf("assets are minified and fingerprinted unless a site says not: %+v", c.Assets)
	}
	if c.Check.ReviewMonths != 12 || c.Markdown.HighlightStyle != "github" {
		t.Errorf("defaults not applied")
	}
}

// helpSite is a valid configuration with one [[help]] entry, ending on line 6.
const helpSite = "base_url='https://x/'\n[languages.en]\nname='E'\n[[help]]\nname='A'\nphone='12315'\n"

// TestParseErrors pins what an author reads. A value of the wrong kind is
// placed at the value, where the decoder finds it, not at its key.
func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"missing base_url", "[languages.en]\nname='E'\n", "lexsite.toml:1:1: error: base_url is required"},
		{"ftp base_url", "base_url='ftp://x/'\n[languages.en]\nname='E'\n", `lexsite.toml:1:1: error: base_url "ftp://x/" is not an absolute`},
		{"no languages", "base_url='https://x/'\n", "error: no languages are configured"},
		{"language without name", "base_url='https://x/'\n[languages.en]\ntitle='x'\n", `lexsite.toml:2:1: error: language "en" needs a name`},
		{"non-canonical tag", "base_url='https://x/'\n[languages.EN]\nname='E'\n", `lexsite.toml:2:1: error: write the language tag "EN" as "en"`},
		{"bad direction", "base_url='https://x/'\n[languages.ar]\nname='ع'\ndirection='up'\n", `lexsite.toml:4:1: error: direction must be "ltr" or "rtl"`},
		{"wrong type", "base_url=3\n[languages.en]\nname='E'\n", "lexsite.toml:1:10: error: base_url must be text in quotes, not a whole number"},
		{"a list for text", "base_url='https://x/'\n[languages.en]\nname=['E']\n", "lexsite.toml:3:6: error: languages.en.name must be text in quotes, not a list in [ ]"},
		{"text for a number", "base_url='https://x/'\n[languages.en]\nname='E'\n[check]\n  review_months = '6'\n", "lexsite.toml:5:19: error: check.review_months must be a whole number, not text in quotes"},
		{"text for true or false", "base_url='https://x/'\n[languages.en]\nname='E'\n[assets]\nfingerprint = 'no'\n", "lexsite.toml:5:15: error: assets.fingerprint must be true or false, not text in quotes"},
		{"unknown nested key", "base_url='https://x/'\n[languages.en]\nname='E'\n[organisation]\nphnoe='1'\n", `lexsite.toml:5:1: error: unknown setting "organisation.phnoe"; did you mean "phone"?`},
		{"unknown highlight style", "base_url='https://x/'\n[languages.en]\nname='E'\n[markdown]\nhighlight_style = 'githib'\n", `lexsite.toml:5:1: error: highlight_style "githib" is not a code highlighting style; choose one of chroma's styles, such as github, github-dark, monokai or solarized-light; did you mean "github"?`},
		{"base_url with a query", "base_url='https://x/?a=1'\n[languages.en]\nname='E'\n", `error: base_url "https://x/?a=1" is not an absolute`},
		{"setting in the wrong case", "Base_URL='https://x/'\n[languages.en]\nname='E'\n", `lexsite.toml:1:1: error: write the setting "Base_URL" in lower case: "base_url"`},
		{"size without a unit", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_file_size = '8 megs'\n", `lexsite.toml:5:1: error: max_file_size "8 megs" is not a size: write a number of bytes, such as 8388608, or a whole number and a unit in quotes, such as "8 MiB" (units: B, KB, MB, GB, KiB, MiB, GiB)`},
		{"fractional size", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_file_size = '1.5 MB'\n", `lexsite.toml:5:1: error: max_file_size "1.5 MB" is not a size`},
		{"size as a float", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_file_size = 1.5\n", `lexsite.toml:5:1: error: max_file_size 1.5 is not a size`},
		{"size as true", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\n  max_file_size = true\n", `lexsite.toml:5:3: error: max_file_size true is not a size`},
		{"zero size", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_file_size = 0\n", `lexsite.toml:5:1: error: max_file_size must be more than zero`},
		{"zero size with a unit", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_file_size = '0 MB'\n", `lexsite.toml:5:1: error: max_file_size must be more than zero`},
		{"size too large", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_file_size = '99999999999 GiB'\n", `lexsite.toml:5:1: error: max_file_size "99999999999 GiB" is not a size`},
		{"negative nesting", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_nesting = -1\n", `lexsite.toml:5:1: error: max_nesting must be zero or more; 0 means the default, 100`},
		{"misspelt limit", "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\nmax_filesize = 1\n", `lexsite.toml:5:1: error: unknown setting "limits.max_filesize"; did you mean "max_file_size"?`},
		{"dotted unknown key", "base_url='https://x/'\nmarkdown.unsafee = true\n[languages.en]\nname='E'\n", `lexsite.toml:2:1: error: unknown setting "markdown.unsafee"; did you mean "unsafe"?`},
		{"unknown key in the second help entry", helpSite + "[[help]]\nname='B'\n  nmae='C'\n", `lexsite.toml:9:3: error: unknown setting "help.nmae"; did you mean "name"?`},
		{"unknown key in a language's help", helpSite + "[[languages.en.help]]\nname='B'\nphnoe='1'\n", `lexsite.toml:9:1: error: unknown setting "languages.en.help.phnoe"; did you mean "phone"?`},
		{"help entry without a name", helpSite + "[[help]]\nphone='12348'\n", `lexsite.toml:7:1: error: this [[help]] entry needs a name`},
		{"a language's help entry without a name", helpSite + "[[languages.en.help]]\nnote='x'\n", `lexsite.toml:7:1: error: this [[languages.en.help]] entry needs a name`},
		{"help website without a scheme, in its entry", helpSite + "[[help]]\nname='B'\nphone='1'\nwebsite='www.12315.cn'\n", `lexsite.toml:10:1: error: website "www.12315.cn" is not a whole address starting with https:// or http://`},
		{"help phone without digits", helpSite + "[[help]]\nname='B'\nphone='call us'\n", `lexsite.toml:9:1: error: phone "call us" has no digits`},
		{"help email with mailto", helpSite + "[[help]]\nname='B'\nemail='mailto:a@b.org'\n", `lexsite.toml:9:1: error: email "mailto:a@b.org" is not an email address`},
		{"organisation website without a scheme", "base_url='https://x/'\n[languages.en]\nname='E'\n[organisation]\nname='A'\nwebsite='legalaid.example.org'\n", `lexsite.toml:6:1: error: website "legalaid.example.org" is not a whole address`},
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

// TestHelpContacts: [[help]] lists where to get help; a language with a
// list of its own shows that one instead, and an empty one shows none.
func TestHelpContacts(t *testing.T) {
	src := `base_url = "https://example.org/"
[languages.en]
name = "English"
[languages.zh]
name = "中文"
[[languages.zh.help]]
name = "12348"
note = "公共法律服务热线（法律援助）"
phone = "12348"
[languages.es]
name = "Español"
help = []

[[help]]
name = "12315"
note = "National consumer complaints hotline and website"
phone = "12315"
website = "https://www.12315.cn/"

[[help]]
name = "12348"
phone = "12348"
hours = "24 hours"
`
	l := &diag.List{}
	c, err := Parse("lexsite.toml", []byte(src), l)
	if err != nil {
		t.Fatalf("%v: %v", err, l.Items())
	}
	names := func(list []HelpContact) string {
		var out []string
		for _, h := range list {
			out = append(out, h.Name+"/"+h.Phone+"/"+h.Website+"/"+h.Hours+"/"+h.Note)
		}
		return strings.Join(out, " ")
	}
	for _, tt := range []struct{ lang, want string }{
		{"en", "12315/12315/https://www.12315.cn///National consumer complaints hotline and website 12348/12348//24 hours/"},
		{"zh", "12348/12348///公共法律服务热线（法律援助）"},
		{"es", ""},
		{"fr", "12315/12315/https://www.12315.cn///National consumer complaints hotline and website 12348/12348//24 hours/"},
	} {
		if got := names(c.Contacts(tt.lang)); got != tt.want {
			t.Errorf("Contacts(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	// A copy given to a build shares no list with the original.
	loaded := &Loaded{cfg: c}
	mine := loaded.Config()
	mine.Help[0].Name = "changed"
	mine.Languages["zh"].Help[0].Name = "changed"
	if c.Help[0].Name != "12315" || c.Languages["zh"].Help[0].Name != "12348" {
		t.Errorf("changing a copy's contacts changed the configuration")
	}
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name, limits string
		size         int64
		nesting      int
		shown        string
	}{
		{"defaults", "", 8 << 20, 100, "8 MiB"},
		{"bytes", "max_file_size = 1000001", 1000001, 100, "1000001 bytes"},
		{"decimal unit", "max_file_size = '20MB'", 20000000, 100, "20 MB"},
		{"binary unit, any case", "max_file_size = ' 16 mib '", 16 << 20, 100, "16 MiB"},
		{"kibibytes", "max_file_size = '512 KiB'", 512 << 10, 100, "512 KiB"},
		{"bytes as text", "max_file_size = '300 B'", 300, 100, "300 bytes"},
		{"nesting", "max_nesting = 20", 8 << 20, 20, "8 MiB"},
		{"nesting zero is the default", "max_nesting = 0", 8 << 20, 100, "8 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "base_url='https://x/'\n[languages.en]\nname='E'\n[limits]\n" + tt.limits + "\n"
			l := &diag.List{}
			c, err := Parse("lexsite.toml", []byte(src), l)
			if err != nil {
				t.Fatalf("%v: %v", err, l.Items())
			}
			if c.Limits.MaxFileSize.Bytes != tt.size || c.Limits.MaxNesting != tt.nesting || c.Limits.MaxFileSize.String() != tt.shown {
				t.Errorf("got %d (%s) and %d, want %d (%s) and %d", c.Limits.MaxFileSize.Bytes, c.Limits.MaxFileSize, c.Limits.MaxNesting, tt.size, tt.shown, tt.nesting)
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
