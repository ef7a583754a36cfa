package render

import (
	"html/template"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/i18n"
	"github.com/lexsite/lexsite/internal/sitefs"
	"github.com/lexsite/lexsite/internal/suggest"
)

// layoutNames lists the page templates: each kind of document's (declared
// in content.Kinds) and those of the pages the renderer makes itself
// (ownLayouts). Every other .html file below templates/ (base.html,
// partials/…) is shared by all of them.
func layoutNames() []string {
	var names []string
	for _, k := range content.Kinds() {
		names = append(names, k.Layout)
	}
	for _, l := range ownLayouts() {
		names = append(names, l.name)
	}
	return names
}

// ownLayouts lists the layouts of the pages that are no document's own,
// each with the layout used when a site has none of its own ("" when it is
// required): a flow's steps, the pages of tags, the page not found and the
// language chooser.
func ownLayouts() []struct{ name, fallback string } {
	list, page := content.Section.Spec().Layout, content.Page.Spec().Layout
	return []struct{ name, fallback string }{
		{"step.html", ""},
		{"tag.html", list},
		{"tags.html", list},
		{"404.html", page},
		{"chooser.html", ""},
	}
}

// partialNames lists the shared templates the generator executes itself,
// rather than a layout: those that write a document's citations and the
// "Cited in" lists of a statute's articles.
func partialNames() []string {
	return []string{citationPartial, citedInPartial}
}

// The partials that write a citation and an article's "Cited in" list.
const (
	citationPartial = "partials/citation.html"
	citedInPartial  = "partials/cited-in.html"
)

// layoutFallback says which layout a page uses when a site has none of
// its own.
func layoutFallback(name string) string {
	for _, k := range content.Kinds() {
		if k.Layout == name {
			return k.Fallback
		}
	}
	for _, l := range ownLayouts() {
		if l.name == name {
			return l.fallback
		}
	}
	return ""
}

type templateSet struct {
	layouts map[string]*template.Template
	// shared holds the templates every layout shares; the partials the
	// generator itself executes (partialNames) are run from it.
	shared *template.Template
	labels map[string]string // template name → file label, for diagnostics
	// sources holds, for each layout and each partial the generator runs,
	// the text of every template it may execute, by name: what a page
	// built with it depends on (see Input).
	sources map[string]map[string]string
}

// source returns what executing the layout or partial name reads: the
// text of every template it may include, by name.
func (ts *templateSet) source(name string) map[string]string {
	if isLayout(name) {
		for _, n := range []string{name, layoutFallback(name)} {
			if ts.layouts[n] != nil {
				return ts.sources[n]
			}
		}
		return nil
	}
	return ts.sources[name]
}

// closures computes sources, before any template runs: running one
// rewrites its tree.
func (ts *templateSet) closures(files map[string]string) {
	ts.sources = map[string]map[string]string{}
	reach := func(t *template.Template, from string) map[string]string {
		out := map[string]string{}
		var visit func(name string)
		visit = func(name string) {
			if _, ok := out[name]; ok {
				return
			}
			tt := t.Lookup(name)
			if tt == nil || tt.Tree == nil {
				out[name] = ""
				return
			}
			// A {{define}}d template is known by the file it is written in.
			out[name] = files[tt.Tree.ParseName] + "\x00" + tt.Tree.ParseName
			walk(tt.Tree.Root, func(n parse.Node) {
				if tn, ok := n.(*parse.TemplateNode); ok {
					visit(tn.Name)
				}
			})
		}
		visit(from)
		return out
	}
	for name, t := range ts.layouts {
		ts.sources[name] = reach(t, "base.html")
		for n, src := range reach(t, name) {
			ts.sources[name][n] = src
		}
	}
	if ts.shared != nil {
		for _, name := range partialNames() {
			ts.sources[name] = reach(ts.shared, name)
		}
	}
}

