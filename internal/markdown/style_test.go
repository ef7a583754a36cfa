package markdown

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cssRule matches one rule of the generated sheet: a selector and its
// declarations.
var cssRule = regexp.MustCompile(`([^{}/]+)\{([^{}]*)\}`)

// tokenRules reads the rules of one colour scheme of the sheet: the
// declarations of each token class (".chroma .k" gives "k") and of the
// code block itself (under "").
func tokenRules(css string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, m := range cssRule.FindAllStringSubmatch(css, -1) {
		decls := map[string]string{}
		for _, d := range strings.Split(m[2], ";") {
			k, v, ok := strings.Cut(d, ":")
			if ok {
				decls[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		for _, sel := range strings.Split(m[1], ",") {
			sel = strings.TrimSpace(sel)
			switch {
			case sel == ".chroma" || sel == "pre.chroma":
				for k, v := range decls {
					if out[""] == nil {
						out[""] = map[string]string{}
					}
					out[""][k] = v
				}
			case strings.HasPrefix(sel, ".chroma ."):
				out[strings.TrimPrefix(sel, ".chroma .")] = decls
			}
		}
	}
	return out
}

// luminance is the WCAG 2 relative luminance of a #rrggbb or #rgb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if len(h) != 6 || err != nil {
		t.Fatalf("%q is not a #rrggbb colour", hex)
	}
	lin := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestStyleSheetColoursEveryClassInBothSchemes: a token class the light
// style colours must be coloured by the dark style too, or it keeps its
// light colour on the dark background (TOML keys, .nx, were #1f2328 on a
// dark block). Every token colour must reach 4.5:1 against the block's
// background in its scheme, for the default styles.
func TestStyleSheetColoursEveryClassInBothSchemes(t *testing.T) {
	for _, st := range []struct{ light, dark string }{
		{"github", "github-dark"},
	} {
		t.Run(st.light+"+"+st.dark, func(t *testing.T) {
			b, err := StyleSheet(st.light, st.dark)
			if err != nil {
				t.Fatal(err)
			}
			css := string(b)
			lightCSS, darkCSS, ok := strings.Cut(css, "@media (prefers-color-scheme: dark)")
			if !ok {
				t.Fatalf("no dark block:\n%s", css)
			}
			if i := strings.Index(darkCSS, "@media"); i >= 0 {
				darkCSS = darkCSS[:i] // a later block (forced colours) is not the dark scheme
			}
			light, dark := tokenRules(lightCSS), tokenRules(darkCSS)
			for _, scheme := range []struct {
				name  string
				rules map[string]map[string]string
			}{{"light", light}, {"dark", dark}} {
				bg := scheme.rules[""]["background-color"]
				if bg == "" {
					t.Fatalf("%s: the code block has no background colour", scheme.name)
				}
				for cls, decls := range light {
					if cls == "" || !strings.HasPrefix(decls["color"], "#") {
						continue
					}
					own, ok := scheme.rules[cls]
					if !ok || own["color"] == "" {
						t.Errorf("%s: .%s has no colour of its own, so it keeps %s", scheme.name, cls, fmt.Sprint(decls["color"]))
						continue
					}
					back := bg
					if v := own["background-color"]; v != "" && v != "transparent" {
						back = v
					}
					if c := contrast(t, own["color"], back); c < 4.5 {
						t.Errorf("%s: .%s is %s on %s, contrast %.2f:1, want 4.5:1", scheme.name, cls, own["color"], back, c)
					}
				}
			}
		})
	}
}
