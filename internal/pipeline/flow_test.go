package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// flowSite is lawSite with an organisation and a two-language flow whose
// steps cite the law and link to each other.
const flowSite = lawSite + `
-- content/flows/faulty.en.md --
---
title: My goods are faulty
summary: Find out what you can ask for.
reviewed: 2026-11-01
---
Answer a few questions. This is not legal advice.

## Did the goods arrive? {#arrived}

- [Yes](#works)
- [No](#late)

## Do they work? {#works}

If you are not sure, see [the late step](#late).

- [Yes](#fine)
- [No, they are broken](#broken)

## Nothing to do {#fine}

Keep the receipt.

## Ask for a repair {#broken}

The seller is liable for defective goods [[cpl 48(1)(1)]].

1. Write to the seller.

## Ask for delivery {#late}

You may ask for mediation [[cpl 39(1)(2)]].
-- content/flows/faulty.zh.md --
---
title: 商品有问题
reviewed: 2026-11-01
---
回答几个问题。

## 收到货了吗？ {#arrived}

- [收到了](#works)
- [没有](#late)

## 商品能用吗？ {#works}

- [能用](#fine)
- [坏了](#broken)

## 无需处理 {#fine}

保留收据。

## 要求修理 {#broken}

商品存在缺陷的，经营者应当承担责任[[cpl 48(1)(1)]]。

## 要求交付 {#late}

可以请求调解[[cpl 39(1)(2)]]。
`

func TestFlowPages(t *testing.T) {
	site := strings.Replace(flowSite, "[languages.en]\n", "[organisation]\nname = \"Consumer Aid\"\nphone = \"+86 10 1234 5678\"\nemail = \"help@example.org\"\n[languages.en]\n", 1)
	mem := mustBuild(t, site)

	over := page(t, mem, "en/flows/faulty/index.html")
	for _, want := range []string{
		`<h1>My goods are faulty</h1>`,
		`<p>Answer a few questions. This is not legal advice.</p>`,
		`<a class="button button--start" href="/en/flows/faulty/arrived/" data-restart>Start now</a>`,
		`<svg `,
		`<li id="step-arrived" class="flow-outline__step">`,
		`<a href="#step-works">Do they work?</a>`,
		`<li id="step-broken" class="flow-outline__step flow-outline__step--outcome">`,
		`<script src="/` + assetName(t, mem, "js/flow.js") + `" defer></script>`,
	} {
		if !strings.Contains(over, want) {
			t.Errorf("the overview lacks %s", want)
		}
	}
	// Every step is a link in the diagram.
	for _, id := range []string{"arrived", "works", "fine", "broken", "late"} {
		if !strings.Contains(over, `href="/en/flows/faulty/`+id+`/"`) {
			t.Errorf("the overview has no link to the step %s", id)
		}
	}

	q := page(t, mem, "en/flows/faulty/works/index.html")
	for _, want := range []string{
		`<h1>Do they work?</h1>`,
		`<p class="step__flow"><a href="/en/flows/faulty/">My goods are faulty</a></p>`,
		`<li><a class="answer" href="/en/flows/faulty/fine/" data-to="fine">Yes</a></li>`,
		`<li><a class="answer" href="/en/flows/faulty/broken/" data-to="broken">No, they are broken</a></li>`,
		`see <a href="/en/flows/faulty/late/">the late step</a>`,
		`<a href="/en/flows/faulty/arrived/" data-restart>Start again</a>`,
		`<link rel="alternate" hreflang="zh" href="https://example.org/zh/flows/faulty/works/">`,
		`<link rel="canonical" href="https://example.org/en/flows/faulty/works/">`,
	} {
		if !strings.Contains(q, want) {
			t.Errorf("the question page lacks %s", want)
		}
	}
	if strings.Contains(q, `class="help"`) {
		t.Error("a question page shows where to get help; only outcomes do")
	}

	o := page(t, mem, "en/flows/faulty/broken/index.html")
	for _, want := range []string{
		`<h1>Ask for a repair</h1>`,
		`<h2 id="outcome-laws-title">The law this relies on</h2>`,
		`<li><a class="cite" href="/en/statutes/cpl/#art-48-p1-i1">Consumer Protection Law, Article 48(1)(1)</a></li>`,
		`<a class="card__title" href="/en/guides/repairs/">Getting goods repaired</a>`,
		`<p class="help__org">Consumer Aid</p>`,
		`<a href="tel:&#43;861012345678">&#43;86 10 1234 5678</a>`,
		`<a href="mailto:help@example.org">help@example.org</a>`,
	} {
		if !strings.Contains(o, want) {
			t.Errorf("the outcome page lacks %s", want)
		}
	}
	if strings.Contains(o, `class="answers"`) {
		t.Error("an outcome page has answers")
	}

	// A contact's label and value are joined as each language writes it:
	// a full-width colon in Chinese takes no space after it.
	for _, tc := range []struct{ page, want string }{
		{"en/flows/faulty/broken/index.html", `<p>Phone: <a href="tel:`},
		{"en/flows/faulty/broken/index.html", `<p>Email: <a href="mailto:`},
		{"zh/flows/faulty/broken/index.html", `<p>电话：<a href="tel:`},
		{"zh/flows/faulty/broken/index.html", `<p>电子邮件：<a href="mailto:`},
	} {
		if got := page(t, mem, tc.page); !strings.Contains(got, tc.want) {
			t.Errorf("%s lacks %s", tc.page, tc.want)
		}
	}

	// The Chinese step is the same step: the switcher leads there.
	zh := page(t, mem, "zh/flows/faulty/works/index.html")
	if !strings.Contains(zh, `<h1>商品能用吗？</h1>`) || !strings.Contains(zh, `href="/en/flows/faulty/works/"`) {
		t.Error("the Chinese step page lacks its title or the switch to the English step")
	}

	// Search engines find every step, with its translations.
	if sm := page(t, mem, "sitemap.xml"); !strings.Contains(sm, `<loc>https://example.org/zh/flows/faulty/works/</loc>`) {
		t.Error("the sitemap lacks the flow's steps")
	}

	// The law's page lists the steps that cite it, each its own page.
	law := page(t, mem, "en/statutes/cpl/index.html")
	if !regexp.MustCompile(`<a href="/en/flows/faulty/broken/">Ask for a repair</a>`).MatchString(law) {
		t.Error("Article 48 is not shown as cited in the flow's step")
	}
}

