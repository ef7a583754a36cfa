package cli_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/cli"
	"github.com/lexsite/lexsite/internal/output/outputtest"
)

type entry struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func parseJSON(t *testing.T, out string) []entry {
	t.Helper()
	var ds []entry
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	return ds
}

const enOnly = "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n"

const validFlow = "Intro.\n\n## Did it arrive? {#arrived}\n\n- [Yes](#fine)\n- [No](#late)\n\n## Fine {#fine}\n\nKeep the receipt.\n\n## Late {#late}\n\nWrite to the seller.\n"

// TestCheckReviewDates: check warns, at the reviewed key, about guides and
// flows reviewed more than review_months before today, and never about
// other documents. Warnings leave the exit status at 0.
func TestCheckReviewDates(t *testing.T) {
	day := time.Date(2027, 3, 15, 9, 0, 0, 0, time.UTC)
	stale := func(path, date, months string) string {
		return path + ":3:1: warning: last reviewed on " + date + ", more than " + months + " ago; check it against the law and update reviewed"
	}
	tests := []struct {
		name, config, file, text string
		want                     string // the warning, "" for none
	}{
		{"guide 13 months old", enOnly, "content/guides/old.en.md", "---\ntitle: Old\nreviewed: 2026-02-15\n---\nText.\n",
			stale("content/guides/old.en.md", "2026-02-15", "12 months")},
		{"guide exactly 12 months old", enOnly, "content/guides/old.en.md", "---\ntitle: Old\nreviewed: 2026-03-15\n---\nText.\n", ""},
		{"guide a day past 12 months", enOnly, "content/guides/old.en.md", "---\ntitle: Old\nreviewed: 2026-03-14\n---\nText.\n",
			stale("content/guides/old.en.md", "2026-03-14", "12 months")},
		{"flow 13 months old", enOnly, "content/flows/parcel.en.md", "---\ntitle: Parcel\nreviewed: 2026-02-15\n---\n" + validFlow,
			stale("content/flows/parcel.en.md", "2026-02-15", "12 months")},
		{"flow exactly 12 months old", enOnly, "content/flows/parcel.en.md", "---\ntitle: Parcel\nreviewed: 2026-03-15\n---\n" + validFlow, ""},
		{"page reviewed years ago", enOnly, "content/about.en.md", "---\ntitle: About\nreviewed: 2019-01-01\n---\nText.\n", ""},
		{"page in a folder reviewed years ago", enOnly, "content/help/faq.en.md", "---\ntitle: FAQ\nreviewed: 2019-01-01\n---\nText.\n", ""},
		{"review_months = 3, 4 months old", enOnly + "[check]\nreview_months = 3\n", "content/guides/old.en.md", "---\ntitle: Old\nreviewed: 2026-11-15\n---\nText.\n",
			stale("content/guides/old.en.md", "2026-11-15", "3 months")},
		{"review_months = 3, exactly 3 months old", enOnly + "[check]\nreview_months = 3\n", "content/guides/old.en.md", "---\ntitle: Old\nreviewed: 2026-12-15\n---\nText.\n", ""},
		{"review_months = 3, flow 4 months old", enOnly + "[check]\nreview_months = 3\n", "content/flows/parcel.en.md", "---\ntitle: Parcel\nreviewed: 2026-11-15\n---\n" + validFlow,
			stale("content/flows/parcel.en.md", "2026-11-15", "3 months")},
		{"review_months = 24, 13 months old", enOnly + "[check]\nreview_months = 24\n", "content/guides/old.en.md", "---\ntitle: Old\nreviewed: 2026-02-15\n---\nText.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, map[string]string{"lexsite.toml": tt.config, tt.file: tt.text})
			code, out, errs := runAt(day, "check", "-s", dir)
			if code != cli.ExitOK {
				t.Fatalf("exit %d: %s%s", code, out, errs)
			}
			if strings.TrimRight(out, "\n") != tt.want {
				t.Errorf("stdout %q\nwant %q", out, tt.want)
			}
			wantSummary := "No errors in "
			if tt.want != "" {
				wantSummary = ", with 1 warning."
			}
			if !strings.Contains(errs, wantSummary) {
				t.Errorf("stderr %q, want %q", errs, wantSummary)
			}
			code, out, _ = runAt(day, "check", "-s", dir, "--format", "json")
			ds := parseJSON(t, out)
			if code != cli.ExitOK {
				t.Errorf("json: exit %d", code)
			}
			if tt.want == "" {
				if len(ds) != 0 {
					t.Errorf("json: %+v", ds)
				}
				return
			}
			if len(ds) != 1 || ds[0].Path != tt.file || ds[0].Line != 3 || ds[0].Col != 1 || ds[0].Severity != "warning" || !strings.HasPrefix(ds[0].Message, "last reviewed on ") {
				t.Errorf("json: %+v", ds)
			}
		})
	}
}

