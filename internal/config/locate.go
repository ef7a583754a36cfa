package config

import (
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// locator finds where a key is written in a TOML file. The TOML decoder keeps
// key positions to itself, and an unknown key is only useful to an author
// with the line it is on, so this reads the file's table headers and
// assignments the way TOML defines them, without decoding values.
type locator struct {
	entries map[string][2]int // full dotted key → line, col
}

func newLocator(src []byte) *locator {
	l := &locator{entries: map[string][2]int{}}
	var table []string
	inMulti := ""
	for i, raw := range strings.Split(string(src), "\n") {
		line := i + 1
		text := strings.TrimRight(raw, "\r")
		if inMulti != "" {
			if strings.Contains(text, inMulti) {
				inMulti = ""
			}
			continue
		}
		trimmed := strings.TrimLeft(text, " \t")
		indent := utf8.RuneCountInString(text[:len(text)-len(trimmed)])
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if trimmed[0] == '[' {
			header := strings.TrimPrefix(strings.TrimPrefix(trimmed, "["), "[")
			if end := strings.Index(header, "]"); end >= 0 {
				header = header[:end]
			}
			table = splitKey(header)
			l.add(table, line, indent+1)
			continue
		}
		eq := strings.Index(trimmed, "=")
		if eq < 0 {
			continue
		}
		key := splitKey(trimmed[:eq])
		full := append(append([]string{}, table...), key...)
		l.add(full, line, indent+1)
		rest := trimmed[eq+1:]
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(rest, q) == 1 {
				inMulti = q
			}
		}
	}
	return l
}

func (l *locator) add(key []string, line, col int) {
	// Every prefix is recorded too, so a dotted assignment such as
	// languages.en.name = "…" also locates "languages.en".
	for n := 1; n <= len(key); n++ {
		k := strings.Join(key[:n], "\x00")
		if _, ok := l.entries[k]; !ok {
			l.entries[k] = [2]int{line, col}
		}
	}
}

// find returns the position of key, or of its closest written ancestor, or
// the top of the file.
func (l *locator) find(key toml.Key) (int, int) {
	for n := len(key); n > 0; n-- {
		if p, ok := l.entries[strings.Join(key[:n], "\x00")]; ok {
			return p[0], p[1]
		}
	}
	return 1, 1
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
	parts = append(parts, strings.TrimSpace(cur.String()))
	return parts
}
