package cite

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMentionCases(t *testing.T) {
	for _, file := range mentionFiles {
		m, laws, cases := mentionFile(t, file)
		mt, err := NewMatcher(m, laws)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, c := range cases {
			ms := mt.Find(c.text, c.self)
			if got := markUp(c.text, ms); got != c.want {
				t.Errorf("%s: %s (self %q)\n got: %s\nwant: %s", c.pos, c.name, c.self, got, c.want)
			}
			if slow := findSlow(mt, c.text, c.self); !slices.Equal(ms, slow) {
				t.Errorf("%s: %s: Find gives %v, the plain search %v", c.pos, c.name, ms, slow)
			}
		}
	}
}

// findSlow is Find without its shortcuts (the prefilter, the stretches
// between barriers, the runes a mention can start with): the anchored
// expression tried at every rune. Find must agree with it.
func findSlow(m *Matcher, text, self string) []Match {
	e := &m.plain
	if self != "" {
		e = &m.self
	}
	var out []Match
	for pos := 0; pos < len(text); {
		if boundaryBefore(text, pos) {
			if mt, ok := m.longestValid(e, text, pos, len(text), self); ok {
				out = append(out, mt)
				pos = mt.End
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(text[pos:])
		pos += size
	}
	return out
}

func TestNewMatcherErrors(t *testing.T) {
	laws := []Law{{Key: "cpl", Names: []string{"Consumer Protection Law"}}}
	for _, c := range []struct {
		m    Mentions
		laws []Law
		want string // part of the error
	}{
		{Mentions{Patterns: []string{"Article {article}"}}, laws, `mention pattern "Article {article}": no {law}`},
		{Mentions{Patterns: []string{"the {law}"}}, laws, `mention pattern "the {law}": no {article}`},
		{Mentions{Patterns: []string{"Article {number} of {law}"}}, laws, `{number} is not a placeholder of mentions`},
		{Mentions{Patterns: []string{"Article {article} of {law} and {law}"}}, laws, `{law} appears twice`},
		{Mentions{Patterns: []string{"Article {article of {law}"}}, laws, `"{" is not closed`},
		{Mentions{Numerals: "roman"}, laws, `numerals "roman"`},
		{Mentions{}, []Law{{Key: "CPL"}}, `law key "CPL"`},
		{Mentions{}, []Law{{Key: "cpl", Names: []string{"  "}}}, `law cpl: a name is empty`},
		{Mentions{}, []Law{{Key: "cpl", Names: []string{"The Law"}}, {Key: "ecl", Names: []string{"the  law"}}}, `name "the  law" is given to both cpl and ecl`},
		{Mentions{ThisLaw: []string{"consumer protection law"}}, laws, `this-law name "consumer protection law" is also a name of cpl`},
		{Mentions{ThisLaw: []string{""}}, laws, `this-law name "" is empty`},
	} {
		_, err := NewMatcher(c.m, c.laws)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewMatcher(%+v, %+v) = %v, want an error with %q", c.m, c.laws, err, c.want)
		}
	}
}

func TestNewMatcherAccepts(t *testing.T) {
	// A literal brace, a name listed twice for one law, no patterns, no
	// laws: all usable.
	for _, c := range []struct {
		m    Mentions
		laws []Law
		text string
		want string
	}{
		{Mentions{Patterns: []string{"{{{law}} {article}"}}, []Law{{Key: "cpl", Names: []string{"CPL"}}}, "see {CPL} 48", "see [{CPL} 48](cpl 48)"},
		{Mentions{}, []Law{{Key: "cpl", Names: []string{"CPL", "cpl"}}}, "the CPL", "the [CPL](cpl)"},
		{Mentions{Patterns: []string{"Article {article} of {law}"}}, nil, "Article 48 of the Law", "Article 48 of the Law"},
		{Mentions{Patterns: []string{"Article {article} of {law}"}, ThisLaw: []string{"this Law"}}, nil, "Article 48 of this Law", "[Article 48 of this Law](ecl 48)"},
		{Mentions{Patterns: []string{"  Article {article} of {law}  "}}, []Law{{Key: "cpl", Names: []string{"  the  Law "}}}, "Article 48 of the Law", "[Article 48 of the Law](cpl 48)"},
	} {
		mt, err := NewMatcher(c.m, c.laws)
		if err != nil {
			t.Errorf("NewMatcher(%+v, %+v): %v", c.m, c.laws, err)
			continue
		}
		if got := markUp(c.text, mt.Find(c.text, "ecl")); got != c.want {
			t.Errorf("NewMatcher(%+v, %+v).Find(%q) = %s, want %s", c.m, c.laws, c.text, got, c.want)
		}
	}
}

// TestFindDoesNotAllocate checks the promise that matters for speed: a
// paragraph without a mention costs no allocation, whether the prefilter
// turns it away or the regular expression has to look.
func TestFindDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector")
	}
	m, laws, _ := mentionFile(t, "mentions-en.txtar")
	mt, err := NewMatcher(m, laws)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Keep the receipt and write to the seller within seven days.",
		"Article 48 of the Protocol says this Law applies.", // "prot", "law" pass the filter
	} {
		for _, self := range []string{"", "cpl"} {
			if n := testing.AllocsPerRun(100, func() { mt.Find(text, self) }); n != 0 {
				t.Errorf("Find(%q, %q) allocates %v times", text, self, n)
			}
		}
	}
}