// TestFlowBadInput gives each mistake in a flow its own case, through a
// whole build: reported at its place, and nothing written.
func TestFlowBadInput(t *testing.T) {
	const cfg = "-- lexsite.toml --\nbase_url = \"https://example.org/\"\ndefault_language = \"en\"\n[languages.en]\nname = \"English\"\n[languages.es]\nname = \"Español\"\n"
	fm := "---\ntitle: F\nreviewed: 2026-01-01\n---\n"
	flow := func(lang, body string) string {
		return "-- content/flows/f." + lang + ".md --\n" + fm + body
	}
	tests := []struct {
		name, archive string
		want          string
	}{
		{"answer to a missing step", flow("en", "## Q {#q}\n\n- [Yes](#yes)\n- [No](#n)\n\n## Yes {#yes}\n\n## No {#no}\n"),
			`^content/flows/f\.en\.md:8:3: error: the answer "No" leads to #n, but this flow has no step with that id; did you mean "no"\?`},
		{"unreachable step", flow("en", "## Q {#q}\n\n- [Yes](#yes)\n\n## Yes {#yes}\n\n## Lost {#lost}\n"),
			`^content/flows/f\.en\.md:11:4: error: no answer leads to the step #lost: it cannot be reached from the start \(#q\)`},
		{"no outcome reachable", flow("en", "## Q {#q}\n\n- [A](#a)\n- [End](#end)\n\n## A {#a}\n\n- [Back](#b)\n\n## B {#b}\n\n- [Again](#a)\n\n## End {#end}\n"),
			`^content/flows/f\.en\.md:10:4: error: from the step #a no outcome can be reached`},
		{"duplicate ids", flow("en", "## Q {#q}\n\n- [Yes](#yes)\n\n## Yes {#yes}\n\n## Yes again {#yes}\n"),
			`^content/flows/f\.en\.md:11:4: error: two steps have the id #yes`},
		{"step without an id", flow("en", "## Did it arrive?\n\n- [Yes](#yes)\n\n## Yes {#yes}\n"),
			`^content/flows/f\.en\.md:5:4: error: this step has no id: write one after the heading, like ## Did it arrive\? \{#did-it-arrive\}`},
		{"translation differs", flow("en", "## Q {#q}\n\n- [Yes](#yes)\n- [No](#no)\n\n## Yes {#yes}\n\n## No {#no}\n") + flow("es", "## P {#q}\n\n- [No](#no)\n- [Sí](#yes)\n\n## Sí {#yes}\n\n## No {#no}\n"),
			`^content/flows/f\.es\.md:5:4: error: the answers of step #q lead to #no, #yes, but in the en version to #yes, #no`},
		{"translation lacks a step", flow("en", "## Q {#q}\n\n- [Yes](#yes)\n- [No](#no)\n\n## Yes {#yes}\n\n## No {#no}\n") + flow("es", "## P {#q}\n\n- [Sí](#yes)\n\n## Sí {#yes}\n"),
			`^content/flows/f\.es\.md:5:1: error: this translation lacks the step #no that the en version has`},
		{"no steps", flow("en", "Only an introduction.\n"),
			`^content/flows/f\.en\.md:5:1: error: this flow has no steps`},
		{"answers mixed with prose", flow("en", "## Q {#q}\n\n- [Yes](#yes)\n- No, read [the guide](/x/)\n\n## Yes {#yes}\n"),
			`^content/flows/f\.en\.md:7:3: error: this list mixes answers`},
		{"unknown start", strings.Replace(flow("en", "## Q {#q}\n"), "reviewed:", "start: qq\nreviewed:", 1),
			`^content/flows/f\.en\.md:3:1: error: start is "qq", but this flow has no step with that id; did you mean "q"\?`},
		{"citation in a step", flow("en", "## Q {#q}\n\nSee [[cpl 48]].\n"),
			`^content/flows/f\.en\.md:7:5: error: \[\[cpl 48\]\] cites a law "cpl", but there is no statute`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantFailure(t, cfg+tt.archive, pipeline.ErrContent, tt.want)
		})
	}
}

