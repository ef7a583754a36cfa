package lexsite_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// netlifyConfig is the part of netlify.toml that Netlify reads and this
// test checks.
type netlifyConfig struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
	Redirects []struct {
		From       string              `toml:"from"`
		To         string              `toml:"to"`
		Status     int                 `toml:"status"`
		Force      bool                `toml:"force"`
		Conditions map[string][]string `toml:"conditions"`
	} `toml:"redirects"`
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
		"Cache-Control":             regexp.MustCompile(`max-age=0`),
	}
	for name, re := range want {
		if !re.MatchString(all[name]) {
			t.Errorf("header %s for /* is %q, want %s", name, all[name], re)
		}
	}

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
