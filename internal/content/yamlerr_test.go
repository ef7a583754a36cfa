package content

import (
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/sitefs"
)

// TestFrontMatterSyntaxErrors pins, for each kind of mistake the YAML
// library or the front matter rules catch, the exact position reported:
// the line the library means, counted in the file (front matter starts on
// line 2), and the column where the place can be known.
func TestFrontMatterSyntaxErrors(t *testing.T) {
	const p = "content/guides/a.md"
	tests := []struct {
		name, src string
		want      []string // every diagnostic, in order; empty: none
	}{
		{"unclosed flow sequence inside a mapping on line 6",
			"---\ntitle: A\nreviewed: 2026-01-01\ny: 2\nz: 3\nfoo: {a: [1, 2\n---\n",
			[]string{p + ":6:1: error: the front matter is not valid YAML: did not find expected ',' or ']': a list that starts with [ must end with ], with a comma between its items, such as  tags: [returns, delivery]"}},
		{"unclosed flow sequence on the first line",
			"---\ntags: [a, b\n---\n",
			[]string{p + ":2:1: error: the front matter is not valid YAML: did not find expected ',' or ']': a list that starts with [ must end with ], with a comma between its items, such as  tags: [returns, delivery]"}},
		{"unclosed flow sequence followed by more keys",
			"---\ntitle: A\ntags: [a, b\nsummary: S\n---\n",
			[]string{p + ":3:1: error: the front matter is not valid YAML: did not find expected ',' or ']': a list that starts with [ must end with ], with a comma between its items, such as  tags: [returns, delivery]"}},
		{"unclosed flow mapping",
			"---\ntitle: A\nreviewed: 2026-01-01\nfoo: {a: 1\n---\n",
			[]string{p + ":4:1: error: the front matter is not valid YAML: did not find expected ',' or '}': a group that starts with { must end with }, with a comma between its entries"}},
		{"list item indented less than the one before",
			"---\ntitle: A\ntags:\n  - a\n - b\n---\n",
			[]string{p + ":5:1: error: the front matter is not valid YAML: did not find expected key: this line is not indented like the lines before it"}},
		{"key indented under a text value",
			"---\ntitle: A\nsummary: x\n  bad: y\n---\n",
			[]string{p + ":4:1: error: the front matter is not valid YAML: mapping values are not allowed in this context: put a value that contains \": \" in quotes, such as  title: \"Returns: your rights\""}},
		{"key indented with a tab",
			"---\ntitle: A\n\tsummary: x\n---\n",
			[]string{p + ":3:1: error: the front matter is not valid YAML: found a tab character that violates indentation: indent with spaces, not tabs"}},
		{"list item indented with a tab",
			"---\ntitle: A\ntags:\n\t- a\n---\n",
			[]string{p + ":4:1: error: the front matter is not valid YAML: found character that cannot start any token: indent with spaces, not tabs, and put a value that starts with @ or ` in quotes"}},
		{"colon in an unquoted value",
			"---\ntitle: A\nsummary: Returns: your rights\n---\n",
			[]string{p + ":3:1: error: the front matter is not valid YAML: mapping values are not allowed in this context: put a value that contains \": \" in quotes, such as  title: \"Returns: your rights\""}},
		{"unclosed quote on the first line",
			"---\ntitle: \"Returns\nreviewed: 2026-01-01\n---\n",
			[]string{p + ":2:1: error: the front matter is not valid YAML: found unexpected end of stream: a quoted value is not closed: add the closing quote"}},
		{"list item after a key",
			"---\ntitle: A\n- x\n---\n",
			[]string{p + ":3:1: error: the front matter is not valid YAML: did not find expected key: this line is not indented like the lines before it"}},
		{"unknown alias",
			"---\ntitle: A\nsummary: *nope\n---\n",
			[]string{p + ":3:10: error: the front matter is not valid YAML: *nope refers to no anchor: write &nope before a value above it, or remove the *"}},
		{"control character",
			"---\ntitle: A\nsummary: x\x01y\n---\n",
			[]string{p + ":3:11: error: the front matter is not valid YAML: it holds the control character U+0001, which YAML does not allow: delete it"}},
		{"title is a list",
			"---\ntitle: [a]\nreviewed: 2026-01-01\n---\n",
			[]string{p + ":2:8: error: title must be text"}},
		{"a tag that is a list",
			"---\ntitle: A\nreviewed: 2026-01-01\ntags: [a, [b]]\n---\n",
			[]string{p + ":4:11: error: tags must be a list of words, such as [returns, delivery]"}},
		{"draft is a number",
			"---\ntitle: A\nreviewed: 2026-01-01\ndraft: 5\n---\n",
			[]string{p + ":4:8: error: draft must be true or false"}},
		{"reviewed is a number",
			"---\ntitle: A\nreviewed: 5\n---\n",
			[]string{p + ":3:11: error: reviewed must be a date written YYYY-MM-DD, such as 2026-03-15 (found \"5\")"}},
		{"reviewed in another format",
			"---\ntitle: A\nreviewed: 15/03/2026\n---\n",
			[]string{p + ":3:11: error: reviewed must be a date written YYYY-MM-DD, such as 2026-03-15 (found \"15/03/2026\")"}},
		{"a day February lacks",
			"---\ntitle: A\nreviewed: 2024-02-30\n---\n",
			[]string{p + ":3:11: error: reviewed: 2024-02-30 is not a real date: February 2024 has 29 days"}},
		{"29 February outside a leap year",
			"---\ntitle: A\nreviewed: 2023-02-29\n---\n",
			[]string{p + ":3:11: error: reviewed: 2023-02-29 is not a real date: February 2023 has 28 days"}},
		{"31 April",
			"---\ntitle: A\nreviewed: 2026-04-31\n---\n",
			[]string{p + ":3:11: error: reviewed: 2026-04-31 is not a real date: April 2026 has 30 days"}},
		{"month 13",
			"---\ntitle: A\nreviewed: 2026-13-01\n---\n",
			[]string{p + ":3:11: error: reviewed: 2026-13-01 is not a real date: there is no month 13; the month comes between the year and the day"}},
		{"a real date",
			"---\ntitle: A\nreviewed: 2026-01-01\n---\n",
			nil},
		{"a number is a word: tags: 5 is the tag \"5\"",
			"---\ntitle: A\nreviewed: 2026-01-01\ntags: 5\n---\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &diag.List{}
			parseFile(sitefs.File{Path: p, Label: p}, []byte(tt.src), testConfig(t), l)
			var got []string
			for _, d := range l.Items() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestFrontMatterWarnings pins the warnings about front matter that YAML
// accepts but that an author almost certainly did not mean.
func TestFrontMatterWarnings(t *testing.T) {
	const p = "content/guides/a.md"
	tests := []struct {
		name, src string
		want      []string
		title     string
	}{
		{"a key written twice: the second wins, and is warned about",
			"---\ntitle: First\nreviewed: 2026-01-01\ntitle: Second\n---\n",
			[]string{p + ":4:1: warning: title is written a second time: this value replaces the one on line 2; remove one of them"},
			"Second"},
		{"an anchor defined twice",
			"---\ntitle: &t A\nsummary: &t B\nreviewed: 2026-01-01\n---\n",
			[]string{p + ":3:10: warning: the anchor &t is defined a second time (first on line 2): from here on, *t means this value"},
			"A"},
		{"different keys: nothing to say",
			"---\ntitle: A\nsummary: S\nreviewed: 2026-01-01\n---\n",
			nil, "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &diag.List{}
			d := parseFile(sitefs.File{Path: p, Label: p}, []byte(tt.src), testConfig(t), l)
			var got []string
			for _, x := range l.Items() {
				got = append(got, x.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if d == nil || d.Meta.Title != tt.title {
				t.Errorf("title: got %+v, want %q", d, tt.title)
			}
		})
	}
}
