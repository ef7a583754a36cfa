package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/lexsite/lexsite/bench/corpus"
)

// deepList returns n levels of list, each item indented under the one
// before it.
func deepList(n int, marker string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i*(len(marker)+1)) + marker + " item\n")
	}
	return b.String()
}

func TestScanNesting(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		limit int
		depth int
		at    string // the text from the reported offset on; "" when within the limit
	}{
		{"plain text", "Some text.\n\nMore.\n", 3, 0, ""},
		{"flat list", "- a\n- b\n- c\n", 3, 1, ""},
		{"nested within the limit", deepList(3, "-"), 3, 3, ""},
		{"one level too deep", deepList(4, "-"), 3, 4, "- item\n"},
		{"ordered markers", deepList(5, "1."), 3, 4, "1. item\n"},
		{"block quotes on one line", "> > > > deep\n", 3, 4, "> deep\n"},
		{"block quotes without spaces", ">>>>deep\n", 3, 4, ">deep\n"},
		{"lists on one line", "- - - - x\n", 3, 4, "- x\n"},
		{"list in quote in list", "- a\n  > - > x\n", 3, 4, "> x\n"},
		{"blank lines inside items", "- a\n\n  - b\n\n    - c\n\n      - d\n", 3, 4, "- d\n"},
		{"a less indented line closes items", "- a\n  - b\n    - c\nx\n      - d\n", 3, 3, ""},
		{"indented four or more is code or text", "- a\n      - b\n", 3, 1, ""},
		{"thematic break is no item", "- a\n  - - -\n", 1, 1, ""},
		{"empty item is not counted", "- a\n  -\n", 1, 1, ""},
		{"marker needs a space", "- a\n  -b\n", 1, 1, ""},
		{"other start numbers are not counted", "1. a\n   2. b\n", 1, 1, ""},
		{"tab forgets the open items", "- a\n  - b\n\t- c\n      - d\n", 3, 2, ""},
		{"fenced code is skipped", "- a\n  ```\n  - b\n    - c\n      - d\n  ```\n", 2, 1, ""},
		{"tilde fence", "~~~~\n- a\n  - b\n    - c\n~~~\n  - d\n~~~~\n- x\n", 2, 1, ""},
		{"fence in a quote", "> ```\n> - a\n>   - b\n>     - c\n> ```\n", 2, 1, ""},
		{"HTML block until a blank line", "<div>\n- a\n  - b\n    - c\n</div>\n\n- x\n", 2, 1, ""},
		{"HTML comment across blank lines", "<!--\n\n- a\n  - b\n    - c\n-->\n- x\n", 2, 1, ""},
		{"after the fence, counting starts over", "```\nx\n```\n" + deepList(4, "-"), 3, 4, "- item\n"},
		{"CRLF line ends", strings.ReplaceAll(deepList(4, "*"), "\n", "\r\n"), 3, 4, "* item\r\n"},
		{"wide gap after the marker", "-     code\n  - b\n", 3, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			depth, off := scanNesting([]byte(tt.src), tt.limit)
			at := ""
			if off >= 0 {
				at = tt.src[off:]
				if i := strings.IndexByte(at, '\n'); i >= 0 {
					at = at[:i+1]
				}
			}
			if depth != tt.depth || at != tt.at {
				t.Errorf("scanNesting = %d, %q; want %d, %q", depth, at, tt.depth, tt.at)
			}
		})
	}
}

// TestScanNestingUndercounts checks the scan against the parser on every
// case of the table and on the Markdown of this package's tests: it may
// miss depth, never invent it.
func TestScanNestingUndercounts(t *testing.T) {
	e := New(Options{})
	srcs := []string{deepList(30, "-"), deepList(30, "1."), "- a\n  > - > x\n", "> - a\n>   - b\n"}
	for _, src := range srcs {
		scanned, _ := scanNesting([]byte(src), 1<<30)
		parsed, _ := treeNesting(parseTree(e, []byte(src)), 1<<30)
		if scanned > parsed {
			t.Errorf("%q: the scan finds depth %d, the parser %d", src, scanned, parsed)
		}
	}
}

// FuzzScanNesting checks that the scan never finds more depth than the
// parser, on documents without code fences and HTML (where it follows
// the parser's rules; with them it is a careful estimate), and that it
// takes no time worth measuring.
func FuzzScanNesting(f *testing.F) {
	for _, s := range []string{
		deepList(5, "-"), deepList(4, "1."), "> > > q\n", "- - - x\n", "- a\n\n  - b\n    - c\nx\n      - d\n",
		"- a\n  * b\n    + c\n", "-     code\n  - b\n", "1) a\n   1) b\n", "- a\n\t- b\n", "* * *\n- a\n  ---\n",
		"[^1]: - a\n    - b\n", "| a |\n|---|\n- b\n",
	} {
		f.Add(s)
	}
	e := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		scanned, off := scanNesting([]byte(src), 1<<30)
		if off != -1 {
			t.Fatalf("no limit was passed, but the scan stopped at %d", off)
		}
		if strings.ContainsAny(src, "`~<") {
			return
		}
		parsed, _ := treeNesting(parseTree(e, []byte(src)), 1<<30)
		if scanned > parsed {
			t.Fatalf("the scan finds depth %d, the parser %d", scanned, parsed)
		}
		if d, off := scanNesting([]byte(src), max(scanned-1, 0)); scanned > 0 && (off < 0 || d != scanned || !bytes.ContainsAny([]byte(src[off:off+1]), "-*+1>")) {
			t.Fatalf("with a limit below %d, the scan reports %d at %d", scanned, d, off)
		}
	})
}

// TestScanNestingOnRealContent checks the scan against the parser on the
// bundled site and the generated corpus — code blocks in list items, HTML,
// tables, Chinese text — where it must never find more depth than there
// is, and where no document comes near the default limit.
func TestScanNestingOnRealContent(t *testing.T) {
	docs := map[string][]byte{}
	for name, data := range corpus.Files(corpus.Options{Guides: 20}) {
		if strings.HasSuffix(name, ".md") {
			docs[name] = data
		}
	}
	bundled, err := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("..", "..", "content", "*.md"))
	docs["a code block in a list item"] = []byte("1. Write:\n\n   ```markdown\n   - a\n     - b\n       - c\n   ```\n2. Then:\n\n       - indented code\n         - more\n")
	for _, name := range append(bundled, more...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = data
	}
	if len(docs) < 50 {
		t.Fatalf("only %d documents", len(docs))
	}
	e := New(Options{})
	for name, src := range docs {
		scanned, off := scanNesting(src, 100)
		parsed, _ := treeNesting(parseTree(e, src), 100)
		if off >= 0 || scanned > parsed || parsed > 10 {
			t.Errorf("%s: the scan finds depth %d (stopping at %d), the parser %d", name, scanned, off, parsed)
		}
	}
}

// parseTree parses src as Parse does, without rendering it.
func parseTree(e *Engine, src []byte) ast.Node {
	su := e.setup(ParseOptions{})
	defer su.release()
	return su.md.Parser().Parse(text.NewReader(src))
}
