package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/cli"
	"github.com/lexsite/lexsite/internal/output/outputtest"
)

// site writes files into a fresh folder and returns it.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func good() map[string]string {
	return map[string]string{
		"lexsite.toml":             "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[languages.es]\nname = \"Español\"\n",
		"content/_index.md":        "---\ntitle: Home\n---\nHello.\n",
		"content/guides/a.en.md":   "---\ntitle: A\nreviewed: 2026-01-01\n---\nText.\n",
		"content/guides/a.es.md":   "---\ntitle: A es\nreviewed: 2026-01-01\n---\nTexto.\n",
		"content/about.md":         "---\ntitle: About\n---\n",
		"content/guides/drafty.md": "---\ntitle: Draft\nreviewed: 2026-01-01\ndraft: true\n---\n",
	}
}

// today is the day the tests run on, whatever the clock says, so that
// reviewed dates do not age out of them.
var today = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func run(args ...string) (code int, stdout, stderr string) {
	return runAt(today, args...)
}

func runAt(day time.Time, args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = cli.RunAt(context.Background(), day, args, &o, &e)
	return code, o.String(), e.String()
}

func TestBuildWritesPublicByDefault(t *testing.T) {
	dir := site(t, good())
	code, out, errs := run("build", "-s", dir)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Built ") {
		t.Errorf("no summary: %q", out)
	}
	for _, f := range []string{"index.html", "en/guides/a/index.html", "es/guides/a/index.html", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "en", "guides", "drafty")); err == nil {
		t.Errorf("a draft was built without --drafts")
	}
	if code, _, _ := run("build", "-s", dir, "--drafts"); code != 0 {
		t.Fatal("build --drafts failed")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "en", "guides", "drafty", "index.html")); err != nil {
		t.Errorf("--drafts did not build the draft")
	}
}

// TestFailedBuildLeavesOutputUntouched is the promise of SPEC section 7.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir := site(t, good())
	out := filepath.Join(dir, "public")
	if code, _, errs := run("build", "-s", dir); code != 0 {
		t.Fatal(errs)
	}
	before := outputtest.Snapshot(t, out)
	// Break the site: a content error, then a configuration error.
	if err := os.WriteFile(filepath.Join(dir, "content/guides/a.en.md"), []byte("---\ntitle: A\nreviewed: 2026-01-01\n---\n[x](nowhere.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run("build", "-s", dir)
	if code != cli.ExitContent {
		t.Fatalf("exit %d, want 1: %s", code, errs)
	}
	if !strings.Contains(errs, "content/guides/a.en.md:5:1: error: the link points to nowhere.md") || !strings.Contains(errs, "nothing was written") {
		t.Errorf("stderr: %s", errs)
	}
	after := outputtest.Snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("output changed: %d files, now %d", len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed after a failed build", k)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "building") || strings.Contains(e.Name(), ".old-") {
			t.Errorf("left behind %s", e.Name())
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "lexsite.toml"), []byte("base_url = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := run("build", "-s", dir); code != cli.ExitUsage {
		t.Errorf("configuration error: exit %d, want 2", code)
	}
	if len(outputtest.Snapshot(t, out)) != len(before) {
		t.Errorf("output changed after a configuration error")
	}
}

func TestBuildRefusesDangerousOutput(t *testing.T) {
	dir := site(t, good())
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{
		"the site itself":       dir,
		"the content folder":    filepath.Join(dir, "content"),
		"inside static":         filepath.Join(dir, "static", "x"),
		"a parent of the site":  filepath.Dir(dir),
		"someone else's folder": other,
	} {
		t.Run(name, func(t *testing.T) {
			code, _, errs := run("build", "-s", dir, "-o", out)
			if code != cli.ExitUsage || !strings.Contains(errs, "refusing") {
				t.Errorf("exit %d, stderr %q", code, errs)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "mine" {
		t.Errorf("a refused build touched another folder")
	}
}

func TestCheckFormats(t *testing.T) {
	files := good()
	files["content/guides/b.md"] = "---\ntitle: B\n---\n"
	dir := site(t, files)
	code, out, _ := run("check", "-s", dir)
	if code != cli.ExitContent || !strings.HasPrefix(out, "content/guides/b.md:1:1: error: reviewed is required") {
		t.Errorf("text: exit %d, %q", code, out)
	}
	code, out, _ = run("check", "-s", dir, "--format", "json")
	var ds []struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Col      int    `json:"col"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	// Besides the error, the array notes (as "info") that about.md and
	// b.md have no Spanish version yet.
	var problems []string
	for _, d := range ds {
		if d.Severity == "info" {
			continue
		}
		problems = append(problems, d.Path)
		if d.Path != "content/guides/b.md" || d.Line != 1 || d.Severity != "error" {
			t.Errorf("json: %+v", d)
		}
	}
	if code != cli.ExitContent || len(problems) != 1 || len(ds) != 3 {
		t.Errorf("json: exit %d, %+v", code, ds)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("check wrote output")
	}
	translated := good()
	translated["content/about.es.md"] = "---\ntitle: Acerca\n---\n"
	clean := site(t, translated)
	code, out, _ = run("check", "-s", clean, "--format", "json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("clean site: exit %d, %q", code, out)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{nil, cli.ExitUsage, ""},
		{[]string{"frobnicate"}, cli.ExitUsage, ""},
		{[]string{"build", "--nope"}, cli.ExitUsage, ""},
		{[]string{"build", "extra"}, cli.ExitUsage, ""},
		{[]string{"check", "--format", "xml"}, cli.ExitUsage, ""},
		{[]string{"version"}, cli.ExitOK, "lexsite "},
		{[]string{"help"}, cli.ExitOK, "Usage:"},
		{[]string{"help", "build"}, cli.ExitOK, "lexsite build"},
		{[]string{"build", "-h"}, cli.ExitOK, ""},
		{[]string{"build", "-s", "/nonexistent/site"}, cli.ExitUsage, ""},
	}
	for _, tt := range tests {
		code, out, _ := run(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("%v: exit %d (want %d), stdout %q", tt.args, code, tt.code, out)
		}
	}
}

// TestBuildRelative: --relative writes links that work from disk.
func TestBuildRelative(t *testing.T) {
	dir := site(t, good())
	out := filepath.Join(t.TempDir(), "copy")
	if code, _, stderr := run("build", "-s", dir, "-o", out, "--relative"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "en", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`href="\.\./css/site\.[0-9a-f]{10}\.css"`).Match(b) {
		t.Errorf("the home page does not link its style sheet relatively:\n%s", b)
	}
}
