package content

import (
	"fmt"
	"regexp"
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

	// Statute excerpts (SPEC 3).
	ShortTitle    string
	Names         []string
	Jurisdiction  string
	Enacted       Date
	Amended       Date
	Effective     Date
	Source        string
	Authoritative bool

	// Flows (SPEC 5).
	Start string

	// Pos holds the line and column of each key that was written, for
	// diagnostics about its value.
	Pos map[string][2]int
}

// field describes one front matter key: which kinds may use it and how its
// value is decoded.
type field struct {
	kinds  []Kind // nil: every kind
	decode func(m *Meta, n *yaml.Node) error
}

func fields() map[string]field {
	str := func(set func(m *Meta, s string)) func(*Meta, *yaml.Node) error {
		return func(m *Meta, n *yaml.Node) error {
			if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
				return fmt.Errorf("must be text")
			}
			set(m, n.Value)
			return nil
		}
	}
	list := func(set func(m *Meta, s []string)) func(*Meta, *yaml.Node) error {
		return func(m *Meta, n *yaml.Node) error {
			if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
				set(m, []string{n.Value})
				return nil
			}
			var s []string
			if n.Kind != yaml.SequenceNode || n.Decode(&s) != nil {
				return fmt.Errorf("must be a list of words, such as [returns, delivery]")
			}
			set(m, s)
			return nil
		}
	}
	boolean := func(set func(m *Meta, b bool)) func(*Meta, *yaml.Node) error {
		return func(m *Meta, n *yaml.Node) error {
			var b bool
			if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
				return fmt.Errorf("must be true or false")
			}
			set(m, b)
			return nil
		}
	}
	date := func(set func(m *Meta, d Date)) func(*Meta, *yaml.Node) error {
		return func(m *Meta, n *yaml.Node) error {
			t, err := time.Parse("2006-01-02", n.Value)
			if n.Kind != yaml.ScalarNode || err != nil {
				return fmt.Errorf("must be a date written YYYY-MM-DD, such as 2026-03-15 (found %q)", n.Value)
			}
			set(m, Date{t})
			return nil
		}
	}
	statute := []Kind{Statute}
	return map[string]field{
		"title":           {nil, str(func(m *Meta, s string) { m.Title = s })},
		"summary":         {nil, str(func(m *Meta, s string) { m.Summary = s })},
		"reviewed":        {nil, date(func(m *Meta, d Date) { m.Reviewed = d })},
		"draft":           {nil, boolean(func(m *Meta, b bool) { m.Draft = b })},
		"tags":            {nil, list(func(m *Meta, s []string) { m.Tags = s })},
		"translation_key": {nil, str(func(m *Meta, s string) { m.TranslationKey = s })},
		"short_title":     {statute, str(func(m *Meta, s string) { m.ShortTitle = s })},
		"names":           {statute, list(func(m *Meta, s []string) { m.Names = s })},
		"jurisdiction":    {statute, str(func(m *Meta, s string) { m.Jurisdiction = s })},
		"enacted":         {statute, date(func(m *Meta, d Date) { m.Enacted = d })},
		"amended":         {statute, date(func(m *Meta, d Date) { m.Amended = d })},
		"effective":       {statute, date(func(m *Meta, d Date) { m.Effective = d })},
		"source":          {statute, str(func(m *Meta, s string) { m.Source = s })},
		"authoritative":   {statute, boolean(func(m *Meta, b bool) { m.Authoritative = b })},
		"start":           {[]Kind{Flow}, str(func(m *Meta, s string) { m.Start = s })},
	}
}

// parseMeta decodes front matter into d.Meta, reporting every problem with
// its position in the file. It returns false when the file cannot be used.
func parseMeta(d *Document, fm []byte, diags *diag.List) bool {
	d.Meta.Pos = map[string][2]int{}
	// The front matter starts on line 2 when present (after "---").
	lineOff := 1
	if fm == nil {
		lineOff = 0
	}
	var root yaml.Node
	if len(strings.TrimSpace(string(fm))) > 0 {
		if err := yaml.Unmarshal(fm, &root); err != nil {
			line, msg := 1, err.Error()
			// The YAML library reports "yaml: line N: message".
			yamlLine := regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
			if m := yamlLine.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
				if m[1] != "" {
					line, _ = strconv.Atoi(m[1])
				}
				msg = m[2]
			}
			diags.Errorf(d.Label, line+lineOff, 1, "the front matter is not valid YAML: %s", msg)
			d.Meta.Pos = nil
			return false
		}
	}
	ok := true
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
		for i := 0; i+1 < len(top.Content); i += 2 {
			k, v := top.Content[i], top.Content[i+1]
			line, col := at(k)
			d.Meta.Pos[k.Value] = [2]int{line, col}
			f, known := fs[k.Value]
			if !known {
				diags.Warnf(d.Label, line, col, "unknown front matter key %q is ignored%s", k.Value, suggestKey(k.Value, fs))
				continue
			}
			if f.kinds != nil && !hasKind(f.kinds, d.Kind) {
				diags.Warnf(d.Label, line, col, "%q only has a meaning in %s; it is ignored here", k.Value, kindNames(f.kinds))
				continue
			}
			if err := f.decode(&d.Meta, v); err != nil {
				vl, vc := at(v)
				diags.Errorf(d.Label, vl, vc, "%s %s", k.Value, err)
				ok = false
			}
		}
	}
	if strings.TrimSpace(d.Meta.Title) == "" {
		line, col := 1, 1
		if p, has := d.Meta.Pos["title"]; has {
			line, col = p[0], p[1]
		}
		diags.Errorf(d.Label, line, col, "title is required: add a line such as  title: \"Returning goods bought online\"  to the front matter")
		ok = false
	}
	if (d.Kind == Guide || d.Kind == Flow) && d.Meta.Reviewed.IsZero() {
		if _, written := d.Meta.Pos["reviewed"]; !written {
			diags.Errorf(d.Label, 1, 1, "reviewed is required on %ss: add the date a person last checked it against the law, such as  reviewed: 2026-03-15", d.Kind)
			ok = false
		}
	}
	return ok
}

func hasKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func kindNames(ks []Kind) string {
	var s []string
	for _, k := range ks {
		s = append(s, string(k)+"s")
	}
	return strings.Join(s, " and ")
}

func suggestKey(k string, fs map[string]field) string {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	return suggest.Hint(k, names)
}
