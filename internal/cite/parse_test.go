package cite

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// describe writes the outcome of Parse the way parse.txtar expects it.
func describe(c Citation, err error) string {
	if err != nil {
		var se *SyntaxError
		if !errors.As(err, &se) {
			return fmt.Sprintf("error of type %T: %v", err, err)
		}
		return fmt.Sprintf("error %d: %s", se.Offset, se.Msg)
	}
	parts := []string{c.Ref.Law}
	for _, n := range []int{c.Ref.Article, c.Ref.Paragraph, c.Ref.Item} {
		if n != 0 {
			parts = append(parts, strconv.Itoa(n))
		}
	}
	if c.Text != "" {
		parts = append(parts, strconv.Quote(c.Text))
	}
	return strings.Join(parts, " ")
}

func TestParseCases(t *testing.T) {
	_, cases := caseLines(t, "parse.txtar")
	if len(cases) < 50 {
		t.Fatalf("only %d cases read from parse.txtar", len(cases))
	}
	for _, c := range cases {
		s := citationInput(t, c)
		got := describe(Parse(s))
		if got != c.want {
			t.Errorf("%s: Parse(%q)\n got: %s\nwant: %s", c.pos, s, got, c.want)
		}
	}
}

func TestRefAnchorAndString(t *testing.T) {
	for _, c := range []struct {
		ref            Ref
		anchor, string string
	}{
		{Ref{Law: "cpl"}, "", "cpl"},
		{Ref{Law: "cpl", Article: 48}, "art-48", "cpl 48"},
		{Ref{Law: "cpl", Article: 48, Paragraph: 2}, "art-48-p2", "cpl 48(2)"},
		{Ref{Law: "cpl", Article: 48, Paragraph: 1, Item: 8}, "art-48-p1-i8", "cpl 48(1)(8)"},
		// Malformed refs stop at the first number not given.
		{Ref{Law: "cpl", Paragraph: 1, Item: 8}, "", "cpl"},
		{Ref{Law: "cpl", Article: 48, Item: 8}, "art-48", "cpl 48"},
		{Ref{Law: "cpl", Article: -1}, "", "cpl"},
	} {
		if got := c.ref.Anchor(); got != c.anchor {
			t.Errorf("%#v.Anchor() = %q, want %q", c.ref, got, c.anchor)
		}
		if got := c.ref.String(); got != c.string {
			t.Errorf("%#v.String() = %q, want %q", c.ref, got, c.string)
		}
	}
}

func TestSyntaxErrorIsError(t *testing.T) {
	_, err := Parse("cpl 4x")
	var se *SyntaxError
	if !errors.As(err, &se) || err.Error() != se.Msg || se.Offset != 4 {
		t.Fatalf("Parse(%q) error = %#v", "cpl 4x", err)
	}
}

func FuzzParse(f *testing.F) {
	_, cases := caseLines(f, "parse.txtar")
	for _, c := range cases {
		f.Add(citationInput(f, c))
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): error %T, want *SyntaxError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("Parse(%q): offset %d outside [0, %d]", s, se.Offset, len(s))
			}
			if se.Msg == "" {
				t.Fatalf("Parse(%q): empty message", s)
			}
			if c != (Citation{}) {
				t.Fatalf("Parse(%q): error with a citation %#v", s, c)
			}
			return
		}
		r := c.Ref
		if !ValidKey(r.Law) || r.Article < 0 || r.Article > MaxNumber || r.Paragraph < 0 || r.Paragraph > MaxNumber || r.Item < 0 || r.Item > MaxNumber ||
			(r.Article == 0 && r.Paragraph != 0) || (r.Paragraph == 0 && r.Item != 0) {
			t.Fatalf("Parse(%q) = %#v: not a well-formed reference", s, r)
		}
		again := r.String()
		if c.Text != "" {
			again += "|" + c.Text
		}
		back, err := Parse(again)
		if err != nil || back != c {
			t.Fatalf("Parse(%q) = %#v, but Parse(%q) = %#v, %v", s, c, again, back, err)
		}
	})
}
