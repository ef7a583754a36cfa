package cite

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNumber is the largest article, paragraph or item number a citation,
// a heading or a mention may carry. No statute comes near it; the bound
// keeps numbers from overflowing and an author's typo (a pasted date, a
// phone number) from becoming a citation.
const MaxNumber = 99999

// Parse reads what is written between [[ and ]]:
//
//	cpl                  the whole law
//	cpl 48               an article
//	cpl 48(2)            a paragraph (款) of it
//	cpl 48(1)(8)         an item (项) of a paragraph
//	cpl 48(1)(8)|text    any of these with the author's own link text
//
// The law key is lowercase letters a–z, digits and "-", starting with a
// letter or digit. Numbers are decimal, from 1 to MaxNumber, without leading
// zeros. Spaces may surround the reference and the "|"; the link text is
// trimmed and may not be empty. An item needs a paragraph: "cpl 48(8)" is
// paragraph 8, as it is in the statute's own numbering.
//
// Parse is strict where a lenient reading could be wrong or where two
// spellings would make one citation hard to search for: "cpl 48 (1)", with
// a space before the paragraph, is an error that shows the one spelling
// ([[cpl 48(1)]]), as are "048", full-width brackets and upper-case keys.
//
// A malformed citation gives a *SyntaxError whose Offset is the byte in s
// where the problem is and whose message says how to write it instead.
func Parse(s string) (Citation, error) {
	p := parser{s: s}
	c, ok := p.citation()
	if !ok {
		return Citation{}, p.err
	}
	return c, nil
}

// parser reads one citation; err is set at the first problem.
type parser struct {
	s   string
	i   int
	err *SyntaxError
	ref Ref // what has been read so far, for the examples in messages
}

func (p *parser) fail(off int, format string, args ...any) bool {
	p.err = &SyntaxError{Offset: off, Msg: fmt.Sprintf(format, args...)}
	return false
}

func (p *parser) citation() (Citation, bool) {
	refEnd := len(p.s)
	if bar := strings.IndexByte(p.s, '|'); bar >= 0 {
		refEnd = bar
	}
	p.skipSpace(refEnd)
	if p.i == refEnd {
		if refEnd < len(p.s) {
			text := cmp.Or(strings.TrimSpace(p.s[refEnd+1:]), "link text")
			return Citation{}, p.fail(refEnd, `the citation has no law before "|": write the law's key and an article, e.g. [[cpl 48|%s]]`, text)
		}
		return Citation{}, p.fail(0, "the citation is empty: write the law's key and an article, e.g. [[cpl 48]]")
	}
	if !p.key(refEnd) || !p.numbers(refEnd) {
		return Citation{}, false
	}
	c := Citation{Ref: p.ref}
	if refEnd == len(p.s) {
		return c, true
	}
	c.Text = strings.TrimSpace(p.s[refEnd+1:])
	if c.Text == "" {
		return Citation{}, p.fail(refEnd, `the link text after "|" is empty: write the text, or leave out the "|" to get the usual wording, e.g. [[%s]]`, p.ref)
	}
	return c, true
}

// key reads the law key, up to a space or end.
func (p *parser) key(end int) bool {
	start := p.i
	for p.i < end && !isSpaceAt(p.s, p.i) {
		_, size := utf8.DecodeRuneInString(p.s[p.i:end])
		p.i += size
	}
	k := p.s[start:p.i]
	if k[0] == '-' {
		return p.fail(start, `%q is not a law key: a key starts with a letter or digit, e.g. [[cpl 48]]`, k)
	}
	for j, r := range k {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
		case r >= 'A' && r <= 'Z':
			return p.fail(start+j, `law keys are lowercase: write %q`, strings.ToLower(k))
		case (r == '(' || r == '（') && j > 0:
			return p.fail(start+j, `a paragraph in brackets follows an article number: write e.g. [[%s 48(1)]]`, k[:j])
		default:
			return p.fail(start+j, `%q is not a law key: a key has only lowercase letters a-z, digits and "-", e.g. [[cpl 48]]`, k)
		}
	}
	p.ref.Law = k
	return true
}

