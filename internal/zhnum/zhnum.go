// Package zhnum writes and reads the Chinese numerals PRC statutes number
// their articles, paragraphs and items with: 第四十八条第一款第（八）项.
//
// Format writes the one canonical form (the one the National People's
// Congress uses), so a number always prints the same way; Parse also reads
// the common variants authors type (〇, 两, 一十, Arabic digits), because a
// guide quoting a statute should not fail over a stylistic choice. Parse is
// otherwise strict: a string that could be read as two different numbers
// (一百一 is 110 in speech but looks like 101) is rejected rather than
// guessed.
package zhnum

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Max is the largest number Format writes in Chinese and Parse accepts:
// 九千九百九十九万九千九百九十九. Legal numbering never comes near it, and
// stopping below 亿 keeps the zero rules to one 万 boundary, few enough to
// test every case.
const Max = 99_999_999

// digits are the lower-case numerals statutes use, 零 to 九, three bytes
// each (大写 forms such as 壹 are for amounts of money, not for numbering).
const digits = "零一二三四五六七八九"

// digit is the numeral for 0 <= d <= 9.
func digit(d int) string {
	return digits[3*d : 3*d+3]
}

// Format writes n in modern Chinese lower-case numerals as statutes do:
// 10 is 十 (not 一十), 101 is 一百零一, 110 is 一百一十, 10010 is 一万零一十.
// A negative n or one above Max is written in decimal digits, so a caller
// numbering something unusual still gets readable text rather than a panic.
func Format(n int) string {
	if n < 0 || n > Max {
		return strconv.Itoa(n)
	}
	if n == 0 {
		return digit(0)
	}
	var b strings.Builder
	high, low := n/10000, n%10000
	if high > 0 {
		writeGroup(&b, high, true)
		b.WriteString("万")
		if low > 0 && low < 1000 {
			// Zeros between the 万 and the first digit of the lower
			// group are read as one 零 (一万零一十); zeros at the end
			// of the 万 group are not (一千万一千).
			b.WriteString(digit(0))
		}
	}
	if low > 0 {
		writeGroup(&b, low, high == 0)
	}
	return b.String()
}

// writeGroup writes 1 <= g <= 9999. lead says g starts the number, where
// 10–19 drop their 一 (十一, but 一百一十 and 一万零一十).
func writeGroup(b *strings.Builder, g int, lead bool) {
	units := [4]string{"千", "百", "十", ""}
	pos := [4]int{g / 1000, g / 100 % 10, g / 10 % 10, g % 10}
	started, zero := false, false
	for i, d := range pos {
		if d == 0 {
			zero = started
			continue
		}
		if zero {
			b.WriteString(digit(0))
			zero = false
		}
		if !(lead && !started && i == 2 && d == 1) {
			b.WriteString(digit(d))
		}
		b.WriteString(units[i])
		started = true
	}
}

// maxLen bounds the input Parse looks at: the longest canonical numeral
// (九千九百九十九万九千九百九十九) is 15 runes of 3 bytes; anything much longer
// cannot be a number Parse accepts.
const maxLen = 64

// Parse reads a number written as Format writes it, or with the variants
// authors use: 〇 for 零, 两 for 二 before 百, 千 or 万 (两千, 两万), a
// leading 一十 (一十一, 一十万), and plain ASCII or full-width digits
// (48, ４８; no leading zeros, no sign). Anything else is rejected,
// including forms that speech shortens ambiguously (一百一, 一千二) and
// misplaced or doubled 零.
//
// Rather than a grammar of its own, Parse normalises the variants, reads the
// value leniently and accepts the string only if Format writes that value
// back: whatever Parse accepts is therefore exactly one number, and the two
// functions can never drift apart.
func Parse(s string) (int, bool) {
	if s == "" || len(s) > maxLen {
		return 0, false
	}
	if n, ok, isDigits := parseDigits(s); isDigits {
		return n, ok
	}
	norm, ok := normalise(s)
	if !ok {
		return 0, false
	}
	var total, section, last int
	pending := false
	for _, r := range norm {
		switch r {
		case '零':
			// Position is checked by the round trip below.
		case '十', '百', '千':
			if !pending {
				last = 1 // 十 alone stands for 一十
			}
			section += last * unit(r)
			last, pending = 0, false
		case '万':
			total += (section + last) * 10000
			section, last, pending = 0, 0, false
		default:
			d := digitValue(r)
			if d < 0 || pending {
				return 0, false
			}
			last, pending = d, true
		}
	}
	n := total + section + last
	if n > Max || Format(n) != norm {
		return 0, false
	}
	return n, true
}

// parseDigits reads s if it is all ASCII or full-width digits. isDigits
// reports whether it was, so Parse knows not to try numerals.
func parseDigits(s string) (n int, ok, isDigits bool) {
	var b [maxLen]byte
	k := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b[k] = byte(r)
		case r >= '０' && r <= '９':
			b[k] = byte(r-'０') + '0'
		default:
			return 0, false, false
		}
		k++
	}
	if k > 1 && b[0] == '0' {
		return 0, false, true
	}
	v, err := strconv.Atoi(string(b[:k]))
	if err != nil || v > Max {
		return 0, false, true
	}
	return v, true, true
}

// normalise rewrites the accepted variants to the canonical characters:
// 〇 to 零, 两 to 二 where 两 may stand, and a leading 一十 to 十.
func normalise(s string) (string, bool) {
	if !strings.ContainsAny(s, "〇两") && !strings.HasPrefix(s, "一十") {
		return s, true
	}
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '〇':
			r = '零'
		case '两':
			next, _ := utf8.DecodeRuneInString(s[i+len("两"):])
			if next != '百' && next != '千' && next != '万' {
				return "", false
			}
			r = '二'
		}
		b.WriteRune(r)
	}
	out := b.String()
	if rest, ok := strings.CutPrefix(out, "一十"); ok {
		out = "十" + rest
	}
	return out, true
}

func unit(r rune) int {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	}
	return 1000
}

// digitValue is the value of 一 to 九, or -1.
func digitValue(r rune) int {
	i := strings.IndexRune(digits, r)
	if i <= 0 {
		return -1 // not a numeral, or 零, which is no digit of its own
	}
	return i / 3
}
