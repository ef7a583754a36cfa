// Package placeholder owns the one template syntax that UI strings,
// citation styles and mention patterns share: "{name}" is a placeholder,
// "{{" a literal "{", and a lone "}" needs no escape. Each user decides
// which names it knows and words its own messages; the reading of braces is
// here, once, so the three cannot drift apart.
package placeholder

import (
	"strings"
	"unicode"
)

// Segment is a piece of a template: literal text, or a placeholder's name.
type Segment struct {
	Text string
	Name bool
	// Offset is the byte offset in the template of a placeholder's "{".
	Offset int
}

// ErrorKind says what is wrong with a template.
type ErrorKind int

const (
	// Unclosed: a "{" with no "}" before the next "{" or the line's end.
	Unclosed ErrorKind = iota
	// BadName: "{...}" whose name is not letters, digits, "_" and "-".
	BadName
)

// SyntaxError is a malformed placeholder at a byte offset of a template.
type SyntaxError struct {
	Offset int
	Kind   ErrorKind
	// Name is what stands between the braces, for BadName.
	Name string
}

func (e *SyntaxError) Error() string {
	if e.Kind == Unclosed {
		return `"{" is not closed`
	}
	return "{" + e.Name + "} is not a placeholder"
}

// Parse splits s into literal text and placeholders.
func Parse(s string) ([]Segment, *SyntaxError) {
	var segs []Segment
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			segs = append(segs, Segment{Text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		name, next, kind := at(s, i)
		switch kind {
		case literal:
			lit.WriteString(name)
		case unclosed:
			return nil, &SyntaxError{Offset: i, Kind: Unclosed}
		case placeholder:
			if !ValidName(name) {
				return nil, &SyntaxError{Offset: i, Kind: BadName, Name: name}
			}
			flush()
			segs = append(segs, Segment{Text: name, Name: true, Offset: i})
		}
		i = next
	}
	flush()
	return segs, nil
}

// Fill replaces each {name} of tmpl by value(name). It never fails: an
// unknown placeholder or an unclosed "{" is written as it stands, so a
// mistake shows on the page instead of vanishing. Templates are checked
// with Parse when a site is loaded; Fill is for the render path, and
// allocates nothing for a template without braces.
func Fill(tmpl string, value func(name string) (string, bool)) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); {
		text, next, kind := at(tmpl, i)
		switch kind {
		case literal:
			b.WriteString(text)
		case placeholder:
			if v, ok := value(text); ok {
				b.WriteString(v)
				break
			}
			b.WriteString(tmpl[i:next])
		case unclosed:
			b.WriteByte('{')
		}
		i = next
	}
	return b.String()
}

type token int

const (
	literal token = iota
	placeholder
	unclosed
)

// at reads the token that starts at byte i of s: a run of literal text (an
// escaped "{{" reads as "{"), a placeholder's name, or an unclosed "{". It
// returns where the next token starts.
func at(s string, i int) (text string, next int, kind token) {
	if s[i] != '{' {
		j := strings.IndexByte(s[i:], '{')
		if j < 0 {
			return s[i:], len(s), literal
		}
		return s[i : i+j], i + j, literal
	}
	if strings.HasPrefix(s[i:], "{{") {
		return "{", i + 2, literal
	}
	end := strings.IndexAny(s[i+1:], "{}\n")
	if end < 0 || s[i+1+end] != '}' {
		return "", i + 1, unclosed
	}
	return s[i+1 : i+1+end], i + end + 2, placeholder
}

// ValidName reports whether s can name a placeholder: letters, digits, "_"
// and "-".
func ValidName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' {
			return false
		}
	}
	return true
}
