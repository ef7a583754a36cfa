package markdown

import (
	"bytes"
	"fmt"
	"math"
	"slices"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// minTokenContrast is the contrast every token colour gets against the
// background it is drawn on: WCAG's 4.5:1 for text.
const minTokenContrast = 4.5

// StyleSheet returns the CSS for highlighted code: the light style, and the
// dark one inside a prefers-color-scheme query, so highlighting follows the
// reader's setting without any script.
//
// Both schemes set every declaration of every token class. Chroma's own
// WriteCSS leaves out what a style does not change from its background
// entry, so a class the dark style leaves alone (github-dark says nothing
// about .nx, .na or .p) kept the light colour inside the dark block: TOML
// keys were #1f2328 on a near-black block. A colour that misses 4.5:1
// against its background is moved towards black or white until it does,
// since a style chosen for its look may miss it by a little (github's .bp,
// 4.49:1). The block's own background and text colour come from the style
// too, so token colours are always read against the background they were
// chosen for, not the site's surface colour.
func StyleSheet(light, dark string) ([]byte, error) {
	ls, err := style(light)
	if err != nil {
		return nil, err
	}
	ds, err := style(dark)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("/* Code highlighting, generated from the chroma styles " + light + " and " + dark + ".\n" +
		"   Every token class is coloured in both schemes, at 4.5:1 or more against its background. */\n")
	// Layout of lines and line numbers, the same in every scheme.
	b.WriteString(".chroma .line { display: flex; }\n" +
		".chroma .ln, .chroma .lnt { white-space: pre; -webkit-user-select: none; user-select: none; margin-right: 0.4em; padding: 0 0.4em; }\n" +
		".chroma .lntable, .chroma .lntd { border-spacing: 0; padding: 0; margin: 0; border: 0; vertical-align: top; }\n" +
		".chroma .lnlinks { outline: none; text-decoration: none; color: inherit; }\n")
	writeScheme(&b, ls)
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	writeScheme(&b, ds)
	b.WriteString("}\n")
	// Windows high contrast and the like: the system's colours, the same
	// for every token, as the reader asked.
	b.WriteString("@media (forced-colors: active) {\n" +
		"pre.chroma, .prose pre.chroma, .chroma span { color: CanvasText; background-color: Canvas; }\n" +
		"}\n")
	return b.Bytes(), nil
}

// writeScheme writes the rules of one style: the code block, then every
// token class. The block's selector outweighs the site's `.prose pre`
// whatever order the style sheets are linked in.
func writeScheme(b *bytes.Buffer, s *chroma.Style) {
	be := s.Get(chroma.Background)
	bg := rgbOf(be.Background, rgb{255, 255, 255})
	fg := rgbOf(be.Colour, extreme(bg))
	fg = readable(fg, bg)
	fmt.Fprintf(b, "pre.chroma, .prose pre.chroma { color: %s; background-color: %s; }\n", fg, bg)
	fmt.Fprintf(b, ".chroma .hl { background-color: %s; }\n", rgbOf(s.Get(chroma.LineHighlight).Background, bg))
	fmt.Fprintf(b, ".chroma .ln, .chroma .lnt { color: %s; }\n", readable(rgbOf(s.Get(chroma.LineNumbers).Colour, fg), bg))
	for _, t := range tokenTypes() {
		e := s.Get(t)
		colour := rgbOf(e.Colour, fg)
		if t == chroma.TextWhitespace {
			// It has no glyphs; some styles colour it like the
			// background, which reads as a failure to any checker.
			colour = fg
		}
		back, backCSS := bg, "transparent"
		if e.Background.IsSet() && rgbOf(e.Background, bg) != bg {
			back = rgbOf(e.Background, bg)
			backCSS = back.String()
		}
		fmt.Fprintf(b, ".chroma .%s { color: %s; background-color: %s; font-weight: %s; font-style: %s; text-decoration: %s; }\n",
			chroma.StandardTypes[t], readable(colour, back), backCSS,
			pick(e.Bold == chroma.Yes, "bold", "normal"),
			pick(e.Italic == chroma.Yes, "italic", "normal"),
			pick(e.Underline == chroma.Yes, "underline", "none"))
	}
}

// tokenTypes lists the token types that have a class of their own, in
// order, so the sheet is the same on every build. Negative types are the
// block's structure (background, lines, line numbers), written apart.
func tokenTypes() []chroma.TokenType {
	var ts []chroma.TokenType
	for t, class := range chroma.StandardTypes {
		if t >= 0 && class != "" {
			ts = append(ts, t)
		}
	}
	slices.Sort(ts)
	return ts
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// rgb is an sRGB colour.
type rgb struct{ r, g, b uint8 }

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// rgbOf returns the colour c, or def when c is unset.
func rgbOf(c chroma.Colour, def rgb) rgb {
	if !c.IsSet() {
		return def
	}
	return rgb{c.Red(), c.Green(), c.Blue()}
}

// luminance is WCAG 2's relative luminance.
func (c rgb) luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

func contrastOf(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// extreme is black or white, whichever stands out more on bg.
func extreme(bg rgb) rgb {
	if contrastOf(rgb{0, 0, 0}, bg) >= contrastOf(rgb{255, 255, 255}, bg) {
		return rgb{0, 0, 0}
	}
	return rgb{255, 255, 255}
}

// readable returns c, or c mixed towards black or white by the smallest
// step of 1/64 that brings it to minTokenContrast against bg, so the hue
// the style chose survives as far as it can.
func readable(c, bg rgb) rgb {
	to := extreme(bg)
	mix := func(a, b uint8, f float64) uint8 {
		return uint8(math.Round(float64(a) + (float64(b)-float64(a))*f))
	}
	out := c
	for i := 0; i <= 64 && contrastOf(out, bg) < minTokenContrast; i++ {
		f := float64(i) / 64
		out = rgb{mix(c.r, to.r, f), mix(c.g, to.g, f), mix(c.b, to.b, f)}
	}
	return out
}

func style(name string) (*chroma.Style, error) {
	s, ok := styles.Registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown highlight style %q (see the chroma style gallery for names such as github, monokai, dracula)", name)
	}
	return s, nil
}
