package i18n

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	lexsite "github.com/lexsite/lexsite"
	"github.com/lexsite/lexsite/internal/diag"
)

// file makes a strings file at the path a site keeps it.
func file(lang, src string) File {
	return File{Lang: lang, Path: Dir + "/" + lang + ".toml", Src: []byte(src)}
}

// load runs Load and returns the diagnostics as the build prints them.
func load(t testing.TB, defaultLang string, langs []string, files ...File) (*Catalog, []string) {
	t.Helper()
	var l diag.List
	c := Load(files, defaultLang, langs, &l)
	var out []string
	for _, d := range l.Items() {
		out = append(out, d.String())
	}
	return c, out
}

// siteFiles reads the strings files Lexsite carries for every site.
func siteFiles(t testing.TB) []File {
	t.Helper()
	var files []File
	for _, lang := range []string{"en", "es", "zh"} {
		src, err := fs.ReadFile(lexsite.Defaults(), Dir+"/"+lang+".toml")
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Lang: lang, Path: Dir + "/" + lang + ".toml", Src: src})
	}
	return files
}

// templateKeys are the keys the built-in templates use.
func templateKeys() []string {
	return []string{
		"skip_to_content", "main_navigation", "home", "guides", "flows", "statutes", "pages",
		"language", "choose_language", "other_languages", "contents", "last_reviewed", "tags",
		"not_translated", "not_legal_advice_title", "disclaimer_default", "unofficial_translation",
		"page_not_found_title", "page_not_found_text", "go_home", "run_by", "contact",
		"email", "phone", "address", "hours", "website", "where_to_get_help", "back_to_top",
		"print", "guides_count", "flows_count", "statutes_count", "no_guides", "all_guides",
		"all_flows", "all_statutes", "in_this_section", "breadcrumb", "footer_about",
		"footer_disclaimer", "home_intro_guides", "home_intro_flows", "home_intro_statutes",
		"related_guides", "tagged", "updated",
	}
}

