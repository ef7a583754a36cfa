package render

import (
	"html/template"
	"testing"
)

func TestHasCode(t *testing.T) {
	for _, tc := range []struct {
		content string
		want    bool
	}{
		{`<div class="code-wrap" tabindex="0">` + "\n" + `<pre class="chroma"><code><span class="line">x</span></code></pre></div>`, true},
		{`<pre><code>indented code is not highlighted</code></pre>`, false},
		{`<p>Write <code>&lt;pre class=&#34;chroma&#34;&gt;</code> to…</p>`, false},
		{``, false},
	} {
		p := &Page{Content: template.HTML(tc.content)}
		if got := p.HasCode(); got != tc.want {
			t.Errorf("HasCode() of %q = %v, want %v", tc.content, got, tc.want)
		}
	}
}

func TestShortURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.12315.cn/", "www.12315.cn"},
		{"http://legal-aid.example", "legal-aid.example"},
		{"HTTPS://Example.org/help/", "Example.org/help/"},
		{"https://example.org/a?b=1", "example.org/a?b=1"},
		{" https://example.org/ ", "example.org"},
	} {
		if got := (&Page{}).ShortURL(tc.in); got != tc.want {
			t.Errorf("ShortURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