// TestFlowWarnings: a self-loop and over-long labels are allowed, with a
// warning; the flow is built and walkable.
func TestFlowWarnings(t *testing.T) {
	long := strings.Repeat("very ", 30) + "long question"
	mem, res, err := mini(t, `
-- lexsite.toml --
base_url = "https://example.org/"
[languages.en]
name = "English"
-- content/flows/f.md --
---
title: F
reviewed: 2026-01-01
---
## `+long+` {#q}

- [Think again](#q)
- [`+strings.Repeat("an answer that goes on ", 5)+`](#end)

## End {#end}
`, ".")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, diagText(res.Diagnostics))
	}
	got := diagText(res.Diagnostics)
	for _, want := range []string{
		`content/flows/f.md:5:4: warning: this step's heading is 163 characters long`,
		`content/flows/f.md:7:3: warning: the answer "Think again" leads back to this same step`,
		`content/flows/f.md:8:3: warning: this answer is 114 characters long`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no warning %q in\n%s", want, got)
		}
	}
	if !strings.Contains(page(t, mem, "en/flows/f/q/index.html"), `href="/en/flows/f/q/" data-to="q">Think again</a>`) {
		t.Error("the self-loop's answer is not a link to its own step")
	}
}

// TestLargeFlow builds a 200-step flow: it is checked, laid out and
// written without trouble, with every step in the diagram and the outline.
func TestLargeFlow(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n-- content/flows/big.md --\n---\ntitle: Big\nreviewed: 2026-01-01\n---\n")
	const n = 200
	for i := range n {
		fmt.Fprintf(&b, "## Step %d: is this the right question to ask here? {#s%d}\n\n", i, i)
		if i >= n-40 {
			continue // the last 40 are outcomes
		}
		// On to the next question, out to one of the outcomes, and from
		// every fifth step back three.
		fmt.Fprintf(&b, "- [Go on](#s%d)\n- [Stop here](#s%d)\n", i+1, n-40+i%40)
		if i%5 == 4 {
			fmt.Fprintf(&b, "- [Back](#s%d)\n", i-3)
		}
		b.WriteString("\n")
	}
	mem, res, err := mini(t, b.String(), ".")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, diagText(res.Diagnostics))
	}
	over := page(t, mem, "en/flows/big/index.html")
	if got := strings.Count(over, `<li id="step-`); got != n {
		t.Errorf("the outline has %d steps, want %d", got, n)
	}
	for i := range n {
		if _, ok := mem.File(fmt.Sprintf("en/flows/big/s%d/index.html", i)); !ok {
			t.Fatalf("no page for step s%d", i)
		}
		if !strings.Contains(over, fmt.Sprintf(`href="/en/flows/big/s%d/"`, i)) {
			t.Errorf("the overview does not link step s%d", i)
		}
	}
}