// TestReviewDatesOnlyInCheck: a build gives no such warning and makes the
// same bytes whatever the day.
func TestReviewDatesOnlyInCheck(t *testing.T) {
	dir := site(t, map[string]string{
		"lexsite.toml":           enOnly,
		"content/guides/a.en.md": "---\ntitle: A\nreviewed: 2020-01-01\n---\nText.\n",
	})
	code, out, errs := runAt(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), "build", "-s", dir)
	if code != cli.ExitOK || strings.Contains(out+errs, "warning") {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	before := outputtest.Snapshot(t, filepath.Join(dir, "public"))
	code, out, errs = runAt(time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC), "build", "-s", dir)
	if code != cli.ExitOK || strings.Contains(out+errs, "warning") {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	after := outputtest.Snapshot(t, filepath.Join(dir, "public"))
	if len(before) != len(after) {
		t.Fatalf("%d files, then %d", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s differs between two days", name)
		}
	}
	if code, out, _ := runAt(time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC), "check", "-s", dir); code != cli.ExitOK || !strings.Contains(out, "content/guides/a.en.md:3:1: warning: last reviewed on 2020-01-01") {
		t.Errorf("check: exit %d, %q", code, out)
	}
}

func translationSite() map[string]string {
	return map[string]string{
		"lexsite.toml":                "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[languages.es]\nname = \"Español\"\n[languages.zh]\nname = \"中文\"\n",
		"content/_index.en.md":        "---\ntitle: Home\n---\n",
		"content/guides/_index.md":    "---\ntitle: Guides\n---\n",
		"content/guides/a.en.md":      "---\ntitle: A\nreviewed: 2026-11-01\n---\nText.\n",
		"content/guides/a.es.md":      "---\ntitle: A\nreviewed: 2026-11-01\n---\nTexto.\n",
		"content/guides/a.zh.md":      "---\ntitle: A\nreviewed: 2026-11-01\n---\n文本。\n",
		"content/guides/x.en.md":      "---\ntitle: X\nreviewed: 2026-11-01\n---\nText.\n",
		"content/flows/y.en.md":       "---\ntitle: Y\nreviewed: 2026-11-01\n---\n" + validFlow,
		"content/flows/y.zh.md":       "---\ntitle: Y\nreviewed: 2026-11-01\n---\n" + validFlow,
		"content/flows/only-es.es.md": "---\ntitle: Solo\nreviewed: 2026-11-01\n---\n" + validFlow,
		"content/statutes/law.en.md":  "---\ntitle: Law\n---\n### Article 1\n\nText.\n",
		"content/statutes/law.es.md":  "---\ntitle: Ley\n---\n### Artículo 1\n\nTexto.\n",
		"content/statutes/law.zh.md":  "---\ntitle: 法\nauthoritative: true\n---\n### 第一条\n\n文本。\n",
		"content/about.md":            "---\ntitle: About\n---\n",
	}
}