func TestUILang(t *testing.T) {
	c, _ := load(t, "es", []string{"es", "zh", "de", "pt-BR"}, siteFiles(t)...)
	for _, tt := range []struct{ lang, want string }{
		{"es", "es"},
		{"zh", "zh"},
		{"de", "es"},    // no strings of its own: the default language's
		{"pt-BR", "es"}, // nor for its base language
	} {
		if got := c.UILang(tt.lang); got != tt.want {
			t.Errorf("UILang(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestSiteFiles(t *testing.T) {
	c, diags := load(t, "en", []string{"en", "es", "zh"}, siteFiles(t)...)
	if len(diags) != 0 {
		t.Fatalf("the shipped strings files have problems:\n%s", strings.Join(diags, "\n"))
	}
	for _, key := range templateKeys() {
		for _, lang := range []string{"en", "es", "zh"} {
			if got := c.T(lang, key); got == "["+key+"]" || got == "" {
				t.Errorf("T(%q, %q) = %q", lang, key, got)
			}
		}
	}
	day := time.Date(2026, time.November, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct{ got, want string }{
		{c.T("en", "last_reviewed", "date", c.Date("en", day)), "Last reviewed: November 21, 2026"},
		{c.T("es", "last_reviewed", "date", c.Date("es", day)), "Última revisión: 21 de noviembre de 2026"},
		{c.T("zh", "last_reviewed", "date", c.Date("zh", day)), "最后审阅：2026年11月21日"},
		{c.T("es", "not_translated", "language", "English", "page_language", "Español"), "Esta página todavía no está traducida a Español. Se muestra en English."},
		{c.N("en", "guides_count", 1), "1 guide"},
		{c.N("es", "statutes_count", 3), "3 leyes"},
		{c.N("zh", "flows_count", 1), "1个分步指南"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestTFallback(t *testing.T) {
	c, _ := load(t, "fr", []string{"fr", "es", "en"},
		file("en", `a = "A en"`+"\n"+`b = "B en"`+"\n"+`c = "C en"`),
		file("es", `a = "A es"`),
		file("fr", `b = "B fr"`),
	)
	tests := []struct {
		name, lang, key, want string
	}{
		{"own language", "es", "a", "A es"},
		{"default language", "es", "b", "B fr"},
		{"English", "es", "c", "C en"},
		{"key in brackets", "es", "d", "[d]"},
		{"language without a file", "de", "a", "A en"},
		{"language without a file, default", "de", "b", "B fr"},
		{"codes ignore case", "ES", "a", "A es"},
		{"no language", "", "b", "B fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.T(tt.lang, tt.key); got != tt.want {
				t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
			}
		})
	}
	var nilCatalog *Catalog
	if got := nilCatalog.T("en", "a"); got != "[a]" {
		t.Errorf("nil catalog: T = %q, want [a]", got)
	}
}

func TestPlaceholders(t *testing.T) {
	c, diags := load(t, "en", []string{"en"}, file("en", `
not_translated = "This page has not been translated into English yet. It is shown in {language}."
two = "{a} and {b}"
same = "{x}, {x}!"
braces = "Write {{name} for a placeholder; } is plain."
unicode = "{año}"
guides_count = { one = "{count} guide in {place}", other = "{count} guides in {place}" }
`))
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	tests := []struct {
		name string
		key  string
		args []any
		want string
	}{
		{"one value", "not_translated", []any{"language", "Español"}, "This page has not been translated into English yet. It is shown in Español."},
		{"two values", "two", []any{"b", "B", "a", "A"}, "A and B"},
		{"missing value is left as written", "two", []any{"a", "A"}, "A and {b}"},
		{"no values", "two", nil, "{a} and {b}"},
		{"a value used twice", "same", []any{"x", "hi"}, "hi, hi!"},
		{"values of any type", "two", []any{"a", 1, "b", 2.5}, "1 and 2.5"},
		{"odd last name is ignored", "two", []any{"a", "A", "b"}, "A and {b}"},
		{"first pair wins", "two", []any{"a", "1", "a", "2", "b", "B"}, "1 and B"},
		{"escaped brace", "braces", []any{"name", "no"}, "Write {name} for a placeholder; } is plain."},
		{"non-ASCII name", "unicode", []any{"año", 2026}, "2026"},
		{"T of a plural uses other", "guides_count", []any{"place", "Lima"}, "{count} guides in Lima"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.T("en", tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%q, %v) = %q, want %q", tt.key, tt.args, got, tt.want)
			}
		})
	}
	if got := c.N("en", "guides_count", 1, "place", "Lima"); got != "1 guide in Lima" {
		t.Errorf("N with args = %q", got)
	}
	if got := c.N("en", "guides_count", 2, "count", "99", "place", "Lima"); got != "2 guides in Lima" {
		t.Errorf("N: {count} must be n, not an arg: %q", got)
	}
}

func TestN(t *testing.T) {
	c, diags := load(t, "en", []string{"en", "es", "zh", "ru"},
		file("en", `
plain = "{count} of them"
only_en = { one = "{count} thing", other = "{count} things" }
[guides_count]
one = "{count} guide"
other = "{count} guides"
`),
		file("es", `
plain = "{count} de ellos"
[guides_count]
one = "{count} guía"
other = "{count} guías"
`),
		file("zh", `
plain = "{count}个"
[guides_count]
other = "{count}篇指南"
`),
		file("ru", `
plain = "{count} шт."
[guides_count]
one = "{count} руководство"
few = "{count} руководства"
many = "{count} руководств"
other = "{count} руководства"
`),
	)
	for _, d := range diags {
		if !strings.Contains(d, `"only_en" is missing`) {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	tests := []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "guides_count", 1, "1 guide"},
		{"en", "guides_count", 2, "2 guides"},
		{"en", "guides_count", 0, "0 guides"},
		{"en", "guides_count", -1, "-1 guide"},
		{"es", "guides_count", 1, "1 guía"},
		{"es", "guides_count", 2, "2 guías"},
		{"es", "guides_count", 1000000, "1000000 guías"},
		{"zh", "guides_count", 1, "1篇指南"},
		{"zh", "guides_count", 2, "2篇指南"},
		{"ru", "guides_count", 1, "1 руководство"},
		{"ru", "guides_count", 3, "3 руководства"},
		{"ru", "guides_count", 5, "5 руководств"},
		{"ru", "guides_count", 21, "21 руководство"},
		{"en", "plain", 1, "1 of them"},
		{"zh", "plain", 7, "7个"},
		// After a fallback the forms are English, so English rules choose.
		{"zh", "only_en", 1, "1 thing"},
		{"ru", "only_en", 3, "3 things"},
		{"es", "missing", 1, "[missing]"},
	}
	for _, tt := range tests {
		if got := c.N(tt.lang, tt.key, tt.n); got != tt.want {
			t.Errorf("N(%q, %q, %d) = %q, want %q", tt.lang, tt.key, tt.n, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	c, _ := load(t, "en", []string{"en", "es", "zh", "fr"}, append(siteFiles(t), file("fr", `home = "Accueil"`))...)
	none, _ := load(t, "en", []string{"en"}, file("en", `home = "Home"`))
	day := time.Date(2026, time.November, 21, 23, 30, 0, 0, time.UTC)
	early := time.Date(2026, time.March, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		c    *Catalog
		lang string
		t    time.Time
		want string
	}{
		{"en", c, "en", day, "November 21, 2026"},
		{"es", c, "es", day, "21 de noviembre de 2026"},
		{"zh", c, "zh", day, "2026年11月21日"},
		{"no padding", c, "zh", early, "2026年3月5日"},
		{"es March", c, "es", early, "5 de marzo de 2026"},
		{"language without [date] falls back", c, "fr", day, "November 21, 2026"},
		{"unknown language falls back", c, "de", day, "November 21, 2026"},
		{"no [date] anywhere", none, "en", day, "2026-11-21"},
		{"nil catalog", nil, "en", day, "2026-11-21"},
		{"the date in the time's location", c, "en", day.In(time.FixedZone("UTC+2", 2*3600)), "November 22, 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Date(tt.lang, tt.t); got != tt.want {
				t.Errorf("Date(%q) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
}

func TestDefined(t *testing.T) {
	c, _ := load(t, "en", []string{"en", "es"},
		file("en", `home = "Home"`),
		file("es", "inicio_solo = \"Sí\"\nbroken = 3\n[date]\nformat = \"{day}\"\n"),
	)
	tests := []struct {
		key  string
		want bool
	}{
		{"home", true},
		{"inicio_solo", true}, // in one language only
		{"broken", true},      // written, though reported as an error
		{"date", false},       // locale data, not a string
		{"nope", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := c.Defined(tt.key); got != tt.want {
			t.Errorf("Defined(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
	var nilCatalog *Catalog
	if nilCatalog.Defined("home") {
		t.Error("nil catalog defines home")
	}
}

// diagCase is one kind of bad input and every diagnostic it must give.
type diagCase struct {
	name        string
	defaultLang string
	langs       []string
	files       []File
	want        []string
}

// diagCases is a function, not a variable, so the fuzz target can seed from
// it without package state.
func diagCases() []diagCase {
	es := []string{"es"}
	return []diagCase{
		{
			name: "invalid TOML, column in characters", defaultLang: "es", langs: es,
			files: []File{file("es", "home = \"Inicio\"\ntitle = \"Página\" x\n")},
			want:  []string{"templates/i18n/es.toml:2:18: error: this is not valid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead"},
		},
		{
			name: "invalid TOML, unclosed string", defaultLang: "es", langs: es,
			files: []File{file("es", "home = \"Inicio\nabout = \"Acerca\"\n")},
			want:  []string{"templates/i18n/es.toml:1:15: error: this is not valid TOML: strings cannot contain newlines"},
		},
		{
			name: "a number", defaultLang: "es", langs: es,
			files: []File{file("es", "home = \"Inicio\"\nguides = 3\n")},
			want:  []string{`templates/i18n/es.toml:2:1: error: "guides" is a number; it must be a string, or a table of plural forms such as [guides] with one = "…" and other = "…"`},
		},
		{
			name: "a list", defaultLang: "es", langs: es,
			files: []File{file("es", "  tags = [\"Temas\"]\n")},
			want:  []string{`templates/i18n/es.toml:1:3: error: "tags" is a list; it must be a string, or a table of plural forms such as [tags] with one = "…" and other = "…"`},
		},
		{
			name: "a plural form that is not a string", defaultLang: "es", langs: es,
			files: []File{file("es", "[guides_count]\none = 1\nother = \"{count} guías\"\n")},
			want:  []string{`templates/i18n/es.toml:2:1: error: the "one" form of "guides_count" is a number; it must be a string`},
		},
		{
			name: "plural without other", defaultLang: "es", langs: es,
			files: []File{file("es", "home = \"Inicio\"\n\n[guides_count]\none = \"{count} guía\"\n")},
			want:  []string{`templates/i18n/es.toml:3:1: error: plural string "guides_count" has no "other" form; it is required, and used for every count without a form of its own`},
		},
		{
			name: "unknown plural category", defaultLang: "es", langs: es,
			files: []File{file("es", "[guides_count]\none = \"{count} guía\"\nplural = \"{count} guías\"\nother = \"{count} guías\"\n")},
			want:  []string{`templates/i18n/es.toml:3:1: error: "plural" in plural string "guides_count" is not a plural category: use zero, one, two, few, many or other`},
		},
		{
			name: "unclosed placeholder", defaultLang: "es", langs: es,
			files: []File{file("es", "home = \"Inicio\"\nnote = \"Página {language\"\n")},
			want:  []string{`templates/i18n/es.toml:2:16: error: "{" is not closed: write {name} for a placeholder, or "{{" for a literal "{"`},
		},
		{
			name: "unclosed placeholder in a plural form", defaultLang: "es", langs: es,
			files: []File{file("es", "[guides_count]\none = \"{count} guía\"\nother = \"{count guías\"\n")},
			want:  []string{`templates/i18n/es.toml:3:10: error: "{" is not closed: write {name} for a placeholder, or "{{" for a literal "{"`},
		},
		{
			name: "unclosed placeholder in an inline table", defaultLang: "es", langs: es,
			files: []File{file("es", "guides_count = { one = \"{count} guía\", other = \"{count guías\" }\n")},
			want:  []string{`templates/i18n/es.toml:1:49: error: "{" is not closed: write {name} for a placeholder, or "{{" for a literal "{"`},
		},
		{
			name: "placeholder that is not a name", defaultLang: "es", langs: es,
			files: []File{file("es", "tagged = \"Páginas sobre {la etiqueta}\"\n")},
			want:  []string{`templates/i18n/es.toml:1:25: error: {la etiqueta} is not a placeholder: a name is letters, digits and "_"; write "{{" for a literal "{"`},
		},
		{
			name: "date problems", defaultLang: "es", langs: es,
			files: []File{file("es", "[date]\nformat = \"{dia} de {month}\"\nmonths = [\"enero\"]\nstyle = \"long\"\n")},
			want: []string{
				`templates/i18n/es.toml:2:11: error: {dia} is not a date placeholder: use {year}, {month}, {monthnum} or {day}`,
				`templates/i18n/es.toml:3:1: error: months must be a list of the 12 month names, from January to December`,
				`templates/i18n/es.toml:4:1: error: unknown key "style" in [date]; it takes format and months`,
			},
		},
		{
			name: "date format uses month without months", defaultLang: "es", langs: es,
			files: []File{file("es", "[date]\nformat = \"{day} de {month}\"\n")},
			want:  []string{`templates/i18n/es.toml:2:20: error: the date format uses {month}, but [date] has no months list to name the month`},
		},
		{
			name: "date without format", defaultLang: "es", langs: es,
			files: []File{file("es", "home = \"Inicio\"\n[date]\nmonths = []\n")},
			want: []string{
				`templates/i18n/es.toml:2:1: error: [date] has no format, such as format = "{month} {day}, {year}"`,
				`templates/i18n/es.toml:3:1: error: months must be a list of the 12 month names, from January to December`,
			},
		},
		{
			name: "date that is a string", defaultLang: "es", langs: es,
			files: []File{file("es", "date = \"Fecha\"\n")},
			want:  []string{`templates/i18n/es.toml:1:1: error: "date" is reserved for the [date] table of date formats, so it cannot be a string; give the string another name`},
		},
		{
			name: "layered files for a language merge silently", defaultLang: "es", langs: es,
			files: []File{file("es", `home = "Inicio"`), {Lang: "es", Path: "(built-in)/templates/i18n/es.toml", Src: []byte("home = \"Casa\"\nguides = \"Guías\"\n")}},
			want:  nil,
		},
		{
			name: "missing strings", defaultLang: "en", langs: []string{"en", "es", "fr"},
			files: []File{
				file("en", "home = \"Home\"\nguides = \"Guides\"\n"),
				{Lang: "es", Path: "themes/base/templates/i18n/es.toml", Src: []byte("home = \"Inicio\"\nsolo_es = \"Sí\"\n")},
			},
			want: []string{
				`templates/i18n/en.toml:1:1: warning: string "solo_es" is missing in en; "[solo_es]" is shown instead`,
				`templates/i18n/fr.toml:1:1: warning: there is no strings file for fr; every string falls back to en`,
				`themes/base/templates/i18n/es.toml:1:1: warning: string "guides" is missing in es; falling back to en`,
			},
		},
		{
			name: "missing strings fall back to the default language", defaultLang: "es", langs: []string{"es", "zh"},
			files: []File{
				file("es", "home = \"Inicio\"\n[date]\nformat = \"{day}/{monthnum}/{year}\"\n"),
				file("zh", "other = \"x\"\n"),
			},
			want: []string{
				`templates/i18n/es.toml:1:1: warning: string "other" is missing in es; "[other]" is shown instead`,
				`templates/i18n/zh.toml:1:1: warning: string "home" is missing in zh; falling back to es`,
				`templates/i18n/zh.toml:1:1: warning: there is no [date] table in zh; dates are written as in es`,
			},
		},
		{
			name: "no files at all", defaultLang: "en", langs: []string{"en", "es"},
			want: []string{
				`templates/i18n/en.toml:1:1: warning: there is no strings file for en; pages show each string's key in brackets, such as "[home]"`,
				`templates/i18n/es.toml:1:1: warning: there is no strings file for es; pages show each string's key in brackets, such as "[home]"`,
			},
		},
		{
			name: "a broken file is not also missing every string", defaultLang: "en", langs: []string{"en", "es"},
			files: []File{file("en", "home = \"Home\"\n"), file("es", "home = \n")},
			want:  []string{`templates/i18n/es.toml:1:8: error: this is not valid TOML: expected value but found '\n' instead`},
		},
		{
			name: "translated placeholder name", defaultLang: "en", langs: []string{"en", "es"},
			files: []File{
				file("en", "published_by = \"Published by {name}\"\nguides_count = { one = \"{count} guide\", other = \"{count} guides\" }\n"),
				file("es", "published_by = \"Publicado por {nombre}\"\nguides_count = { one = \"una guía\", other = \"{count} guías\" }\n"),
			},
			want: []string{`templates/i18n/es.toml:1:1: warning: string "published_by" in es uses {nombre}, which the en string does not; check the spelling: templates only fill in the placeholders of en`},
		},
		{
			name: "plural forms the language needs or never uses", defaultLang: "ru", langs: []string{"ru", "en"},
			files: []File{
				file("ru", "[guides_count]\none = \"{count} руководство\"\nother = \"{count} руководства\"\n"),
				file("en", "[guides_count]\nzero = \"no guides\"\none = \"{count} guide\"\nother = \"{count} guides\"\n"),
			},
			want: []string{
				`templates/i18n/en.toml:2:1: warning: the "zero" form of "guides_count" is never used: counts in en take only "one", "other"`,
				`templates/i18n/ru.toml:1:1: warning: plural string "guides_count" in ru has no "few" form, used for counts such as 2; "other" is shown instead`,
				`templates/i18n/ru.toml:1:1: warning: plural string "guides_count" in ru has no "many" form, used for counts such as 0; "other" is shown instead`,
			},
		},
	}
}

func TestLoadDiagnostics(t *testing.T) {
	for _, tt := range diagCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, tt.defaultLang, tt.langs, tt.files...)
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadNilDiags(t *testing.T) {
	c := Load([]File{file("en", "home = 3\n")}, "en", []string{"en"}, nil)
	if got := c.T("en", "home"); got != "[home]" {
		t.Errorf("T = %q", got)
	}
}

func TestInvalidStringsFallBack(t *testing.T) {
	c, _ := load(t, "en", []string{"en", "es"},
		file("en", "note = \"Note {x}\"\n"),
		file("es", "note = \"Nota {x\"\n"),
	)
	if got := c.T("es", "note", "x", 1); got != "Note 1" {
		t.Errorf("an invalid string must fall back: got %q", got)
	}
}

// TestConcurrentUse is meant for go test -race: templates render pages in
// parallel from one Catalog, and sort lists from many goroutines.
func TestConcurrentUse(t *testing.T) {
	c, _ := load(t, "en", []string{"en", "es", "zh"}, siteFiles(t)...)
	day := time.Date(2026, time.November, 21, 0, 0, 0, 0, time.UTC)
	cities := []string{"西安", "上海", "北京", "广州", "成都"}
	want := []string{"北京", "成都", "广州", "上海", "西安"}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 32 {
		wg.Go(func() {
			lang := []string{"en", "es", "zh", "fr"}[g%4]
			for i := range 50 {
				_ = c.T(lang, "not_translated", "language", "English")
				_ = c.N(lang, "guides_count", i)
				_ = c.Date(lang, day)
				_ = c.Defined("home")
				s := slices.Clone(cities)
				SortStrings("zh", s)
				if !slices.Equal(s, want) {
					errs <- strings.Join(s, " ")
					return
				}
				type item struct{ title string }
				items := []item{{"ñu"}, {"nube"}, {"oso"}}
				SortFunc(lang, items, func(it item) string { return it.title })
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent SortStrings gave %s", e)
	}
}

// seedPieces cuts a strings file into pieces of a few lines each, every
// piece under its table's header, to seed the fuzzer. A whole 4 KB file is
// too big a seed: the fuzzer minimizes every new input it finds, at a cost
// that grows with the square of its length, and spent whole minutes on
// mutants of the carried files without running a new input (38 executions
// in 45 s). Pieces keep every construct of the files at a few hundred
// bytes.
func seedPieces(src []byte) [][]byte {
	const most = 3 // lines a piece holds besides its header
	var pieces [][]byte
	var header, lines []string
	flush := func() {
		if len(lines) > 0 {
			pieces = append(pieces, []byte(strings.Join(append(slices.Clone(header), lines...), "\n")+"\n"))
		}
		lines = nil
	}
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "["):
			flush()
			header = []string{line}
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		default:
			if lines = append(lines, line); len(lines) == most {
				flush()
			}
		}
	}
	flush()
	return pieces
}

func FuzzLoad(f *testing.F) {
	for _, sf := range siteFiles(f) {
		for _, piece := range seedPieces(sf.Src) {
			f.Add(piece, sf.Lang)
		}
	}
	for _, tt := range diagCases() {
		for _, sf := range tt.files {
			f.Add(sf.Src, sf.Lang)
		}
	}
	f.Add([]byte("\xef\xbb\xbfa = \"{\"\n[x]\n'q.r' = 1\n\"a=b\" = \"\\\"{\"\n"), "x-klingon")
	f.Add([]byte("a = '''\n{x\n'''\n[[b]]\nc = 1\n"), "")
	en := file("en", "home = \"Home\"\nn = { one = \"{count}\", other = \"{count}s\" }\n")
	f.Fuzz(func(t *testing.T, src []byte, lang string) {
		var l diag.List
		c := Load([]File{{Lang: lang, Path: "fuzz.toml", Src: src}, en}, "en", []string{lang, "en", "es"}, &l)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range l.Items() {
			if d.Line < 1 || d.Col < 1 || (d.Path == "fuzz.toml" && d.Line > lines) {
				t.Errorf("bad position: %s", d)
			}
		}
		for _, key := range []string{"home", "n", "a", "date"} {
			_ = c.T(lang, key, "x", 1)
			_ = c.N(lang, key, 3)
			_ = c.Defined(key)
		}
		_ = c.Date(lang, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	})
}

// TestLayeredFilesMerge: a site's strings file overrides the carried one key
// by key, so changing one string does not require copying all of them.
func TestLayeredFilesMerge(t *testing.T) {
	c := Load([]File{
		{Lang: "en", Path: "templates/i18n/en.toml", Src: []byte(`home = "Start here"`)},
		{Lang: "en", Path: "(built-in)/templates/i18n/en.toml", Src: []byte("home = \"Home\"\nguides = \"Guides\"\n[date]\nformat = \"{day}/{monthnum}/{year}\"\n")},
	}, "en", []string{"en"}, nil)
	if got := c.T("en", "home"); got != "Start here" {
		t.Errorf("home = %q: the site's own string must win", got)
	}
	if got := c.T("en", "guides"); got != "Guides" {
		t.Errorf("guides = %q: the carried string must still be there", got)
	}
	if got := c.Date("en", time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)); got != "21/11/2026" {
		t.Errorf("date = %q: the carried [date] table must still apply", got)
	}
}
