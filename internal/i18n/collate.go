package i18n

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortStrings sorts strings the way readers of lang expect, with the CLDR
// collation of x/text: "ñ" after "n" in Spanish, pinyin order in Chinese
// (stroke order for zh-Hant), and numbers by value ("2" before "10"), because
// byte order puts "Zoning" before "appeals" and every accented word at the
// end. A tag x/text does not know, or cannot parse, gets the root collation.
// Strings that collate equal keep byte order, so output is deterministic.
//
// It is safe for concurrent use: a collate.Collator is not, so each call
// makes its own.
func SortStrings(lang string, s []string) {
	sortKeyed(lang, s, func(v string) string { return v }, strings.Compare)
}

// SortFunc sorts any slice by a string key with the language's collation,
// stable, so items with the same key keep their order (such as the order the
// author gave). key is called once per element. Like SortStrings, it is safe
// for concurrent use on different slices.
func SortFunc[T any](lang string, s []T, key func(T) string) {
	sortKeyed(lang, s, key, nil)
}

// sortKeyed sorts s stably by the collation key of key(v), then by tie when
// it is not nil.
func sortKeyed[T any](lang string, s []T, key func(T) string, tie func(a, b T) int) {
	if len(s) < 2 {
		return
	}
	c := newCollator(lang)
	var buf collate.Buffer
	// Collation keys are computed once per element and compared as bytes:
	// far cheaper than collating both strings at each of n·log n comparisons.
	keys := make([][]byte, len(s))
	for i, v := range s {
		keys[i] = c.KeyFromString(&buf, key(v))
	}
	order := make([]int, len(s))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if d := bytes.Compare(keys[a], keys[b]); d != 0 || tie == nil {
			return d
		}
		return tie(s[a], s[b])
	})
	sorted := make([]T, len(s))
	for i, o := range order {
		sorted[i] = s[o]
	}
	copy(s, sorted)
}

// newCollator returns a collator for lang, falling back to the root
// collation for a tag that does not parse.
func newCollator(lang string) *collate.Collator {
	tag, err := language.Parse(strings.TrimSpace(lang))
	if err != nil {
		tag = language.Und
	}
	return collate.New(tag, collate.Numeric)
}
