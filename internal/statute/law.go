package statute

import "fmt"

// Law is a statute the site carries: one excerpt, in one or more
// languages. Each language's version is a document of the site; the site
// binds a Law to them. (Versions in time, a law as amended on a date, will
// belong here too.)
type Law struct {
	// Key is the law's citation key, its file name: "cpl".
	Key string
	// Authoritative is the language of the official text; "" when no
	// version says authoritative: true.
	Authoritative string
	// Source is the official text's address: the first version's, in the
	// site's order of languages, that gives one.
	Source string
}

// AddVersion records the version of l in lang, labelled label, which is
// authoritative or not and names the official text's source. Only one
// version may be authoritative: a second one is a problem, and the rest of
// that version is then not taken into account.
func (l *Law) AddVersion(lang, label string, authoritative bool, source string) (problem string) {
	if authoritative {
		if l.Authoritative != "" {
			return fmt.Sprintf("%s is marked authoritative, and so is the %s version: only the official-language text is", label, l.Authoritative)
		}
		l.Authoritative = lang
	}
	if l.Source == "" {
		l.Source = source
	}
	return ""
}

// Provision is an article of a law in the language of the version that
// holds it: what a "Cited in" list is kept for.
type Provision struct {
	Law     string
	Lang    string
	Article int
}

// CitedIn records the places that cite each provision, each place once,
// in the order they are first recorded. C is what identifies a place: a
// page and the section of it that the citation is in.
type CitedIn[C comparable] struct {
	by   map[Provision][]C
	seen map[citedAt[C]]bool
}

type citedAt[C comparable] struct {
	p  Provision
	at C
}

// NewCitedIn returns an empty record.
func NewCitedIn[C comparable]() *CitedIn[C] {
	return &CitedIn[C]{by: map[Provision][]C{}, seen: map[citedAt[C]]bool{}}
}

// Add records that at cites p, and reports whether it is new.
func (c *CitedIn[C]) Add(p Provision, at C) bool {
	k := citedAt[C]{p, at}
	if c.seen[k] {
		return false
	}
	c.seen[k] = true
	c.by[p] = append(c.by[p], at)
	return true
}

// Of returns the places that cite p, in the order they were recorded.
func (c *CitedIn[C]) Of(p Provision) []C { return c.by[p] }
