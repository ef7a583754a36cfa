package freshness_test

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/freshness"
	"github.com/lexsite/lexsite/internal/pipeline"
	"github.com/lexsite/lexsite/internal/site"
)

func day(s string) freshness.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return freshness.DateOf(t)
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from   string
		months int
		want   string
	}{
		{"2026-03-15", 12, "2027-03-15"},
		{"2026-03-15", 3, "2026-06-15"},
		{"2026-11-30", 3, "2027-02-28"}, // no 30 February: its last day
		{"2027-11-30", 3, "2028-02-29"}, // leap year
		{"2026-01-31", 1, "2026-02-28"},
		{"2026-12-31", 1, "2027-01-31"},
		{"2026-05-31", 1, "2026-06-30"},
		{"2026-10-10", 26, "2028-12-10"},
		{"2026-02-28", 0, "2026-02-28"},
		{"2026-03-31", -1, "2026-02-28"},
		{"2026-01-15", -13, "2024-12-15"},
	}
	for _, tt := range tests {
		if got := day(tt.from).AddMonths(tt.months).String(); got != tt.want {
			t.Errorf("%s + %d months = %s, want %s", tt.from, tt.months, got, tt.want)
		}
	}
}

func TestDateOfUsesTheDayWhereItIs(t *testing.T) {
	// 23:30 on 14 March in New York is already 15 March in UTC: the day is
	// the one of the clock the caller passes.
	ny := time.FixedZone("EST", -5*3600)
	now := time.Date(2027, 3, 14, 23, 30, 0, 0, ny)
	if got := freshness.DateOf(now).String(); got != "2027-03-14" {
		t.Errorf("DateOf = %s", got)
	}
	if got := freshness.DateOf(now.UTC()).String(); got != "2027-03-15" {
		t.Errorf("DateOf UTC = %s", got)
	}
}

// load builds a site held in memory and returns what it resolved.
func load(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	res, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: "site", Open: func(string) fs.FS { return m }}, nil)
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Diagnostics)
	}
	return res.Site
}

const flowBody = "Intro.\n\n## Question? {#q}\n\n- [Yes](#yes)\n- [No](#no)\n\n## Yes {#yes}\n\nDo this.\n\n## No {#no}\n\nDo that.\n"

