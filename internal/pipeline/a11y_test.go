package pipeline_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/lexsite/lexsite/internal/browsertest"
)

// envAxe names the file of axe-core (axe.min.js) that the accessibility
// test injects into each page; .ci/run installs axe-core and sets it.
const envAxe = "LEXSITE_AXE"

// axeTags are the axe-core rule tags of WCAG 2.2 level A and AA: every
// violation of one of them fails the test, whatever its impact.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// samplePage is one page of the bundled site that stands for its kind.
type samplePage struct {
	kind string // the page's kind; "outcome" for a step without answers
	path string // its address below the site root, such as /en/guides/x/
}

// kindPattern finds a page's kind in the class of its <body>.
var kindPattern = regexp.MustCompile(`<body class="kind-([a-z0-9]+)"`)

// samplePages picks, in each language, the largest page of each kind from a
// built site, so that the checks see the most components a kind has (the
// guide with a table, the plain page with code), and the language chooser.
// A step without answers is an outcome, a kind of its own for the reader.
// Choosing from the build keeps the sample right when content changes.
func samplePages(t *testing.T, files map[string][]byte) []samplePage {
	t.Helper()
	type key struct{ lang, kind string }
	best := map[key]string{}
	for name, data := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		m := kindPattern.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s: no kind-… class on <body>", name)
		}
		kind := string(m[1])
		if kind == "step" && !strings.Contains(string(data), `class="answer"`) {
			kind = "outcome"
		}
		lang, _, _ := strings.Cut(name, "/")
		if kind == "chooser" || name == "404.html" {
			lang = ""
		}
		k := key{lang, kind}
		if cur, ok := best[k]; !ok || len(data) > len(files[cur]) || len(data) == len(files[cur]) && name < cur {
			best[k] = name
		}
	}
	var out []samplePage
	for _, k := range slices.SortedFunc(maps.Keys(best), func(a, b key) int {
		return strings.Compare(a.lang+" "+a.kind, b.lang+" "+b.kind)
	}) {
		p := "/" + strings.TrimSuffix(best[k], "index.html")
		out = append(out, samplePage{kind: k.kind, path: p})
	}
	kinds := map[string]bool{}
	for _, p := range out {
		kinds[p.kind] = true
	}
	for _, want := range []string{"chooser", "home", "section", "guide", "statute", "flow", "step", "outcome", "tag", "tags", "404", "page"} {
		if !kinds[want] {
			t.Errorf("the bundled site has no page of kind %s to check", want)
		}
	}
	return out
}

// netlifyHeaders reads the headers netlify.toml sets on every page, so that
// the pages are checked under the Content-Security-Policy they are deployed
// with. upgrade-insecure-requests is left out: the test server speaks plain
// HTTP.
func netlifyHeaders(t *testing.T) http.Header {
	t.Helper()
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if _, err := toml.DecodeFile(filepath.Join("..", "..", "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	for _, rule := range cfg.Headers {
		if rule.For != "/*" {
			continue
		}
		for k, v := range rule.Values {
			if k == "Content-Security-Policy" {
				v = strings.ReplaceAll(v, "; upgrade-insecure-requests", "")
			}
			h.Set(k, v)
		}
	}
	if h.Get("Content-Security-Policy") == "" {
		t.Fatal("netlify.toml sets no Content-Security-Policy on /*")
	}
	return h
}

// serveBundledSiteWithCSP builds the bundled site once and serves it with
// the headers of netlify.toml; it returns the server's URL and the files.
func serveBundledSiteWithCSP(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	return buildAndServeBundledSite(t, func(files map[string][]byte) string {
		return browsertest.ServeWithHeaders(t, files, netlifyHeaders(t))
	})
}

// awaitPromise makes an Evaluate wait for the promise its expression gives.
func awaitPromise(p *runtime.EvaluateParams) {
	on := true
	p.AwaitPromise = &on
}

// colourScheme emulates prefers-color-scheme: "light" or "dark".
func colourScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{
				{Name: "prefers-color-scheme", Value: scheme},
				// As the browser's flag asks: emulated features replace it.
				{Name: "prefers-reduced-motion", Value: "reduce"},
			},
		})
		return err
	})
}

// axeViolation is what the test reports of one axe-core violation.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	WCAG    bool     `json:"wcag"`
	Targets []string `json:"targets"`
	Summary string   `json:"summary"`
}

