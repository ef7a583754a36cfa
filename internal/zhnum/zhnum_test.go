package zhnum

import (
	"strconv"
	"testing"
)

// known are canonical forms: Format writes them and Parse reads them back.
var known = []struct {
	n int
	s string
}{
	{0, "零"},
	{1, "一"},
	{2, "二"},
	{9, "九"},
	{10, "十"},
	{11, "十一"},
	{19, "十九"},
	{20, "二十"},
	{48, "四十八"},
	{99, "九十九"},
	{100, "一百"},
	{101, "一百零一"},
	{110, "一百一十"},
	{111, "一百一十一"},
	{200, "二百"},
	{1000, "一千"},
	{1001, "一千零一"},
	{1010, "一千零一十"},
	{1100, "一千一百"},
	{2020, "二千零二十"},
	{9999, "九千九百九十九"},
	{10000, "一万"},
	{10001, "一万零一"},
	{10010, "一万零一十"},
	{10100, "一万零一百"},
	{11000, "一万一千"},
	{100000, "十万"},
	{110000, "十一万"},
	{100010, "十万零一十"},
	{1000000, "一百万"},
	{10000000, "一千万"},
	{10001000, "一千万一千"},
	{10000100, "一千万零一百"},
	{20500000, "二千零五十万"},
	{Max, "九千九百九十九万九千九百九十九"},
}

// variants are accepted by Parse but not written by Format.
var variants = []struct {
	s string
	n int
}{
	{"〇", 0},
	{"一百〇一", 101},
	{"两百", 200},
	{"两千", 2000},
	{"两万", 20000},
	{"两千两百", 2200},
	{"一万两千", 12000},
	{"一十", 10},
	{"一十一", 11},
	{"一十万", 100000},
	{"一十万零一十", 100010},
	{"0", 0},
	{"48", 48},
	{"99999999", Max},
	{"４８", 48},
	{"4８", 48},
}

// rejects are malformed, ambiguous or out of range.
var rejects = []string{
	"",
	" ",
	"十十",
	"百",
	"千",
	"万",
	"一百十",   // 110 is 一百一十
	"一百一",   // speech for 110, but reads like 101
	"一千二",   // speech for 1200
	"一百零零一", // doubled 零
	"零一",    // leading 零
	"一零",    // 零 is not a digit here
	"一百零",   // trailing 零
	"一千零十",  // 1010 is 一千零一十
	"一千零一百", // no gap before 百, so no 零
	"一万一百",  // 10100 needs 零
	"一万零一千", // 11000 has no gap
	"两",     // 两 only before 百, 千, 万
	"两十",
	"十两",
	"一二",
	"二十一十",
	"万一",
	"一万万",
	"048",
	"00",
	"-1",
	"+1",
	"1 0",
	"100000000", // above Max
	"一亿",
	"壹",
	"四十八条",
	"四十x",
	"\xff",
}

func TestFormatKnown(t *testing.T) {
	for _, c := range known {
		if got := Format(c.n); got != c.s {
			t.Errorf("Format(%d) = %q, want %q", c.n, got, c.s)
		}
	}
}

func TestFormatOutOfRange(t *testing.T) {
	for _, n := range []int{-1, -48, Max + 1, 1 << 40} {
		if got, want := Format(n), strconv.Itoa(n); got != want {
			t.Errorf("Format(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, c := range known {
		if n, ok := Parse(c.s); !ok || n != c.n {
			t.Errorf("Parse(%q) = %d, %v, want %d", c.s, n, ok, c.n)
		}
	}
	for _, c := range variants {
		if n, ok := Parse(c.s); !ok || n != c.n {
			t.Errorf("Parse(%q) = %d, %v, want %d", c.s, n, ok, c.n)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range rejects {
		if n, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %d, want rejected", s, n)
		}
	}
}

// TestRoundTrip checks every number below 100000 (every article, paragraph
// and item number a citation may hold): Parse reads back what Format
// writes, and no two numbers share a form.
func TestRoundTrip(t *testing.T) {
	seen := make(map[string]int, 100000)
	for n := 0; n < 100000; n++ {
		s := Format(n)
		if prev, dup := seen[s]; dup {
			t.Fatalf("Format(%d) = Format(%d) = %q", n, prev, s)
		}
		seen[s] = n
		if got, ok := Parse(s); !ok || got != n {
			t.Fatalf("Parse(Format(%d) = %q) = %d, %v", n, s, got, ok)
		}
	}
}

// TestRoundTripSparse samples the 万 range above 100000 with a stride
// coprime to 10, so every digit appears in every position.
func TestRoundTripSparse(t *testing.T) {
	for n := 100000; n <= Max; n += 9973 {
		if got, ok := Parse(Format(n)); !ok || got != n {
			t.Fatalf("Parse(Format(%d) = %q) = %d, %v", n, Format(n), got, ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range known {
		f.Add(c.s)
	}
	for _, c := range variants {
		f.Add(c.s)
	}
	for _, s := range rejects {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := Parse(s)
		if !ok {
			return
		}
		if v < 0 || v > Max {
			t.Fatalf("Parse(%q) = %d, outside 0..Max", s, v)
		}
		if back, ok := Parse(Format(v)); !ok || back != v {
			t.Fatalf("Parse(%q) = %d, but Parse(Format(%d) = %q) = %d, %v", s, v, v, Format(v), back, ok)
		}
	})
}
