package render

import "testing"

// TestDirty: only inputs read straight from files are dirty, and only
// after a change at or above their folder.
func TestDirty(t *testing.T) {
	static := InputKey(InStatic)
	for _, tc := range []struct {
		key     string
		changed []string
		want    bool
	}{
		{static, []string{"static/css/site.css"}, true},
		{static, []string{"static"}, true},
		{static, []string{"."}, true},
		{static, []string{"content/guides/a.md", "staticky.txt"}, false},
		{static, nil, false},
		{InputKey(InDoc, "content/a.md"), []string{"content/a.md"}, false},
	} {
		if got := Dirty(tc.key, tc.changed); got != tc.want {
			t.Errorf("Dirty(%q, %q) = %v, want %v", tc.key, tc.changed, got, tc.want)
		}
	}
}
