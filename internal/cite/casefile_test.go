package cite

// The behaviour of this package is pinned by case files in testdata, as
// goldmark pins its Markdown: each is a txtar archive whose comment says
// how its cases are written, and every case reads as input => output.
//
//	parse.txtar          Parse: one case a line,
//	                     [[citation]] => law article paragraph item "text"
//	                     [[citation]] => error OFFSET: message
//	format.txtar         Style.Format: one file per style, "name: value"
//	                     settings, then citation => link text
//	mentions-LANG.txtar  Matcher.Find: a "config" file (numerals, pattern,
//	                     this law, law KEY lines), then one file per case:
//	                     [self: KEY], text, "=>", the text with each match
//	                     written [mentioned text](ref)
//
// The expected outputs are written by hand; there is no -update flag, since
// a changed output is a changed behaviour to review, not to accept.

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// caseLine is one line of a one-case-a-line file, with where it is written
// so a failure points at it.
type caseLine struct {
	pos      string // "testdata/parse.txtar:12"
	in, want string
	section  string // the txtar file the line is in
}

// readArchive reads testdata/name.
func readArchive(t testing.TB, name string) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// lineOf returns the line number in the archive of line i of file f, for
// messages.
func lineOf(a *txtar.Archive, f int, i int) int {
	n := strings.Count(string(a.Comment), "\n")
	for j := 0; j < f; j++ {
		n += 1 + strings.Count(string(a.Files[j].Data), "\n")
	}
	return n + 1 + i + 1
}

// caseLines splits the lines of every file of a into settings ("name:
// value" lines, by file) and cases ("in => want" lines). Blank lines and
// lines starting with "#" are skipped.
func caseLines(t testing.TB, name string) (settings map[string]map[string]string, cases []caseLine) {
	t.Helper()
	a := readArchive(t, name)
	settings = map[string]map[string]string{}
	for fi, f := range a.Files {
		settings[f.Name] = map[string]string{}
		for i, line := range strings.Split(strings.TrimSuffix(string(f.Data), "\n"), "\n") {
			pos := fmt.Sprintf("testdata/%s:%d", name, lineOf(a, fi, i))
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			in, want, ok := strings.Cut(line, "=>")
			if !ok {
				k, v, ok := strings.Cut(line, ":")
				if !ok {
					t.Fatalf("%s: neither a case (in => want) nor a setting (name: value)", pos)
				}
				settings[f.Name][strings.TrimSpace(k)] = strings.TrimSpace(v)
				continue
			}
			cases = append(cases, caseLine{pos: pos, in: strings.TrimRight(in, " "), want: strings.TrimSpace(want), section: f.Name})
		}
	}
	return settings, cases
}

// citationInput reads the input of a parse case: [[...]], or a Go string.
func citationInput(t testing.TB, c caseLine) string {
	t.Helper()
	in := c.in
	if strings.HasPrefix(in, `"`) {
		s, err := strconv.Unquote(in)
		if err != nil {
			t.Fatalf("%s: %v", c.pos, err)
		}
		return s
	}
	if !strings.HasPrefix(in, "[[") || !strings.HasSuffix(in, "]]") {
		t.Fatalf("%s: write the input as [[citation]] or as a quoted Go string", c.pos)
	}
	return in[2 : len(in)-2]
}

// mentionCase is one case of a mentions-LANG.txtar file.
type mentionCase struct {
	name, pos  string
	self       string
	text, want string
}

// mentionFile reads a mentions-LANG.txtar file: the Matcher its config
// describes, and its cases.
func mentionFile(t testing.TB, name string) (Mentions, []Law, []mentionCase) {
	t.Helper()
	a := readArchive(t, name)
	var m Mentions
	var laws []Law
	var cases []mentionCase
	for fi, f := range a.Files {
		pos := fmt.Sprintf("testdata/%s:%d", name, lineOf(a, fi, -1))
		body := strings.TrimSuffix(string(f.Data), "\n")
		if f.Name == "config" {
			for line := range strings.SplitSeq(body, "\n") {
				k, v, ok := strings.Cut(line, ":")
				v = strings.TrimSpace(v)
				switch {
				case !ok:
					t.Fatalf("%s: config line %q is not \"name: value\"", pos, line)
				case k == "numerals":
					m.Numerals = v
				case k == "pattern":
					m.Patterns = append(m.Patterns, v)
				case k == "this law":
					m.ThisLaw = append(m.ThisLaw, v)
				case strings.HasPrefix(k, "law "):
					key := strings.TrimPrefix(k, "law ")
					if len(laws) == 0 || laws[len(laws)-1].Key != key {
						laws = append(laws, Law{Key: key})
					}
					laws[len(laws)-1].Names = append(laws[len(laws)-1].Names, v)
				default:
					t.Fatalf("%s: unknown config %q", pos, k)
				}
			}
			continue
		}
		c := mentionCase{name: f.Name, pos: pos}
		if rest, ok := strings.CutPrefix(body, "self:"); ok {
			line, after, _ := strings.Cut(rest, "\n")
			c.self, body = strings.TrimSpace(line), after
		}
		in, want, ok := strings.Cut(body, "\n=>\n")
		if !ok {
			t.Fatalf("%s: case %q has no line \"=>\" between text and expected text", pos, f.Name)
		}
		c.text, c.want = in, want
		cases = append(cases, c)
	}
	return m, laws, cases
}

// markUp writes text with each match as [mentioned text](ref).
func markUp(text string, ms []Match) string {
	var b strings.Builder
	at := 0
	for _, m := range ms {
		b.WriteString(text[at:m.Start])
		fmt.Fprintf(&b, "[%s](%s)", text[m.Start:m.End], m.Ref)
		at = m.End
	}
	b.WriteString(text[at:])
	return b.String()
}

var mentionFiles = []string{"mentions-en.txtar", "mentions-es.txtar", "mentions-zh.txtar"}
