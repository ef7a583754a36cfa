// Package cite owns the language of legal citations: the reference a
// citation names ("cpl 48(1)(8)"), how each language writes one ("Consumer
// Protection Law, Article 48(1)(8)", "《消费者权益保护法》第四十八条第一款第（八）项"),
// how an article heading is recognised in a statute, and how prose mentions
// of an article are found so they can become links.
//
// Everything here is pure text work with no knowledge of files or pages, so
// each piece is tested from case files and fuzzed on its own.
package cite

// Ref names a law, or a provision of it. Zero numbers mean "not given":
// {Law: "cpl"} is the whole law, {Law: "cpl", Article: 48, Paragraph: 1}
// is Article 48, paragraph 1.
type Ref struct {
	Law       string
	Article   int
	Paragraph int
	Item      int
}

// Anchor is the fragment id of the provision on the law's page:
// "art-48", "art-48-p1", "art-48-p1-i8"; "" for the whole law.
func (r Ref) Anchor() string { return anchor(r) }

// String writes the reference the way a citation does: "cpl 48(1)(8)".
func (r Ref) String() string { return refString(r) }

// SyntaxError is a malformed citation. Offset is the byte offset inside the
// text given to Parse at which the problem is, so the caller can point an
// author at the exact column.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Citation is what is written between [[ and ]]: a reference and, after a
// "|", the link text the author chose.
type Citation struct {
	Ref  Ref
	Text string // "" when the author gave none
}

// Style is how one language writes citations. The templates take the
// placeholders {law} (the law's short title), {article}, {paragraph} and
// {item}; numbers are written with Numerals.
type Style struct {
	Law, Article, Paragraph, Item string
	// Numerals is "arabic" (default) or "chinese".
	Numerals string
}
