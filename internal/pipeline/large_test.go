package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// mixedGuide returns a guide of at least size bytes whose body mixes what
// real guides hold — headings (some with explicit ids, some repeated),
// prose with article mentions, citations, links, lists, tables, block
// quotes, footnotes and code blocks in several languages — so that the cost
// of every pass over a document grows with it. The same size always gives
// the same bytes.
func mixedGuide(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString("---\ntitle: \"A very long guide\"\nsummary: \"Generated to measure the cost of large files.\"\nreviewed: 2026-01-01\n---\n\nThe start of a long guide.\n\n")
	langs := []string{"go", "toml", "json", "sh", "", "no-such-language"}
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Part %d {#part-%d}\n\n", i, i)
		fmt.Fprintf(&b, "Article 48 of the Consumer Protection Law lists what a seller answers for, and Article 20 of the E-Commerce Law puts the risk of transport on the seller ([[cpl 48(1)(8)]]; [[ecl 20]]). See [the list of breaches](../statutes/cpl.md#art-48-p1-i8), [part %d](#part-%d) and [the start](#part-0).[^n%d]\n\n", i, i/2, i)
		b.WriteString("### Example\n\n")
		b.WriteString("- You may ask for a return within 7 days ([[cpl 25]]), **without** giving a reason;\n")
		b.WriteString("- the seller pays the shipping when the goods are faulty ([[cpl 24|the rule on costs]]);\n")
		b.WriteString("  - nested: keep the receipt, the chat and photos of the parcel;\n")
		b.WriteString("  - and `the tracking number`, with https://example.org/track as proof.\n\n")
		b.WriteString("| What went wrong | What you can ask for |\n|---|---|\n")
		b.WriteString("| The goods are faulty | A return, an exchange or a repair ([[cpl 24]]) |\n")
		b.WriteString("| The goods never came | Delivery, a refund, or compensation ([[ecl 20]]) |\n\n")
		b.WriteString("> Article 55 of the Consumer Protection Law gives three times the price when the seller cheated you.\n\n")
		lang := langs[i%len(langs)]
		fmt.Fprintf(&b, "```%s\n", lang)
		for j := range 4 {
			fmt.Fprintf(&b, "key_%d = \"value %d\" // line %d of block %d\n", j, i+j, j, i)
		}
		b.WriteString("```\n\n")
		fmt.Fprintf(&b, "[^n%d]: Note %d, on ~~old~~ and current text.\n\n", i, i)
	}
	return b.Bytes()
}

// mixedStatute returns a statute excerpt of at least size bytes: chapters
// of articles, each with paragraphs, items and mentions of other articles.
func mixedStatute(size int) []byte {
	var b bytes.Buffer
	b.WriteString("---\ntitle: \"Big Law\"\nshort_title: \"Big Law\"\nnames: [\"Big Law\"]\njurisdiction: CN\nauthoritative: true\nreviewed: 2026-01-01\n---\n\n")
	for i := 1; b.Len() < size; i++ {
		if i%50 == 1 {
			fmt.Fprintf(&b, "## Chapter %d {#ch-%d}\n\n", i/50+1, i/50+1)
		}
		fmt.Fprintf(&b, "### Article %d\n\nWhere a business operator sells goods, Article %d of this Law applies.\n\nThe following apply:\n\n1. the first item of article %d;\n2. the second item;\n3. the third item.\n\nA last paragraph, citing Article 3 of the Big Law.\n\n", i, i/2+1, i)
	}
	return b.Bytes()
}

// largeSite is a one-language site holding the bundled site's English
// statute excerpts, which the citations of mixedGuide name, and one guide;
// it allows files of up to 64 MiB.
func largeSite(tb testing.TB, guide []byte) fstest.MapFS {
	tb.Helper()
	root := fstest.MapFS{
		"lexsite.toml":               {Data: []byte("base_url = \"https://example.org/\"\n\n[languages.en]\nname = \"English\"\n\n[limits]\nmax_file_size = \"64 MiB\"\n")},
		"content/guides/large.en.md": {Data: guide},
	}
	for _, law := range []string{"cpl", "ecl"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "content", "statutes", law+".en.md"))
		if err != nil {
			tb.Fatal(err)
		}
		root["content/statutes/"+law+".en.md"] = &fstest.MapFile{Data: src}
	}
	return root
}

// buildLarge builds the site of largeSite into memory and fails on any
// problem: the generated guide is valid.
func buildLarge(tb testing.TB, root fs.FS) *output.Memory {
	tb.Helper()
	mem := output.NewMemory()
	res, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: ".", Open: func(string) fs.FS { return root }}, mem)
	if err != nil {
		for _, d := range res.Diagnostics {
			tb.Log(d)
		}
		tb.Fatal(err)
	}
	return mem
}

// BenchmarkLargeGuide builds a site whose one guide is 1, 4, 16 and 50 MB
// of mixed Markdown: load, parse, resolve and render of a single large
// document. MB/s is the guide's size over the build's time.
func BenchmarkLargeGuide(b *testing.B) {
	for _, mb := range []int{1, 4, 16, 50} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			guide := mixedGuide(mb << 20)
			root := largeSite(b, guide)
			b.ReportAllocs()
			b.SetBytes(int64(len(guide)))
			for b.Loop() {
				buildLarge(b, root)
			}
			reportPeakRSS(b)
		})
	}
}

// TestLargeGuideAllocationIsLinear builds a 1 MB and a 4 MB guide and
// checks that the bytes allocated grow about fourfold: anything quadratic
// in the size of a document would make it sixteenfold. Bytes, unlike time,
// do not depend on the load of the machine.
func TestLargeGuideAllocationIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 5 MB of Markdown")
	}
	checkLinear(t, 1<<20, func(size int) fstest.MapFS { return largeSite(t, mixedGuide(size)) })
}

// TestLargeStatuteAllocationIsLinear is TestLargeGuideAllocationIsLinear
// for a statute excerpt of thousands of articles.
func TestLargeStatuteAllocationIsLinear(t *testing.T) {
	checkLinear(t, 256<<10, func(size int) fstest.MapFS {
		root := largeSite(t, mixedGuide(1000))
		root["content/statutes/big.en.md"] = &fstest.MapFile{Data: mixedStatute(size)}
		return root
	})
}

// checkLinear builds the site of size and of 4 times size and checks that
// the bytes allocated grow about fourfold.
func checkLinear(t *testing.T, size int, site func(size int) fstest.MapFS) {
	alloc := func(size int) uint64 {
		root := site(size)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		buildLarge(t, root)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(size), alloc(4*size)
	ratio := float64(large) / float64(small)
	t.Logf("allocated %d KiB for %d KiB, %d KiB for %d KiB: %.2fx", small>>10, size>>10, large>>10, 4*size>>10, ratio)
	if ratio > 5.5 {
		t.Errorf("a document 4 times as large allocates %.2f times as much; more than 5.5 means some pass grows faster than the document", ratio)
	}
}
