package diagram

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		maxEm float64
		want  []string
	}{
		{"English", "Did the goods arrive at your home?", 8,
			[]string{"Did the goods", "arrive at your", "home?"}},
		{"English fits on one line", "Did the goods arrive?", 20,
			[]string{"Did the goods arrive?"}},
		{"spaces collapse", "  Yes,\tor\n\nno  ", 20,
			[]string{"Yes, or no"}},
		{"Spanish with accents", "¿Llegó la mercancía a su domicilio?", 8,
			[]string{"¿Llegó la", "mercancía a", "su domicilio?"}},
		{"Spanish, decomposed accent stays on its letter", "Llego\u0301 mercanci\u0301a", 3,
			[]string{"Llego\u0301", "merc", "anci\u0301a"}},
		{"accented characters wider than the line", "e\u0301e\u0301", 0.5,
			[]string{"e\u0301", "e\u0301"}},
		{"Chinese: no line starts with closing punctuation", "货物到了吗？如果没有，请联系卖方。", 5,
			[]string{"货物到了", "吗？如果没", "有，请联系", "卖方。"}},
		{"Chinese: no line ends with opening punctuation", "请参阅《民法典》第五百条", 4,
			[]string{"请参阅", "《民法", "典》第五", "百条"}},
		{"Chinese: quotes", "卖方说「不退货」。", 4,
			[]string{"卖方说", "「不退", "货」。"}},
		{"mixed with spaces", "请联系 Consumer Council 热线", 6.5,
			[]string{"请联系", "Consumer", "Council 热线"}},
		{"mixed without spaces", "向ABC公司投诉", 4,
			[]string{"向ABC", "公司投诉"}},
		{"single over-long word", "Supercalifragilistic", 5,
			[]string{"Supercali", "fragilistic"}},
		{"over-long word between words", "See Supercalifragilistic now", 5,
			[]string{"See", "Supercali", "fragilistic", "now"}},
		{"character wider than the line", "中文", 0.5,
			[]string{"中", "文"}},
		{"empty string", "", 10, nil},
		{"only spaces", " \t\n ", 10, nil},
		{"invalid UTF-8", "a\xffb", 10, []string{"a\uFFFDb"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.text, tc.maxEm, maxLines)
			if !slices.Equal(got, tc.want) {
				t.Errorf("wrap(%q, %g) = %q, want %q", tc.text, tc.maxEm, got, tc.want)
			}
			for _, ln := range got {
				if measure(ln) > tc.maxEm && visibleRunes(ln) > 1 {
					t.Errorf("line %q is %g em wide, over %g", ln, measure(ln), tc.maxEm)
				}
				if r, _ := utf8.DecodeRuneInString(ln); isCloser(r) {
					t.Errorf("line %q starts with closing punctuation", ln)
				}
				if r, _ := utf8.DecodeLastRuneInString(ln); isOpener(r) {
					t.Errorf("line %q ends with opening punctuation", ln)
				}
			}
		})
	}
}

func TestWrapLimit(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"English", strings.Repeat("The seller must repair the goods. ", 60)},
		{"Chinese", strings.Repeat("卖方应当修理货物，", 250)},
		{"one long word", strings.Repeat("x", 2000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.text, 11, maxLines)
			if len(got) != maxLines {
				t.Fatalf("%d lines, want %d", len(got), maxLines)
			}
			last := got[maxLines-1]
			if !strings.HasSuffix(last, "…") || strings.HasSuffix(last, " …") {
				t.Errorf("last line %q should end in … with no space before it", last)
			}
			for _, ln := range got {
				if measure(ln) > 11 {
					t.Errorf("line %q is %g em wide", ln, measure(ln))
				}
			}
		})
	}
}

func TestRuneEm(t *testing.T) {
	tests := []struct {
		r    rune
		want float64
	}{
		{'中', 1}, {'，', 1}, {'Ａ', 1}, {'あ', 1}, {'한', 1}, // Wide and Fullwidth
		{'\u0301', 0}, {'\u200b', 0}, // combining mark, zero-width space
		{'i', 0.29}, {'m', 0.98}, {'W', 0.98}, {'A', 0.72}, {'a', 0.64}, {'É', 0.72}, {'é', 0.64},
	}
	for _, tc := range tests {
		if got := runeEm(tc.r); got != tc.want {
			t.Errorf("runeEm(%q) = %g, want %g", tc.r, got, tc.want)
		}
	}
	// Narrow letters measure less than average ones, wide ones more.
	if !(measure("ill") < measure("aaa") && measure("aaa") < measure("mmm")) {
		t.Error("i and l should be narrower than a, and a narrower than m")
	}
}

// visibleRunes counts the characters of s that take up room: a line of one
// such character (with its combining marks) may be wider than the limit.
func visibleRunes(s string) int {
	n := 0
	for _, r := range s {
		if runeEm(r) > 0 {
			n++
		}
	}
	return n
}