// numbers reads what follows the key: nothing, or an article with an
// optional paragraph and item, then only spaces up to end.
func (p *parser) numbers(end int) bool {
	p.skipSpace(end)
	if p.i == end {
		return true
	}
	law := p.ref.Law
	n, ok := p.number(end, "article", false, func(n int) string { return fmt.Sprintf("[[%s %d]]", law, n) })
	if !ok {
		return false
	}
	p.ref.Article = n
	for depth := 0; p.i < end && !isSpaceAt(p.s, p.i); depth++ {
		open := p.i
		switch r, _ := utf8.DecodeRuneInString(p.s[p.i:]); {
		case r == '（' || r == '）':
			return p.fail(open, `write the brackets of a citation in ASCII: [[%s(1)]]`, p.ref)
		case depth == 2 && r == '(':
			return p.fail(open, `a citation names at most an item: [[%s]] is already an item of a paragraph`, p.ref)
		case depth == 2:
			return p.unexpected(open, end)
		case r != '(':
			return p.fail(open, `unexpected %q after [[%s]]: %s is written in brackets, e.g. [[%s(1)]]`, p.token(open, end), p.ref, [2]string{"a paragraph", "an item"}[depth], p.ref)
		}
		p.i++
		what := [2]string{"paragraph", "item"}[depth]
		outer := p.ref
		n, ok := p.number(end, what, true, func(n int) string { return fmt.Sprintf("[[%s(%d)]]", outer, n) })
		if !ok {
			return false
		}
		switch r, _ := utf8.DecodeRuneInString(p.s[p.i:end]); {
		case r == ')':
		case r == '）':
			return p.fail(p.i, `write the brackets of a citation in ASCII: [[%s(%d)]]`, outer, n)
		case r == '(':
			return p.fail(p.i, `")" is missing after the %s number: write e.g. [[%s(%d)]]`, what, outer, n)
		default: // end or a space
			return p.fail(open, `"(" is not closed: write e.g. [[%s(%d)]]`, outer, n)
		}
		p.i++
		if depth == 0 {
			p.ref.Paragraph = n
		} else {
			p.ref.Item = n
		}
	}
	spaceAt := p.i
	p.skipSpace(end)
	if p.i == end {
		return true
	}
	if p.s[p.i] == '(' {
		rest := strings.Join(strings.Fields(p.s[p.i:end]), "")
		return p.fail(spaceAt, `remove the space before "(": write [[%s%s]]`, p.ref, rest)
	}
	return p.unexpected(p.i, end)
}

// unexpected reports text at i after a complete reference.
func (p *parser) unexpected(i, end int) bool {
	tok := p.token(i, end)
	return p.fail(i, `unexpected %q after [[%s]]: a citation names one provision; to choose the link text, write it after "|", e.g. [[%s|%s]]`, tok, p.ref, p.ref, tok)
}

// number reads a decimal number from 1 to MaxNumber at p.i. what names it
// in messages ("article"); bracketed says it follows a "("; example writes
// the citation with a number in its place, to show the author.
func (p *parser) number(end int, what string, bracketed bool, example func(int) string) (int, bool) {
	start := p.i
	for p.i < end && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	digits := p.s[start:p.i]
	a := "a"
	if what[0] == 'a' || what[0] == 'i' {
		a = "an"
	}
	sample := 1
	if what == "article" {
		sample = 48
	}
	if digits == "" && bracketed && (start == end || p.s[start] == ')' || isSpaceAt(p.s, start)) {
		return 0, p.fail(start, `the %s number after "(" is missing: write e.g. %s`, what, example(sample))
	}
	if digits == "" || (p.i < end && !isSpaceAt(p.s, p.i) && !isBracketAt(p.s, p.i)) {
		return 0, p.fail(start, `%q is not %s %s number: write the %s as digits, e.g. %s`, p.token(start, end), a, what, what, example(sample))
	}
	if digits[0] == '0' {
		if strings.Trim(digits, "0") == "" {
			return 0, p.fail(start, `%ss are numbered from 1: write e.g. %s`, what, example(1))
		}
		if n, err := strconv.Atoi(strings.TrimLeft(digits, "0")); err == nil && n <= MaxNumber {
			return 0, p.fail(start, `write the %s number without leading zeros: %s`, what, example(n))
		}
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > MaxNumber {
		return 0, p.fail(start, `%s number %s is too large: numbers in a citation go up to %d`, what, digits, MaxNumber)
	}
	return n, true
}

// isBracketAt reports whether s[i] starts an ASCII or full-width bracket,
// which may end a number.
func isBracketAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == '(' || r == ')' || r == '（' || r == '）'
}

// token is the word at i, up to a space, a bracket or end, for quoting in
// a message.
func (p *parser) token(i, end int) string {
	j := i
	for j < end && !isSpaceAt(p.s, j) && (j == i || (p.s[j] != '(' && p.s[j] != ')')) {
		_, size := utf8.DecodeRuneInString(p.s[j:end])
		j += size
	}
	return p.s[i:j]
}

func (p *parser) skipSpace(end int) {
	for p.i < end && isSpaceAt(p.s, p.i) {
		_, size := utf8.DecodeRuneInString(p.s[p.i:end])
		p.i += size
	}
}

// isSpaceAt reports whether a Unicode space starts at s[i]; a citation
// wrapped over two lines, or typed with an ideographic space, still reads.
func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// anchor writes the fragment id; numbers stop at the first one not given,
// so a malformed Ref (a paragraph without an article) still gives a usable
// id rather than "art-0-p1".
func anchor(r Ref) string {
	if r.Article <= 0 {
		return ""
	}
	s := "art-" + strconv.Itoa(r.Article)
	if r.Paragraph <= 0 {
		return s
	}
	s += "-p" + strconv.Itoa(r.Paragraph)
	if r.Item <= 0 {
		return s
	}
	return s + "-i" + strconv.Itoa(r.Item)
}

// refString writes r in citation syntax, stopping at the first number not
// given, like anchor; Parse reads it back.
func refString(r Ref) string {
	if r.Article <= 0 {
		return r.Law
	}
	s := r.Law + " " + strconv.Itoa(r.Article)
	if r.Paragraph <= 0 {
		return s
	}
	s += "(" + strconv.Itoa(r.Paragraph) + ")"
	if r.Item <= 0 {
		return s
	}
	return s + "(" + strconv.Itoa(r.Item) + ")"
}
