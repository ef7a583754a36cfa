package content

import "strings"

// Kind is what a document is, from the folder it lives in. Its value is its
// name: what templates see as .Kind and what messages call it.
type Kind string

// The kinds of document SPEC section 2 gives meaning to. What each one is
// (its folder, layout, front matter) is declared in Kinds.
const (
	Home    Kind = "home"    // content/_index.<lang>.md
	Section Kind = "section" // content/<section>/_index.<lang>.md
	Guide   Kind = "guide"
	Statute Kind = "statute"
	Flow    Kind = "flow"
	Page    Kind = "page"
)

// KindSpec declares one kind of document: all that Lexsite knows about it
// that is data rather than code of its own.
type KindSpec struct {
	Kind Kind
	// Dir is the section folder below content/ whose documents, in it or
	// in a folder inside it, are of this kind; "" for the kinds not found
	// by their folder. The folder's list page is titled by the UI string
	// of the same name unless its _index file gives a title.
	Dir string
	// Index marks the kinds of the _index files: a folder's (or the site's)
	// own page, which lists what the folder holds rather than being a
	// document of the site.
	Index bool
	// Layout is the template below templates/ that writes a page of this
	// kind, and Fallback the layout used when no layer has Layout ("" when
	// Layout is required).
	Layout, Fallback string
	// Keys are the front matter keys that mean something for this kind
	// only; every kind also takes the keys every document may use (title,
	// summary, tags, …). A key written on a document of another kind is
	// ignored with a warning.
	Keys []string
	// Reviewed marks the kinds that give advice, which must say when a
	// person last checked them against the law (front matter reviewed),
	// and are reported when that date grows old.
	Reviewed bool
}

// Kinds returns the declaration of every kind of document, in the order
// lists of kinds are written in.
//
// It is the one place that says which folder holds which kind, how its
// pages are laid out and which front matter it takes: the loader, the
// front matter reader, the resolver and the renderer read it rather than
// knowing the kinds themselves, so that a new kind is one entry here and a
// layout in templates/. What a kind does beyond that (a statute's articles,
// a flow's steps) is code of its own, found by its Kind.
//
// It is a function so that no caller can change the table another reads.
func Kinds() []KindSpec {
	return []KindSpec{
		{Kind: Home, Index: true, Layout: "home.html"},
		{Kind: Section, Index: true, Layout: "section.html"},
		{Kind: Guide, Dir: "guides", Layout: "guide.html", Fallback: "page.html", Reviewed: true},
		{Kind: Statute, Dir: "statutes", Layout: "statute.html", Fallback: "page.html", Keys: []string{
			"short_title", "names", "jurisdiction", "enacted", "amended", "effective", "source", "source_title", "authoritative",
		}},
		{Kind: Flow, Dir: "flows", Layout: "flow.html", Fallback: "page.html", Keys: []string{"start"}, Reviewed: true},
		{Kind: Page, Layout: "page.html"},
	}
}

// Spec returns the declaration of k; the zero KindSpec for a kind Kinds
// does not declare.
func (k Kind) Spec() KindSpec {
	for _, s := range Kinds() {
		if s.Kind == k {
			return s
		}
	}
	return KindSpec{}
}

// kindOf returns the kind of the document dir/slug.md: the home page and
// the folders' _index pages by their name, the documents of a section
// folder (and of the folders inside it) by the folder, anything else a
// plain page.
func kindOf(dir, slug string) Kind {
	switch {
	case dir == "" && slug == "_index":
		return Home
	case slug == "_index":
		return Section
	}
	section, _, _ := strings.Cut(dir, "/")
	for _, s := range Kinds() {
		if s.Dir != "" && s.Dir == section {
			return s.Kind
		}
	}
	return Page
}