func TestStale(t *testing.T) {
	today := day("2027-03-15")
	tests := []struct {
		name, file, text string
		months           int
		want             string // the warning's text, "" for none
	}{
		{"guide 13 months old", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2026-02-15\n---\n", 12,
			"content/guides/g.en.md:3:1: warning: last reviewed on 2026-02-15, more than 12 months ago; check it against the law and update reviewed"},
		{"guide exactly 12 months old", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2026-03-15\n---\n", 12, ""},
		{"guide 12 months and a day old", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2026-03-14\n---\n", 12,
			"content/guides/g.en.md:3:1: warning: last reviewed on 2026-03-14, more than 12 months ago; check it against the law and update reviewed"},
		{"guide reviewed today", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2027-03-15\n---\n", 12, ""},
		{"guide reviewed in the future", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2027-09-01\n---\n", 12,
			"content/guides/g.en.md:3:1: warning: reviewed on 2027-09-01, which is after today (2027-03-15); write the day a person last checked it against the law"},
		{"guide reviewed tomorrow", "content/guides/g.en.md", "---\ntitle: G\nsummary: S\nreviewed: 2027-03-16\n---\n", 12,
			"content/guides/g.en.md:4:1: warning: reviewed on 2027-03-16, which is after today (2027-03-15); write the day a person last checked it against the law"},
		{"page reviewed in the future", "content/about.en.md", "---\ntitle: About\nreviewed: 2072-03-15\n---\n", 12,
			"content/about.en.md:3:1: warning: reviewed on 2072-03-15, which is after today (2027-03-15); write the day a person last checked it against the law"},
		{"reviewed written further down", "content/guides/g.en.md", "---\ntitle: G\nsummary: S\ntags: [a]\nreviewed: 2020-01-01\n---\n", 12,
			"content/guides/g.en.md:5:1: warning: last reviewed on 2020-01-01, more than 12 months ago; check it against the law and update reviewed"},
		{"flow 13 months old", "content/flows/f.en.md", "---\ntitle: F\nreviewed: 2026-02-15\n---\n" + flowBody, 12,
			"content/flows/f.en.md:3:1: warning: last reviewed on 2026-02-15, more than 12 months ago; check it against the law and update reviewed"},
		{"flow exactly 12 months old", "content/flows/f.en.md", "---\ntitle: F\nreviewed: 2026-03-15\n---\n" + flowBody, 12, ""},
		{"page never", "content/about.en.md", "---\ntitle: About\nreviewed: 2020-01-01\n---\n", 12, ""},
		{"statute never", "content/statutes/law.en.md", "---\ntitle: Law\nreviewed: 2020-01-01\n---\n### Article 1\n\nText.\n", 12, ""},
		{"3 months: exactly 3 months old", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2026-12-15\n---\n", 3, ""},
		{"3 months: 3 months and a day old", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2026-12-14\n---\n", 3,
			"content/guides/g.en.md:3:1: warning: last reviewed on 2026-12-14, more than 3 months ago; check it against the law and update reviewed"},
		{"1 month is singular", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2027-01-31\n---\n", 1,
			"content/guides/g.en.md:3:1: warning: last reviewed on 2027-01-31, more than 1 month ago; check it against the law and update reviewed"},
		{"1 month: exactly a month old", "content/guides/g.en.md", "---\ntitle: G\nreviewed: 2027-02-15\n---\n", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := load(t, map[string]string{
				"lexsite.toml": "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n",
				tt.file:        tt.text,
			})
			got := freshness.Stale(s, tt.months, today)
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if len(got) != len(want) || (len(want) == 1 && got[0].String() != want[0]) {
				t.Errorf("got %v\nwant %v", got, want)
			}
		})
	}
}

// TestStaleEachLanguage: a recent translation does not make an old
// original current, nor the other way round.
func TestStaleEachLanguage(t *testing.T) {
	s := load(t, map[string]string{
		"lexsite.toml":           "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[languages.es]\nname = \"Español\"\n",
		"content/guides/g.en.md": "---\ntitle: G\nreviewed: 2027-01-01\n---\n",
		"content/guides/g.es.md": "---\ntitle: G\nreviewed: 2025-01-01\n---\n",
		"content/guides/h.en.md": "---\ntitle: H\nreviewed: 2025-06-30\n---\n",
		"content/guides/h.es.md": "---\ntitle: H\nreviewed: 2027-01-01\n---\n",
	})
	got := freshness.Stale(s, 12, day("2027-03-15"))
	var paths []string
	for _, d := range got {
		if d.Severity != diag.Warning {
			t.Errorf("severity %s", d.Severity)
		}
		paths = append(paths, d.Path)
	}
	if strings.Join(paths, " ") != "content/guides/g.es.md content/guides/h.en.md" {
		t.Errorf("warned about %v", paths)
	}
}

func TestUntranslated(t *testing.T) {
	s := load(t, map[string]string{
		"lexsite.toml":               "base_url = \"https://example.org/\"\ndefault_language = \"es\"\n[languages.en]\nname = \"English\"\n[languages.es]\nname = \"Español\"\n[languages.zh]\nname = \"中文\"\n",
		"content/_index.es.md":       "---\ntitle: Inicio\n---\n",
		"content/guides/_index.md":   "---\ntitle: Guías\n---\n",
		"content/guides/a.en.md":     "---\ntitle: A\nreviewed: 2027-01-01\n---\n",
		"content/guides/a.es.md":     "---\ntitle: A\nreviewed: 2027-01-01\n---\n",
		"content/guides/a.zh.md":     "---\ntitle: A\nreviewed: 2027-01-01\n---\n",
		"content/guides/b.en.md":     "---\ntitle: B\nreviewed: 2027-01-01\n---\n", // no es: shown from en
		"content/flows/f.md":         "---\ntitle: F\nreviewed: 2027-01-01\n---\n" + flowBody,
		"content/flows/f.zh.md":      "---\ntitle: F\nreviewed: 2027-01-01\n---\n" + flowBody,
		"content/statutes/law.zh.md": "---\ntitle: 法\nauthoritative: true\n---\n### 第一条\n\n文本。\n",
		"content/about.md":           "---\ntitle: Acerca\n---\n",
	})
	got := freshness.Untranslated(s)
	want := map[string][]string{
		"en": {"content/about.md", "content/flows/f.md", "content/statutes/law.zh.md"},
		"es": {"content/guides/b.en.md", "content/statutes/law.zh.md"},
		"zh": {"content/about.md", "content/guides/b.en.md"},
	}
	if len(got) != 3 || got[0].Lang != "en" || got[1].Lang != "es" || got[2].Lang != "zh" || got[2].Name != "中文" {
		t.Fatalf("languages %+v", got)
	}
	for _, m := range got {
		var labels []string
		for _, d := range m.Docs {
			labels = append(labels, d.Label)
		}
		if strings.Join(labels, " ") != strings.Join(want[m.Lang], " ") {
			t.Errorf("%s lacks %v, want %v", m.Lang, labels, want[m.Lang])
		}
	}

	var b bytes.Buffer
	if err := freshness.WriteText(&b, got); err != nil {
		t.Fatal(err)
	}
	wantText := `Not yet translated:
  en (English): content/about.md, content/flows/f.md, content/statutes/law.zh.md
  es (Español): content/guides/b.en.md, content/statutes/law.zh.md
  zh (中文): content/about.md, content/guides/b.en.md
`
	if b.String() != wantText {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), wantText)
	}

	ds := freshness.Diagnostics(got)
	if len(ds) != 7 {
		t.Fatalf("%d info entries: %v", len(ds), ds)
	}
	first := diag.Diagnostic{Path: "content/about.md", Line: 1, Col: 1, Severity: freshness.Info, Message: "not translated into en (English) yet"}
	if ds[0] != first {
		t.Errorf("first entry %+v, want %+v", ds[0], first)
	}
	for _, d := range ds {
		if d.Severity != "info" || d.Line != 1 || d.Col != 1 {
			t.Errorf("entry %+v", d)
		}
	}
}

func TestUntranslatedNothingMissing(t *testing.T) {
	two := load(t, map[string]string{
		"lexsite.toml":           "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[languages.es]\nname = \"Español\"\n",
		"content/guides/a.en.md": "---\ntitle: A\nreviewed: 2027-01-01\n---\n",
		"content/guides/a.es.md": "---\ntitle: A\nreviewed: 2027-01-01\n---\n",
	})
	var b bytes.Buffer
	_ = freshness.WriteText(&b, freshness.Untranslated(two))
	if want := "Not yet translated:\n  en (English): nothing missing\n  es (Español): nothing missing\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	one := load(t, map[string]string{
		"lexsite.toml":           "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n",
		"content/guides/a.en.md": "---\ntitle: A\nreviewed: 2027-01-01\n---\n",
	})
	b.Reset()
	_ = freshness.WriteText(&b, freshness.Untranslated(one))
	if b.Len() != 0 {
		t.Errorf("a site with one language got a list: %q", b.String())
	}
	if freshness.Stale(nil, 12, day("2027-01-01")) != nil || freshness.Untranslated(nil) != nil {
		t.Errorf("a nil site has findings")
	}
}
