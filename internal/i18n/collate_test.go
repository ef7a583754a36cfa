package i18n

import (
	"slices"
	"testing"
)

func TestSortStrings(t *testing.T) {
	tests := []struct {
		name string
		lang string
		in   []string
		want []string
	}{
		{
			// bei, cheng, guang, hang, nan, shang, shen, tian, wu, xi. Byte
			// order would start with 上 (U+4E0A).
			name: "zh sorts by pinyin",
			lang: "zh",
			in:   []string{"西安", "上海", "北京", "广州", "成都", "杭州", "深圳", "南京", "天津", "武汉"},
			want: []string{"北京", "成都", "广州", "杭州", "南京", "上海", "深圳", "天津", "武汉", "西安"},
		},
		{
			// CLDR pinyin gives each character one reading, its most
			// common: 重 is zhòng, so 重庆 (Chóngqìng) sorts under "zh",
			// after 天津; so does 长沙 (长 zhǎng). A known limit of
			// collation without a dictionary of words.
			name: "zh polyphonic characters take their common reading",
			lang: "zh",
			in:   []string{"重庆", "天津", "北京", "上海"},
			want: []string{"北京", "上海", "天津", "重庆"},
		},
		{
			name: "zh-Hans is pinyin too",
			lang: "zh-Hans",
			in:   []string{"天津", "北京", "上海"},
			want: []string{"北京", "上海", "天津"},
		},
		{
			name: "es puts ñ after n and accents next to their letter",
			lang: "es",
			in:   []string{"oso", "ñu", "nube", "arce", "árbol", "Zorro", "arbol", "nz", "Árbol", "ética", "etapa"},
			want: []string{"arbol", "árbol", "Árbol", "arce", "etapa", "ética", "nube", "nz", "ñu", "oso", "Zorro"},
		},
		{
			name: "en ignores case and accents at first",
			lang: "en",
			in:   []string{"Zoning", "appeals", "Éviction", "eviction", "deposit"},
			want: []string{"appeals", "deposit", "eviction", "Éviction", "Zoning"},
		},
		{
			name: "numbers sort by value",
			lang: "en",
			in:   []string{"Section 10", "Section 2", "Section 1"},
			want: []string{"Section 1", "Section 2", "Section 10"},
		},
		{
			name: "unknown language uses root collation",
			lang: "tlh",
			in:   []string{"b", "ñ", "a", "n", "o"},
			want: []string{"a", "b", "n", "ñ", "o"},
		},
		{
			name: "private-use tag uses root collation",
			lang: "x-klingon",
			in:   []string{"b", "A", "a"},
			want: []string{"a", "A", "b"},
		},
		{
			name: "malformed tag uses root collation",
			lang: "not a tag!",
			in:   []string{"b", "a"},
			want: []string{"a", "b"},
		},
		{
			name: "empty tag",
			lang: "",
			in:   []string{"b", "a"},
			want: []string{"a", "b"},
		},
		{
			// U+0000 is ignorable: both collate equal, so byte order decides.
			name: "collation ties are in byte order",
			lang: "en",
			in:   []string{"a\x00b", "ab"},
			want: []string{"a\x00b", "ab"},
		},
		{name: "empty slice", lang: "es", in: []string{}, want: []string{}},
		{name: "one element", lang: "es", in: []string{"ñ"}, want: []string{"ñ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			SortStrings(tt.lang, got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SortStrings(%q) = %q, want %q", tt.lang, got, tt.want)
			}
			rev := slices.Clone(tt.in)
			slices.Reverse(rev)
			SortStrings(tt.lang, rev)
			if !slices.Equal(rev, tt.want) {
				t.Errorf("from reversed input: %q, want %q", rev, tt.want)
			}
		})
	}
}

func TestSortFuncStable(t *testing.T) {
	type guide struct {
		title string
		order int
	}
	in := []guide{{"Ñandú", 1}, {"nube", 2}, {"Abrir", 3}, {"nube", 4}, {"abrir", 5}, {"Nube", 6}, {"nube", 7}}
	SortFunc("es", in, func(g guide) string { return g.title })
	var got []int
	for _, g := range in {
		got = append(got, g.order)
	}
	// Equal titles keep their input order (2, 4, 7); "abrir" sorts before
	// "Abrir" and "nube" before "Nube" by case, at the last level.
	want := []int{5, 3, 2, 4, 7, 6, 1}
	if !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}
