package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lexsite/lexsite/internal/zhnum"
)

// ArticleHeading recognises the heading of an article in a statute.
// pattern is how the language begins one, with {number}: "Article {number}",
// "Artículo {number}", "第{number}条". It reports the article's number and
// the caption that follows it:
//
//	Article 48 Civil liability     48, "Civil liability"
//	Article 48. Civil liability    48, "Civil liability"
//	第四十八条　民事责任               48, "民事责任"
//	第四十八条                       48, ""
//
// Statutes are pasted from many sources, so matching forgives what does not
// change the meaning: letters match in any case, a space in pattern matches
// any run of spaces, spaces may surround the number where pattern has none
// (第 48 条), and the number may be in Arabic digits or Chinese numerals in
// any language (translations keep 第四十八条's numbering, typesetters write
// 第48条). Where pattern has a space it needs one: "Article48" is not a
// heading. It does not forgive what would make a non-heading an article:
// after the number and the rest of pattern comes the end of the text or a
// separator (a space, "." ":" "-" "–" "—", or their full-width forms), so
// "Articles 48", "Article 48x" and 第四十八条之一 are not article headings.
func ArticleHeading(text, pattern string) (n int, caption string, ok bool) {
	before, after, found := strings.Cut(pattern, "{number}")
	if !found {
		return 0, "", false
	}
	rest := strings.TrimLeftFunc(text, unicode.IsSpace)
	if rest, ok = matchWords(rest, before); !ok {
		return 0, "", false
	}
	if rest, ok = spaces(rest, endsWithSpace(before)); !ok {
		return 0, "", false
	}
	end := 0
	for end < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[end:])
		if !isNumeral(r) {
			break
		}
		end += size
	}
	n, ok = zhnum.Parse(rest[:end])
	if !ok || n < 1 || n > MaxNumber {
		return 0, "", false
	}
	rest = rest[end:]
	if strings.TrimSpace(after) != "" {
		first, _ := utf8.DecodeRuneInString(after)
		if rest, ok = spaces(rest, unicode.IsSpace(first)); !ok {
			return 0, "", false
		}
	}
	if rest, ok = matchWords(rest, after); !ok {
		return 0, "", false
	}
	if rest != "" {
		if r, _ := utf8.DecodeRuneInString(rest); !isHeadingSeparator(r) {
			return 0, "", false
		}
	}
	caption = strings.TrimLeftFunc(rest, isHeadingSeparator)
	return n, strings.TrimRightFunc(caption, unicode.IsSpace), true
}

// matchWords matches the start of s against pattern text lit, letters in
// any case, a run of spaces in lit against a run of at least one space in
// s, and returns what follows. Spaces at the ends of lit are the concern of
// the caller (see spaces).
func matchWords(s, lit string) (string, bool) {
	lit = strings.TrimSpace(lit)
	for lit != "" {
		want, size := utf8.DecodeRuneInString(lit)
		if unicode.IsSpace(want) {
			lit = strings.TrimLeftFunc(lit, unicode.IsSpace)
			trimmed := strings.TrimLeftFunc(s, unicode.IsSpace)
			if len(trimmed) == len(s) {
				return "", false
			}
			s = trimmed
			continue
		}
		got, gsize := utf8.DecodeRuneInString(s)
		if s == "" || !equalFold(want, got) {
			return "", false
		}
		lit, s = lit[size:], s[gsize:]
	}
	return s, true
}

// spaces skips the spaces at the start of s; need says there must be one,
// because pattern has one there ("Article {number}" does not match
// "Article48", "第{number}条" matches "第48条" and "第 48 条").
func spaces(s string, need bool) (string, bool) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	return t, !need || len(t) < len(s)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

// equalFold reports whether a and b are the same letter in any case.
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// isNumeral reports whether r can be part of an article number: ASCII or
// full-width digits, or a Chinese numeral.
func isNumeral(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("零〇一二两三四五六七八九十百千万", r)
}

// isHeadingSeparator reports whether r may separate an article's number
// from its caption.
func isHeadingSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(".:-–—：．", r)
}
