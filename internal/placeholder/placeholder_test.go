package placeholder

import (
	"fmt"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want: segments as "lit|{name@off}|…", or "error KIND@off"
	}{
		{"", ""},
		{"plain", "plain"},
		{"Article {article} of the {law}", "Article |{article@8}| of the |{law@25}"},
		{"{{literal} }", "{literal} }"},
		{"a {{b}} {c}", "a {b}} |{c@8}"},
		{"{a-b_1}{中文}", "{a-b_1@0}|{中文@7}"},
		{"open {", "error unclosed@5"},
		{"open {x", "error unclosed@5"},
		{"{x{y}", "error unclosed@0"},
		{"{x\n}", "error unclosed@0"},
		{"{}", "error bad name \"\"@0"},
		{"{a b}", "error bad name \"a b\"@0"},
	} {
		segs, err := Parse(tc.in)
		var got string
		if err != nil {
			kind := "unclosed"
			if err.Kind == BadName {
				kind = fmt.Sprintf("bad name %q", err.Name)
			}
			got = fmt.Sprintf("error %s@%d", kind, err.Offset)
		} else {
			var parts []string
			for _, s := range segs {
				if s.Name {
					parts = append(parts, fmt.Sprintf("{%s@%d}", s.Text, s.Offset))
				} else {
					parts = append(parts, s.Text)
				}
			}
			got = strings.Join(parts, "|")
		}
		if got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestFill(t *testing.T) {
	values := map[string]string{"law": "CPL", "article": "48"}
	lookup := func(n string) (string, bool) { v, ok := values[n]; return v, ok }
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"{law}, Article {article}", "CPL, Article 48"},
		{"{{law}}", "{law}}"},
		{"{unknown} stays", "{unknown} stays"},
		{"open { and {law}", "open { and CPL"},
		{"{law{article}", "{law48"},
		{"line {law\n}", "line {law\n}"},
	} {
		if got := Fill(tc.in, lookup); got != tc.want {
			t.Errorf("Fill(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzTemplate holds Parse and Fill to each other: where Parse accepts a
// template, Fill writes its literal text and each placeholder's value in
// the same order; neither panics on anything.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"", "a {b} c", "{{x}}", "{", "{a b}", "Article {article} of the {law}", "第{article}条"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		mark := func(n string) (string, bool) { return "<" + n + ">", true }
		filled := Fill(s, mark)
		segs, err := Parse(s)
		if err != nil {
			if err.Offset < 0 || err.Offset >= len(s) || s[err.Offset] != '{' {
				t.Fatalf("error at %d, which is not a \"{\" of %q", err.Offset, s)
			}
			return
		}
		var b strings.Builder
		for _, seg := range segs {
			if seg.Name {
				if s[seg.Offset] != '{' {
					t.Fatalf("placeholder %q at %d, which is not a \"{\"", seg.Text, seg.Offset)
				}
				b.WriteString("<" + seg.Text + ">")
			} else {
				b.WriteString(seg.Text)
			}
		}
		if b.String() != filled {
			t.Fatalf("Parse gives %q, Fill %q", b.String(), filled)
		}
	})
}
