package cite

import (
	"strconv"

	"github.com/lexsite/lexsite/internal/placeholder"
	"github.com/lexsite/lexsite/internal/zhnum"
)

// Number writes n as s writes numbers: 48, or 四十八 when s.Numerals is
// "chinese".
func (s Style) Number(n int) string {
	return number(n, s.Numerals)
}

func number(n int, numerals string) string {
	if numerals == "chinese" {
		return zhnum.Format(n)
	}
	return strconv.Itoa(n)
}

// Format writes r as link text in s's language, lawTitle being the law's
// short title there. The template is chosen by how much r names: s.Law for
// the whole law, s.Article, s.Paragraph or s.Item for a provision.
//
// A template the style leaves empty falls back on a neutral
// "{law} 48(1)(8)" rather than on a shorter template, because a link that
// silently dropped a paragraph or an item would send the reader to the
// wrong provision while reading as if it were right.
func (s Style) Format(r Ref, lawTitle string) string {
	tmpl, fallback := s.Law, "{law}"
	switch {
	case r.Article <= 0:
	case r.Paragraph <= 0:
		tmpl, fallback = s.Article, "{law} {article}"
	case r.Item <= 0:
		tmpl, fallback = s.Paragraph, "{law} {article}({paragraph})"
	default:
		tmpl, fallback = s.Item, "{law} {article}({paragraph})({item})"
	}
	if tmpl == "" {
		tmpl = fallback
	}
	return placeholder.Fill(tmpl, func(name string) (string, bool) {
		switch name {
		case "law":
			return lawTitle, true
		case "article":
			return s.given(r.Article), true
		case "paragraph":
			return s.given(r.Paragraph), true
		case "item":
			return s.given(r.Item), true
		}
		return "", false
	})
}

// given writes a number of a Ref, or nothing for one not given, so a
// template that asks for more than the Ref holds shows no "0".
func (s Style) given(n int) string {
	if n <= 0 {
		return ""
	}
	return s.Number(n)
}

// Label fills {number} in pattern with n written in numerals ("arabic" or
// "chinese"): an item label "({number})" gives "(8)", "（{number}）" with
// "chinese" gives "（八）". It also fills article headings ("第{number}条").
func Label(pattern string, n int, numerals string) string {
	return placeholder.Fill(pattern, func(name string) (string, bool) {
		if name == "number" {
			return number(n, numerals), true
		}
		return "", false
	})
}
