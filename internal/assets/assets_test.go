package assets

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestProcess(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       Options
		source     string
		in         string
		wantData   string
		wantRename bool
	}{
		{"css minified and renamed", Options{Minify: true, Fingerprint: true}, "css/site.css",
			"/* comment */\nbody {\n  color: black;\n  margin: 0px;\n}\n", "body{color:#000;margin:0}", true},
		{"js minified as ES5", Options{Minify: true, Fingerprint: true}, "js/flow.js",
			"// note\nvar answers = 'a' + \"b\";\nfunction keep(name) { return name; }\nwindow.keep = keep;\n", "", true},
		{"minify only keeps the name", Options{Minify: true}, "css/print.css", "p { margin : 0 }", "p{margin:0}", false},
		{"fingerprint only keeps the bytes", Options{Fingerprint: true}, "css/site.css", "p { margin : 0 }", "p { margin : 0 }", true},
		{"neither", Options{}, "js/a.js", "var a = 1;", "var a = 1;", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := New(tc.opts).Process(tc.source, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantData != "" && string(a.Data) != tc.wantData {
				t.Errorf("data %q, want %q", a.Data, tc.wantData)
			}
			if a.Source != tc.source {
				t.Errorf("source %q", a.Source)
			}
			renamed := a.Name != tc.source
			if renamed != tc.wantRename {
				t.Errorf("name %q: renamed %v, want %v", a.Name, renamed, tc.wantRename)
			}
			if renamed && a.Name != Fingerprinted(tc.source, a.Data) {
				t.Errorf("name %q is not the hash of the written bytes", a.Name)
			}
		})
	}
}

// TestScriptsStayES5: the minifier must not bring in syntax old browsers
// cannot read (template strings, arrow functions, let/const).
func TestScriptsStayES5(t *testing.T) {
	src := "var s = 'it' + \"'s\" + 'a `b`';\nvar f = function (x) { return x * 2; };\nfor (var i = 0; i < 3; i++) { s += i; }\n"
	a, err := New(Options{Minify: true}).Process("js/x.js", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out := string(a.Data)
	for _, modern := range []string{"=>", "let ", "const ", "${"} {
		if strings.Contains(out, modern) {
			t.Errorf("minified script uses %q: %s", modern, out)
		}
	}
	if strings.Count(out, "`") != 2 {
		t.Errorf("the backquotes inside the string were turned into a template: %s", out)
	}
}

func TestFingerprinted(t *testing.T) {
	name := Fingerprinted("css/site.css", []byte("a"))
	if !regexp.MustCompile(`^css/site\.[0-9a-f]{10}\.css$`).MatchString(name) {
		t.Errorf("name %q", name)
	}
	if name == Fingerprinted("css/site.css", []byte("b")) {
		t.Errorf("two contents share the name %q", name)
	}
	if name != Fingerprinted("css/site.css", []byte("a")) {
		t.Errorf("one content, two names")
	}
	if got := Fingerprinted("js/vendor.min.js", []byte("a")); !strings.HasPrefix(got, "js/vendor.min.") || !strings.HasSuffix(got, ".js") {
		t.Errorf("name %q: only the last extension moves", got)
	}
}

func TestProcessed(t *testing.T) {
	for name, want := range map[string]bool{
		"css/site.css": true, "js/flow.js": true, "img/logo.svg": false, "robots.txt": false, "fonts/a.woff2": false, "css/bg.png": false,
	} {
		if Processed(name) != want {
			t.Errorf("Processed(%q) = %v", name, !want)
		}
	}
}

// TestBrokenScriptHasAPosition: a script that cannot be parsed gives the
// line and column of the problem.
func TestBrokenScriptHasAPosition(t *testing.T) {
	_, err := New(Options{Minify: true}).Process("js/x.js", []byte("var a = 1;\nvar b = (;\n"))
	var ae *Error
	if !errors.As(err, &ae) {
		t.Fatalf("error %v, want an *Error", err)
	}
	if ae.Line != 2 || ae.Col < 1 || ae.Msg == "" {
		t.Errorf("error at %d:%d %q, want line 2", ae.Line, ae.Col, ae.Msg)
	}
}

// FuzzProcess: any style sheet or script is minified without a panic, and
// its name is always the hash of what is written.
func FuzzProcess(f *testing.F) {
	f.Add("body { color: red }", true)
	f.Add("var a = function () { return 'x'; };", false)
	f.Add("@media print { a::after { content: \" (\" attr(href) \")\" } }", true)
	f.Add("if (a) { b() } else { c() }", false)
	p := New(Options{Minify: true, Fingerprint: true}) // once: Process keeps no state
	f.Fuzz(func(t *testing.T, src string, css bool) {
		name := "js/x.js"
		if css {
			name = "css/x.css"
		}
		a, err := p.Process(name, []byte(src))
		if err != nil {
			var ae *Error
			if !errors.As(err, &ae) {
				t.Fatalf("error of another kind: %v", err)
			}
			return
		}
		if a.Name != Fingerprinted(name, a.Data) {
			t.Fatalf("name %q is not the hash of the data", a.Name)
		}
	})
}
