package pipeline_test

import (
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/pipeline"
)

// TestLimits checks that a file too large and lists or block quotes nested
// too deep are errors at their position, in words that say how to fix
// them, instead of minutes of work.
func TestLimits(t *testing.T) {
	const toml = "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n"
	const front = "---\ntitle: G\nreviewed: 2026-01-01\n---\n" // the body starts on line 5
	var deep, quotes strings.Builder
	for i := range 3000 {
		deep.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	quotes.WriteString(strings.Repeat(">", 3000) + " quoted\n")
	tests := []struct {
		name, limits, file, want string
	}{
		{"file above the default size", "", front + strings.Repeat("x", 8<<20),
			"content/guides/g.md:1:1: error: this file is 8.0 MiB (8388647 bytes), more than the limit of 8 MiB for one content file: split it into several documents, or raise max_file_size under [limits] in lexsite.toml"},
		{"file above a configured size", "max_file_size = \"1 KB\"\n", front + strings.Repeat("x", 2000),
			"content/guides/g.md:1:1: error: this file is 2.0 KiB (2039 bytes), more than the limit of 1 KB for one content file: split it into several documents, or raise max_file_size under [limits] in lexsite.toml"},
		{"3,000 levels of list", "max_file_size = \"16 MiB\"\n", front + deep.String(),
			"content/guides/g.md:105:201: error: lists and block quotes are nested more than 100 deep here; nest them less deeply, or raise max_nesting under [limits] in lexsite.toml"},
		{"3,000 block quotes", "", front + quotes.String(),
			"content/guides/g.md:5:101: error: lists and block quotes are nested more than 100 deep here; nest them less deeply, or raise max_nesting under [limits] in lexsite.toml"},
		{"a configured depth", "max_nesting = 2\n", front + "Text.\n\n- a\n  > b\n  > - c\n",
			"content/guides/g.md:9:5: error: lists and block quotes are nested more than 2 deep here; nest them less deeply, or raise max_nesting under [limits] in lexsite.toml"},
		{"nesting the scan cannot follow", "max_nesting = 3\n", front + "- a\n\t- b\n\t\t- c\n\t\t\t- d\n",
			"content/guides/g.md:8:6: error: lists and block quotes are nested more than 3 deep here; nest them less deeply, or raise max_nesting under [limits] in lexsite.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := toml
			if tt.limits != "" {
				cfg += "[limits]\n" + tt.limits
			}
			_, res, err := mini(t, cfg+"-- content/guides/g.md --\n"+tt.file, ".")
			if err != pipeline.ErrContent {
				t.Fatalf("error %v, want %v", err, pipeline.ErrContent)
			}
			if got := strings.TrimSpace(diagText(res.Diagnostics)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestLimitsLeaveRealContentAlone builds guides at the limits: a file of
// exactly max_file_size, and lists and quotes 100 deep with code blocks in
// their items.
func TestLimitsLeaveRealContentAlone(t *testing.T) {
	const toml = "-- lexsite.toml --\nbase_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[limits]\nmax_file_size = 300\n"
	const front = "---\ntitle: G\nreviewed: 2026-01-01\n---\n"
	var deep strings.Builder
	for i := range 100 {
		deep.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	deep.WriteString(strings.Repeat("  ", 100) + "```\n" + strings.Repeat("  ", 100) + "- - - - code, not a list\n" + strings.Repeat("  ", 100) + "```\n")
	deep.WriteString(strings.Repeat("> ", 100) + "quoted\n")
	exact := front + strings.Repeat("x", 300-len(front)-1) // txtar ends it with a newline
	mustBuild(t, toml+"-- content/guides/exact.md --\n"+exact)
	mustBuild(t, strings.Replace(toml, "300", "\"1 MiB\"", 1)+"-- content/guides/deep.md --\n"+front+deep.String())
}