func TestPrefilterWindows(t *testing.T) {
	for name, want := range map[string]string{
		"Consumer Protection Law":     "prot",
		"this Law":                    "law",
		"E-Commerce Law":              "e-co",
		"消费者权益保护法":                    "消\xe8",
		"Ley de Comercio Electrónico": "nico",
		"SS":                          "",
	} {
		if got := window(name); got != want {
			t.Errorf("window(%q) = %q, want %q", name, got, want)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	m, laws, _ := mentionFile(b, "mentions-en.txtar")
	mt, err := NewMatcher(m, laws)
	if err != nil {
		b.Fatal(err)
	}
	none := strings.Repeat("Keep the receipt and write to the seller within seven days of delivery. ", 8)
	some := none + "See Article 48(1)(8) of the Consumer Protection Law. " + none
	for _, c := range []struct{ name, text string }{{"none", none}, {"one", some}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				mt.Find(c.text, "")
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	var matchers []*Matcher
	var selves [][]string
	for i, file := range mentionFiles {
		m, laws, cases := mentionFile(f, file)
		mt, err := NewMatcher(m, laws)
		if err != nil {
			f.Fatal(err)
		}
		matchers = append(matchers, mt)
		keys := []string{""}
		for _, l := range laws {
			keys = append(keys, l.Key)
		}
		selves = append(selves, keys)
		for _, c := range cases {
			f.Add(c.text, uint8(i), c.self != "")
		}
	}
	f.Fuzz(func(t *testing.T, text string, which uint8, inStatute bool) {
		i := int(which) % len(matchers)
		self := ""
		if inStatute {
			self = selves[i][1+int(which)/len(matchers)%(len(selves[i])-1)]
		}
		ms := matchers[i].Find(text, self)
		if slow := findSlow(matchers[i], text, self); !slices.Equal(ms, slow) {
			t.Fatalf("Find(%q, %q) = %v, but the plain search gives %v", text, self, ms, slow)
		}
		end := 0
		for _, m := range ms {
			if m.Start < end || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("Find(%q, %q): match [%d, %d) out of order, empty or out of bounds in %v", text, self, m.Start, m.End, ms)
			}
			end = m.End
			r := m.Ref
			if r.Law == "" || r.Article < 0 || r.Article > MaxNumber || r.Paragraph < 0 || r.Paragraph > MaxNumber || r.Item < 0 || r.Item > MaxNumber ||
				(r.Article == 0 && r.Paragraph != 0) || (r.Paragraph == 0 && r.Item != 0) {
				t.Fatalf("Find(%q, %q): malformed reference %#v", text, self, r)
			}
			if !utf8.ValidString(text[m.Start:m.End]) && utf8.ValidString(text) {
				t.Fatalf("Find(%q, %q): match [%d, %d) splits a character", text, self, m.Start, m.End)
			}
			// A mention found in context is found alone, whole.
			alone := matchers[i].Find(text[m.Start:m.End], self)
			if len(alone) != 1 || alone[0] != (Match{0, m.End - m.Start, m.Ref}) {
				t.Fatalf("Find(%q, %q) finds %v, but alone %q gives %v", text, self, m, text[m.Start:m.End], alone)
			}
		}
	})
}
