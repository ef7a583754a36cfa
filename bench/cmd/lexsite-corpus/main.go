// Command lexsite-corpus writes the synthetic benchmark corpus: a Lexsite
// site, or with -hugo the same texts as a Hugo site, for comparing build time
// and memory on equal work (see bench/hugo-compare.sh).
//
//	lexsite-corpus -n 1000 -o DIR [-hugo] [-seed 1] [-langs en,es,zh]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/lexsite/lexsite/bench/corpus"
)

func main() {
	n := flag.Int("n", 1000, "guides per language")
	out := flag.String("o", "", "output folder (must be missing or empty)")
	hugo := flag.Bool("hugo", false, "write a Hugo site instead of a Lexsite site")
	seed := flag.Int64("seed", 1, "seed: the same seed writes the same bytes")
	langs := flag.String("langs", "en,es,zh", "comma-separated language codes; the first is the default language")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: lexsite-corpus -n N -o DIR [-hugo] [-seed S] [-langs en,es,zh]")
		os.Exit(2)
	}
	opts := corpus.Options{Guides: *n, Languages: strings.Split(*langs, ","), Seed: *seed}
	write := corpus.Write
	if *hugo {
		write = corpus.WriteHugo
	}
	if err := write(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "lexsite-corpus:", err)
		os.Exit(1)
	}
}
