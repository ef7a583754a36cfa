package cite

// Conventions are how one language writes and recognises citations: the
// [citation] table of its UI strings. The strings loader reads the table
// and hands each value to Set; what each field means, which placeholders
// it takes and how a language inherits another's fields are defined here,
// with the grammar they serve.
type Conventions struct {
	// Law, Article, Paragraph and Item write a citation's link text; they
	// take {law} (the law's short title), {article}, {paragraph} and {item}.
	Law, Article, Paragraph, Item string
	// Numerals is "arabic" or "chinese": how the numbers above are written
	// and which grammar mentions in prose follow.
	Numerals string
	// Heading is how an article heading begins in a statute, with
	// {number}: "Article {number}", "第{number}条".
	Heading string
	// ItemLabel labels an item (项) of a paragraph: "({number})", "（{number}）".
	ItemLabel string
	// Mentions are the shapes in which prose mentions an article, with
	// {article} and {law}: "Article {article} of the {law}".
	Mentions []string
	// ThisLaw are the names a statute uses for itself: "this Law", "本法".
	ThisLaw []string
	// Path is the strings file the Mentions came from, and MentionsLine and
	// MentionsCol where, so a pattern the matcher cannot use is reported
	// where it is written.
	Path                      string
	MentionsLine, MentionsCol int
}

// Style is how the language writes citations' link text.
func (c Conventions) Style() Style {
	return Style{Law: c.Law, Article: c.Article, Paragraph: c.Paragraph, Item: c.Item, Numerals: c.Numerals}
}

// ConventionKeys lists the keys of a [citation] table, for messages.
const ConventionKeys = "article, heading, item, item_label, law, mentions, numerals, paragraph, this_law"

// Field is what a key of a [citation] table takes.
type Field struct {
	// List is set for a list of strings; otherwise the value is a string.
	List bool
	// Placeholders are those its strings may use, Required those each
	// must use.
	Placeholders, Required []string
	// Values, when set, are the only strings it may be.
	Values []string
	// Example is a value to show an author who wrote the wrong kind.
	Example string
}

// FieldOf reports whether key belongs in a [citation] table, and what it
// takes.
func FieldOf(key string) (Field, bool) {
	switch key {
	case "law":
		return Field{Placeholders: []string{"law"}}, true
	case "article":
		return Field{Placeholders: []string{"law", "article"}}, true
	case "paragraph":
		return Field{Placeholders: []string{"law", "article", "paragraph"}}, true
	case "item":
		return Field{Placeholders: []string{"law", "article", "paragraph", "item"}}, true
	case "heading", "item_label":
		return Field{Placeholders: []string{"number"}, Required: []string{"number"}}, true
	case "mentions":
		return Field{List: true, Placeholders: []string{"law", "article"}, Required: []string{"law", "article"}, Example: `["Article {article} of the {law}"]`}, true
	case "this_law":
		return Field{List: true, Example: `["this Law"]`}, true
	case "numerals":
		return Field{Values: []string{"arabic", "chinese"}}, true
	}
	return Field{}, false
}

// Set sets the field of key, which FieldOf knows, to a value it has
// accepted: s for a string field, list for a list. Mentions also keep
// where they are written (path, line, col).
func (c *Conventions) Set(key, s string, list []string, path string, line, col int) {
	switch key {
	case "law":
		c.Law = s
	case "article":
		c.Article = s
	case "paragraph":
		c.Paragraph = s
	case "item":
		c.Item = s
	case "heading":
		c.Heading = s
	case "item_label":
		c.ItemLabel = s
	case "numerals":
		c.Numerals = s
	case "mentions":
		c.Mentions, c.Path, c.MentionsLine, c.MentionsCol = list, path, line, col
	case "this_law":
		c.ThisLaw = list
	}
}

// Inherit fills each field c lacks from lo, so a site can change how
// Spanish writes an item citation without copying the whole table; the
// mentions come with where they were written.
func (c *Conventions) Inherit(lo Conventions) {
	for _, f := range []struct{ dst, src *string }{
		{&c.Law, &lo.Law}, {&c.Article, &lo.Article}, {&c.Paragraph, &lo.Paragraph}, {&c.Item, &lo.Item},
		{&c.Numerals, &lo.Numerals}, {&c.Heading, &lo.Heading}, {&c.ItemLabel, &lo.ItemLabel},
	} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	if c.Mentions == nil && lo.Mentions != nil {
		c.Mentions, c.Path, c.MentionsLine, c.MentionsCol = lo.Mentions, lo.Path, lo.MentionsLine, lo.MentionsCol
	}
	if c.ThisLaw == nil {
		c.ThisLaw = lo.ThisLaw
	}
}

// WithDefaults returns c with what a language need not say filled in:
// numbers are Arabic unless it says otherwise.
func (c Conventions) WithDefaults() Conventions {
	if c.Numerals == "" {
		c.Numerals = "arabic"
	}
	return c
}