// renderedRules are the axe-core rules whose results depend on how the page
// is drawn: its colours, the size and place of its targets, what scrolls.
// They run in every view (width and colour scheme). The other rules read
// the document alone, so they run once per page, at the desktop width where
// nothing is hidden: running them four times would double the test's time
// and find nothing new.
var renderedRules = []string{"color-contrast", "link-in-text-block", "target-size", "scrollable-region-focusable"}

// axeRun runs axe-core on the page and returns the violations of WCAG 2.2 A
// and AA rules, and those of best-practice rules that axe rates serious or
// critical. It takes the tags to check, the rules to limit them to (none:
// all of them) and the WCAG tags.
const axeRun = `(async (tags, rules, wcag, pending) => {
	const r = await axe.run(document, {
		runOnly: rules.length ? {type: "rule", values: rules} : {type: "tag", values: tags},
		resultTypes: ["violations"],
	});
	const elsewhere = (sel, n) => {
		const e = sel && document.querySelector(n.target[0]);
		return Boolean(e && e.closest(sel));
	};
	return r.violations
		.map(v => Object.assign(v, {nodes: v.nodes.filter(n => !elsewhere(pending[v.id], n))}))
		.filter(v => v.nodes.length)
		.map(v => ({
			id: v.id, impact: v.impact || "", help: v.help,
			wcag: v.tags.some(tag => wcag.includes(tag)),
			targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
			summary: (v.nodes[0] && v.nodes[0].failureSummary || "").split("\n").slice(0, 3).join(" "),
		}))
		.filter(v => v.wcag || v.impact === "serious" || v.impact === "critical");
})(%s, %s, %s, %s)`

// pendingElsewhere maps axe rules to the elements whose findings of that
// rule are left to a change made apart from this test, so that the test can
// land first; each entry names why. Remove an entry when that change lands.
// It is empty: nothing is left out.
func pendingElsewhere() map[string]string {
	return map[string]string{}
}

// jsStrings writes a list of strings as a JavaScript array.
func jsStrings(list []string) string {
	b, _ := json.Marshal(list)
	return string(b)
}

