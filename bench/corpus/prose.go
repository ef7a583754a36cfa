package corpus

import (
	"math/rand/v2"
	"strings"
)

// writer draws prose from one language's words with one random stream.
type writer struct {
	v vocab
	r *rand.Rand
}

// emphasis says what inline emphasis a sentence gets.
type emphasis int

const (
	emRandom emphasis = iota // sometimes *emphasis*, sometimes **strong**
	emPlain                  // always one *emphasis*
	emStrong                 // always one **strong**
	emNone
)

func (w *writer) word() string { return w.v.words[w.r.IntN(len(w.v.words))] }

// join puts spaces between words except in scripts written without them.
func (w *writer) join(tokens []string) string {
	if w.v.cjk {
		return strings.Join(tokens, "")
	}
	return strings.Join(tokens, " ")
}

// phrase is n words without punctuation: headings, table cells, titles.
func (w *writer) phrase(n int) string {
	tokens := make([]string, n)
	for i := range tokens {
		tokens[i] = w.word()
	}
	return w.join(tokens)
}

// sentence is n words, capitalised, with commas and a full stop in the
// language's script.
func (w *writer) sentence(n int, em emphasis) string {
	tokens := make([]string, n)
	for i := range tokens {
		tokens[i] = w.word()
	}
	tokens[0] = capitalize(tokens[0])
	if em == emRandom {
		switch x := w.r.IntN(100); {
		case x < 12:
			em = emPlain
		case x < 18:
			em = emStrong
		default:
			em = emNone
		}
	}
	if n >= 2 && (em == emPlain || em == emStrong) {
		mark := "*"
		if em == emStrong {
			mark = "**"
		}
		l := 1 + w.r.IntN(min(2, n-1))
		i := w.r.IntN(n - l + 1)
		tokens[i] = mark + tokens[i]
		tokens[i+l-1] += mark
	}
	comma, stop := ",", "."
	if w.v.cjk {
		comma, stop = "，", "。"
	}
	for i := 4 + w.r.IntN(6); i < n-2; i += 4 + w.r.IntN(6) {
		tokens[i] += comma
	}
	return w.join(tokens) + stop
}

// paragraph is sentences of 8-20 words until about words words are written.
// Statute text passes emph false: the law has no emphasis.
func (w *writer) paragraph(words int, emph bool) string {
	em := emNone
	if emph {
		em = emRandom
	}
	var sentences []string
	for done := 0; done < words; {
		// The last sentence only tops the count up, so paragraphs come
		// out at their planned length.
		n := min(8+w.r.IntN(13), max(words-done, 5))
		sentences = append(sentences, w.sentence(n, em))
		done += n
	}
	return w.join(sentences)
}