// loadTemplates parses templates/ from every layer and checks that every UI
// string a template asks for is defined in some language.
func loadTemplates(fsys *sitefs.FS, cat *i18n.Catalog, diags *diag.List) *templateSet {
	files, err := fsys.Walk("templates")
	if err != nil {
		diags.Errorf("templates", 0, 0, "cannot read templates: %v", err)
		return nil
	}
	ts := &templateSet{layouts: map[string]*template.Template{}, labels: map[string]string{}}
	root := template.New("")
	// defines lists, for a shared file with {{define}} blocks, the names
	// it defines besides its own.
	defines := map[string][]string{}
	layoutSrc := map[string]string{}
	sources := map[string]string{} // by file name below templates/
	ok := true
	for _, f := range files {
		if path.Ext(f.Path) != ".html" {
			continue
		}
		name := strings.TrimPrefix(f.Path, "templates/")
		src, _, err := fsys.ReadFile(f.Path)
		if err != nil {
			diags.Errorf(f.Label, 0, 0, "cannot read template: %v", err)
			ok = false
			continue
		}
		ts.labels[name] = f.Label
		sources[name] = string(src)
		if isLayout(name) {
			layoutSrc[name] = string(src)
			continue
		}
		before := len(root.Templates())
		if _, err := root.New(name).Parse(string(src)); err != nil {
			reportTemplateErr(diags, ts.labels, err)
			ok = false
			continue
		}
		if len(root.Templates()) > before+1 {
			defines[name] = definedIn(root, name)
		}
	}
	if !ok {
		return nil
	}
	for _, name := range layoutNames() {
		src, has := layoutSrc[name]
		if !has {
			continue
		}
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(name).Parse(src)
		}
		if err != nil {
			reportTemplateErr(diags, ts.labels, err)
			ok = false
			continue
		}
		if t.Lookup("base.html") == nil {
			diags.Errorf(ts.labels[name], 1, 1, "there is no templates/base.html for this layout to fill in")
			ok = false
			continue
		}
		ts.layouts[name] = t
	}
	for _, name := range layoutNames() {
		if ts.layouts[name] == nil && (layoutFallback(name) == "" || ts.layouts[layoutFallback(name)] == nil) && ok {
			diags.Errorf("templates/"+name, 0, 0, "the layout %s is missing and has no fallback", name)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	ts.shared = root
	ts.closures(sources)
	checkKeys(ts, cat, diags)
	warnStrayTemplates(fsys, files, ts, defines, diags)
	return ts
}

// definedIn returns the names of root's templates parsed from file name.
func definedIn(root *template.Template, name string) []string {
	var names []string
	for _, t := range root.Templates() {
		if t.Tree != nil && t.Tree.ParseName == name && t.Name() != name {
			names = append(names, t.Name())
		}
	}
	return names
}

// warnStrayTemplates warns about a shared template of the site (or of a
// base site) that replaces no template below it and that no template
// includes. It changes nothing, and is most often a misspelt name
// ("partial/footer.html" for "partials/footer.html") that would otherwise
// leave an organisation wondering why its footer did not change.
func warnStrayTemplates(fsys *sitefs.FS, files []sitefs.File, ts *templateSet, defines map[string][]string, diags *diag.List) {
	used := map[string]bool{}
	for _, name := range partialNames() {
		used[name] = true
	}
	for _, t := range ts.layouts {
		for _, tt := range t.Templates() {
			if tt.Tree == nil {
				continue
			}
			walk(tt.Tree.Root, func(n parse.Node) {
				if tn, ok := n.(*parse.TemplateNode); ok {
					used[tn.Name] = true
				}
			})
		}
	}
	var shadowable []string
	for _, f := range files {
		if path.Ext(f.Path) == ".html" {
			shadowable = append(shadowable, strings.TrimPrefix(f.Path, "templates/"))
		}
	}
	layers := fsys.Layers()
	for _, f := range files {
		name := strings.TrimPrefix(f.Path, "templates/")
		if !layers[f.Layer].Content || fsys.Below(f) {
			continue
		}
		if path.Ext(name) != ".html" {
			if !strings.HasPrefix(name, "i18n/") {
				diags.Warnf(f.Label, 1, 1, "Lexsite reads only .html files in templates/ (and UI strings in templates/i18n/<lang>.toml), so this file changes nothing")
			}
			continue
		}
		if isLayout(name) || used[name] {
			continue
		}
		if slices.ContainsFunc(defines[name], func(d string) bool { return used[d] }) {
			continue
		}
		var others []string
		for _, s := range shadowable {
			if s != name {
				others = append(others, s)
			}
		}
		diags.Warnf(f.Label, 1, 1, "this template replaces no template of a base site or of Lexsite, and no template includes it, so it changes nothing%s", suggest.Hint(name, others))
	}
}

func isLayout(name string) bool {
	for _, l := range layoutNames() {
		if l == name {
			return true
		}
	}
	return false
}

// layout returns the template set for a layout name, with its fallback.
func (ts *templateSet) layout(name string) *template.Template {
	if t := ts.layouts[name]; t != nil {
		return t
	}
	return ts.layouts[layoutFallback(name)]
}

func reportTemplateErr(diags *diag.List, labels map[string]string, err error) {
	msg := err.Error()
	// html/template reports "template: NAME:LINE:COL: message".
	templateErr := regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		label := labels[m[1]]
		if label == "" {
			label = "templates/" + m[1]
		}
		diags.Errorf(label, line, col, "template error: %s", m[4])
		return
	}
	diags.Errorf("templates", 0, 0, "template error: %s", msg)
}