// TestAccessibility checks every kind of page of the bundled site, in every
// language, with axe-core in Chromium at a phone's and a desktop's width in
// light and dark colour schemes, under the site's Content-Security-Policy:
// no WCAG 2.2 A or AA violation, and no serious or critical best-practice
// one. It also checks the layout at 320 px: no sideways scrolling, a header
// of at most 120 px whose links are all in view (its navigation wraps
// rather than scrolling sideways out of sight), and on every step of every
// flow the question, and on a question its first answer, on the first
// screen of a 320×568 phone.
//
// axe-core is not carried by the repository: .ci/run installs it and names
// axe.min.js in $LEXSITE_AXE. Without it the axe checks skip, except under
// CI=true; the layout checks need only the browser.
func TestAccessibility(t *testing.T) {
	base, files := serveBundledSiteWithCSP(t)
	pages := samplePages(t, files)
	if f := os.Getenv("UI2_ONLY"); f != "" {
		pages = slices.DeleteFunc(pages, func(p samplePage) bool { return !strings.Contains(p.path, f) })
	}
	// One browser for all the checks: 4 views of ~30 pages.
	b := browsertest.NewBrowser(t, browsertest.Timeout(5*time.Minute))

	t.Run("axe", func(t *testing.T) {
		axe := browsertest.ReadTool(t, envAxe,
			"install axe-core 4.x with npm and set "+envAxe+" to its axe.min.js, as .ci/run does")
		ctx := b.Tab(t)
		failures := browsertest.RecordFailures(ctx)
		wcag := jsStrings(axeTags)
		pending, _ := json.Marshal(pendingElsewhere())
		all := fmt.Sprintf(axeRun, jsStrings(append(slices.Clone(axeTags), "best-practice")), "[]", wcag, pending)
		rendered := fmt.Sprintf(axeRun, "[]", jsStrings(renderedRules), wcag, pending)
		start := time.Now()
		checks := 0
		for _, p := range pages {
			run := all
			// The page is loaded again for each colour scheme: Chromium
			// does not always restyle every element of a loaded page
			// when the emulated scheme changes, and axe would read the
			// other scheme's colours.
			for _, scheme := range []string{"light", "dark"} {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), colourScheme(scheme), chromedp.Navigate(base+p.path)); err != nil {
					t.Fatalf("opening %s: %v", p.path, err)
				}
				// Evaluated through DevTools, so the page's
				// Content-Security-Policy does not block it.
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
					t.Fatalf("%s: injecting axe-core: %v", p.path, err)
				}
				// Desktop first: the rules that run once see every
				// part of the page, some of which a phone's width
				// hides (the breadcrumb's upper levels).
				for _, width := range []int64{1280, 360} {
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
						t.Fatal(err)
					}
					vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](run, awaitPromise))
					if err != nil {
						t.Fatalf("%s: running axe-core: %v", p.path, err)
					}
					checks++
					run = rendered
					for _, v := range vs {
						t.Errorf("%s (%s) at %d px, %s: %s [%s, %s]: %s\n    %s",
							p.path, p.kind, width, scheme, v.ID, v.Impact, wcagOrBest(v.WCAG), v.Help,
							strings.Join(v.Targets, "\n    ")+"\n    "+v.Summary)
					}
				}
			}
		}
		t.Logf("%d axe checks of %d pages in %v", checks, len(pages), time.Since(start).Round(time.Millisecond))
		if f := failures.List(); len(f) > 0 {
			t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
		}
	})

	t.Run("layout at 320 px", func(t *testing.T) {
		const width, height = 320, 568
		ctx := b.Tab(t)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if p.kind == "step" || p.kind == "outcome" {
				continue // every step is checked below
			}
			checkLayout(t, ctx, base+p.path, p, width, height)
		}
		// Every step of every flow, in every language: its question and,
		// on a question, its first answer on the first screen of a
		// 320×568 phone, as GOV.UK's question pages have them. Each is
		// opened as a reader finds it from a bookmark, and again as one
		// who walked there by an answer, whose "Your answers" summary
		// must not push the answers down.
		steps := stepPages(t, files)
		if len(steps) < 20 {
			t.Fatalf("found %d step pages; the bundled site has more", len(steps))
		}
		var lowest layoutFacts
		lowestAt := ""
		for _, s := range steps {
			if m := checkLayout(t, ctx, base+s.path, s.samplePage, width, height); m.Answer > lowest.Answer {
				lowest, lowestAt = m, s.path
			}
			if s.from == "" {
				continue
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(base+s.from)); err != nil {
				t.Fatalf("opening %s: %v", s.from, err)
			}
			if err := browsertest.Follow(ctx, `a.answer[data-to="`+s.id+`"]`); err != nil {
				t.Fatalf("%s: answering towards %s: %v", s.from, s.path, err)
			}
			walked := s.samplePage
			walked.kind += " reached by an answer"
			checkLayout(t, ctx, "", walked, width, height)
		}
		t.Logf("checked %d step pages; the lowest first answer ends at %.0f px, on %s", len(steps), lowest.Answer, lowestAt)
	})
}

// checkLayout opens url (or measures the page shown, when url is empty)
// and checks it at width × height: no sideways scrolling, a header of at
// most 120 px whose links are all in view, and on a step its question, and
// on a question its first answer, inside the first screen.
func checkLayout(t *testing.T, ctx context.Context, url string, p samplePage, width, height int) layoutFacts {
	t.Helper()
	if url != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatalf("opening %s: %v", p.path, err)
		}
	}
	m, err := chromedp.Run(ctx, chromedp.Evaluate[layoutFacts](layoutScript))
	if err != nil {
		t.Fatalf("%s: %v", p.path, err)
	}
	if m.ClientWidth != width {
		t.Fatalf("%s: the viewport is %d px wide, want %d: the emulation did not apply", p.path, m.ClientWidth, width)
	}
	if m.ScrollWidth > m.ClientWidth {
		t.Errorf("%s (%s): scrollWidth %d > %d, so the page scrolls sideways; wide elements:\n%s",
			p.path, p.kind, m.ScrollWidth, m.ClientWidth, strings.Join(m.Wide, "\n"))
	}
	if m.Header > 120 {
		t.Errorf("%s (%s): the header is %.0f px tall at %d px wide, want at most 120", p.path, p.kind, m.Header, width)
	}
	if len(m.Hidden) > 0 {
		t.Errorf("%s (%s): the header's links %q are not wholly in view at %d px wide: the navigation must wrap, not scroll out of sight", p.path, p.kind, m.Hidden, width)
	}
	if !strings.HasPrefix(p.kind, "step") && !strings.HasPrefix(p.kind, "outcome") {
		return m
	}
	if m.Question <= 0 || m.Question > float64(height) {
		t.Errorf("%s (%s): the question ends at %.0f px, below the first %d px of the screen", p.path, p.kind, m.Question, height)
	}
	if strings.HasPrefix(p.kind, "step") && (m.Answer <= 0 || m.Answer > float64(height)) {
		t.Errorf("%s (%s): the first answer ends at %.0f px, below the first %d px of the screen", p.path, p.kind, m.Answer, height)
	}
	return m
}

