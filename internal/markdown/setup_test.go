package markdown

import (
	"reflect"
	"sync"
	"testing"
)

// TestSetupsAreReusedCleanly checks that one engine parsing many documents
// at once, with set-ups kept from one document to the next, gives each
// document what a fresh engine gives it: nothing one document's extenders
// found (citations, footnotes, code, articles, steps, problems, ids) leaks
// into another's. The code is in languages chroma does not know: its
// lexers give up on a rule after 250 ms, which a loaded machine running
// this test with -race can reach, and highlighting is not what is tested.
func TestSetupsAreReusedCleanly(t *testing.T) {
	m, layout := enMatcher(t), enStatute()
	docs := []struct {
		src  string
		opts ParseOptions
	}{
		{"Plain [[cpl 48]] text.[^1]\n\n[^1]: A note.\n\n```no-such-language\nx := 1\n```\n", ParseOptions{}},
		{"Article 48 of the Consumer Protection Law, and [[cpl 4x]].\n\n## Heading\n\n## Heading\n", ParseOptions{Mentions: m}},
		{"### Article 48 Civil liability\n\nFirst:\n\n* a;\n* b.\n\nArticle 9 of this Law.\n", ParseOptions{Self: "cpl", Statute: layout, Mentions: m}},
		{"Intro.\n\n## Start {#start}\n\nQ?\n\n- [Yes](#end)\n- [No](#end)\n\n## End {#end}\n\nDone.\n", ParseOptions{Flow: true}},
		{"Unused.[^u]\n\n[^u]: Nobody ```\n\n[^v]: Note with code:\n\n    ```unknown\n    ls\n    ```\n", ParseOptions{}},
	}
	want := make([]*Parsed, len(docs))
	for i, d := range docs {
		want[i] = New(Options{}).Parse([]byte(d.src), d.opts)
	}
	e := New(Options{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for i, d := range docs {
					if got := e.Parse([]byte(d.src), d.opts); !reflect.DeepEqual(got, want[i]) {
						t.Errorf("document %d parsed by a used set-up:\ngot  %+v\nwant %+v", i, got, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