// checkKeys finds every `.T "key"` and `.N "key" n` call with a constant key
// and reports keys no language defines: such a page would otherwise show the
// key itself to readers.
func checkKeys(ts *templateSet, cat *i18n.Catalog, diags *diag.List) {
	seen := map[string]bool{}
	for _, lname := range layoutNames() {
		t := ts.layouts[lname]
		if t == nil {
			continue
		}
		for _, tt := range t.Templates() {
			if tt.Tree == nil || seen[tt.Tree.ParseName+"\x00"+tt.Name()] {
				continue
			}
			seen[tt.Tree.ParseName+"\x00"+tt.Name()] = true
			walk(tt.Tree.Root, func(n parse.Node) {
				cmd, ok := n.(*parse.CommandNode)
				if !ok {
					return
				}
				key, pos, ok := stringKey(cmd)
				if !ok || cat.Defined(key) {
					return
				}
				loc, _ := tt.Tree.ErrorContext(pos)
				file, line, col := splitLoc(loc)
				label := ts.labels[file]
				if label == "" {
					label = "templates/" + file
				}
				diags.Errorf(label, line, col, "the UI string %q is used here but defined in no templates/i18n/<lang>.toml file", key)
			})
		}
	}
}

func stringKey(n *parse.CommandNode) (string, parse.Node, bool) {
	if len(n.Args) < 2 {
		return "", nil, false
	}
	var ident []string
	switch f := n.Args[0].(type) {
	case *parse.FieldNode:
		ident = f.Ident
	case *parse.VariableNode:
		ident = f.Ident
	case *parse.ChainNode:
		ident = f.Field
	default:
		return "", nil, false
	}
	if len(ident) == 0 || (ident[len(ident)-1] != "T" && ident[len(ident)-1] != "N") {
		return "", nil, false
	}
	s, ok := n.Args[1].(*parse.StringNode)
	if !ok {
		return "", nil, false
	}
	return s.Text, s, true
}

func splitLoc(loc string) (string, int, int) {
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return loc, 0, 0
	}
	col, _ := strconv.Atoi(parts[len(parts)-1])
	line, _ := strconv.Atoi(parts[len(parts)-2])
	return strings.Join(parts[:len(parts)-2], ":"), line, col
}

func walk(n parse.Node, fn func(parse.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, fn)
		}
	case *parse.ActionNode:
		walk(n.Pipe, fn)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, fn)
		}
	case *parse.IfNode:
		walk(n.Pipe, fn)
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.RangeNode:
		walk(n.Pipe, fn)
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.WithNode:
		walk(n.Pipe, fn)
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.TemplateNode:
		walk(n.Pipe, fn)
	}
}