// TestGoldenFlowDiagrams pins the diagrams of the bundled flows in every
// language: the drawing is deterministic, so any change is a change of
// layout to review (go test ./internal/pipeline -run GoldenFlow -update).
func TestGoldenFlowDiagrams(t *testing.T) {
	mem := output.NewMemory()
	res, err := pipeline.Run(t.Context(), pipeline.Options{SiteDir: filepath.Join("..", "..")}, mem)
	if err != nil {
		t.Fatalf("building the bundled site: %v\n%s", err, diagText(res.Diagnostics))
	}
	svg := regexp.MustCompile(`(?s)<svg .*?</svg>`)
	for _, flow := range []string{"purchase-went-wrong", "resolve-a-dispute"} {
		for _, lang := range []string{"en", "es", "zh"} {
			name := lang + "/flows/" + flow + "/index.html"
			got := svg.FindString(page(t, mem, name))
			if got == "" {
				t.Errorf("%s has no diagram", name)
				continue
			}
			golden := filepath.Join("testdata", "golden", "flow_"+flow+"_"+lang+".svg")
			if *update {
				if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/pipeline -run GoldenFlow -update to create it)", err)
			}
			if got+"\n" != string(want) {
				t.Errorf("the diagram of %s differs from %s (run go test ./internal/pipeline -run GoldenFlow -update and review the diff)", name, golden)
			}
		}
	}
}

// TestStepPagesWayBack checks what a step page says about where the reader
// is: the Back link, "Question n of up to m", the reviewed date, and on an
// outcome the result panel, its ### sections as the page's h2, and the law
// listed once.
func TestStepPagesWayBack(t *testing.T) {
	site := flowSite + `
-- content/flows/loop.en.md --
---
title: A flow with a loop
reviewed: 2026-10-02
---
## First {#first}

- [On](#second)
- [Done](#done)

## Second {#second}

- [Back to the first](#first)
- [Done](#done)

## Done {#done}

### What you may ask for {#ask-for}

A repair [[cpl 48(1)(1)]].

Call [12315](tel:12315).

### The law this relies on {#law}

- [[cpl 48]]
`
	mem := mustBuild(t, site)
	for _, tc := range []struct {
		page    string
		want    []string
		notWant []string
	}{
		{
			page: "en/flows/faulty/arrived/index.html",
			want: []string{
				`<a class="back-link" href="/en/flows/faulty/" data-back>Back</a>`,
				`<p class="step__progress">Question 1 of up to 2</p>`,
				`<time class="reviewed" datetime="2026-11-01">`,
			},
			notWant: []string{`result-panel`},
		},
		{
			page: "en/flows/faulty/works/index.html",
			want: []string{
				`<a class="back-link" href="/en/flows/faulty/arrived/" data-back>Back</a>`,
				`<p class="step__progress">Question 2 of up to 2</p>`,
			},
		},
		{
			page: "en/flows/faulty/broken/index.html",
			want: []string{
				`<a class="back-link" href="/en/flows/faulty/works/" data-back>Back</a>`,
				"<div class=\"result-panel\">\n<p class=\"result-panel__kind\">Result</p>\n<h1>Ask for a repair</h1>\n</div>",
				`<time class="reviewed" datetime="2026-11-01">`,
				// No section of its own on the law: the page lists its citations.
				`<h2 id="outcome-laws-title">The law this relies on</h2>`,
			},
			notWant: []string{`step__progress`},
		},
		{
			// Two questions lead here, so Back falls back to the overview;
			// the loop leaves "of up to" without a bound, so no progress.
			page:    "en/flows/loop/first/index.html",
			want:    []string{`<a class="back-link" href="/en/flows/loop/" data-back>Back</a>`},
			notWant: []string{`step__progress`},
		},
		{
			page: "en/flows/loop/done/index.html",
			want: []string{
				`<a class="back-link" href="/en/flows/loop/" data-back>Back</a>`,
				`<h2 id="ask-for">What you may ask for</h2>`,
				`<h2 id="law">The law this relies on</h2>`,
				`<time class="reviewed" datetime="2026-10-02">`,
				// A phone number written as a tel: link stays one.
				`Call <a href="tel:12315">12315</a>.`,
				// The related guides still come from the citations.
				`<a class="card__title" href="/en/guides/repairs/">`,
			},
			notWant: []string{`<h3`, `outcome-laws-title`},
		},
	} {
		got := page(t, mem, tc.page)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", tc.page, w)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s has %s", tc.page, w)
			}
		}
	}
}

