package cite

import (
	"strconv"
	"strings"

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
	return fill(tmpl, func(name string) (string, bool) {
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
	return fill(pattern, func(name string) (string, bool) {
		if name == "number" {
			return number(n, numerals), true
		}
		return "", false
	})
}

// fill replaces each {name} in tmpl by value(name). It follows the rules
// of the UI strings (internal/i18n), which check these templates when a
// site is loaded: "{{" writes a literal "{", a lone "}" is literal. An
// unknown placeholder or an unclosed "{" is written as it stands, so a
// mistake shows on the page instead of vanishing.
func fill(tmpl string, value func(name string) (string, bool)) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); {
		if tmpl[i] != '{' {
			j := strings.IndexByte(tmpl[i:], '{')
			if j < 0 {
				j = len(tmpl) - i
			}
			b.WriteString(tmpl[i : i+j])
			i += j
			continue
		}
		if strings.HasPrefix(tmpl[i:], "{{") {
			b.WriteByte('{')
			i += 2
			continue
		}
		end := strings.IndexAny(tmpl[i+1:], "{}\n")
		if end >= 0 && tmpl[i+1+end] == '}' {
			if v, ok := value(tmpl[i+1 : i+1+end]); ok {
				b.WriteString(v)
				i += end + 2
				continue
			}
		}
		b.WriteByte('{')
		i++
	}
	return b.String()
}
