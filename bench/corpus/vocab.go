package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The word lists are constants, split once per generated corpus, so that the
// package holds no mutable state and two corpora can be generated at once.
// They lean towards consumer-law vocabulary so that the prose exercises the
// same kinds of words (and, in Spanish and Chinese, the same scripts and
// accents) as real guides do.
const (
	englishWords = `the a an of to in for on with by from at as and or but not if when
		after before within under without about because unless until while where
		consumer consumers seller sellers buyer platform platforms shop shops store
		goods product products service services order orders purchase purchases
		contract contracts agreement terms price prices payment payments refund refunds
		return returns exchange repair repairs replacement delivery deliveries parcel
		courier receipt receipts invoice invoices warranty guarantee defect defects
		fault quality standard standards label labels package packaging description
		complaint complaints dispute disputes evidence record records screenshot
		message messages chat email letter notice deadline days week weeks month
		law laws article articles paragraph item rule rules right rights duty duties
		obligation obligations liability damages compensation loss losses fraud
		misleading advertising claim claims court courts arbitration mediation
		association authority office regulator hotline online website app account
		must may should can will shall cannot need needs ask asks keep keeps send
		sends write writes check checks explain explains pay pays receive receives
		deliver delivers refuse refuses accept accepts offer offers request requests
		prove proves decide decides contact contacts report reports file files
		reasonable written clear fair promptly usually often always never only also
		full partial original agreed lawful unlawful serious minor early late new
		used damaged missing wrong safe unsafe personal digital local national`

	spanishWords = `el la los las un una de del al a en para por con sin sobre desde hasta
		entre según y o pero no si cuando después antes durante mientras donde
		consumidor consumidores vendedor vendedores comprador plataforma plataformas
		tienda tiendas bienes producto productos servicio servicios pedido pedidos
		compra compras contrato contratos acuerdo condiciones precio precios pago
		pagos reembolso reembolsos devolución devoluciones cambio reparación
		sustitución entrega entregas paquete mensajero recibo recibos factura
		facturas garantía defecto defectos fallo calidad norma normas etiqueta
		embalaje descripción reclamación reclamaciones disputa controversia prueba
		pruebas registro captura mensaje mensajes correo carta aviso plazo días
		semana semanas mes ley leyes artículo artículos párrafo apartado regla
		reglas derecho derechos deber deberes obligación obligaciones responsabilidad
		daños indemnización pérdida pérdidas fraude publicidad engañosa tribunal
		tribunales arbitraje mediación asociación autoridad oficina organismo línea
		sitio aplicación cuenta debe deben puede pueden conviene necesita pide
		guarda envía escribe comprueba explica paga recibe entrega rechaza acepta
		ofrece solicita demuestra decide contacta denuncia presenta razonable escrito
		claro justo pronto normalmente siempre nunca solo también completo parcial
		original acordado lícito ilícito grave leve nuevo usado dañado perdido
		equivocado seguro peligroso personal digital local nacional información
		económico jurídico práctico útil`

	// chineseChars holds about two hundred of the most common hanzi; the
	// generator mixes them with the real words of chineseWords so that a
	// segmenter or search indexer sees both.
	chineseChars = `的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要
		下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作
		当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将
		外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问
		力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世
		气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑
		性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计
		或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直
		服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫
		连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父
		强步完革深区即求品士转量空`

	chineseWords = `消费者 经营者 商品 服务 退货 更换 修理 赔偿 投诉 举报 争议 协商 和解
		调解 仲裁 诉讼 法院 合同 约定 价款 费用 运费 质量 缺陷 标准 说明 包装
		承诺 平台 网络 交易 电子商务 订单 快递 物流 支付 发票 凭证 证据 记录 截图
		聊天 邮件 期限 七日 权利 义务 责任 损失 欺诈 虚假 宣传 误导 消费者协会
		市场监督管理部门 依法 应当 可以 不得 有权 及时 书面 完好 理由 规定 条件
		情形 要求 履行 承担 提供 收到 保存 申请 处理`
)

// vocab is the word material of one language.
type vocab struct {
	// words are the tokens sentences are built from: whole words for
	// languages written with spaces, single hanzi and real words for Chinese.
	words []string
	// cjk says the language is written without spaces between words.
	cjk bool
}

// newVocab returns the word material for lang; a language without its own
// lists writes English prose, since the point is realistic length and
// structure, not meaning.
func newVocab(lang string) vocab {
	switch baseLang(lang) {
	case "es":
		return vocab{words: strings.Fields(spanishWords)}
	case "zh":
		var w []string
		for _, r := range strings.Join(strings.Fields(chineseChars), "") {
			w = append(w, string(r))
		}
		// Real words are listed twice so that they are about a third of
		// the tokens, as in running text.
		words := strings.Fields(chineseWords)
		w = append(w, words...)
		w = append(w, words...)
		return vocab{words: w, cjk: true}
	default:
		return vocab{words: strings.Fields(englishWords)}
	}
}

// baseLang is the primary subtag of a BCP 47 tag, lowercased, so that zh-Hans
// and es-419 get the Chinese and Spanish material.
func baseLang(tag string) string {
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// capitalize upper-cases the first letter, rune-aware for "él" or "ítem".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
