package cite

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lexsite/lexsite/internal/placeholder"
	"github.com/lexsite/lexsite/internal/zhnum"
)

// Mentions is how one language mentions articles in running text.
type Mentions struct {
	// Patterns hold {article} and {law}, once each: "Article {article} of
	// the {law}", "{law}, Article {article}", "artículo {article} de la
	// {law}", "《{law}》{article}", "{law}{article}". "{{" is a literal "{".
	Patterns []string
	// ThisLaw holds the names a statute uses for itself ("this Law", "esta
	// Ley", "本法"); they stand for {law} only inside that statute and only
	// with an article, since "本法" alone is not worth a link and outside a
	// statute it names no law at all.
	ThisLaw []string
	// Numerals picks the grammar of {article}. "arabic" (the default)
	// matches 48, 48(1), 48(1)(8) and 48.1, 48.1.8. "chinese" matches
	// 第四十八条, 第四十八条第一款, 第四十八条第一款第（八）项, with the item
	// also written 第八项 or 第(八)项 and any number in Arabic digits
	// (第48条第1款). An item named without its paragraph (第四十八条第（八）项)
	// is of paragraph 1: Chinese drafting leaves the paragraph out only when
	// the article's list follows its first paragraph.
	Numerals string
}

// Law is a known law and the names prose in one language uses for it.
type Law struct {
	Key   string
	Names []string
}

// Match is one mention found in text: text[Start:End] is the whole
// mention; Ref.Article == 0 for a mention of the law alone.
type Match struct {
	Start, End int
	Ref        Ref
}

// Matcher finds the mentions of articles and laws in prose. It is built
// once per language and is safe for concurrent use.
//
// The work is split so the common case, a paragraph that mentions no law,
// costs one pass over its bytes and no allocation, and a paragraph that
// does costs little more than its mentions. Every mention contains a law's
// name, so a byte filter for the names comes first (prefilter). Around each
// place it flags, the stretch of text made only of runes a mention can hold
// is the only text that can hold a mention (runeSet.stretch). In it, at each
// rune a mention can start with, one anchored leftmost-longest regular
// expression for all the shapes says which shape and name match there. (An
// unanchored search of the stretch would be simpler, but with every name in
// every shape Go's regexp engine follows dozens of threads at each byte:
// measured, it made Find several times slower on the bundled guides.) The
// checks a regular expression cannot make (word boundaries around a
// mention, numbers in range) come last.
type Matcher struct {
	key     string
	chinese bool
	keys    map[string]string // folded name → law key
	plain   engine            // outside statutes: no ThisLaw names
	self    engine            // inside a statute: ThisLaw names too
}

// engine is the compiled form of the patterns with one set of names.
type engine struct {
	filter  prefilter
	runes   runeSet        // what a mention may hold: the rest are barriers
	first   runeSet        // what a mention may start with
	extract *regexp.Regexp // anchored, leftmost-longest, with captures
	alts    []alt          // the alternatives of extract, in order
}

// alt gives the capture groups of one alternative of extract; this and
// article are 0 where the alternative has none.
type alt struct {
	whole, law, this, article int
}

// Regular expression pieces. A space in a pattern or name matches any run
// of Unicode spaces (what unicode.IsSpace accepts), since prose wraps and
// typographers use no-break spaces. Numbers have no leading zero and at
// most five digits (MaxNumber).
const (
	reSpaces    = `[\t\n\v\f\r\x{85}\p{Z}]+`
	reSpacesOpt = `[\t\n\v\f\r\x{85}\p{Z}]*`
	reNum       = `[1-9][0-9]{0,4}`
	reArabic    = reNum + `(?:\(` + reNum + `\)(?:\(` + reNum + `\))?|\.` + reNum + `(?:\.` + reNum + `)?)?`
	reZhNum     = reSpacesOpt + `(?:[零〇一二两三四五六七八九十百千万]+|` + reNum + `|[１-９][０-９]{0,4})` + reSpacesOpt
	reChinese   = `第` + reZhNum + `条(?:第` + reZhNum + `款)?(?:第(?:` + reZhNum + `|（` + reZhNum + `）|\(` + reZhNum + `\))项)?`
)

