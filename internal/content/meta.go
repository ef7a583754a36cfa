package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/suggest"
)

// Meta is a document's front matter.
type Meta struct {
	Title          string
	Summary        string
	Reviewed       Date
	Draft          bool
	Tags           []string
	TranslationKey string
	// Weight orders a document in lists: documents with a weight come
	// first, the lowest first, and the rest follow by title. It is how a
	// site says which flow is its main one (the first flow is offered
	// first on the home page), without renaming anything.
	Weight int

	// Statute excerpts (SPEC 3).
	ShortTitle   string
	Names        []string
	Jurisdiction string
	Enacted      Date
	Amended      Date
	Effective    Date
	Source       string
	// SourceTitle names the official source in this language, as the
	// link text of Source ("National Database of Laws and Regulations").
	SourceTitle   string
	Authoritative bool

	// Flows (SPEC 5).
	Start string

	// Pos holds the line and column of each key that was written, for
	// diagnostics about its value.
	Pos map[string][2]int
}

// decoder decodes the value of one front matter key into Meta. Which kinds
// may write the key is declared in Kinds.
type decoder func(m *Meta, key string, n *yaml.Node) *valueError

// valueError is what is wrong with a value, placed at the node it is about:
// the value, or the one item of a list that is wrong.
type valueError struct {
	n   *yaml.Node
	msg string
}

func badValue(n *yaml.Node, format string, args ...any) *valueError {
	return &valueError{n: n, msg: fmt.Sprintf(format, args...)}
}

// fields returns the decoder of every front matter key Lexsite knows.
func fields() map[string]decoder {
	str := func(set func(m *Meta, s string)) func(*Meta, string, *yaml.Node) *valueError {
		return func(m *Meta, key string, n *yaml.Node) *valueError {
			if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
				return badValue(n, "%s must be text", key)
			}
			set(m, n.Value)
			return nil
		}
	}
	list := func(set func(m *Meta, s []string)) func(*Meta, string, *yaml.Node) *valueError {
		return func(m *Meta, key string, n *yaml.Node) *valueError {
			if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
				set(m, []string{n.Value})
				return nil
			}
			if n.Kind != yaml.SequenceNode {
				return badValue(n, "%s must be a list of words, such as [returns, delivery]", key)
			}
			s := make([]string, 0, len(n.Content))
			for _, item := range n.Content {
				if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
					return badValue(item, "%s must be a list of words, such as [returns, delivery]", key)
				}
				s = append(s, item.Value)
			}
			set(m, s)
			return nil
		}
	}
	boolean := func(set func(m *Meta, b bool)) func(*Meta, string, *yaml.Node) *valueError {
		return func(m *Meta, key string, n *yaml.Node) *valueError {
			var b bool
			if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
				return badValue(n, "%s must be true or false", key)
			}
			set(m, b)
			return nil
		}
	}
	date := func(set func(m *Meta, d Date)) func(*Meta, string, *yaml.Node) *valueError {
		return func(m *Meta, key string, n *yaml.Node) *valueError {
			if n.Kind != yaml.ScalarNode {
				return badValue(n, "%s must be a date written YYYY-MM-DD, such as 2026-03-15", key)
			}
			t, err := time.Parse("2006-01-02", n.Value)
			if err != nil {
				if why := notARealDate(n.Value); why != "" {
					return badValue(n, "%s: %s is not a real date: %s", key, n.Value, why)
				}
				return badValue(n, "%s must be a date written YYYY-MM-DD, such as 2026-03-15 (found %q)", key, n.Value)
			}
			set(m, Date{t})
			return nil
		}
	}
	integer := func(set func(m *Meta, i int)) func(*Meta, string, *yaml.Node) *valueError {
		return func(m *Meta, key string, n *yaml.Node) *valueError {
			var i int
			if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
				return badValue(n, "%s must be a whole number, such as 1", key)
			}
			set(m, i)
			return nil
		}
	}
	return map[string]decoder{
		"title":           str(func(m *Meta, s string) { m.Title = s }),
		"summary":         str(func(m *Meta, s string) { m.Summary = s }),
		"reviewed":        date(func(m *Meta, d Date) { m.Reviewed = d }),
		"draft":           boolean(func(m *Meta, b bool) { m.Draft = b }),
		"tags":            list(func(m *Meta, s []string) { m.Tags = s }),
		"translation_key": str(func(m *Meta, s string) { m.TranslationKey = s }),
		"weight":          integer(func(m *Meta, i int) { m.Weight = i }),
		"short_title":     str(func(m *Meta, s string) { m.ShortTitle = s }),
		"names":           list(func(m *Meta, s []string) { m.Names = s }),
		"jurisdiction":    str(func(m *Meta, s string) { m.Jurisdiction = s }),
		"enacted":         date(func(m *Meta, d Date) { m.Enacted = d }),
		"amended":         date(func(m *Meta, d Date) { m.Amended = d }),
		"effective":       date(func(m *Meta, d Date) { m.Effective = d }),
		"source":          str(func(m *Meta, s string) { m.Source = s }),
		"source_title":    str(func(m *Meta, s string) { m.SourceTitle = s }),
		"authoritative":   boolean(func(m *Meta, b bool) { m.Authoritative = b }),
		"start":           str(func(m *Meta, s string) { m.Start = s }),
	}
}

