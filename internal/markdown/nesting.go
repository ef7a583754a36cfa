package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// The Markdown parser checks every line against every list and block
// quote it is in, on lines whose indentation grows with the depth, so its
// time grows with the cube of the depth: 3,000 levels of indented list take
// minutes. Documents nested deeper than a limit are therefore refused, and
// scanNesting finds most of them in one pass over the text before the
// parser starts. After parsing, the tree's own depth is checked too
// (treeNesting), so the limit holds even where the scan could not tell.

// scanNesting looks for a line nested deeper than limit in lists and block
// quotes, without parsing the document. It returns the deepest nesting it
// found and, when that is more than limit, the byte offset of the list
// marker or ">" that goes past it; otherwise off is -1.
//
// The scan never claims more depth than the CommonMark block structure
// has, so it never refuses a document the parser would find within the
// limit. It follows the list items whose content column it knows exactly
// (the column sets which later lines they contain), and counts the block
// quotes and list items that start on each line. Wherever it cannot be
// sure — a tab in the indentation, a carriage return inside a line, a
// lazy continuation line, a line in a block quote, after a fenced code
// block or an HTML block — it forgets the open list items and starts over,
// which can only undercount. Lines inside fenced code blocks and HTML
// blocks are skipped.
func scanNesting(src []byte, limit int) (depth, off int) {
	var open []int // content columns of the open list items, outermost first
	var fence []byte
	htmlEnd, inHTML := "", false
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		lineStart := start
		start = end + 1
		blank := len(bytes.Trim(line, " \t\r")) == 0
		switch {
		case fence != nil:
			if closesFence(line, fence) {
				fence, open = nil, open[:0]
			}
			continue
		case inHTML:
			if (htmlEnd == "" && blank) || (htmlEnd != "" && bytes.Contains(line, []byte(htmlEnd))) {
				inHTML, open = false, open[:0]
			}
			continue
		case blank:
			continue
		}
		d, at := lineNesting(line, &open, limit)
		if d > depth {
			depth = d
		}
		if at >= 0 {
			return depth, lineStart + at
		}
		text := bytes.TrimLeft(line[containerPrefix(line):], " \t")
		if f := fenceOpener(text); f != nil {
			fence, open = f, open[:0]
		} else if len(text) > 0 && text[0] == '<' {
			htmlEnd, inHTML, open = htmlBlockEnd(text), true, open[:0]
			if htmlEnd != "" && bytes.Contains(text[1:], []byte(htmlEnd)) {
				inHTML = false
			}
		}
	}
	return depth, -1
}

// lineNesting returns how deep the containers that start on line are
// nested, given the list items open before it, and updates those. at is
// the offset in line of the marker that goes past limit, or -1.
func lineNesting(line []byte, open *[]int, limit int) (depth, at int) {
	if r := bytes.IndexByte(line, '\r'); r >= 0 && r < len(line)-1 {
		// Parsers differ on a carriage return inside a line: as a line
		// end, or as a space (which can make "* *\r*" a thematic break).
		*open = (*open)[:0]
		return 0, -1
	}
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i < len(line) && line[i] == '\t' {
		*open = (*open)[:0] // columns after a tab depend on tab stops
		return 0, -1
	}
	// The line is in the items whose content starts at or before its
	// indentation; a less indented line closes the others (or is a lazy
	// continuation of a paragraph in them: forgetting them undercounts).
	for len(*open) > 0 && i < (*open)[len(*open)-1] {
		*open = (*open)[:len(*open)-1]
	}
	base := 0
	if len(*open) > 0 {
		base = (*open)[len(*open)-1]
	}
	if i-base >= 4 {
		return len(*open), -1 // indented code, or more text of a paragraph
	}
	depth, quoted := len(*open), false
	for i < len(line) {
		if line[i] == '>' {
			depth++
			if depth > limit {
				return depth, i
			}
			quoted = true
			i++
			if i < len(line) && line[i] == ' ' {
				i++
			}
			s := spaces(line[i:])
			if s < 0 || s >= 4 {
				break // a tab, or indented code inside the quote
			}
			i += s
			continue
		}
		w := listMarker(line[i:])
		if w == 0 || thematicBreak(line[i:]) {
			break
		}
		s := spaces(line[i+w:])
		rest := line[i+w:]
		if s <= 0 || len(bytes.Trim(rest, " \r")) == 0 {
			break // not a marker, a tab after it, or an empty item (which cannot interrupt a paragraph)
		}
		depth++
		if depth > limit {
			return depth, i
		}
		content := i + w + s
		if s > 4 {
			content = i + w + 1 // the rest is indented code in the item
		}
		if !quoted {
			*open = append(*open, content)
		}
		if s > 4 {
			break
		}
		i += w + s
	}
	return depth, -1
}

