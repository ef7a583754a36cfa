package english

import "testing"

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n                  int
		count, noneOrCount string
	}{
		{0, "0 pages", "no pages"},
		{1, "1 page", "1 page"},
		{2, "2 pages", "2 pages"},
		{1000, "1000 pages", "1000 pages"},
	} {
		if got := Count(tc.n, "page"); got != tc.count {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.count)
		}
		if got := NoneOrCount(tc.n, "page"); got != tc.noneOrCount {
			t.Errorf("NoneOrCount(%d) = %q, want %q", tc.n, got, tc.noneOrCount)
		}
	}
	if got := Plural(1, "it", "them"); got != "it" {
		t.Errorf("Plural(1) = %q, want it", got)
	}
	if got := Plural(2, "it", "them"); got != "them" {
		t.Errorf("Plural(2) = %q, want them", got)
	}
}

func TestAnd(t *testing.T) {
	for _, tc := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := And(tc.items); got != tc.want {
			t.Errorf("And(%q) = %q, want %q", tc.items, got, tc.want)
		}
	}
}