func TestCheckUntranslatedText(t *testing.T) {
	dir := site(t, translationSite())
	code, out, errs := run("check", "-s", dir)
	want := `Not yet translated:
  en (English): content/flows/only-es.es.md
  es (Español): content/about.md, content/flows/y.en.md, content/guides/x.en.md
  zh (中文): content/about.md, content/flows/only-es.es.md, content/guides/x.en.md
`
	if code != cli.ExitOK || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s\nstderr: %s", code, out, want, errs)
	}
	if !strings.HasPrefix(errs, "No errors in ") || strings.Contains(errs, "warning") {
		t.Errorf("stderr %q", errs)
	}

	// Fully translated: each language says so. One language: no list.
	files := good()
	files["content/about.es.md"] = "---\ntitle: Acerca\n---\n"
	code, out, _ = run("check", "-s", site(t, files))
	if want := "Not yet translated:\n  en (English): nothing missing\n  es (Español): nothing missing\n"; code != cli.ExitOK || out != want {
		t.Errorf("exit %d, %q, want %q", code, out, want)
	}
	code, out, _ = run("check", "-s", site(t, map[string]string{"lexsite.toml": enOnly, "content/about.md": "---\ntitle: About\n---\n"}))
	if code != cli.ExitOK || out != "" {
		t.Errorf("one language: exit %d, %q", code, out)
	}
}

func TestCheckUntranslatedJSON(t *testing.T) {
	dir := site(t, translationSite())
	code, out, _ := run("check", "-s", dir, "--format", "json")
	if code != cli.ExitOK {
		t.Errorf("info entries changed the exit status to %d", code)
	}
	ds := parseJSON(t, out)
	var got []string
	for _, d := range ds {
		if d.Severity != "info" || d.Line != 1 || d.Col != 1 {
			t.Errorf("entry %+v", d)
		}
		got = append(got, d.Path+": "+d.Message)
	}
	want := []string{
		"content/about.md: not translated into es (Español) yet",
		"content/about.md: not translated into zh (中文) yet",
		"content/flows/only-es.es.md: not translated into en (English) yet",
		"content/flows/only-es.es.md: not translated into zh (中文) yet",
		"content/flows/y.en.md: not translated into es (Español) yet",
		"content/guides/x.en.md: not translated into es (Español) yet",
		"content/guides/x.en.md: not translated into zh (中文) yet",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckInfoKeepsExitStatus: info entries sit beside warnings and errors
// without changing what the exit status says.
func TestCheckInfoKeepsExitStatus(t *testing.T) {
	files := translationSite()
	files["content/guides/x.en.md"] = "---\ntitle: X\nreviewed: 2020-01-01\n---\nText.\n"
	dir := site(t, files)
	code, out, _ := run("check", "-s", dir, "--format", "json")
	sev := map[string]int{}
	for _, d := range parseJSON(t, out) {
		sev[d.Severity]++
	}
	if code != cli.ExitOK || sev["warning"] != 1 || sev["info"] != 7 || sev["error"] != 0 {
		t.Errorf("warning and info: exit %d, %v", code, sev)
	}
	code, out, errs := run("check", "-s", dir)
	if code != cli.ExitOK || !strings.HasPrefix(out, "content/guides/x.en.md:3:1: warning: last reviewed on 2020-01-01") || !strings.Contains(out, "\nNot yet translated:\n") || !strings.Contains(errs, "with 1 warning.") {
		t.Errorf("text: exit %d\n%s%s", code, out, errs)
	}

	files["content/guides/x.en.md"] = "---\ntitle: X\nreviewed: 2026-11-01\n---\n[broken](nowhere.md)\n"
	dir = site(t, files)
	code, out, _ = run("check", "-s", dir, "--format", "json")
	sev = map[string]int{}
	for _, d := range parseJSON(t, out) {
		sev[d.Severity]++
	}
	if code != cli.ExitContent || sev["error"] != 1 || sev["info"] != 7 {
		t.Errorf("error and info: exit %d, %v", code, sev)
	}
	code, out, errs = run("check", "-s", dir)
	if code != cli.ExitContent || !strings.Contains(out, "error: the link points to nowhere.md") || !strings.Contains(errs, "1 error.") {
		t.Errorf("text: exit %d\n%s%s", code, out, errs)
	}
}

func TestHelpCheckMentionsInfo(t *testing.T) {
	code, out, _ := run("help", "check")
	if code != cli.ExitOK || !strings.Contains(out, `"severity": "info"`) || !strings.Contains(out, "review_months") {
		t.Errorf("exit %d, %s", code, out)
	}
}
