package lexsite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// netlifyConfig is the part of netlify.toml that Netlify reads and this
// test checks.
type netlifyConfig struct {
	Build struct {
		Command     string            `toml:"command" json:"command"`
		Publish     string            `toml:"publish" json:"publish"`
		Environment map[string]string `toml:"environment" json:"environment"`
	} `toml:"build" json:"build"`
	Headers []struct {
		For    string            `toml:"for" json:"for"`
		Values map[string]string `toml:"values" json:"values"`
	} `toml:"headers" json:"headers"`
	Redirects []struct {
		From       string              `toml:"from" json:"from"`
		To         string              `toml:"to" json:"to"`
		Status     int                 `toml:"status" json:"status"`
		Force      bool                `toml:"force" json:"force"`
		Conditions map[string][]string `toml:"conditions" json:"conditions"`
	} `toml:"redirects" json:"redirects"`
}

// TestNetlifyConfig reads netlify.toml as Netlify does (TOML) and holds it
// to what a hosted copy needs: the build, a strict Content-Security-Policy
// and the other security headers, short caching of pages, language
// negotiation at / for every configured language with the default language
// as the fallback, and a "page not found" page per language.
func TestNetlifyConfig(t *testing.T) {
	var cfg netlifyConfig
	md, err := toml.DecodeFile("netlify.toml", &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		t.Errorf("netlify.toml has keys this test does not check: %v", un)
	}
	var site struct {
		DefaultLanguage string              `toml:"default_language"`
		Languages       map[string]struct{} `toml:"languages"`
	}
	if _, err := toml.DecodeFile("lexsite.toml", &site); err != nil {
		t.Fatal(err)
	}

	if !strings.Contains(cfg.Build.Command, "./cmd/lexsite build") || cfg.Build.Publish != "public" {
		t.Errorf("build: command %q, publish %q", cfg.Build.Command, cfg.Build.Publish)
	}
	gomod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(string(gomod))[1]
	if got := cfg.Build.Environment["GO_VERSION"]; got != goVersion {
		t.Errorf("GO_VERSION is %q; go.mod asks for %q", got, goVersion)
	}

	all := map[string]string{}
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			all = h.Values
		}
	}
	csp := map[string][]string{}
	for _, d := range strings.Split(all["Content-Security-Policy"], ";") {
		if f := strings.Fields(d); len(f) > 0 {
			csp[f[0]] = f[1:]
		}
	}
	for _, dir := range []string{"default-src", "script-src", "style-src"} {
		if !slices.Equal(csp[dir], []string{"'self'"}) {
			t.Errorf("Content-Security-Policy %s is %q, want only 'self' (nothing inline, no other host)", dir, csp[dir])
		}
	}
	for _, dir := range []string{"object-src", "frame-ancestors"} {
		if !slices.Equal(csp[dir], []string{"'none'"}) {
			t.Errorf("Content-Security-Policy %s is %q, want 'none'", dir, csp[dir])
		}
	}
	for dir, srcs := range csp {
		for _, s := range srcs {
			if strings.Contains(s, "unsafe") || strings.Contains(s, "://") || s == "*" {
				t.Errorf("Content-Security-Policy %s allows %s", dir, s)
			}
		}
	}
	want := map[string]*regexp.Regexp{
		"X-Content-Type-Options":    regexp.MustCompile(`^nosniff$`),
		"Referrer-Policy":           regexp.MustCompile(`^(strict-origin-when-cross-origin|no-referrer|same-origin)$`),
		"Permissions-Policy":        regexp.MustCompile(`camera=\(\).*microphone=\(\).*geolocation=\(\)`),
		"Strict-Transport-Security": regexp.MustCompile(`^max-age=(3153[6-9]\d{3}|[4-9]\d{7}|\d{9,})`),
	}
	for name, re := range want {
		if !re.MatchString(all[name]) {
			t.Errorf("header %s for /* is %q, want %s", name, all[name], re)
		}
	}

	// Style sheets and scripts are fingerprinted, so they may be kept for
	// good; everything else must not be under such a rule.
	checkAssetCaching(t, cfg)

	// Negotiation at /: a forced 302 per non-default language with its
	// Language condition, then the default language for everyone else.
	var langs []string
	for l := range site.Languages {
		if l != site.DefaultLanguage {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	var conditioned []string
	fallback := -1
	for i, r := range cfg.Redirects {
		if r.From != "/" {
			continue
		}
		if r.Status != 302 || !r.Force {
			t.Errorf("the redirect of / to %s has status %d, force %v; want a forced 302 (/ has a file of its own)", r.To, r.Status, r.Force)
		}
		cond := r.Conditions["Language"]
		if len(cond) == 0 {
			if r.To != "/"+site.DefaultLanguage+"/" {
				t.Errorf("the fallback redirect of / leads to %s, want the default language's home /%s/", r.To, site.DefaultLanguage)
			}
			fallback = i
			continue
		}
		if fallback >= 0 {
			t.Errorf("the redirect of / for %v comes after the fallback, which would hide it", cond)
		}
		if len(cond) != 1 || r.To != "/"+cond[0]+"/" {
			t.Errorf("the redirect of / for %v leads to %s", cond, r.To)
			continue
		}
		conditioned = append(conditioned, cond[0])
	}
	slices.Sort(conditioned)
	if !slices.Equal(conditioned, langs) {
		t.Errorf("/ negotiates %v; the site's other languages are %v", conditioned, langs)
	}
	if fallback < 0 {
		t.Error("no fallback redirect of / to the default language")
	}

	// A 404 page per language, not forced (real pages win).
	notFound := map[string]string{}
	for _, r := range cfg.Redirects {
		if r.Status == 404 {
			if r.Force {
				t.Errorf("the 404 rule for %s is forced: it would hide every page", r.From)
			}
			notFound[r.From] = r.To
		}
	}
	for l := range site.Languages {
		if got := notFound["/"+l+"/*"]; got != "/"+l+"/404.html" {
			t.Errorf("404 for /%s/* leads to %q, want /%s/404.html", l, got, l)
		}
	}
	if notFound["/*"] != "/404.html" {
		t.Errorf("404 for /* leads to %q, want /404.html", notFound["/*"])
	}
}

// checkAssetCaching builds the bundled site and holds each file of the
// output to the Cache-Control rules that match it: a fingerprinted style
// sheet or script must be cached for a year and immutable, and no other
// file may be (a page or an image cached for good could never be
// corrected). At most one rule may set Cache-Control for a file, since
// Netlify joins the values of every matching rule; with none, Netlify's
// own applies, which has pages checked again on every visit.
func checkAssetCaching(t *testing.T, cfg netlifyConfig) {
	t.Helper()
	mem := output.NewMemory()
	if _, err := pipeline.Run(context.Background(), pipeline.Options{SiteDir: "."}, mem); err != nil {
		t.Fatalf("building the bundled site: %v", err)
	}
	fingerprinted := regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)$`)
	maxAge := regexp.MustCompile(`max-age=(\d+)`)
	var assets int
	for _, name := range mem.Names() {
		cache := "public, max-age=0, must-revalidate" // Netlify's own
		var rules []string
		for _, h := range cfg.Headers {
			if v, ok := h.Values["Cache-Control"]; ok && netlifyMatch(h.For, "/"+name) {
				cache = v
				rules = append(rules, h.For)
			}
		}
		if len(rules) > 1 {
			t.Errorf("/%s: Cache-Control is set by %d rules %v, which Netlify would join into one value", name, len(rules), rules)
		}
		if strings.HasSuffix(name, ".html") && !strings.Contains(cache, "max-age=0") {
			t.Errorf("/%s: Cache-Control %q; pages must be checked again on every visit", name, cache)
		}
		long := false
		if m := maxAge.FindStringSubmatch(cache); m != nil {
			age, _ := strconv.Atoi(m[1])
			long = age >= 31536000 && strings.Contains(cache, "immutable")
		}
		if fingerprinted.MatchString(name) {
			assets++
			if !long {
				t.Errorf("/%s has a fingerprinted name but Cache-Control %q: want a year, immutable", name, cache)
			}
		} else if long {
			t.Errorf("/%s keeps its name when it changes but is cached for good (%q)", name, cache)
		}
	}
	if assets < 3 {
		t.Errorf("only %d fingerprinted style sheets and scripts in the output", assets)
	}
}

// netlifyMatch matches a request path against a headers "for" path: exact,
// or with a trailing "*" standing for any rest.
func netlifyMatch(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return pattern == p
}

// TestNetlifyConfigAsNetlifyReadsIt is the second check of netlify.toml:
// Netlify's own reader (@netlify/config, run offline) must accept the file
// and read from it the headers and redirects TestNetlifyConfig checked.
// It runs where that reader is installed (netlify-config on PATH; .ci/run
// installs it when npm is available) and is skipped elsewhere.
func TestNetlifyConfigAsNetlifyReadsIt(t *testing.T) {
	reader, err := exec.LookPath("netlify-config")
	if err != nil {
		t.Skip("netlify-config is not installed (npm install @netlify/config); TestNetlifyConfig still checks the file")
	}
	var ours netlifyConfig
	if _, err := toml.DecodeFile("netlify.toml", &ours); err != nil {
		t.Fatal(err)
	}
	// Netlify's reader looks for a repository around the file, and for
	// _headers and _redirects in its publish folder: give it a folder of
	// its own with nothing but the file.
	root := t.TempDir()
	src, err := os.ReadFile("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "netlify.toml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, reader, "--offline", "--stable", "--cwd", root, "--repositoryRoot", root, "--config", filepath.Join(root, "netlify.toml"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("Netlify's reader refused netlify.toml: %v\n%s", err, stderr.String())
	}
	// Rules it cannot read are dropped with a warning, not an error.
	if strings.Contains(stderr.String(), "Warning") {
		t.Errorf("Netlify's reader warns about netlify.toml:\n%s", stderr.String())
	}
	// Netlify's answer holds the file as it read it, in the same form.
	var theirs struct {
		Config netlifyConfig `json:"config"`
	}
	if err := json.Unmarshal(out, &theirs); err != nil {
		t.Fatalf("reading Netlify's answer: %v\n%s", err, out)
	}
	got := theirs.Config
	if got.Build.Command != ours.Build.Command || !strings.HasSuffix(got.Build.Publish, "/"+ours.Build.Publish) {
		t.Errorf("Netlify reads the build as %q publishing %q", got.Build.Command, got.Build.Publish)
	}
	if got.Build.Environment["GO_VERSION"] != ours.Build.Environment["GO_VERSION"] {
		t.Errorf("Netlify reads GO_VERSION as %q", got.Build.Environment["GO_VERSION"])
	}
	if len(got.Headers) != len(ours.Headers) {
		t.Fatalf("Netlify reads %d header rules, this test %d", len(got.Headers), len(ours.Headers))
	}
	for i, h := range ours.Headers {
		if got.Headers[i].For != h.For || !maps.Equal(got.Headers[i].Values, h.Values) {
			t.Errorf("header rule %d: Netlify reads %s %v, this test %s %v", i, got.Headers[i].For, got.Headers[i].Values, h.For, h.Values)
		}
	}
	if len(got.Redirects) != len(ours.Redirects) {
		t.Fatalf("Netlify reads %d redirects, this test %d", len(got.Redirects), len(ours.Redirects))
	}
	for i, r := range ours.Redirects {
		g := got.Redirects[i]
		if g.From != r.From || g.To != r.To || g.Status != r.Status || g.Force != r.Force || !maps.EqualFunc(g.Conditions, r.Conditions, slices.Equal) {
			t.Errorf("redirect %d: Netlify reads %+v, this test %+v", i, g, r)
		}
	}
}
