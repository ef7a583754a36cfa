package cite

import (
	"cmp"
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// prefilter finds, in one pass over the bytes of a text and without
// allocating, the places where the text may hold one of a set of names. It
// never misses a name the mention expression would match (and every
// mention holds a name); it may flag a place that holds none, which only
// costs a look at the text around it.
//
// For each name it keeps one window of up to four bytes taken from a word
// of the name, lower-cased, in a bitset indexed by a hash of the window;
// the text is scanned with a rolling window of its own lower-cased bytes.
// Only bytes whose case variants are all ASCII (or that have none) go into
// a window, so lower-casing the text byte by byte finds every spelling the
// case-insensitive expression accepts: "s" and "k" are left out, because
// "ſ" and the Kelvin sign fold to them, and so are accented capitals, whose
// lower case is a different byte sequence.
type prefilter struct {
	always bool        // some name has no usable window
	sizes  []int       // window lengths in use, 1 to 4
	bits   [4][]uint64 // by length-1: bitset of window hashes
}

const filterBits = 1 << 16

func newPrefilter(names []string) prefilter {
	var f prefilter
	for _, n := range names {
		w := window(n)
		if w == "" {
			f.always = true
			continue
		}
		set := &f.bits[len(w)-1]
		if *set == nil {
			*set = make([]uint64, filterBits/64)
			f.sizes = append(f.sizes, len(w))
		}
		var key uint32
		for i := 0; i < len(w); i++ {
			key = key<<8 | uint32(w[i])
		}
		h := filterHash(key)
		(*set)[h/64] |= 1 << (h % 64)
	}
	return f
}

// window picks the bytes of name the filter looks for: the first four
// bytes of the longest run of usable runes (the last such run on a tie:
// the last word of a law's name, "Law", "Ley", is less common in prose
// than "the" or "this"), lower-cased.
func window(name string) string {
	best := ""
	run := 0 // start of the current run
	flush := func(end int) {
		w := name[run:end]
		if len(w) > 4 {
			w = w[:4]
		}
		if w != "" && len(w) >= len(best) {
			best = w
		}
	}
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		i += size
		if !stableRune(r) {
			flush(i - size)
			run = i
		}
	}
	flush(len(name))
	b := []byte(best)
	for i, c := range b {
		b[i] = lower(c)
	}
	return string(b)
}

// stableRune reports whether r, in whatever case the text writes it, has
// bytes that lower(…) maps to one fixed sequence.
func stableRune(r rune) bool {
	if r == 0 || r == utf8.RuneError || unicode.IsSpace(r) {
		return false
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if r >= utf8.RuneSelf || f >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func filterHash(key uint32) uint32 {
	return (key * 0x9E3779B1) >> 16
}

// next returns the index of a byte at or after from that ends a window of
// one of the names, or -1 if there is none: the place around which a name,
// and so a mention, may be.
func (f *prefilter) next(text string, from int) int {
	if f.always {
		if from < len(text) {
			return from
		}
		return -1
	}
	var w uint32
	if len(f.sizes) == 1 {
		// The usual case, every name has a window of the same length:
		// the same loop without the inner one.
		n := f.sizes[0]
		set := f.bits[n-1]
		mask := uint32(1<<(8*n) - 1)
		if n == 4 {
			mask = ^uint32(0)
		}
		for i := from; i < len(text); i++ {
			w = w<<8 | uint32(lower(text[i]))
			if h := filterHash(w & mask); set[h/64]&(1<<(h%64)) != 0 {
				return i
			}
		}
		return -1
	}
	for i := from; i < len(text); i++ {
		w = w<<8 | uint32(lower(text[i]))
		for _, n := range f.sizes {
			key := w
			if n < 4 {
				key &= 1<<(8*n) - 1
			}
			h := filterHash(key)
			if f.bits[n-1][h/64]&(1<<(h%64)) != 0 {
				return i
			}
		}
	}
	return -1
}

// runeSet is a set of runes: those a regular expression can match anywhere
// in a match, or those a match can start with. A rune outside the first
// kind is a barrier no mention crosses, so only the stretch between the
// barriers around a prefilter hit needs looking at, not the whole
// paragraph; within it, only the runes of the second kind need trying.
type runeSet struct {
	all    bool      // the expression has a "." or the like
	ascii  [2]uint64 // runes below 128
	ranges [][2]rune // the others: sorted, disjoint, not adjacent
}

// newRuneSets collects the runes expr can match anywhere (all) and those
// a match can start with (first). expr must compile.
func newRuneSets(expr string) (all, first runeSet) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		// Cannot happen once regexp.Compile accepted expr; if it did,
		// no rune is a barrier and every rune may start a mention.
		return runeSet{all: true}, runeSet{all: true}
	}
	var b, f runeSetBuilder
	b.anywhere(re)
	if f.first(re) {
		f.all = true // a match may be empty: any place may start one
	}
	return b.done(), f.done()
}

