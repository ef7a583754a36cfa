package serve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/lexsite/lexsite/bench/corpus"
)

// copySite copies a site's sources (not its output) into a fresh folder.
func copySite(b *testing.B, from string) string {
	b.Helper()
	dir := b.TempDir()
	for _, name := range []string{"lexsite.toml", "netlify.toml", "content", "templates", "static"} {
		src := filepath.Join(from, name)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(from, p)
			if err != nil {
				return err
			}
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// benchEditToReload serves the site in dir, then edits one file again and
// again, timing each edit to the reload event a page would get: the
// settling of the events, the build, and the notification. It reports the
// median and the 95th percentile, for the full and the incremental builder.
func benchEditToReload(b *testing.B, dir, file string) {
	for _, bc := range []struct {
		name string
		mk   builderFor
	}{{"full", fullBuilder}, {"session", sessionBuilder}} {
		b.Run(bc.name, func(b *testing.B) { benchEditToReloadWith(b, dir, file, bc.mk) })
	}
}

func benchEditToReloadWith(b *testing.B, dir, file string, mk builderFor) {
	srv := startServerWith(b, dir, "127.0.0.1:0", mk)
	events, first := subscribe(b, srv.url)
	if !first.data.OK {
		b.Fatalf("the site does not build: %s", diagStrings(first.data.Diagnostics))
	}
	p := filepath.Join(dir, filepath.FromSlash(file))
	orig, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		n++
		start := time.Now()
		writeFile(b, p, string(orig)+fmt.Sprintf("\nEdit number %d.\n", n))
		for {
			ev := next(b, events, 5*time.Minute)
			if ev.name == "reload" {
				took = append(took, ev.at.Sub(start))
				break
			}
			if ev.name == "state" && !ev.data.OK {
				b.Fatalf("the edit broke the build: %+v", ev.data.Diagnostics)
			}
		}
	}
	b.StopTimer()
	slices.Sort(took)
	pct := func(p float64) float64 {
		i := int(float64(len(took)-1) * p)
		return float64(took[i].Microseconds()) / 1000
	}
	b.ReportMetric(float64(first.data.Pages), "pages")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}

// BenchmarkEditToReload edits a guide of the bundled site (the repository
// root) under `lexsite serve`.
func BenchmarkEditToReload(b *testing.B) {
	dir := copySite(b, filepath.Join("..", ".."))
	benchEditToReload(b, dir, "content/guides/seller-obligations.en.md")
}

// BenchmarkEditToReloadCorpus does the same on the generated corpus of
// LEXSITE_BENCH_N guides per language (default 1000), whose full rebuild
// is what an incremental builder has to beat.
func BenchmarkEditToReloadCorpus(b *testing.B) {
	if testing.Short() {
		b.Skip("the corpus benchmark is long; not with -short")
	}
	n := 1000
	if s := os.Getenv("LEXSITE_BENCH_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("LEXSITE_BENCH_N=%q: %v", s, err)
		}
		n = v
	}
	dir := filepath.Join(b.TempDir(), "site")
	if err := corpus.Write(dir, corpus.Options{Guides: n}); err != nil {
		b.Fatal(err)
	}
	benchEditToReload(b, dir, "content/guides/guide-00001.en.md")
}
