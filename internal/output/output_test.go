package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirCommitAndAbort(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	d, err := NewDir(out, []string{filepath.Join(root, "site")})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/b/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("sitemap.xml", []byte("<urlset/>")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatalf("output exists before commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	d2, err := NewDir(out, nil)
	if err != nil {
		t.Fatalf("a previous build must be replaceable: %v", err)
	}
	_ = d2.WriteFile("x.html", []byte("two"))
	if err := d2.Abort(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a/b/index.html")); string(b) != "one" {
		t.Errorf("abort changed the output")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestWriteFileRefusesEscapingNames(t *testing.T) {
	m := NewMemory()
	for _, name := range []string{"../x", "/etc/x", "a/../../x", "", "a//b"} {
		if err := m.WriteFile(name, nil); err == nil {
			t.Errorf("accepted %q", name)
		}
	}
}