// runeSetBuilder gathers the ranges of a runeSet.
type runeSetBuilder struct {
	runeSet
	ranges [][2]rune
}

func (s *runeSetBuilder) add(lo, hi rune) {
	for ; lo <= hi && lo < utf8.RuneSelf; lo++ {
		s.ascii[lo/64] |= 1 << (lo % 64)
	}
	if lo <= hi {
		s.ranges = append(s.ranges, [2]rune{lo, hi})
	}
}

// leaf adds what a literal's rune or a class matches; it reports false
// for the other kinds of node.
func (s *runeSetBuilder) leaf(re *syntax.Regexp, runes []rune) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range runes {
			s.add(r, r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					s.add(f, f)
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			s.add(re.Rune[i], re.Rune[i+1])
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		s.all = true
	default:
		return false
	}
	return true
}

// anywhere adds every rune re can match.
func (s *runeSetBuilder) anywhere(re *syntax.Regexp) {
	if s.leaf(re, re.Rune) {
		return
	}
	for _, sub := range re.Sub {
		s.anywhere(sub)
	}
}

// first adds the runes a match of re can start with and reports whether
// re can match the empty string, in which case what follows it can start
// the match too.
func (s *runeSetBuilder) first(re *syntax.Regexp) (nullable bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		s.leaf(re, re.Rune[:1])
		return false
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		s.leaf(re, nil)
		return false
	case syntax.OpNoMatch:
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return s.first(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		s.first(re.Sub[0])
		return true
	case syntax.OpRepeat:
		return s.first(re.Sub[0]) || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !s.first(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if s.first(sub) {
				nullable = true
			}
		}
		return nullable
	}
	return true // empty matches and assertions: ^, $, \b
}

// done sorts and merges the ranges.
func (s *runeSetBuilder) done() runeSet {
	slices.SortFunc(s.ranges, func(a, b [2]rune) int { return cmp.Compare(a[0], b[0]) })
	for _, r := range s.ranges {
		if n := len(s.runeSet.ranges); n > 0 && r[0] <= s.runeSet.ranges[n-1][1]+1 {
			s.runeSet.ranges[n-1][1] = max(s.runeSet.ranges[n-1][1], r[1])
			continue
		}
		s.runeSet.ranges = append(s.runeSet.ranges, r)
	}
	return s.runeSet
}

func (s *runeSet) has(r rune) bool {
	if s.all {
		return true
	}
	if r < utf8.RuneSelf {
		return r >= 0 && s.ascii[r/64]&(1<<(r%64)) != 0
	}
	_, found := slices.BinarySearchFunc(s.ranges, r, func(rg [2]rune, r rune) int {
		switch {
		case rg[1] < r:
			return -1
		case rg[0] > r:
			return 1
		}
		return 0
	})
	return found
}

// stretch returns the bounds [a, b) of the run of runes of s around the
// byte at hit: no match of the expression starts before a or ends after b.
// a == b when the rune at hit is outside s.
func (s *runeSet) stretch(text string, hit int) (a, b int) {
	for k := 0; k < utf8.UTFMax-1 && hit > 0 && !utf8.RuneStart(text[hit]); k++ {
		hit--
	}
	if r, _ := utf8.DecodeRuneInString(text[hit:]); !s.has(r) {
		return hit, hit
	}
	a, b = hit, hit
	for a > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:a])
		if !s.has(r) {
			break
		}
		a -= size
	}
	for b < len(text) {
		r, size := utf8.DecodeRuneInString(text[b:])
		if !s.has(r) {
			break
		}
		b += size
	}
	return a, b
}
