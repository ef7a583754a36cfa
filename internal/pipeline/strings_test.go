package pipeline_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
	"github.com/lexsite/lexsite/internal/scaffold"
)

// TestCarriedStringsAssumeNoLanguageOrCountry builds a German and French
// site as lexsite new site --lang de,fr makes it, for which Lexsite carries
// no UI strings, so every string falls back to the carried English ones.
// What the pages say must then still be true of this site: the notice on
// an untranslated page names the page's own language, and no page names
// the helpline of the country the bundled site is about.
func TestCarriedStringsAssumeNoLanguageOrCountry(t *testing.T) {
	today := time.Date(2026, time.March, 15, 12, 0, 0, 0, time.UTC)
	var langs []scaffold.Language
	for _, code := range []string{"de", "fr"} {
		l, err := scaffold.LanguageOf(code)
		if err != nil {
			t.Fatal(err)
		}
		langs = append(langs, l)
	}
	files, err := scaffold.Site(scaffold.SiteOptions{Languages: langs, Title: "Hilfe", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []struct{ kind, name, lang string }{
		{"flow", "paket", "de"},   // outcomes show "Where to get help"
		{"guide", "retour", "fr"}, // shown untranslated on the German site
	} {
		f, err := scaffold.Doc(doc.kind, scaffold.DocOptions{Name: doc.name, Lang: doc.lang, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		for p, b := range f {
			files[p] = b
		}
	}
	root := fstest.MapFS{}
	for p, b := range files {
		root[p] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	mem := output.NewMemory()
	res, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: ".", Open: func(string) fs.FS { return root }}, mem)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	// With no strings of their own, de and fr pages show the carried
	// English sentence, which names both languages in English.
	notices := map[string]string{
		"de/guides/retour/index.html":      "This page has not been translated into German yet. It is shown in French.",
		"fr/guides/first-guide/index.html": "This page has not been translated into French yet. It is shown in German.",
	}
	for name, want := range notices {
		p := page(t, mem, name)
		if !strings.Contains(p, want) {
			t.Errorf("%s: the notice is not %q:\n%s", name, want, p)
		}
	}
	helped := false
	for _, name := range mem.Names() {
		p, _ := mem.File(name)
		for _, bad := range []string{"12315", "China", "into English", "al español", "翻译成中文"} {
			if strings.Contains(string(p), bad) {
				t.Errorf("%s holds %q, which is not true of this site", name, bad)
			}
		}
		if strings.Contains(string(p), `<section class="help"`) {
			helped = true
			if !strings.Contains(string(p), "A lawyer or a legal aid organisation can advise you on your own case.</p>") {
				t.Errorf("%s: the help text is not the carried one", name)
			}
		}
	}
	if !helped {
		t.Errorf("no page shows where to get help: the test no longer covers help_default")
	}
}
