package cite

import "testing"

func TestFormatCases(t *testing.T) {
	settings, cases := caseLines(t, "format.txtar")
	seen := map[string]bool{}
	for _, c := range cases {
		set := settings[c.section]
		style := Style{Law: set["law"], Article: set["article"], Paragraph: set["paragraph"], Item: set["item"], Numerals: set["numerals"]}
		cit, err := Parse(c.in)
		if err != nil {
			t.Fatalf("%s: %q is not a citation: %v", c.pos, c.in, err)
		}
		if got := style.Format(cit.Ref, set["title"]); got != c.want {
			t.Errorf("%s: Format(%s)\n got: %s\nwant: %s", c.pos, cit.Ref, got, c.want)
		}
		seen[c.section] = true
	}
	for _, lang := range []string{"en", "es", "zh"} {
		if !seen[lang] {
			t.Errorf("format.txtar has no cases for %s", lang)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		numerals string
		n        int
		want     string
	}{
		{"", 48, "48"},
		{"arabic", 48, "48"},
		{"chinese", 48, "四十八"},
		{"chinese", 10, "十"},
		{"chinese", 101, "一百零一"},
		{"unknown", 48, "48"},
	} {
		if got := (Style{Numerals: c.numerals}).Number(c.n); got != c.want {
			t.Errorf("Style{Numerals: %q}.Number(%d) = %q, want %q", c.numerals, c.n, got, c.want)
		}
	}
}

func TestLabel(t *testing.T) {
	for _, c := range []struct {
		pattern  string
		n        int
		numerals string
		want     string
	}{
		{"({number})", 8, "arabic", "(8)"},
		{"({number})", 8, "", "(8)"},
		{"（{number}）", 8, "chinese", "（八）"},
		{"（{number}）", 11, "chinese", "（十一）"},
		{"{number}.", 3, "arabic", "3."},
		{"第{number}条", 48, "chinese", "第四十八条"},
		{"Article {number}", 48, "arabic", "Article 48"},
		{"{{number}} {number}", 2, "arabic", "{number}} 2"},
		{"{count}", 2, "arabic", "{count}"},
		{"no placeholder", 2, "arabic", "no placeholder"},
		{"{number", 2, "arabic", "{number"},
	} {
		if got := Label(c.pattern, c.n, c.numerals); got != c.want {
			t.Errorf("Label(%q, %d, %q) = %q, want %q", c.pattern, c.n, c.numerals, got, c.want)
		}
	}
}
