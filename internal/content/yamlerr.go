package content

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/lexsite/lexsite/internal/diag"
)

// isParserProblem reports whether problem is one the YAML library's parser
// (as opposed to its scanner) reports. The library counts the line of a
// parser problem from 0 and the line of a scanner problem from 1
// (go.yaml.in/yaml/v3, parser.fail), so the kind decides which line a
// message means. The cases are the library's own parser messages;
// TestFrontMatterSyntaxErrors pins one of each shape an author meets.
func isParserProblem(problem string) bool {
	switch problem {
	case "did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"did not find expected '-' indicator",
		"did not find expected <document start>",
		"did not find expected <stream-start>",
		"did not find expected key",
		"did not find expected node content",
		"found duplicate %TAG directive",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}

// withHint adds to the YAML library's terse message what it means, in plain
// words, in front matter, where it most often comes from.
func withHint(problem string) string {
	var hint string
	switch problem {
	case "did not find expected ',' or ']'":
		hint = "a list that starts with [ must end with ], with a comma between its items, such as  tags: [returns, delivery]"
	case "did not find expected ',' or '}'":
		hint = "a group that starts with { must end with }, with a comma between its entries"
	case "did not find expected key":
		hint = "this line is not indented like the lines before it"
	case "did not find expected '-' indicator":
		hint = "this line is not indented like the list items before it"
	case "mapping values are not allowed in this context":
		hint = `put a value that contains ": " in quotes, such as  title: "Returns: your rights"`
	case "found a tab character that violates indentation":
		hint = "indent with spaces, not tabs"
	case "found character that cannot start any token":
		hint = "indent with spaces, not tabs, and put a value that starts with @ or ` in quotes"
	case "found unexpected end of stream":
		hint = "a quoted value is not closed: add the closing quote"
	case "could not find expected ':'":
		hint = `a key must be followed by ": " and its value`
	case "block sequence entries are not allowed in this context":
		hint = `a list item ("- ") must start a line of its own, below its key`
	default:
		return problem
	}
	return problem + ": " + hint
}

// yamlError returns the position in src (1-based, counted in src) and the
// message of the error of the YAML library reading src.
//
// The library reports a line only, and means by it the line of the problem
// it stopped at, or of the thing that problem is inside (the context): the
// [ of an unclosed list, the quote of an unclosed text. It counts that line
// from 0 for its parser's problems and from 1 for its scanner's, and it
// takes a context on its line 0 for no context at all. So the kind of
// problem decides the line; for a problem whose context is where the
// author must look, src is read again after an empty line, which moves
// every context off line 0. The column is 1, except where the place can be
// found in the text itself.
func yamlError(src []byte, err error) (line, col int, msg string) {
	if n, problem, ok := yamlLine(err); ok {
		line = n
		if atContext(problem) {
			var root yaml.Node
			if n2, p2, ok := yamlLine(yaml.Unmarshal(append([]byte{'\n'}, src...), &root)); ok && p2 == problem {
				line = n2 - 1
			}
		}
		return max(line, 1), 1, withHint(problem)
	}
	text, _, _ := strings.Cut(err.Error(), "\n")
	text = strings.TrimPrefix(text, "yaml: ")
	lines := diag.NewLines(src)
	if rest, ok := strings.CutPrefix(text, "unknown anchor '"); ok {
		name := strings.TrimSuffix(rest, "' referenced")
		msg := fmt.Sprintf("*%s refers to no anchor: write &%s before a value above it, or remove the *", name, name)
		if off := aliasOffset(src, name); off >= 0 {
			line, col := lines.Pos(off)
			return line, col, msg
		}
		return 1, 1, msg
	}
	if text == "control characters are not allowed" {
		if off, r := controlChar(src); off >= 0 {
			line, col := lines.Pos(off)
			return line, col, fmt.Sprintf("it holds the control character U+%04X, which YAML does not allow: delete it", r)
		}
	}
	return 1, 1, withHint(text)
}

// yamlLine returns the 1-based line an error of the YAML library names, and
// its message without the line; ok is false when it names none.
func yamlLine(err error) (line int, problem string, ok bool) {
	if err == nil {
		return 0, "", false
	}
	text, _, _ := strings.Cut(err.Error(), "\n")
	rest, ok := strings.CutPrefix(text, "yaml: line ")
	if !ok {
		return 0, "", false
	}
	num, problem, found := strings.Cut(rest, ": ")
	n, aerr := strconv.Atoi(num)
	if !found || aerr != nil {
		return 0, "", false
	}
	if isParserProblem(problem) {
		n++
	}
	return n, problem, true
}

// atContext reports whether the author must look where the thing the
// problem is inside starts, rather than where the library stopped: an
// unclosed list or group, or an unclosed quoted text, stops the library at
// the end of the front matter.
func atContext(problem string) bool {
	switch problem {
	case "did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"found unexpected end of stream":
		return true
	}
	return false
}

// aliasOffset returns the offset of the first alias *name in src, or -1.
func aliasOffset(src []byte, name string) int {
	want := []byte("*" + name)
	for from := 0; ; {
		i := bytes.Index(src[from:], want)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(want)
		before := i == 0 || bytes.IndexByte([]byte(" \t\n[{,"), src[i-1]) >= 0
		after := end == len(src) || bytes.IndexByte([]byte(" \t\r\n,]}"), src[end]) >= 0
		if before && after {
			return i
		}
		from = end
	}
}

// controlChar returns the offset of the first character YAML does not
// allow in a document, and the character; -1 if there is none.
func controlChar(src []byte) (int, rune) {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == '\t', r == '\n', r == '\r', r >= 0x20 && r <= 0x7E, r == 0x85,
			r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return i, r
		}
		i += size
	}
	return -1, 0
}
