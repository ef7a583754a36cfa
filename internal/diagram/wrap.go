package diagram

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Text is measured, not rendered: the build has no fonts, and the page's
// font is chosen by its stylesheet. Widths are therefore estimates in em of
// a common sans-serif, erring wide, so that a label fits its box in any
// reasonable font. East Asian Wide and Fullwidth characters are a full em,
// which is exact for CJK fonts.

// asciiEm is the advance of each printable ASCII character, in em. The
// values are those of DejaVu Sans (the default sans-serif of many Linux
// systems and among the widest common ones) rounded up, so that text fits
// in Arial, Helvetica, Segoe UI or Roboto with room to spare; Latin text
// averages a little under 0.6 em a character, spaces included.
var asciiEm [128]float64

func init() {
	for r := range asciiEm {
		switch {
		case r < ' ' || r == 0x7f:
			asciiEm[r] = 0
		case r >= 'A' && r <= 'Z':
			asciiEm[r] = 0.72
		default:
			asciiEm[r] = 0.64
		}
	}
	set := func(em float64, chars string) {
		for _, r := range chars {
			asciiEm[r] = em
		}
	}
	set(0.29, "ijl'|")
	set(0.33, " .,;:!`I")
	set(0.4, "ft()[]{}-\"/\\J")
	set(0.42, "r")
	set(0.55, "cszxyvk*")
	set(0.84, "w")
	set(0.98, "mMW%@")
}

// runeEm is the estimated advance of r in em.
func runeEm(r rune) float64 {
	if r < utf8.RuneSelf {
		return asciiEm[r]
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 1
	}
	switch {
	case r == '…' || r == '—' || r == '‰':
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0 // combining marks and invisible format characters
	case unicode.IsSpace(r):
		return 0.33
	case unicode.IsUpper(r):
		return 0.72
	case r == '‘' || r == '’' || r == '“' || r == '”' || r == '·':
		return 0.4
	}
	return 0.64
}

// measure is the estimated width of s in em.
func measure(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeEm(r)
	}
	return w
}

// clean makes a label safe to measure and draw: invalid UTF-8 becomes
// U+FFFD and control characters (newlines included) become spaces, which
// the wrapper then treats as break opportunities.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// Kinsoku (line-breaking rules of CJK typography): a line must not start
// with closing punctuation nor end with opening punctuation. The ASCII
// brackets and stops are included because they appear in mixed text, where
// the break between a CJK character and a Latin one is otherwise allowed.
const (
	closers = "，。、？！：；」』）》】〕〉〗．,.;:!?)]}”’"
	openers = "「『（《【〔〈〖([{“‘"
)

func isCloser(r rune) bool { return strings.ContainsRune(closers, r) }
func isOpener(r rune) bool { return strings.ContainsRune(openers, r) }

// isWide reports whether r is a character between which lines may break
// without a space (CJK ideographs, kana, Hangul, fullwidth forms).
func isWide(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// unit is a piece of text no line may break inside, except by force.
type unit struct {
	text  string
	space bool // a space separates it from the previous unit
}

// units splits s at its break opportunities: at spaces, and between two
// characters when one of them is wide, unless the kinsoku rules forbid it.
func units(s string) []unit {
	var us []unit
	glue := false  // the previous rune was an opener: attach the next one
	space := false // spaces since the previous rune
	prev := rune(-1)
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = len(us) > 0
			continue
		}
		var attach bool
		switch {
		case len(us) == 0:
			attach = false
		case glue, isCloser(r):
			attach = true
		case space:
			attach = false
		case isWide(prev) || isWide(r):
			attach = false
		default:
			attach = true
		}
		if attach {
			u := &us[len(us)-1]
			if space {
				u.text += " "
			}
			u.text += string(r)
		} else {
			us = append(us, unit{text: string(r), space: space})
		}
		glue = isOpener(r)
		space = false
		prev = r
	}
	return us
}

// wrap breaks s into lines no wider than maxEm, greedily. A unit wider
// than a whole line is broken between characters; only a single character
// wider than maxEm can make a line wider than maxEm. At most limit lines are
// returned, the last one ending in "…" when text was left out.
func wrap(s string, maxEm float64, limit int) []string {
	var lines []string
	cur := ""
	for _, u := range units(clean(s)) {
		if len(lines) > limit {
			break
		}
		if cur != "" {
			cand := cur + u.text
			if u.space {
				cand = cur + " " + u.text
			}
			if measure(cand) <= maxEm {
				cur = cand
				continue
			}
			lines = append(lines, cur)
			cur = ""
		}
		if measure(u.text) <= maxEm {
			cur = u.text
			continue
		}
		pieces := hardBreak(u.text, maxEm)
		lines = append(lines, pieces[:len(pieces)-1]...)
		cur = pieces[len(pieces)-1]
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > limit {
		lines = lines[:limit]
		lines[limit-1] = ellipsis(lines[limit-1], maxEm)
	}
	return lines
}

// hardBreak cuts s, which has no break opportunity, into pieces no wider
// than maxEm, never separating a combining mark from its base.
func hardBreak(s string, maxEm float64) []string {
	var pieces []string
	start, w := 0, 0.0
	for i, r := range s {
		rw := runeEm(r)
		if i > start && rw > 0 && w+rw > maxEm {
			pieces = append(pieces, s[start:i])
			start, w = i, 0
		}
		w += rw
	}
	return append(pieces, s[start:])
}

// ellipsis ends line with "…", dropping characters until it fits.
func ellipsis(line string, maxEm float64) string {
	for line != "" && measure(line+"…") > maxEm {
		_, n := utf8.DecodeLastRuneInString(line)
		line = line[:len(line)-n]
		// Never leave a combining mark without its base, nor a space before "…".
		for line != "" {
			r, n := utf8.DecodeLastRuneInString(line)
			if runeEm(r) > 0 && !unicode.IsSpace(r) {
				break
			}
			line = line[:len(line)-n]
		}
	}
	return strings.TrimRight(line, " ") + "…"
}

// textBlock is a wrapped label with its measured size in px.
type textBlock struct {
	lines []string
	w, h  float64 // size of the text alone
}

func wrapBlock(s string, maxPx, fs float64) textBlock {
	lines := wrap(s, maxPx/fs, maxLines)
	b := textBlock{lines: lines}
	for _, ln := range lines {
		b.w = max(b.w, measure(ln)*fs)
	}
	b.h = float64(len(lines)) * lineHeightEm * fs
	return b
}
