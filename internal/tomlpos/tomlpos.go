// Package tomlpos owns finding where keys are written in a TOML file. The
// TOML decoder keeps key positions to itself, and a diagnostic about a
// setting or a UI string is only useful with the line it is on, so this
// reads table headers and assignments the way TOML writes them, without
// decoding values. It is a best effort: anything it cannot place is
// reported at the closest key it can, or at the top of the file.
package tomlpos

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/lexsite/lexsite/internal/diag"
)

// Locator finds where keys and values are written in one TOML file.
type Locator struct {
	src   []byte
	lines *diag.Lines
	keys  map[string]int // key parts joined by "\x00" → byte offset of the key
}

// New indexes the keys of src.
func New(src []byte) *Locator {
	l := &Locator{src: src, lines: diag.NewLines(src), keys: map[string]int{}}
	var table []string
	inMulti := ""
	off := 0
	for raw := range strings.SplitAfterSeq(string(src), "\n") {
		start := off
		off += len(raw)
		text := strings.TrimRight(raw, "\r\n")
		if inMulti != "" {
			if strings.Contains(text, inMulti) {
				inMulti = ""
			}
			continue
		}
		trimmed := strings.TrimLeft(text, " \t")
		at := start + len(text) - len(trimmed)
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if trimmed[0] == '[' {
			header := strings.TrimLeft(trimmed, "[")
			if end := indexUnquoted(header, ']'); end >= 0 {
				header = header[:end]
			}
			table = splitKey(header)
			l.add(table, at)
			continue
		}
		eq := indexUnquoted(trimmed, '=')
		if eq < 0 {
			continue
		}
		full := append(append([]string{}, table...), splitKey(trimmed[:eq])...)
		l.add(full, at)
		rest := trimmed[eq+1:]
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(rest, q) == 1 {
				inMulti = q
			}
		}
	}
	return l
}

// add records key and every prefix of it, so a dotted assignment such as
// guides_count.one = "…" also locates guides_count. The first place wins: it
// is where a translator starts reading.
func (l *Locator) add(key []string, off int) {
	for n := 1; n <= len(key); n++ {
		k := strings.Join(key[:n], "\x00")
		if _, ok := l.keys[k]; !ok {
			l.keys[k] = off
		}
	}
}

// Offset returns the byte offset of key or of its closest written ancestor.
func (l *Locator) Offset(key ...string) (int, bool) {
	for n := len(key); n > 0; n-- {
		if off, ok := l.keys[strings.Join(key[:n], "\x00")]; ok {
			return off, true
		}
	}
	return 0, false
}

// Key returns the line and character column of key, or of its closest
// written ancestor, or 1:1.
func (l *Locator) Key(key ...string) (line, col int) {
	off, ok := l.Offset(key...)
	if !ok {
		return 1, 1
	}
	return l.lines.Pos(off)
}

// Value returns the position of byte at of the decoded string value of key,
// so an error inside a string points at the offending character. It finds
// the value's text after the key's "="; a value written with escapes is not
// found verbatim, and then the key's own position is used.
func (l *Locator) Value(value string, at int, key ...string) (line, col int) {
	off, ok := l.Offset(key...)
	if !ok || value == "" {
		return l.Key(key...)
	}
	if eq := bytes.IndexByte(l.src[off:], '='); eq >= 0 {
		off += eq + 1
	}
	i := bytes.Index(l.src[off:], []byte(value))
	if i < 0 {
		return l.Key(key...)
	}
	return l.lines.Pos(off + i + at)
}

// indexUnquoted is strings.IndexByte ignoring bytes inside TOML quotes, so a
// quoted key such as "a=b" is not split at its "=".
func indexUnquoted(s string, c byte) int {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0:
			if quote == '"' && s[i] == '\\' {
				i++ // an escaped character, such as \", does not end the quote
			} else if s[i] == quote {
				quote = 0
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		case s[i] == c:
			return i
		}
	}
	return -1
}

// splitKey splits a dotted TOML key into its parts, honouring quotes.
func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

// mismatch is the decoder's error for a value of the wrong type.
var mismatch = regexp.MustCompile(`^toml: line \d+ \(last key "([^"]*)"\): incompatible types: TOML value has type ([\w.\[\]]+); destination has type ([\w.\[\]]+)`)

// kindName says in an author's words what kind of value a type is.
func kindName(t string) string {
	switch {
	case t == "bool" || t == "boolean":
		return "true or false"
	case t == "string":
		return "text in quotes"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint") || t == "integer":
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]") || strings.HasPrefix(t, "slice") || t == "array":
		return "a list in [ ]"
	case strings.HasPrefix(t, "map") || t == "table" || strings.HasPrefix(t, "struct"):
		return "a table"
	}
	return "a " + t
}

// SyntaxError words a TOML decoding error for an author and places it: the
// line and character column (the decoder counts columns in bytes, so a line
// with "ñ" or "年" before the error would be off), pointing at the offending
// token rather than the blank before it.
func SyntaxError(src []byte, err error) (line, col int, msg string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		if m := mismatch.FindStringSubmatch(err.Error()); m != nil {
			// Valid TOML, but a value of the wrong kind for its setting.
			key := splitKey(m[1])
			line, col = New(src).Key(key...)
			return line, col, fmt.Sprintf("%s must be %s, not %s", m[1], kindName(m[3]), kindName(m[2]))
		}
		return 1, 1, "this is not valid TOML: " + err.Error()
	}
	msg = pe.Message
	if pe.Usage != "" {
		msg += " (" + strings.TrimSpace(strings.SplitN(pe.Usage, "\n", 2)[0]) + ")"
	}
	line = max(pe.Position.Line, 1)
	lines := diag.NewLines(src)
	start := lines.LineStart(line)
	end := start
	for end < len(src) && src[end] != '\n' {
		end++
	}
	off := min(start+max(pe.Position.Col-1, 0), end)
	for n := pe.Position.Len; n > 1 && off < end && (src[off] == ' ' || src[off] == '\t'); n-- {
		off++
	}
	if l, c := lines.Pos(off); l == line {
		col = c
	} else {
		col = 1
	}
	return line, col, "this is not valid TOML: " + msg
}