// spaces returns the number of spaces that b starts with, or -1 if a tab
// comes first.
func spaces(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ' ' {
		n++
	}
	if n < len(b) && b[n] == '\t' {
		return -1
	}
	return n
}

// listMarker returns the width of the list marker b starts with, or 0. Of
// ordered markers only 1. and 1) count: a list starting at another number
// cannot interrupt a paragraph, so it may be text.
func listMarker(b []byte) int {
	if len(b) >= 1 && (b[0] == '-' || b[0] == '*' || b[0] == '+') {
		return 1
	}
	if len(b) >= 2 && b[0] == '1' && (b[1] == '.' || b[1] == ')') {
		return 2
	}
	return 0
}

// thematicBreak reports whether b is a line such as "- - -" or "***",
// which is a thematic break and not a list item.
func thematicBreak(b []byte) bool {
	b = bytes.TrimRight(b, " \t\r")
	if len(b) == 0 || (b[0] != '-' && b[0] != '*' && b[0] != '_') {
		return false
	}
	n := 0
	for _, c := range b {
		switch c {
		case b[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// containerPrefix returns the length of the block quote markers, list
// markers and spaces line starts with, read loosely: it finds where the
// text of a line starts, to see whether a code fence or HTML block opens
// there.
func containerPrefix(line []byte) int {
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return i
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				i = j + 1
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}

// fenceOpener returns the fence that text opens (its run of backticks or
// tildes), or nil.
func fenceOpener(text []byte) []byte {
	if len(text) < 3 || (text[0] != '`' && text[0] != '~') {
		return nil
	}
	n := 0
	for n < len(text) && text[n] == text[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return text[:n]
}

// closesFence reports whether line, read loosely, is the closing fence of
// fence: at least as many of its characters and nothing else.
func closesFence(line, fence []byte) bool {
	text := bytes.TrimLeft(line, " \t>")
	n := 0
	for n < len(text) && text[n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(bytes.Trim(text[n:], " \t\r")) == 0
}

// htmlBlockEnd returns what ends the HTML block that text starts: a text
// for the kinds that run until it, "" for those that end at a blank line.
func htmlBlockEnd(text []byte) string {
	lower := bytes.ToLower(text[:min(len(text), 10)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!--")):
		return "-->"
	case bytes.HasPrefix(lower, []byte("<?")):
		return "?>"
	case bytes.HasPrefix(lower, []byte("<![cdata[")):
		return "]]>"
	case bytes.HasPrefix(lower, []byte("<!")):
		return ">"
	}
	for _, tag := range []string{"script", "pre", "style", "textarea"} {
		if bytes.HasPrefix(lower[1:], []byte(tag)) {
			return "</" + tag + ">"
		}
	}
	return ""
}

// treeNesting returns the first list item or block quote of a parsed
// document nested deeper than limit, or nil, and the deepest nesting.
func treeNesting(root ast.Node, limit int) (deepest int, first ast.Node) {
	depth := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() != ast.KindListItem && n.Kind() != ast.KindBlockquote {
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		deepest = max(deepest, depth)
		if depth > limit && first == nil {
			first = n
		}
		return ast.WalkContinue, nil
	})
	return deepest, first
}
