package cite

import (
	"slices"
	"testing"
)

func TestALanguageInheritsEachCitationFieldOnItsOwn(t *testing.T) {
	site := Conventions{Item: "{law}, art. {article}.{paragraph}.{item}"}
	carried := Conventions{
		Law: "{law}", Article: "{law}, artículo {article}", Item: "carried item",
		Mentions: []string{"artículo {article} de la {law}"}, Path: "es.toml", MentionsLine: 3, MentionsCol: 1,
	}
	site.Inherit(carried)
	if site.Item != "{law}, art. {article}.{paragraph}.{item}" || site.Article != "{law}, artículo {article}" {
		t.Errorf("the site's item and the carried article should both stand: %+v", site)
	}
	if site.Path != "es.toml" || site.MentionsLine != 3 {
		t.Errorf("mentions come with where they are written: %+v", site)
	}
	if got := site.WithDefaults().Numerals; got != "arabic" {
		t.Errorf("numerals default to %q, want arabic", got)
	}
}

func TestEachCitationKeySaysWhatItTakes(t *testing.T) {
	for _, k := range []string{"article", "heading", "item", "item_label", "law", "mentions", "numerals", "paragraph", "this_law"} {
		if _, ok := FieldOf(k); !ok {
			t.Errorf("FieldOf(%q) is unknown, but ConventionKeys lists it", k)
		}
	}
	if _, ok := FieldOf("title"); ok {
		t.Error("FieldOf(title) is known")
	}
	if f, _ := FieldOf("heading"); !slices.Equal(f.Required, []string{"number"}) {
		t.Errorf("a heading needs {number}: %+v", f)
	}
	if f, _ := FieldOf("mentions"); !f.List || !slices.Equal(f.Required, []string{"law", "article"}) {
		t.Errorf("mentions are a list that needs {law} and {article}: %+v", f)
	}
}