// TestQuestionTextAfterTheAnswers: a question's page shows what its
// author wrote before the answer list (a short hint) between the question
// and the answers, and what was written after the list after the answers,
// as GOV.UK's question pages put a longer explanation; the reviewed date
// and the reader's answers so far follow, so nothing but the hint comes
// between a question and its answers. An outcome keeps its text in order.
func TestQuestionTextAfterTheAnswers(t *testing.T) {
	mem := mustBuild(t, flowSite+`
-- content/flows/hint.en.md --
---
title: A flow with hints
reviewed: 2026-10-02
---
## Is it broken? {#broken}

Look at it closely.

- [Yes](#repair)
- [No](#keep)

### About this question {#about}

Broken means it does not work as it should [[cpl 48(1)(1)]].

- a list that is not answers

## Ask for a repair {#repair}

Write to the seller.

- a list of things to do

Keep the receipt.

## Keep it {#keep}

Nothing to do.
`)
	q := page(t, mem, "en/flows/hint/broken/index.html")
	order := []string{
		`<h1>Is it broken?</h1>`,
		`<p>Look at it closely.</p>`,
		`<nav class="answers"`,
		`<a class="answer" href="/en/flows/hint/repair/" data-to="repair">Yes</a>`,
		`<div class="prose step__after">`,
		`<h2 id="about">About this question</h2>`,
		`<a class="cite" href="/en/statutes/cpl/#art-48-p1-i1">`,
		`<li>a list that is not answers</li>`,
		`<time class="reviewed" datetime="2026-10-02">`,
		`<section class="your-answers`,
		`<nav class="step__nav`,
	}
	at := 0
	for _, want := range order {
		i := strings.Index(q[at:], want)
		if i < 0 {
			t.Fatalf("the question page lacks %s after %d bytes, or has it out of order:\n%s", want, at, q)
		}
		at += i + len(want)
	}
	if strings.Count(q, "Look at it closely") != 1 || strings.Count(q, "Broken means") != 1 {
		t.Errorf("the question's text is shown more than once:\n%s", q)
	}

	o := page(t, mem, "en/flows/hint/repair/index.html")
	if strings.Contains(o, "step__after") {
		t.Errorf("an outcome's text is split:\n%s", o)
	}
	order = []string{`<time class="reviewed"`, `<p>Write to the seller.</p>`, `<li>a list of things to do</li>`, `<p>Keep the receipt.</p>`, `<section class="help"`}
	at = 0
	for _, want := range order {
		i := strings.Index(o[at:], want)
		if i < 0 {
			t.Fatalf("the outcome lacks %s, or has it out of order:\n%s", want, o)
		}
		at += i + len(want)
	}
}