// NewMatcher compiles the patterns of one language with the names of the
// laws known in it. An error names the pattern or name it cannot use: a
// pattern without {article} or {law} or with another placeholder, an
// unknown Numerals, a malformed key, or a name given to two laws.
func NewMatcher(m Mentions, laws []Law) (*Matcher, error) {
	mt := &Matcher{keys: map[string]string{}, key: fmt.Sprintf("%q", []any{m, laws})}
	switch m.Numerals {
	case "", "arabic":
	case "chinese":
		mt.chinese = true
	default:
		return nil, fmt.Errorf(`numerals %q: write "arabic" or "chinese"`, m.Numerals)
	}
	var names []string
	for _, l := range laws {
		if !ValidKey(l.Key) {
			return nil, fmt.Errorf("law key %q: a key is lowercase letters a-z, digits and \"-\", starting with a letter or digit", l.Key)
		}
		for _, n := range l.Names {
			k := foldKey(n)
			if k == "" {
				return nil, fmt.Errorf("law %s: a name is empty", l.Key)
			}
			if other, dup := mt.keys[k]; dup {
				if other != l.Key {
					return nil, fmt.Errorf("name %q is given to both %s and %s: a mention of it could not say which law it means", n, other, l.Key)
				}
				continue
			}
			mt.keys[k] = l.Key
			names = append(names, strings.TrimSpace(n))
		}
	}
	var this []string
	for _, n := range m.ThisLaw {
		k := foldKey(n)
		if k == "" {
			return nil, fmt.Errorf("this-law name %q is empty", n)
		}
		if key, dup := mt.keys[k]; dup {
			return nil, fmt.Errorf("this-law name %q is also a name of %s", n, key)
		}
		this = append(this, strings.TrimSpace(n))
	}
	article := reArabic
	if mt.chinese {
		article = reChinese
	}
	var pats [][]placeholder.Segment
	for _, p := range m.Patterns {
		segs, err := parsePattern(p)
		if err != nil {
			return nil, fmt.Errorf("mention pattern %q: %v", p, err)
		}
		pats = append(pats, segs)
	}
	var err error
	if mt.plain, err = newEngine(pats, names, nil, article); err != nil {
		return nil, err
	}
	if len(this) == 0 {
		mt.self = mt.plain
	} else if mt.self, err = newEngine(pats, names, this, article); err != nil {
		return nil, err
	}
	return mt, nil
}

// parsePattern splits a mention pattern at its placeholders, with the
// brace rules of every template (package placeholder); its placeholders
// are {article} and {law}, each once.
func parsePattern(p string) ([]placeholder.Segment, error) {
	segs, perr := placeholder.Parse(strings.TrimSpace(p))
	if perr != nil {
		if perr.Kind == placeholder.Unclosed {
			return nil, fmt.Errorf(`"{" is not closed: write {article} or {law}, or "{{" for a literal "{"`)
		}
		return nil, fmt.Errorf("{%s} is not a placeholder of mentions: use {article} and {law}", perr.Name)
	}
	seen := map[string]bool{}
	for _, s := range segs {
		if !s.Name {
			continue
		}
		if s.Text != "article" && s.Text != "law" {
			return nil, fmt.Errorf("{%s} is not a placeholder of mentions: use {article} and {law}", s.Text)
		}
		if seen[s.Text] {
			return nil, fmt.Errorf("{%s} appears twice: a mention names one article of one law", s.Text)
		}
		seen[s.Text] = true
	}
	for _, name := range []string{"article", "law"} {
		if !seen[name] {
			return nil, fmt.Errorf("no {%s}: a mention names an article of a law, e.g. \"Article {article} of the {law}\"", name)
		}
	}
	return segs, nil
}

