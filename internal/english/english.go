// Package english words the numbers and lists in Lexsite's messages to
// authors: diagnostics and terminal lines, which are in English whatever
// languages a site is written in (a site's own texts are package i18n's).
// Keeping these rules in one place keeps every message agreeing with the
// others, and spares each package a helper of its own.
package english

import (
	"strconv"
	"strings"
)

// Plural returns one when n is 1 and other otherwise: the form of a word
// that goes with n things ("it" or "them", "Article" or "Articles").
func Plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// Count returns n with a regular noun, in the plural unless n is 1:
// "0 pages", "1 page", "3 pages". A count in a report keeps its digit.
func Count(n int, noun string) string {
	return strconv.Itoa(n) + " " + Plural(n, noun, noun+"s")
}

// NoneOrCount is Count as running prose says it, with "no" for zero:
// "no items", "1 item", "3 items".
func NoneOrCount(n int, noun string) string {
	if n == 0 {
		return "no " + noun + "s"
	}
	return Count(n, noun)
}

// And joins items as a list in a sentence: "a", "a and b", "a, b and c";
// "" for none.
func And(items []string) string {
	switch n := len(items); n {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:n-1], ", ") + " and " + items[n-1]
	}
}