// stepPage is a step of a flow, with a question that leads to it.
type stepPage struct {
	samplePage
	id   string // the step's id
	from string // the address of a question with an answer leading here; empty for the start
}

// answerLink finds the answers of a question page: where each leads.
var answerLink = regexp.MustCompile(`<a class="answer" href="[^"]*" data-to="([^"]+)"`)

// stepPages lists every step page of a built site, in every language, in
// order of address: kind "step" for a question, "outcome" for the end of a
// flow.
func stepPages(t *testing.T, files map[string][]byte) []stepPage {
	t.Helper()
	var out []stepPage
	parent := map[string]string{} // a step's address → a question leading to it
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		if path.Ext(name) != ".html" || !strings.Contains(string(data), `<body class="kind-step"`) {
			continue
		}
		p := "/" + strings.TrimSuffix(name, "index.html")
		kind := "outcome"
		for _, m := range answerLink.FindAllSubmatch(data, -1) {
			kind = "step"
			to := path.Dir(strings.TrimSuffix(p, "/")) + "/" + string(m[1]) + "/"
			if _, ok := parent[to]; !ok {
				parent[to] = p
			}
		}
		out = append(out, stepPage{samplePage: samplePage{kind: kind, path: p}, id: path.Base(strings.TrimSuffix(p, "/"))})
	}
	for i := range out {
		out[i].from = parent[out[i].path]
	}
	return out
}

func wcagOrBest(wcag bool) string {
	if wcag {
		return "WCAG"
	}
	return "best practice"
}

// layoutFacts are the measures of a page that the layout checks read.
type layoutFacts struct {
	ClientWidth int      `json:"clientWidth"`
	ScrollWidth int      `json:"scrollWidth"`
	Header      float64  `json:"header"`   // height of the site header
	Question    float64  `json:"question"` // bottom edge of the h1
	Answer      float64  `json:"answer"`   // bottom edge of the first answer; 0 without one
	Wide        []string `json:"wide"`     // elements that stick out, to say where to look
	// Hidden lists the header's links that are not wholly in view: cut off
	// by the window, or by a row that scrolls sideways inside the header.
	Hidden []string `json:"hidden"`
}

const layoutScript = `(() => {
	const de = document.documentElement;
	window.scrollTo(0, 0);
	const bottom = sel => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().bottom : 0; };
	const header = document.querySelector(".site-header");
	return {
		clientWidth: de.clientWidth, scrollWidth: de.scrollWidth,
		header: header ? header.getBoundingClientRect().height : 0,
		question: bottom("main h1"), answer: bottom(".answer"),
		hidden: header ? Array.from(header.querySelectorAll("a, [aria-current]")).filter(a => {
			const r = a.getBoundingClientRect();
			if (r.left < 0 || r.right > de.clientWidth + 0.5) return true;
			// Cut off by an ancestor that clips what sticks out of it (a
			// row that scrolls sideways shows only part of its links).
			for (let e = a.parentElement; e && e !== header.parentElement; e = e.parentElement) {
				if (getComputedStyle(e).overflowX === "visible") continue;
				const b = e.getBoundingClientRect();
				if (r.left < b.left - 0.5 || r.right > b.right + 0.5) return true;
			}
			return false;
		}).map(a => a.textContent.trim()) : [],
		wide: Array.from(document.body.querySelectorAll("*"))
			.filter(e => e.getBoundingClientRect().right > de.clientWidth)
			.slice(0, 10)
			.map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : "") +
				" (right edge " + Math.round(e.getBoundingClientRect().right) + "px)"),
	};
})()`