// newEngine compiles the patterns with names standing for {law} (and this
// too, where given), and a last alternative for a law's name alone.
func newEngine(pats [][]placeholder.Segment, names, this []string, article string) (engine, error) {
	var e engine
	namesRE := alternation(names)
	var b strings.Builder
	b.WriteString("(?i)^(?:")
	n := 0 // capture groups so far
	open := func() int {
		b.WriteString("(")
		n++
		return n
	}
	for _, segs := range pats {
		a := alt{whole: open()}
		for _, s := range segs {
			switch {
			case !s.Name:
				b.WriteString(literal(s.Text))
			case s.Text == "article":
				a.article = open()
				b.WriteString(article + ")")
			case len(this) == 0:
				a.law = open()
				b.WriteString(namesRE + ")")
			default:
				b.WriteString("(?:")
				a.law = open()
				b.WriteString(namesRE + ")|")
				a.this = open()
				b.WriteString(alternation(this) + "))")
			}
		}
		b.WriteString(")|")
		e.alts = append(e.alts, a)
	}
	// The law alone, last: at the same start a pattern's match is longer,
	// so it wins anyway; the order only keeps alts in step with groups.
	lawOnly := alt{whole: open()}
	lawOnly.law = open()
	b.WriteString(namesRE + ")))")
	e.alts = append(e.alts, lawOnly)
	expr := b.String()
	var err error
	if e.extract, err = regexp.Compile(expr); err != nil {
		return engine{}, fmt.Errorf("mention patterns: %v", err)
	}
	e.extract.Longest()
	e.filter = newPrefilter(append(slices.Clip(names), this...))
	e.runes, e.first = newRuneSets(expr)
	return e, nil
}

// alternation matches any of names. Leftmost-longest matching already
// prefers 中华人民共和国消费者权益保护法 to 消费者权益保护法 inside it; the
// names are sorted, longest first, only so the expression does not depend
// on the order the laws were listed in.
func alternation(names []string) string {
	if len(names) == 0 {
		return `[^\x00-\x{10FFFF}]` // matches nothing
	}
	sorted := slices.SortedFunc(slices.Values(names), func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	parts := make([]string, len(sorted))
	for i, n := range sorted {
		parts[i] = literal(n)
	}
	return "(?:" + strings.Join(parts, "|") + ")"
}

// literal matches s, each run of spaces in it matching any run of spaces.
func literal(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			i = len(s)
		}
		b.WriteString(regexp.QuoteMeta(s[:i]))
		s = s[i:]
		if t := strings.TrimLeftFunc(s, unicode.IsSpace); len(t) < len(s) {
			b.WriteString(reSpaces)
			s = t
		}
	}
	return b.String()
}

// Key describes what the Matcher was made from: two Matchers with the same
// Key find the same mentions, so a parse made with one holds for the other.
func (m *Matcher) Key() string { return m.key }

// Find returns the mentions in text, left to right, not overlapping. self
// is the key of the statute the text belongs to ("" outside statutes):
// only then do ThisLaw names count.
//
// Where mentions could overlap, the one starting first wins, then the
// longest: a mention of an article beats one of its law alone, and the
// longest name of a law beats a shorter name inside it. Words in cased
// scripts must stand alone ("Article 480" is not Article 48, "lawyer" does
// not hold "law"); Chinese and Japanese need no spaces and get no such
// check. "Article 48" with no law named is no mention: a guide's own
// numbering would otherwise link to statutes.
func (m *Matcher) Find(text, self string) []Match {
	e := &m.plain
	if self != "" {
		e = &m.self
	}
	var out []Match
	for from := 0; from < len(text); {
		hit := e.filter.next(text, from)
		if hit < 0 {
			break
		}
		a, b := e.runes.stretch(text, hit)
		if a == b {
			from = hit + 1
			continue
		}
		out = m.findIn(e, text, a, b, self, out)
		// b > hit, except where hit is a stray byte of broken UTF-8
		// after a rune of the stretch.
		from = max(b, hit+1)
	}
	return out
}

// findIn appends to out the mentions in text[a:b], a stretch that no
// mention crosses; the checks of word boundaries still look past it.
func (m *Matcher) findIn(e *engine, text string, a, b int, self string, out []Match) []Match {
	for pos := a; pos < b; {
		r, size := utf8.DecodeRuneInString(text[pos:b])
		if e.first.has(r) && boundaryBefore(text, pos) {
			if mt, ok := m.longestValid(e, text, pos, b, self); ok {
				out = append(out, mt)
				pos = mt.End
				continue
			}
		}
		pos += size
	}
	return out
}

