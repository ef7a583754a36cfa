// Package diag owns the problems a build finds in its input.
//
// Every stage of the build appends to one List instead of returning the first
// error, so an author sees every problem of a run at once, each with the
// position they need to find it in their editor.
package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a problem stops the build.
type Severity string

const (
	// Error makes the build fail: nothing is written.
	Error Severity = "error"
	// Warning is reported, but the site is still built.
	Warning Severity = "warning"
)

// Diagnostic is one problem at one place in one file.
type Diagnostic struct {
	Path     string   `json:"path"` // relative to the site, slash-separated
	Line     int      `json:"line"` // 1-based; 0 when the problem concerns the whole file
	Col      int      `json:"col"`  // 1-based, counted in characters, not bytes
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String formats the diagnostic the way compilers do, so editors and CI logs
// can jump to it: path:line:col: severity: message.
func (d Diagnostic) String() string {
	line, col := d.Line, d.Col
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.Path, line, col, d.Severity, d.Message)
}

// List collects diagnostics from any number of goroutines.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records a diagnostic. A problem with the whole file is placed at 1:1,
// so text and JSON output agree and editors can open it.
func (l *List) Add(d Diagnostic) {
	d.Line, d.Col = max(d.Line, 1), max(d.Col, 1)
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at a position.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at a position.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other == nil || l == other {
		return
	}
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns the diagnostics sorted by path, line, column and message, with
// exact duplicates removed, so output is stable whatever order stages ran in.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Severity != b.Severity {
			return a.Severity == Error
		}
		return a.Message < b.Message
	})
	out := items[:0]
	for i, d := range items {
		if i > 0 && d == items[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return HasErrors(l.items)
}

// Len is the number of diagnostics recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Count returns the number of errors and warnings.
func (l *List) Count() (errors, warnings int) {
	return Count(l.Items())
}

// HasErrors reports whether any of ds is an error: whether a build that
// found them fails.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and of warnings among ds, for the
// summaries commands print after the diagnostics themselves.
func Count(ds []Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return errors, warnings
}

// WriteText prints one diagnostic per line.
func WriteText(w io.Writer, items []Diagnostic) error {
	var b strings.Builder
	for _, d := range items {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the diagnostics as one JSON array (never null), for CI.
func WriteJSON(w io.Writer, items []Diagnostic) error {
	if items == nil {
		items = []Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// Lines maps byte offsets of one file to line and column, so positions found
// by parsers that count bytes (goldmark) can be reported in characters.
type Lines struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

// NewLines indexes src.
func NewLines(src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Pos returns the 1-based line and character column of byte offset off.
func (l *Lines) Pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	start := l.starts[i]
	return i + 1, utf8.RuneCount(l.src[start:off]) + 1
}

// LineStart returns the byte offset at which 1-based line n starts.
func (l *Lines) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return len(l.src)
	}
	return l.starts[n-1]
}
