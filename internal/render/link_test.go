package render

import "testing"

func TestRelativeLink(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"/en/guides/returns/", "/en/guides/complain/", "../complain/index.html"},
		{"/en/guides/returns/", "/en/guides/returns/#keep", "index.html#keep"},
		{"/en/guides/returns/", "/es/guides/returns/", "../../../es/guides/returns/index.html"},
		{"/en/guides/returns/", "/css/site.css", "../../../css/site.css"},
		{"/", "/en/", "en/index.html"},
		{"/", "/css/site.css", "css/site.css"},
		{"/404.html", "/en/", "en/index.html"},
		{"/en/404.html", "/en/guides/", "guides/index.html"},
		{"/en/", "/en/", "index.html"},
		{"/en/flows/f/step/", "/en/flows/f/other/", "../other/index.html"},
		{"/en/statutes/cpl/", "/en/statutes/cpl/#art-48-p1-i8", "index.html#art-48-p1-i8"},
		{"/en/tags/a/", "/en/", "../../index.html"},
	} {
		if got := relativeLink(tc.from, tc.to); got != tc.want {
			t.Errorf("relativeLink(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}
