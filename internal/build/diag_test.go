package build_test

import (
	"strings"
	"testing"
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
