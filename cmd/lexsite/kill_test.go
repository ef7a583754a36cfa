//go:build unix

package main

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/lexsite/lexsite/bench/corpus"
	"github.com/lexsite/lexsite/internal/output/outputtest"
)

// TestKilledBuild stops a real `lexsite build` at random moments, with
// Ctrl-C (SIGINT) and with SIGKILL, while it rebuilds a site of a few
// hundred pages over its previous output. Each build changes one guide,
// so the previous output and the new one differ.
//
// After SIGINT the build either finished (exit 0, the new output whole)
// or stopped (exit 3, or killed before it could catch the signal), leaving
// the previous output byte for byte and nothing beside it. After SIGKILL
// the output is one of the two builds, whole; what the killed build left
// beside it is removed by the next build.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a site of a few hundred pages")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build lexsite with")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "lexsite")
	if b, err := exec.Command(goCmd, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	site := filepath.Join(tmp, "site")
	if err := corpus.Write(site, corpus.Options{Guides: 100, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	guide := filepath.Join(site, "content", "guides", "guide-00001.en.md")
	text, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	// version v of the site: the guide with its own last line.
	setVersion := func(v int) {
		t.Helper()
		edited := append(bytes.Clone(text), fmt.Sprintf("\nVersion %d.\n", v)...)
		if err := os.WriteFile(guide, edited, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Outputs are two levels below tmp, as the references are, so their
	// markers name the site alike.
	out := filepath.Join(tmp, "out", "public")
	build := func(o string) (time.Duration, error) {
		start := time.Now()
		b, err := exec.Command(bin, "build", "-s", site, "-o", o).CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("%v: %s", err, b)
		}
		return time.Since(start), nil
	}
	refs := make([]map[string]string, 2)
	var took time.Duration
	for v := range refs {
		setVersion(v)
		o := filepath.Join(tmp, fmt.Sprintf("ref%d", v), "public")
		d, err := build(o)
		if err != nil {
			t.Fatal(err)
		}
		took = max(took, d)
		refs[v] = outputtest.Snapshot(t, o)
	}
	if len(refs[0]) < 300 {
		t.Fatalf("the site has %d files; the test wants a build that takes a moment", len(refs[0]))
	}
	setVersion(0)
	if _, err := build(out); err != nil {
		t.Fatal(err)
	}
	state := 0 // which version the output holds
	rng := rand.New(rand.NewPCG(12, 2026))
	runs := 0
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		for i := range 12 {
			runs++
			next := 1 - state
			setVersion(next)
			delay := time.Duration(rng.Int64N(int64(took)))
			cmd := exec.Command(bin, "build", "-s", site, "-o", out)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			_ = cmd.Process.Signal(sig)
			err := cmd.Wait()
			code := cmd.ProcessState.ExitCode() // -1 when killed by the signal
			got := outputtest.Snapshot(t, out)
			is := func(v int) bool { return maps.Equal(got, refs[v]) }
			where := fmt.Sprintf("%v #%d after %s (exit %d, %v): %s", sig, i, delay, code, err, stderr.String())
			switch {
			case code == 0 && is(next):
				state = next
			case (code == 3 || code == -1) && is(state):
			case sig == syscall.SIGKILL && is(next):
				state = next
			default:
				t.Fatalf("%s: the output is neither the previous build whole nor the new one", where)
			}
			left := outputtest.Beside(t, out)
			if len(left) == 0 {
				continue
			}
			if sig != syscall.SIGKILL {
				t.Fatalf("%s: left %v beside the output", where, left)
			}
			if _, err := build(out); err != nil {
				t.Fatalf("%s: the next build: %v", where, err)
			}
			state = next
			if !maps.Equal(outputtest.Snapshot(t, out), refs[next]) {
				t.Fatalf("%s: the next build is not whole", where)
			}
			if left := outputtest.Beside(t, out); len(left) > 0 {
				t.Fatalf("%s: the next build left %v beside the output", where, left)
			}
		}
	}
	t.Logf("%d builds stopped; an uninterrupted build took %s", runs, took)
}
