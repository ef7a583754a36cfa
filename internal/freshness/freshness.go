// Package freshness finds what in a site needs a person's attention because
// time passed or a translator has not got to it yet: guides and flows whose
// reviewed date is older than the site allows, and documents without a
// translation in a configured language, and reviewed dates after today.
//
// Only `lexsite check` asks: a build must not depend on the day it runs, so
// nothing here reads the clock. The caller says what day it is.
package freshness

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/english"
	"github.com/lexsite/lexsite/internal/site"
)

// Info is the severity of a note that is neither an error nor a warning,
// such as a document not translated yet. It never changes a command's exit
// status.
const Info diag.Severity = "info"

// Date is a calendar day, compared without a clock or a time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in t's own location: pass time.Now() for
// the day it is where the command runs.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Compare returns -1, 0 or +1 as a is before, the same day as, or after b.
func (a Date) Compare(b Date) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day))
}

// String is the date as YYYY-MM-DD.
func (a Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", a.Year, a.Month, a.Day)
}

// AddMonths returns the same day n months later. A day the later month does
// not have becomes its last day: one month after 31 January is 28 (or 29)
// February, not 3 March.
func (a Date) AddMonths(n int) Date {
	m := int(a.Month) - 1 + n
	y := a.Year + m/12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	month := time.Month(m + 1)
	// Day 0 of the next month is the last day of this one.
	last := time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return Date{y, month, min(a.Day, last)}
}

// Due is the last day a document reviewed on reviewed is still current
// with a review period of months: the same day months later.
func Due(reviewed Date, months int) Date {
	return reviewed.AddMonths(months)
}

// Stale returns a warning for each guide and flow, in every language,
// whose reviewed date is more than months before today, and for each
// document whose reviewed date is after today: a mistyped year, most
// often, that would keep the document from ever looking old. Each
// language's version is judged by its own date: a translation reviewed last
// month does not make an original of three years ago current. A document
// reviewed exactly months ago is still current. Warnings are placed at the
// reviewed key of the front matter.
func Stale(s *site.Site, months int, today Date) []diag.Diagnostic {
	if s == nil {
		return nil
	}
	if months <= 0 {
		months = 12
	}
	var out []diag.Diagnostic
	for _, g := range s.Groups {
		for _, lang := range s.Langs {
			d := g.Docs[lang]
			if d == nil || d.Meta.Reviewed.IsZero() {
				continue // a missing date is already an error
			}
			reviewed := DateOf(d.Meta.Reviewed.Time)
			var msg string
			switch {
			case reviewed.Compare(today) > 0:
				msg = fmt.Sprintf("reviewed on %s, which is after today (%s); write the day a person last checked it against the law", reviewed, today)
			case !g.Kind.Spec().Reviewed:
				continue
			case today.Compare(Due(reviewed, months)) > 0:
				msg = fmt.Sprintf("last reviewed on %s, more than %s ago; check it against the law and update reviewed", reviewed, english.Count(months, "month"))
			default:
				continue
			}
			line, col := 1, 1
			if p, ok := d.Meta.Pos["reviewed"]; ok {
				line, col = p[0], p[1]
			}
			out = append(out, diag.Diagnostic{Path: d.Label, Line: line, Col: col, Severity: diag.Warning, Message: msg})
		}
	}
	slices.SortFunc(out, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	return out
}

// Missing is what one language lacks.
type Missing struct {
	// Lang is the language code and Name its name from lexsite.toml.
	Lang, Name string
	// Docs are the versions readers of Lang are shown instead (the default
	// language's when there is one), sorted by path.
	Docs []*site.Doc
}

// Untranslated lists, for each configured language in order, the guides,
// flows, statute excerpts and plain pages that have no version in it. Home
// and list pages (_index files) are left out: they are optional in every
// language.
func Untranslated(s *site.Site) []Missing {
	if s == nil || s.Config == nil {
		return nil
	}
	var out []Missing
	for _, lang := range s.Langs {
		m := Missing{Lang: lang, Name: lang}
		if l := s.Config.Languages[lang]; l != nil && l.Name != "" {
			m.Name = l.Name
		}
		for _, g := range s.Groups {
			if g.Kind.Spec().Index || g.Docs[lang] != nil {
				continue
			}
			// The version readers of lang are shown instead.
			if d, _ := g.Source(lang, s); d != nil {
				m.Docs = append(m.Docs, d)
			}
		}
		slices.SortFunc(m.Docs, func(a, b *site.Doc) int { return cmp.Compare(a.Label, b.Label) })
		out = append(out, m)
	}
	return out
}

// Diagnostics returns one Info entry per missing translation, at line 1,
// column 1 of the version that exists, for machine-readable output.
func Diagnostics(missing []Missing) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, m := range missing {
		for _, d := range m.Docs {
			out = append(out, diag.Diagnostic{
				Path: d.Label, Line: 1, Col: 1, Severity: Info,
				Message: fmt.Sprintf("not translated into %s (%s) yet", m.Lang, m.Name),
			})
		}
	}
	return out
}

// WriteText prints the list for people, one line per language:
//
//	Not yet translated:
//	  es (Español): content/guides/returns.en.md, content/flows/refund.en.md
//	  zh (中文): nothing missing
//
// A site with one language has nothing to translate, and gets no list.
func WriteText(w io.Writer, missing []Missing) error {
	if len(missing) < 2 {
		return nil
	}
	var b strings.Builder
	b.WriteString("Not yet translated:\n")
	for _, m := range missing {
		fmt.Fprintf(&b, "  %s (%s): ", m.Lang, m.Name)
		if len(m.Docs) == 0 {
			b.WriteString("nothing missing\n")
			continue
		}
		for i, d := range m.Docs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(d.Label)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
