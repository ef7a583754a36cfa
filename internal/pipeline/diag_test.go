package pipeline_test

import (
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lexsite/lexsite/internal/pipeline"
)

// TestEmptiedLinksAreWarnedAbout: an address the page leaves empty for its
// scheme is warned about at the link, so a dead link is not a surprise.
func TestEmptiedLinksAreWarnedAbout(t *testing.T) {
	const site = `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/a.md --
---
title: A
---
`
	tests := []struct {
		name, body string
		unsafe     bool
		want       string // the warning; "" for none
		html       string // what the page must hold
	}{
		{"javascript: link", "Do [this](javascript:alert(1)) now.\n", false,
			"content/a.md:4:4: warning: the address of this link is left out of the page: javascript: addresses can run code in the reader's browser; link to a web page (https://…) or to a document's .md file instead",
			`<a href="">this</a>`},
		{"VBScript: link, any case", "参见[这里](VBScript:msgbox)。\n", false,
			"content/a.md:4:3: warning: the address of this link is left out of the page: vbscript: addresses can run code in the reader's browser; link to a web page (https://…) or to a document's .md file instead",
			`<a href="">这里</a>`},
		{"data: link", "\n\nSee [x](data:text/html,hi).\n", false,
			"content/a.md:6:5: warning: the address of this link is left out of the page: data: addresses other than PNG, GIF, JPEG and WebP images can run code in the reader's browser; link to a web page (https://…) or to a document's .md file instead",
			`<a href="">x</a>`},
		{"data: SVG image", "![logo](data:image/svg+xml,x)\n", false,
			"content/a.md:4:1: warning: the address of this image is left out of the page: data: addresses other than PNG, GIF, JPEG and WebP images can run code in the reader's browser; put the image in static/ and write its path, such as /images/receipt.png",
			`<img src="" alt="logo">`},
		{"file: link", "- [form](file:///C:/form.pdf)\n", false,
			"content/a.md:4:3: warning: the address of this link is left out of the page: file: addresses name a file on the reader's own computer, not on the site; link to a web page (https://…) or to a document's .md file instead",
			`<a href="">form</a>`},
		{"autolink", "Go to <javascript:alert(1)>.\n", false,
			"content/a.md:4:7: warning: the address of this link is left out of the page: javascript: addresses can run code in the reader's browser; link to a web page (https://…) or to a document's .md file instead",
			`<a href="">javascript:alert(1)</a>`},
		{"data: PNG image is kept", "![dot](data:image/png;base64,AAAA)\n", false, "",
			`<img src="data:image/png;base64,AAAA" alt="dot">`},
		{"https link is kept", "[x](https://example.org/)\n", false, "", `<a href="https://example.org/">x</a>`},
		{"raw HTML allowed: the address is written", "[x](javascript:go())\n", true, "", `<a href="javascript:go()">x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := site + tt.body
			if tt.unsafe {
				archive = strings.Replace(archive, "[languages.en]", "[markdown]\nunsafe = true\n[languages.en]", 1)
			}
			mem, res, err := mini(t, archive, ".")
			if err != nil {
				t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
			}
			want := ""
			if tt.want != "" {
				want = tt.want + "\n"
			}
			if got := diagText(res.Diagnostics); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
			if p := page(t, mem, "en/a/index.html"); !strings.Contains(p, tt.html) {
				t.Errorf("page lacks %s:\n%s", tt.html, p)
			}
		})
	}
}

// TestSymbolicLinksAreWarnedAbout: a build does not follow symbolic links
// inside the site, and says so at each one, in the site or a base site.
func TestSymbolicLinksAreWarnedAbout(t *testing.T) {
	const archive = `
-- upstream/lexsite.toml --
base_url = "https://upstream.example/"
[languages.en]
name = "English"
-- upstream/content/_index.md --
---
title: Upstream
---
-- site/lexsite.toml --
base_url = "https://example.org/"
base = "../upstream"
[languages.en]
name = "English"
-- site/content/guides/real.md --
---
title: Real
reviewed: 2026-01-01
---
`
	links := map[string]string{
		"site/content/guides/linked.md":      "../../../shared/returns.md",
		"site/static/images":                 "/srv/pictures",
		"site/content/.hidden-link.md":       "x.md",
		"upstream/templates/partials/x.html": "../../other/x.html",
	}
	mem, res, err := mini(t, archive, "site", func(o *pipeline.Options) {
		open := o.Open
		o.Open = func(dir string) fs.FS {
			m := fstest.MapFS{}
			_ = fs.WalkDir(open(dir), ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					data, _ := fs.ReadFile(open(dir), p)
					m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
				}
				return nil
			})
			for name, target := range links {
				if rel, ok := strings.CutPrefix(name, path.Clean(dir)+"/"); ok {
					m[rel] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
				}
			}
			return m
		}
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(res.Diagnostics))
	}
	want := `../upstream/templates/partials/x.html:1:1: warning: this is a symbolic link to ../../other/x.html; Lexsite does not follow links, so it is left out of the site: put the file or folder itself here
content/guides/linked.md:1:1: warning: this is a symbolic link to ../../../shared/returns.md; Lexsite does not follow links, so it is left out of the site: put the file or folder itself here
static/images:1:1: warning: this is a symbolic link to /srv/pictures; Lexsite does not follow links, so it is left out of the site: put the file or folder itself here
`
	if got := diagText(res.Diagnostics); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, ok := mem.File("en/guides/linked/index.html"); ok {
		t.Errorf("the linked guide was built")
	}
	page(t, mem, "en/guides/real/index.html")
}
