package pipeline_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/lexsite/lexsite/bench/corpus"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// benchGuides is the corpus size: guides per language. LEXSITE_BENCH_N
// changes it (the README's figures use the default, 1000).
func benchGuides(b *testing.B) int {
	if s := os.Getenv("LEXSITE_BENCH_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	return 1000
}

type countingWriter struct{ pages, bytes atomic.Int64 }

func (c *countingWriter) WriteFile(name string, data []byte) error {
	if filepath.Ext(name) == ".html" {
		c.pages.Add(1)
	}
	c.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkBuild is a full build of the generated corpus (N guides × 3
// languages plus statutes) from memory, writing nowhere: the pipeline's own
// cost.
func BenchmarkBuild(b *testing.B) {
	files := corpus.Files(corpus.Options{Guides: benchGuides(b)})
	root := fstest.MapFS{}
	for name, data := range files {
		root[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	opts := pipeline.Options{SiteDir: ".", Open: func(string) fs.FS { return root }}
	b.ReportAllocs()
	b.ResetTimer()
	var pages int64
	for b.Loop() {
		w := &countingWriter{}
		if _, err := pipeline.Run(context.Background(), opts, w); err != nil {
			b.Fatal(err)
		}
		pages = w.pages.Load()
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	reportPeakRSS(b)
}

// BenchmarkBuildToDisk is what `lexsite build` does: read the corpus from
// disk and write a fresh output folder, swapped in at the end.
func BenchmarkBuildToDisk(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Guides: benchGuides(b)}); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	opts := pipeline.Options{SiteDir: dir}
	b.ReportAllocs()
	b.ResetTimer()
	var pages int
	for b.Loop() {
		w, err := output.NewDir(out, []string{dir})
		if err != nil {
			b.Fatal(err)
		}
		res, err := pipeline.Run(context.Background(), opts, w)
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Commit(); err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	reportPeakRSS(b)
}

// BenchmarkSessionEdit is the preview server's rebuild after an author
// saves one guide: an incremental build of the corpus from memory, the
// guide's text changed each time.
func BenchmarkSessionEdit(b *testing.B) {
	files := corpus.Files(corpus.Options{Guides: benchGuides(b)})
	root := fstest.MapFS{}
	for name, data := range files {
		root[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	const guide = "content/guides/guide-00001.en.md"
	if root[guide] == nil {
		b.Fatalf("the corpus has no %s", guide)
	}
	orig := root[guide].Data
	s := pipeline.NewSession(pipeline.Options{SiteDir: ".", Open: func(string) fs.FS { return root }})
	if _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	var rendered int
	for b.Loop() {
		i++
		root[guide] = &fstest.MapFile{Data: append(append([]byte(nil), orig...), []byte("\nEdit "+strconv.Itoa(i)+".\n")...)}
		out, err := s.Build(context.Background(), []pipeline.Change{{Source: ".", Path: guide}})
		if err != nil {
			b.Fatal(err)
		}
		rendered = len(out.Rendered)
	}
	b.ReportMetric(float64(rendered), "files-rendered")
	reportPeakRSS(b)
}

// BenchmarkSessionEditBundled is BenchmarkSessionEdit on the bundled site.
func BenchmarkSessionEditBundled(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", ".."))); err != nil {
		b.Fatal(err)
	}
	guide := filepath.Join(dir, "content", "guides", "seller-obligations.en.md")
	orig, err := os.ReadFile(guide)
	if err != nil {
		b.Fatal(err)
	}
	s := pipeline.NewSession(pipeline.Options{SiteDir: dir})
	if _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(guide, append(append([]byte(nil), orig...), []byte("\nEdit "+strconv.Itoa(i)+".\n")...), 0o644); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Build(context.Background(), []pipeline.Change{{Source: dir, Path: "content/guides/seller-obligations.en.md"}}); err != nil {
			b.Fatal(err)
		}
	}
}
