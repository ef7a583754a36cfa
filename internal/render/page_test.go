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
