package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // logos may be GIF, JPEG or PNG
	_ "image/jpeg"
	"image/png"
	"path"
	"strconv"
	"strings"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/output"
)

// Icon is one <link rel="icon"> of a page.
type Icon struct {
	// URL is the link to the image; Type its media type; Sizes, for a
	// bitmap, its size ("64x64"), empty for a drawing that scales.
	URL, Type, Sizes string
}

// iconSize is the side of a favicon made from a bitmap logo: large enough
// for a high-density tab, small enough to cost nothing.
const iconSize = 64

// Favicon files: the carried default, which a site replaces with a file of
// its own at the same path.
const (
	faviconSVG = "favicon.svg"
	faviconPNG = "favicon.png"
)

// siteIcons are a language's icons, and a generated image they need.
type siteIcons struct {
	icons []Icon // site-root paths
	name  string // a generated file's name under the output root, or ""
	data  []byte
}

// prepareIcons decides each language's favicons, once, before the pages:
//
//  1. a favicon.svg or favicon.png of the site (or of a base site): those;
//  2. else the organisation's logo: an SVG logo is the icon as it is; a
//     bitmap logo (PNG, JPEG, GIF) is scaled into a 64×64 PNG, centred,
//     written as icons/<hash>.png;
//  3. else the carried favicon.svg with favicon.png as the fallback for
//     browsers that do not show SVG icons.
//
// A reader's browser thus never asks another host, and a re-branded copy
// shows its own mark in tabs and bookmarks without having to draw one.
func (r *Renderer) prepareIcons(diags *diag.List) {
	r.icons = map[string]*siteIcons{}
	own := r.ownFavicons()
	made := map[string]*siteIcons{} // by logo, for languages that share one
	for _, lang := range r.site.Langs {
		if own != nil {
			r.icons[lang] = own
			continue
		}
		logo := r.cfg.Org(lang).Logo
		if !r.logoOK(logo) {
			r.icons[lang] = r.defaultFavicons()
			continue
		}
		if m, ok := made[logo]; ok {
			r.icons[lang] = m
			continue
		}
		m := r.logoIcons(logo, diags)
		made[logo] = m
		r.icons[lang] = m
	}
}

// ownFavicons returns the site's own favicon files, or nil when it has
// none and the carried ones would be used.
func (r *Renderer) ownFavicons() *siteIcons {
	var s siteIcons
	layers := r.fsys.Layers()
	for _, f := range []struct{ name, typ string }{
		{faviconSVG, "image/svg+xml"},
		{faviconPNG, "image/png"},
	} {
		data, file, err := r.fsys.ReadFile("static/" + f.name)
		if err != nil || !layers[file.Layer].Content {
			continue // absent, or the carried file
		}
		s.icons = append(s.icons, Icon{URL: "/" + f.name, Type: f.typ, Sizes: bitmapSizes(data)})
	}
	if len(s.icons) == 0 {
		return nil
	}
	return &s
}

// defaultFavicons are the carried icons.
func (r *Renderer) defaultFavicons() *siteIcons {
	var s siteIcons
	if r.fsys.Exists("static/" + faviconSVG) {
		s.icons = append(s.icons, Icon{URL: "/" + faviconSVG, Type: "image/svg+xml"})
	}
	if data, _, err := r.fsys.ReadFile("static/" + faviconPNG); err == nil {
		s.icons = append(s.icons, Icon{URL: "/" + faviconPNG, Type: "image/png", Sizes: bitmapSizes(data)})
	}
	return &s
}

// bitmapSizes is the sizes attribute of a bitmap icon ("64x64"), or "" for
// data that is not a bitmap image.
func bitmapSizes(data []byte) string {
	c, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	return strconv.Itoa(c.Width) + "x" + strconv.Itoa(c.Height)
}

// logoIcons makes the icons of a logo that logoOK accepted.
func (r *Renderer) logoIcons(logo string, diags *diag.List) *siteIcons {
	if strings.EqualFold(path.Ext(logo), ".svg") {
		return &siteIcons{icons: []Icon{{URL: logo, Type: "image/svg+xml"}}}
	}
	data, _, err := r.fsys.ReadFile("static" + logo)
	if err == nil {
		var png []byte
		if png, err = squareIcon(data, iconSize); err == nil {
			sum := sha256.Sum256(png)
			name := "icons/" + hex.EncodeToString(sum[:5]) + ".png"
			return &siteIcons{
				icons: []Icon{{URL: "/" + name, Type: "image/png", Sizes: "64x64"}},
				name:  name, data: png,
			}
		}
	}
	line, col := r.cfg.Pos("organisation", "logo")
	diags.Warnf(r.cfg.Path, line, col, "logo %q cannot be made into a favicon (%v): pages use the default icon; use an SVG, PNG, JPEG or GIF image", logo, err)
	return r.defaultFavicons()
}

// squareIcon scales an image to fit a size×size square, keeping its
// proportions, centred on a transparent background, and encodes it as PNG.
// Each pixel of the icon is the average of the pixels of the logo it
// covers, so thin lines fade rather than vanish.
func squareIcon(data []byte, size int) ([]byte, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w == 0 || h == 0 {
		return nil, image.ErrFormat
	}
	// The drawn area, in icon pixels.
	dw, dh := size, size
	if w > h {
		dh = max(1, size*h/w)
	} else {
		dw = max(1, size*w/h)
	}
	ox, oy := (size-dw)/2, (size-dh)/2
	dst := image.NewNRGBA(image.Rect(0, 0, size, size))
	draw.Draw(dst, dst.Bounds(), image.Transparent, image.Point{}, draw.Src)
	for y := range dh {
		y0, y1 := b.Min.Y+y*h/dh, b.Min.Y+max((y+1)*h/dh, y*h/dh+1)
		for x := range dw {
			x0, x1 := b.Min.X+x*w/dw, b.Min.X+max((x+1)*w/dw, x*w/dw+1)
			var r, g, bl, a, n uint64
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					c := color.NRGBA64Model.Convert(src.At(sx, sy)).(color.NRGBA64)
					// Weighted by opacity, so transparent pixels add no colour.
					r += uint64(c.R) * uint64(c.A)
					g += uint64(c.G) * uint64(c.A)
					bl += uint64(c.B) * uint64(c.A)
					a += uint64(c.A)
					n++
				}
			}
			if a == 0 {
				continue
			}
			dst.SetNRGBA(ox+x, oy+y, color.NRGBA{
				R: uint8(r / a >> 8), G: uint8(g / a >> 8), B: uint8(bl / a >> 8), A: uint8(a / n >> 8),
			})
		}
	}
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// writeIcons writes the generated icons.
func (r *Renderer) writeIcons(w output.Writer) error {
	written := map[string]bool{}
	for _, lang := range r.site.Langs {
		s := r.icons[lang]
		if s == nil || s.name == "" || written[s.name] {
			continue
		}
		written[s.name] = true
		if err := w.WriteFile(s.name, s.data); err != nil {
			return err
		}
	}
	return nil
}

// Icons returns the page's favicons, for <link rel="icon">: see
// prepareIcons for which.
func (p *Page) Icons() []Icon {
	s := p.r.icons[p.Lang.Code]
	if s == nil {
		return nil
	}
	out := make([]Icon, len(s.icons))
	for i, ic := range s.icons {
		ic.URL = p.r.link(p.Path, ic.URL)
		out[i] = ic
	}
	return out
}
