package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// numTags is the length of every language's tag list: a guide's tags are
// chosen by index, so that its translations carry the same topics.
const numTags = 20

// locale holds the fixed phrases of one language: what a translator would
// write around the generated prose. Languages other than en, es and zh get
// the English phrases; the site still treats them as their own language.
type locale struct {
	lang string
	// name is the endonym lexsite.toml and hugo.toml show in the switcher.
	name      string
	homeTitle string
	guide     string // the word in a guide's title: "Guide 42: …"
	// note opens every statute excerpt, so that nobody mistakes the
	// generated text for the law.
	note string
	// citeLead and linkLead introduce a citation or cross-link sentence;
	// %s is the citation or link.
	citeLead []string
	linkLead []string
	tags     []string
	cjk      bool
	// builtinLabel says Lexsite recognises this language's article label,
	// so article headings need no explicit id.
	builtinLabel bool
}

func newLocale(lang string) locale {
	switch baseLang(lang) {
	case "en":
		l := englishLocale(lang)
		l.name = "English"
		l.builtinLabel = true
		return l
	case "es":
		return locale{
			lang:      lang,
			name:      "Español",
			homeTitle: "Guías de derecho del consumidor",
			guide:     "Guía",
			note:      "Texto generado para pruebas de rendimiento; no es el texto de la ley.",
			citeLead:  []string{"Véase %s.", "Así lo establece %s.", "La regla está en %s."},
			linkLead:  []string{"Más información en %s.", "Consulte también %s.", "Relacionado: %s."},
			tags: strings.Fields(`devoluciones reembolsos reparaciones entrega garantía
				compras-en-línea plataformas reclamaciones mediación arbitraje tribunales
				fraude publicidad contratos pagos depósitos bienes-digitales servicios
				seguridad pruebas`),
			builtinLabel: true,
		}
	case "zh":
		return locale{
			lang:      lang,
			name:      "中文",
			homeTitle: "消费者法律指南",
			guide:     "指南",
			note:      "本文为性能测试生成的文本，并非法律原文。",
			citeLead:  []string{"参见%s。", "依据%s。", "具体规定见%s。"},
			linkLead:  []string{"另见%s。", "相关内容：%s。", "详见%s。"},
			tags: strings.Fields(`退货 退款 修理 交付 保修 网购 平台 投诉 调解 仲裁 诉讼
				欺诈 广告 合同 支付 定金 数字商品 服务 安全 证据`),
			cjk:          true,
			builtinLabel: true,
		}
	default:
		// Lexsite knows no article label for this language: articles
		// carry explicit ids, the way SPEC section 3 tells such a
		// language to write them.
		return englishLocale(lang)
	}
}

func englishLocale(lang string) locale {
	return locale{
		lang:      lang,
		name:      lang,
		homeTitle: "Consumer law guides",
		guide:     "Guide",
		note:      "Text generated for benchmarks; it is not the text of the law.",
		citeLead:  []string{"See %s.", "This follows from %s.", "The rule is in %s."},
		linkLead:  []string{"For more, see %s.", "Read also %s.", "Related: %s."},
		tags: strings.Fields(`returns refunds repairs delivery warranty online-shopping
			platforms complaints mediation arbitration courts fraud advertising contracts
			payments deposits digital-goods services safety evidence`),
	}
}

// articleLabel is the heading text of an article, in the form SPEC section 3
// says Lexsite recognises.
func (l locale) articleLabel(n int) string {
	switch baseLang(l.lang) {
	case "es":
		return "Artículo " + strconv.Itoa(n)
	case "zh":
		return "第" + chineseNumeral(n) + "条"
	default:
		return "Article " + strconv.Itoa(n)
	}
}

// chapterHeading is the heading of a chapter, kept by Lexsite for the table
// of contents only.
func (l locale) chapterHeading(n int, title string) string {
	switch baseLang(l.lang) {
	case "es":
		return "Capítulo " + roman(n) + " " + title
	case "zh":
		return "第" + chineseNumeral(n) + "章 " + title
	default:
		return "Chapter " + roman(n) + " " + title
	}
}

// citationText is the link text Lexsite gives a citation without own text
// (SPEC section 4); the Hugo corpus writes it out so both sites carry the
// same words.
func (l locale) citationText(lw *law, c cite) string {
	name := lw.text(l.lang).short
	if baseLang(l.lang) == "zh" {
		s := "《" + name + "》"
		if c.art > 0 {
			s += "第" + chineseNumeral(c.art) + "条"
		}
		if c.para > 0 {
			s += "第" + chineseNumeral(c.para) + "款"
		}
		if c.item > 0 {
			s += "第（" + chineseNumeral(c.item) + "）项"
		}
		return s
	}
	if c.art == 0 {
		return name
	}
	word := "Article"
	if baseLang(l.lang) == "es" {
		word = "artículo"
	}
	s := fmt.Sprintf("%s, %s %d", name, word, c.art)
	if c.para > 0 {
		s += fmt.Sprintf("(%d)", c.para)
	}
	if c.item > 0 {
		s += fmt.Sprintf("(%d)", c.item)
	}
	return s
}

// chineseNumeral writes 1..99 the way Chinese statutes number articles
// (四十八, 十二, 九十). Other numbers are written in Arabic digits, which
// SPEC section 3 accepts as well.
func chineseNumeral(n int) string {
	if n < 1 || n > 99 {
		return strconv.Itoa(n)
	}
	digits := []rune("〇一二三四五六七八九")
	tens, ones := n/10, n%10
	var b strings.Builder
	if tens > 1 {
		b.WriteRune(digits[tens])
	}
	if tens > 0 {
		b.WriteRune('十')
	}
	if ones > 0 {
		b.WriteRune(digits[ones])
	}
	return b.String()
}

// roman writes the small chapter numbers of the statutes.
func roman(n int) string {
	if n < 1 || n > 39 {
		return strconv.Itoa(n)
	}
	ones := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	return strings.Repeat("X", n/10) + ones[n%10]
}
