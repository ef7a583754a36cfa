package pipeline_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// iconSite is a one-page site; each case of TestFavicons adds files.
const iconSite = `
-- lexsite.toml --
base_url = "https://example.org/help/"
default_language = "en"
[languages.en]
name = "English"
title = "Help"
-- content/about.en.md --
---
title: About
---
Text.
`

// wideLogo is a 40×20 PNG: red on the left half, transparent on the right.
func wideLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 20 {
			img.SetNRGBA(x, y, color.NRGBA{R: 255, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var iconLink = regexp.MustCompile(`<link rel="icon" href="([^"]+)" type="([^"]+)"(?: sizes="([^"]+)")?>`)

// TestFavicons checks which icons every page links, and that each is
// written: the site's own favicon files, else the organisation's logo
// (a bitmap one scaled to a 64×64 PNG), else the carried default.
func TestFavicons(t *testing.T) {
	for _, tc := range []struct {
		name  string
		extra string            // lexsite.toml lines for [organisation]
		files map[string][]byte // more files of the site
		want  []string          // href type sizes, per icon
	}{
		{"the carried default", "", nil,
			[]string{"/help/favicon.svg image/svg&#43;xml ", "/help/favicon.png image/png 64x64"}},
		{"an SVG logo is the icon", `logo = "/images/logo.svg"`,
			map[string][]byte{"static/images/logo.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
			[]string{"/help/images/logo.svg image/svg&#43;xml "}},
		{"a bitmap logo is scaled to a PNG", `logo = "/images/logo.png"`,
			map[string][]byte{"static/images/logo.png": wideLogo(t)},
			[]string{"/help/icons/HASH.png image/png 64x64"}},
		{"the site's own favicon wins over the logo", `logo = "/images/logo.svg"`,
			map[string][]byte{
				"static/images/logo.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
				"static/favicon.svg":     []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
			},
			[]string{"/help/favicon.svg image/svg&#43;xml "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := iconSite
			if tc.extra != "" {
				site = strings.Replace(site, "-- content/", "[organisation]\nname = \"Aid\"\n"+tc.extra+"\n-- content/", 1)
			}
			a := txtar.Parse([]byte(site))
			for name, data := range tc.files {
				a.Files = append(a.Files, txtar.File{Name: name, Data: append(data, '\n')})
			}
			mem := mustBuild(t, string(txtar.Format(a)))
			for _, name := range []string{"index.html", "en/about/index.html", "en/404.html"} {
				var got []string
				for _, m := range iconLink.FindAllStringSubmatch(page(t, mem, name), -1) {
					href := regexp.MustCompile(`/icons/[0-9a-f]{10}\.png$`).ReplaceAllString(m[1], "/icons/HASH.png")
					got = append(got, href+" "+m[2]+" "+m[3])
					// Every icon a page links is in the output.
					file := strings.TrimPrefix(m[1], "/help/")
					data, ok := mem.File(file)
					if !ok {
						t.Errorf("%s links %s, which the build did not write", name, m[1])
						continue
					}
					if m[2] == "image/png" && m[3] != "" {
						img, err := png.Decode(bytes.NewReader(data))
						if err != nil {
							t.Errorf("%s: %v", file, err)
						} else if b := img.Bounds(); b.Dx() != 64 || b.Dy() != 64 {
							t.Errorf("%s is %dx%d, want 64x64", file, b.Dx(), b.Dy())
						} else if strings.Contains(file, "icons/") {
							// The 40×20 logo fills 64×32, centred: red
							// on the left, transparent on the right and
							// above and below.
							for _, px := range []struct {
								x, y  int
								red   bool
								alpha uint32
							}{{10, 32, true, 0xffff}, {54, 32, false, 0}, {10, 5, false, 0}, {10, 60, false, 0}} {
								r, _, _, a := img.At(px.x, px.y).RGBA()
								if a != px.alpha || (r == 0xffff) != px.red {
									t.Errorf("%s: pixel %d,%d is r=%x a=%x", file, px.x, px.y, r, a)
								}
							}
						}
					}
				}
				if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("%s: icons\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
				}
			}
		})
	}
}
