package tomlpos

import (
	"fmt"
	"slices"
	"testing"
)

func TestKey(t *testing.T) {
	src := "# top\ntitle = \"Ayuda\"\n  [ languages . \"zh-Hant\" ]\nname = \"\"\"\n[not.a.table]\n\"\"\"\nguides_count.one = \"一\"\norg = { name = \"年\", phone = \"1\" }\n[[redirects]]\nfrom = \"/a\"\n[[ redirects ]]\nfrom = \"/b\"\n"
	l := New([]byte(src))
	tests := []struct {
		key  []string
		want string
	}{
		{[]string{"title"}, "2:1"},
		{[]string{"languages", "zh-Hant"}, "3:3"},         // at the header's "["
		{[]string{"languages", "zh-Hant", "name"}, "4:1"}, // a multi-line string hides no header
		{[]string{"not", "a", "table"}, "1:1"},            // inside the string: not a key
		{[]string{"languages", "zh-Hant", "guides_count"}, "7:1"},
		{[]string{"languages", "zh-Hant", "org", "phone"}, "8:21"}, // inside an inline table
		{[]string{"languages", "zh-Hant", "missing"}, "3:3"},       // the closest written ancestor
		{[]string{"redirects", "from"}, "10:1"},                    // the first place wins
	}
	for _, tt := range tests {
		line, col := l.Key(tt.key...)
		if got := fmt.Sprintf("%d:%d", line, col); got != tt.want {
			t.Errorf("Key(%q) = %s, want %s", tt.key, got, tt.want)
		}
	}
	if got := l.ArrayTables("redirects"); !slices.Equal(got, []int{9, 11}) {
		t.Errorf("ArrayTables(redirects) = %v, want [9 11]", got)
	}
}

// TestEntry places a key of each entry of a list of tables in its own
// entry, not in the first that writes it.
func TestEntry(t *testing.T) {
	src := "[[help]]\nname = \"a\"\nphone = \"1\"\n[[ help ]]\nname = \"b\"\n  website = \"x\"\n[[languages.es.help]]\nname = \"c\"\n"
	l := New([]byte(src))
	tests := []struct {
		list []string
		i    int
		key  []string
		want string
	}{
		{[]string{"help"}, 0, []string{"name"}, "2:1"},
		{[]string{"help"}, 1, []string{"name"}, "5:1"},
		{[]string{"help"}, 1, []string{"website"}, "6:3"},
		{[]string{"help"}, 1, []string{"phone"}, "4:1"}, // not in that entry: its header
		{[]string{"help"}, 1, nil, "4:1"},
		{[]string{"help"}, 7, []string{"name"}, "1:1"}, // no such entry: the list
		{[]string{"languages", "es", "help"}, 0, []string{"name"}, "8:1"},
	}
	for _, tt := range tests {
		line, col := l.Entry(tt.list, tt.i, tt.key...)
		if got := fmt.Sprintf("%d:%d", line, col); got != tt.want {
			t.Errorf("Entry(%q, %d, %q) = %s, want %s", tt.list, tt.i, tt.key, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	type inner struct {
		Name  string `toml:"name"`
		Limit string `toml:"limit"`
	}
	type dst struct {
		inner        // its settings are promoted, as in encoding/json
		Limit int    `toml:"limit"` // and this one shadows inner's
		Title string `toml:"title"`
		Rules []struct {
			Status int `toml:"status"`
		} `toml:"rules"`
	}
	tests := []struct {
		name, src string
		strict    bool
		want      []Problem
	}{
		{"valid", "title = \"x\"\n", true, nil},
		{"unknown keys and tables, each once", "titel = 1\n[x]\ny = 2\n", true, []Problem{
			{Line: 1, Col: 1, Key: []string{"titel"}, Unknown: true},
			{Line: 2, Col: 1, Key: []string{"x"}, Unknown: true}, // the table, once
		}},
		{"unknown keys, not strict", "titel = 1\n", false, nil},
		{"wrong kind, at the value", "title = 3\n", true, []Problem{
			{Line: 1, Col: 9, Key: []string{"title"}, Msg: "title must be text in quotes, not a whole number"},
		}},
		{"an unknown key in two entries of a list of tables, each at its own", "[[rules]]\nstatus = 1\nstauts = 2\n[[rules]]\n stauts = 3\n", true, []Problem{
			{Line: 3, Col: 1, Key: []string{"rules", "stauts"}, Unknown: true},
			{Line: 5, Col: 2, Key: []string{"rules", "stauts"}, Unknown: true},
		}},
		{"wrong kind in a list of tables", "[[rules]]\nstatus = \"301\"\n", true, []Problem{
			{Line: 2, Col: 10, Key: []string{"rules", "status"}, Msg: "rules.status must be a whole number, not text in quotes"},
		}},
		{"wrong kind in an embedded struct's setting", "name = 1\n", true, []Problem{
			{Line: 1, Col: 8, Key: []string{"name"}, Msg: "name must be text in quotes, not a whole number"},
		}},
		{"the outer setting shadows the embedded one", "limit = \"x\"\n", true, []Problem{
			{Line: 1, Col: 9, Key: []string{"limit"}, Msg: "limit must be a whole number, not text in quotes"},
		}},
		{"syntax, in characters", "title = \"ñ\" x\n", true, []Problem{
			{Line: 1, Col: 13, Msg: "this is not valid TOML: expected newline but got U+0078 'x'"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d dst
			_, got := Decode([]byte(tt.src), &d, tt.strict)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
