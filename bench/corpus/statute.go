package corpus

import (
	"fmt"
	"strings"
)

// law is one statute excerpt: its citation key, names and the shape of the
// articles it holds. The shape is fixed (it mirrors the real excerpts the
// bundled site carries), the wording is generated.
type law struct {
	key                         string
	enacted, amended, effective string
	names                       map[string]lawText // by base language; en is the fallback
	chapters                    []chapter
}

type lawText struct {
	title, short string
}

func (lw *law) text(lang string) lawText {
	if t, ok := lw.names[baseLang(lang)]; ok {
		return t
	}
	return lw.names["en"]
}

type chapter struct {
	num      int
	titles   map[string]string // by base language; en is the fallback
	articles []article
}

// article gives, for each paragraph, the number of items in the list that
// follows it (0: no list).
type article struct {
	num   int
	items []int
}

// laws returns the two excerpts every corpus holds. A function rather than a
// variable so that nothing can alter the corpus of another caller.
func laws() []*law {
	return []*law{
		{
			key:     "cpl",
			enacted: "1993-10-31", amended: "2013-10-25", effective: "2014-03-15",
			names: map[string]lawText{
				"en": {"Law of the People's Republic of China on the Protection of Consumer Rights and Interests", "Consumer Protection Law"},
				"es": {"Ley de la República Popular China de Protección de los Derechos e Intereses del Consumidor", "Ley de Protección de los Derechos e Intereses del Consumidor"},
				"zh": {"中华人民共和国消费者权益保护法", "消费者权益保护法"},
			},
			chapters: []chapter{
				{3, map[string]string{"en": "Obligations of Business Operators", "es": "Obligaciones de los operadores", "zh": "经营者的义务"},
					[]article{{24, []int{0, 0}}, {25, []int{4, 0, 0}}}},
				{6, map[string]string{"en": "Settlement of Disputes", "es": "Resolución de controversias", "zh": "争议的解决"},
					[]article{{39, []int{5}}, {44, []int{0, 0}}}},
				{7, map[string]string{"en": "Legal Liability", "es": "Responsabilidad jurídica", "zh": "法律责任"},
					[]article{{48, []int{9, 0}}, {55, []int{0, 0}}}},
			},
		},
		{
			key:     "ecl",
			enacted: "2018-08-31", effective: "2019-01-01",
			names: map[string]lawText{
				"en": {"E-Commerce Law of the People's Republic of China", "E-Commerce Law"},
				"es": {"Ley de Comercio Electrónico de la República Popular China", "Ley de Comercio Electrónico"},
				"zh": {"中华人民共和国电子商务法", "电子商务法"},
			},
			chapters: []chapter{
				{2, map[string]string{"en": "E-Commerce Operators", "es": "Operadores de comercio electrónico", "zh": "电子商务经营者"},
					[]article{{9, []int{0, 0, 0}}, {17, []int{0}}, {20, []int{0}}, {46, []int{0, 0}}}},
				{4, map[string]string{"en": "Settlement of E-Commerce Disputes", "es": "Resolución de controversias de comercio electrónico", "zh": "电子商务争议解决"},
					[]article{{59, []int{0}}, {60, []int{0}}, {62, []int{0}}}},
			},
		},
	}
}

// cite is a citation target: law alone (art 0), an article, a paragraph
// (para > 0) or an item of a paragraph (item > 0).
type cite struct {
	law             string
	art, para, item int
}

// source is the citation in Lexsite's syntax, without brackets: "cpl 48(1)(8)".
func (c cite) source() string {
	s := c.law
	if c.art > 0 {
		s += fmt.Sprintf(" %d", c.art)
	}
	if c.para > 0 {
		s += fmt.Sprintf("(%d)", c.para)
	}
	if c.item > 0 {
		s += fmt.Sprintf("(%d)", c.item)
	}
	return s
}

// anchor is the fragment SPEC section 3 gives the target, "" for a whole law.
func (c cite) anchor() string {
	if c.art == 0 {
		return ""
	}
	s := fmt.Sprintf("art-%d", c.art)
	if c.para > 0 {
		s += fmt.Sprintf("-p%d", c.para)
	}
	if c.item > 0 {
		s += fmt.Sprintf("-i%d", c.item)
	}
	return s
}

// citeTargets lists every target the excerpts hold, in a fixed order, for
// guides to draw their citations from.
func citeTargets(ls []*law) []cite {
	var out []cite
	for _, lw := range ls {
		out = append(out, cite{law: lw.key})
		for _, ch := range lw.chapters {
			for _, a := range ch.articles {
				out = append(out, cite{law: lw.key, art: a.num})
				for p, items := range a.items {
					out = append(out, cite{law: lw.key, art: a.num, para: p + 1})
					for i := 1; i <= items; i++ {
						out = append(out, cite{law: lw.key, art: a.num, para: p + 1, item: i})
					}
				}
			}
		}
	}
	return out
}

// statute renders one excerpt in one language.
func (g *gen) statute(lw *law, lang string) []byte {
	loc := g.locales[lang]
	t := lw.text(lang)
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(t.title))
	fmt.Fprintf(&b, "short_title: %s\n", yamlString(t.short))
	fmt.Fprintf(&b, "names:\n  - %s\n", yamlString(t.short))
	b.WriteString("jurisdiction: CN\n")
	fmt.Fprintf(&b, "enacted: %s\n", lw.enacted)
	if lw.amended != "" {
		fmt.Fprintf(&b, "amended: %s\n", lw.amended)
	}
	fmt.Fprintf(&b, "effective: %s\n", lw.effective)
	b.WriteString("source: https://flk.npc.gov.cn/\n")
	if baseLang(lang) == "zh" {
		b.WriteString("authoritative: true\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(loc.note + "\n")
	for _, ch := range lw.chapters {
		title, ok := ch.titles[baseLang(lang)]
		if !ok {
			title = ch.titles["en"]
		}
		fmt.Fprintf(&b, "\n## %s\n", loc.chapterHeading(ch.num, title))
		for _, a := range ch.articles {
			w := g.writer("statute/"+lw.key+"/"+lang, a.num)
			fmt.Fprintf(&b, "\n### %s", loc.articleLabel(a.num))
			// Hugo has no article anchors of its own, and a language
			// without a built-in label needs the explicit id in
			// Lexsite too.
			if g.flavor == flavorHugo || !loc.builtinLabel {
				fmt.Fprintf(&b, " {#art-%d}", a.num)
			}
			b.WriteString("\n")
			for _, items := range a.items {
				b.WriteString("\n" + w.paragraph(25+w.r.IntN(40), false) + "\n")
				if items > 0 {
					b.WriteString("\n")
					numbered := w.r.IntN(2) == 0
					for i := 1; i <= items; i++ {
						marker := "-"
						if numbered {
							marker = fmt.Sprintf("%d.", i)
						}
						end := ";"
						if loc.cjk {
							end = "；"
						}
						if i == items {
							end = "."
							if loc.cjk {
								end = "。"
							}
						}
						fmt.Fprintf(&b, "%s %s%s\n", marker, w.phrase(4+w.r.IntN(8)), end)
					}
				}
			}
		}
	}
	return []byte(b.String())
}