// parseMeta decodes front matter into d.Meta, reporting every problem with
// its position in the file. It returns false when the file cannot be used.
func parseMeta(d *Document, fm []byte, diags *diag.List) bool {
	d.Meta.Pos = map[string][2]int{}
	// The front matter starts on line 2 of the file, after "---".
	const lineOff = 1
	var root yaml.Node
	if len(strings.TrimSpace(string(fm))) > 0 {
		if err := yaml.Unmarshal(fm, &root); err != nil {
			line, col, msg := yamlError(fm, err)
			diags.Errorf(d.Label, line+lineOff, col, "the front matter is not valid YAML: %s", msg)
			d.Meta.Pos = nil
			return false
		}
	}
	ok := true
	// invalid holds the keys whose value is reported as wrong already.
	invalid := map[string]bool{}
	at := func(n *yaml.Node) (int, int) { return n.Line + lineOff, n.Column }
	if len(root.Content) > 0 {
		top := root.Content[0]
		if top.Kind != yaml.MappingNode {
			line, col := at(top)
			diags.Errorf(d.Label, line, col, "the front matter must be a list of key: value lines")
			d.Meta.Pos = nil
			return false
		}
		fs := fields()
		warnAnchors(d, top, at, diags)
		for i := 0; i+1 < len(top.Content); i += 2 {
			k, v := top.Content[i], top.Content[i+1]
			line, col := at(k)
			if first, dup := d.Meta.Pos[k.Value]; dup {
				// YAML readers disagree on which of two values wins, and
				// an author who wrote both meant one: say which is used.
				diags.Warnf(d.Label, line, col, "%s is written a second time: this value replaces the one on line %d; remove one of them", k.Value, first[0])
			}
			d.Meta.Pos[k.Value] = [2]int{line, col}
			decode, known := fs[k.Value]
			if !known {
				diags.Warnf(d.Label, line, col, "unknown front matter key %q is ignored%s", k.Value, suggestKey(k.Value, fs))
				continue
			}
			if kinds := kindsTaking(k.Value); kinds != nil && !slices.Contains(kinds, d.Kind) {
				diags.Warnf(d.Label, line, col, "%q only has a meaning in %s; it is ignored here", k.Value, kindNames(kinds))
				continue
			}
			if e := decode(&d.Meta, k.Value, v); e != nil {
				vl, vc := at(e.n)
				diags.Errorf(d.Label, vl, vc, "%s", e.msg)
				invalid[k.Value] = true
				ok = false
			}
		}
	}
	if strings.TrimSpace(d.Meta.Title) == "" && !invalid["title"] {
		line, col := 1, 1
		if p, has := d.Meta.Pos["title"]; has {
			line, col = p[0], p[1]
		}
		diags.Errorf(d.Label, line, col, "title is required: add a line such as  title: \"Returning goods bought online\"  to the front matter")
		ok = false
	}
	if d.Kind.Spec().Reviewed && d.Meta.Reviewed.IsZero() {
		if _, written := d.Meta.Pos["reviewed"]; !written {
			diags.Errorf(d.Label, 1, 1, "reviewed is required on %ss: add the date a person last checked it against the law, such as  reviewed: 2026-03-15", d.Kind)
			ok = false
		}
	}
	return ok
}

// kindsTaking returns the kinds that declare key as their own, in the
// order of Kinds; nil for a key every kind takes.
func kindsTaking(key string) []Kind {
	var ks []Kind
	for _, s := range Kinds() {
		if slices.Contains(s.Keys, key) {
			ks = append(ks, s.Kind)
		}
	}
	return ks
}

func kindNames(ks []Kind) string {
	var s []string
	for _, k := range ks {
		s = append(s, string(k)+"s")
	}
	return strings.Join(s, " and ")
}

func suggestKey(k string, fs map[string]decoder) string {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	return suggest.Hint(k, names)
}

// notARealDate says why a value written like a date YYYY-MM-DD is not a day
// of the calendar, such as 2024-02-30; "" when it is not written like one.
func notARealDate(s string) string {
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return ""
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:])
	if err1 != nil || err2 != nil || err3 != nil || y < 0 || m < 0 || d < 0 {
		return ""
	}
	if m < 1 || m > 12 {
		return fmt.Sprintf("there is no month %d; the month comes between the year and the day", m)
	}
	// Day 0 of the next month is the last day of this one.
	days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > days {
		return fmt.Sprintf("%s %d has %d days", time.Month(m), y, days)
	}
	return ""
}

// warnAnchors warns about an anchor (&name) defined a second time: YAML
// allows it, and every *name after it then means the second value, which is
// seldom what an author who copied a line meant.
func warnAnchors(d *Document, top *yaml.Node, at func(*yaml.Node) (int, int), diags *diag.List) {
	first := map[string]int{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Anchor != "" {
			line, col := at(n)
			if l, dup := first[n.Anchor]; dup {
				diags.Warnf(d.Label, line, col, "the anchor &%s is defined a second time (first on line %d): from here on, *%s means this value", n.Anchor, l, n.Anchor)
			} else {
				first[n.Anchor] = line
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(top)
}