// longestValid returns the longest mention starting at start and ending at
// or before end that passes the checks the expression cannot make: a word
// boundary after it, and numbers Parse would accept.
func (m *Matcher) longestValid(e *engine, text string, start, end int, self string) (Match, bool) {
	for limit := end; limit > start; {
		sub := e.extract.FindStringSubmatchIndex(text[start:limit])
		if sub == nil || sub[1] == 0 {
			return Match{}, false
		}
		stop := start + sub[1]
		if boundaryAfter(text, stop) {
			if ref, ok := m.ref(e, text[start:stop], sub, self); ok {
				return Match{Start: start, End: stop, Ref: ref}, true
			}
		}
		_, size := utf8.DecodeLastRuneInString(text[start:stop])
		limit = stop - size
	}
	return Match{}, false
}

// ref decodes the groups of one match of e.extract against s.
func (m *Matcher) ref(e *engine, s string, sub []int, self string) (Ref, bool) {
	group := func(i int) (string, bool) {
		if i == 0 || sub[2*i] < 0 {
			return "", false
		}
		return s[sub[2*i]:sub[2*i+1]], true
	}
	for _, a := range e.alts {
		if _, ok := group(a.whole); !ok {
			continue
		}
		var r Ref
		if name, ok := group(a.law); ok {
			r.Law = m.keys[foldKey(name)]
		} else if _, ok := group(a.this); ok {
			r.Law = self
		}
		if r.Law == "" {
			return Ref{}, false
		}
		if tok, ok := group(a.article); ok {
			if !m.numbers(tok, &r) {
				return Ref{}, false
			}
		}
		return r, true
	}
	return Ref{}, false
}

// numbers reads the article, paragraph and item of an {article} match.
func (m *Matcher) numbers(tok string, r *Ref) bool {
	var nums [3]int
	if !m.chinese {
		// 48, 48(1)(8) or 48.1.8: the runs of digits, in order.
		k := 0
		for _, f := range strings.FieldsFunc(tok, func(r rune) bool { return r < '0' || r > '9' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 || n > MaxNumber || k == len(nums) {
				return false
			}
			nums[k] = n
			k++
		}
	} else {
		// 第…条第…款第…项: the numeral between each 第 and its unit.
		for _, part := range strings.Split(tok, "第")[1:] {
			unit, size := utf8.DecodeLastRuneInString(part)
			num := strings.TrimFunc(part[:len(part)-size], func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("()（）", r) })
			n, ok := zhnum.Parse(num)
			if !ok || n < 1 || n > MaxNumber {
				return false
			}
			switch unit {
			case '条':
				nums[0] = n
			case '款':
				nums[1] = n
			case '项':
				nums[2] = n
			default:
				return false
			}
		}
		if nums[2] > 0 && nums[1] == 0 {
			nums[1] = 1
		}
	}
	r.Article, r.Paragraph, r.Item = nums[0], nums[1], nums[2]
	return r.Article > 0
}

// boundaryBefore reports whether a mention may start at text[i]: not in
// the middle of a word of a cased script.
func boundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	first, _ := utf8.DecodeRuneInString(text[i:])
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	return !wordRune(first) || !wordRune(prev)
}

// boundaryAfter reports whether a mention may end before text[i].
func boundaryAfter(text string, i int) bool {
	if i == len(text) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i:])
	return !wordRune(last) || !wordRune(next)
}

// wordRune reports whether r belongs to a word that needs spaces or
// punctuation around it: letters of scripts written with spaces between
// words, digits, combining marks and "_". Han, kana and the like are
// written without spaces, so a name in them may touch any text.
func wordRune(r rune) bool {
	switch {
	case r == '_' || unicode.IsDigit(r) || unicode.IsMark(r):
		return true
	case !unicode.IsLetter(r):
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}

// foldKey is s with its letters folded the way (?i) folds them and its
// runs of spaces made one space, so that whatever spelling of a name the
// expression matched finds the law it names.
func foldKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune is the smallest rune of r's case-folding orbit.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// ValidKey reports whether k is a law key as citations write it: lowercase
// letters a-z, digits and "-", not first. A statute's file name is its key,
// so statute.ValidKey is this check.
func ValidKey(k string) bool {
	if k == "" || k[0] == '-' {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
