// Package tomlpos owns where keys are written in a TOML file and how a
// decoding problem is told to an author: a diagnostic about a setting or a
// UI string is only useful with the line it is on. Positions come from
// go-toml's parser and decoder, converted to the character columns every
// diagnostic uses; anything that cannot be placed is reported at the
// closest key, or at the top of the file.
package tomlpos

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/lexsite/lexsite/internal/diag"
)

// Locator finds where keys and values are written in one TOML file.
type Locator struct {
	src    []byte
	lines  *diag.Lines
	keys   map[string]int           // key parts joined by "\x00" → byte offset of the key
	values map[string]unstable.Kind // the same → kind of the value written there
	arrays map[string][]int         // the same → byte offset of each [[header]]
	// every holds the offset of each place a key is written, in order: a
	// key of a list of tables ([[help]]) is written once per entry.
	every map[string][]int
	// elems holds the keys of each entry of a list of tables: the list's
	// key, the entry's index and the key within it, joined by "\x00".
	elems map[string]int
}

// New indexes the keys of src with go-toml's own parser, so every way TOML
// writes a key (quoted, dotted, in an inline table, after a multi-line
// string) is placed exactly. A document that does not parse is indexed up
// to its first error.
func New(src []byte) *Locator {
	l := &Locator{src: src, lines: diag.NewLines(src), keys: map[string]int{}, values: map[string]unstable.Kind{},
		arrays: map[string][]int{}, every: map[string][]int{}, elems: map[string]int{}}
	var p unstable.Parser
	p.Reset(src)
	var table []string
	elem := "" // the entry of a list of tables being read: its key and index
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			var off int
			table, off = keyOf(e)
			// A header is placed at its "[", where the author's eye is.
			for off > 0 && (src[off-1] == ' ' || src[off-1] == '\t') {
				off--
			}
			for off > 0 && src[off-1] == '[' {
				off--
			}
			l.add(table, off)
			elem = ""
			if e.Kind == unstable.ArrayTable {
				k := strings.Join(table, "\x00")
				l.arrays[k] = append(l.arrays[k], off)
				elem = k + "\x00" + strconv.Itoa(len(l.arrays[k])-1)
			}
		case unstable.KeyValue:
			l.keyValue(table, elem, e)
		}
	}
	return l
}

// keyValue records an assignment under table, and the keys of an inline
// table written as its value; elem names the entry of a list of tables
// the table is, if it is one.
func (l *Locator) keyValue(table []string, elem string, kv *unstable.Node) {
	key, off := keyOf(kv)
	full := append(slices.Clip(table), key...)
	l.add(full, off)
	k := strings.Join(full, "\x00")
	l.every[k] = append(l.every[k], off)
	if elem != "" {
		if ek := elem + "\x00" + strings.Join(key, "\x00"); !hasKey(l.elems, ek) {
			l.elems[ek] = off // a key written twice is the decoder's error
		}
	}
	v := kv.Value()
	l.values[k] = v.Kind
	if v.Kind == unstable.InlineTable {
		for it := v.Children(); it.Next(); {
			l.keyValue(full, "", it.Node())
		}
	}
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// keyOf returns the parts of a node's key and the offset of its first part.
func keyOf(n *unstable.Node) ([]string, int) {
	var parts []string
	off := -1
	for it := n.Key(); it.Next(); {
		k := it.Node()
		if off < 0 {
			off = int(k.Raw.Offset)
		}
		parts = append(parts, string(k.Data))
	}
	return parts, max(off, 0)
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

// Keys returns every key written in the file, tables included, each once,
// in the order of the file.
func (l *Locator) Keys() [][]string {
	out := make([][]string, 0, len(l.keys))
	for k := range l.keys {
		out = append(out, strings.Split(k, "\x00"))
	}
	slices.SortFunc(out, func(a, b []string) int {
		if c := l.keys[strings.Join(a, "\x00")] - l.keys[strings.Join(b, "\x00")]; c != 0 {
			return c
		}
		return len(a) - len(b)
	})
	return out
}

// ArrayTables returns the line of each [[name]] header, in order, so a
// problem with the third redirect points at the third [[redirects]].
func (l *Locator) ArrayTables(name ...string) []int {
	var lines []int
	for _, off := range l.arrays[strings.Join(name, "\x00")] {
		line, _ := l.lines.Pos(off)
		lines = append(lines, line)
	}
	return lines
}

// Entry returns the line and character column of key in entry i (from 0)
// of the list of tables list, such as the website of the second [[help]]:
// Entry([]string{"help"}, 1, "website"). Without such a key in the entry,
// it is the entry's [[header]]; without such an entry, Key(list...).
func (l *Locator) Entry(list []string, i int, key ...string) (line, col int) {
	k := strings.Join(list, "\x00")
	if off, ok := l.elems[k+"\x00"+strconv.Itoa(i)+"\x00"+strings.Join(key, "\x00")]; ok && len(key) > 0 {
		return l.lines.Pos(off)
	}
	if heads := l.arrays[k]; i >= 0 && i < len(heads) {
		return l.lines.Pos(heads[i])
	}
	return l.Key(list...)
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

// SyntaxError words an error of BurntSushi/toml's decoder, which the UI
// strings are still read with (its wording of syntax errors is the one
// translators' tests pin), for an author, and places it: the
// line and character column (the decoder counts columns in bytes, so a line
// with "ñ" or "年" before the error would be off), pointing at the offending
// token rather than the blank before it.
func SyntaxError(src []byte, err error) (line, col int, msg string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
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
