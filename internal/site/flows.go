package site

import (
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/flow"
)

// checkFlows checks every flow's graph in every language it is written
// in, and each translation against the default language's version (or,
// without one, the first language's): a reader who switches language on a
// step must land on the same step, with the same answers.
func (s *Site) checkFlows(diags *diag.List) {
	for _, g := range s.Groups {
		ref := g.first(s.Langs)
		if d := g.Docs[s.Config.DefaultLanguage]; d != nil {
			ref = d
		}
		if ref == nil || ref.Parsed == nil || ref.Parsed.Flow == nil {
			continue
		}
		for _, lang := range s.Langs {
			d := g.Docs[lang]
			if d == nil || d.Parsed.Flow == nil {
				continue
			}
			for _, p := range d.Parsed.Flow.Validate(d.Meta.Start) {
				s.report(d, p, diags)
			}
			if d != ref {
				for _, p := range flow.CompareTranslation(ref.Parsed.Flow, d.Parsed.Flow, ref.Lang) {
					s.report(d, p, diags)
				}
			}
		}
	}
}

func (s *Site) report(d *Doc, p flow.Problem, diags *diag.List) {
	if p.Start {
		line, col := 1, 1
		if pos, ok := d.Meta.Pos["start"]; ok {
			line, col = pos[0], pos[1]
		}
		diags.Errorf(d.Label, line, col, "%s", p.Message)
		return
	}
	if p.Warning {
		d.Warnf(diags, p.Offset, "%s", p.Message)
	} else {
		d.Errorf(diags, p.Offset, "%s", p.Message)
	}
}
