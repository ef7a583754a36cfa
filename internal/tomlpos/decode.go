package tomlpos

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	gotoml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Problem is one thing wrong with a TOML file, placed and worded for an
// author.
type Problem struct {
	Line, Col int
	// Key is the setting the problem is about; empty for a syntax error.
	Key []string
	// Unknown marks a key that dst has no field for (strict decoding
	// only); Msg is then empty, for the caller to word with its own
	// suggestions.
	Unknown bool
	Msg     string
}

// Decode decodes src into dst with go-toml, and returns the file's keys and
// every problem found. Strict decoding reports each key dst has no field
// for, rather than ignoring it.
func Decode(src []byte, dst any, strict bool) (*Locator, []Problem) {
	dec := gotoml.NewDecoder(bytes.NewReader(src))
	if strict {
		dec.DisallowUnknownFields()
	}
	err := dec.Decode(dst)
	loc := New(src)
	if err == nil {
		return loc, nil
	}
	var missing *gotoml.StrictMissingError
	if errors.As(err, &missing) {
		out := make([]Problem, 0, len(missing.Errors))
		seen := map[string]int{}
		for i := range missing.Errors {
			// An unknown table is one problem, placed at its "[" as every
			// problem with a table is. A key written in several entries
			// of a list of tables ([[help]]) is a problem in each, placed
			// in each in turn.
			key := []string(missing.Errors[i].Key())
			line, col := loc.Key(key...)
			k := strings.Join(key, "\x00")
			if every := loc.every[k]; seen[k] < len(every) {
				line, col = loc.lines.Pos(every[seen[k]])
			}
			seen[k]++
			out = append(out, Problem{Line: line, Col: col, Key: key, Unknown: true})
		}
		return loc, out
	}
	var de *gotoml.DecodeError
	if !errors.As(err, &de) {
		return loc, []Problem{{Line: 1, Col: 1, Msg: "this is not valid TOML: " + err.Error()}}
	}
	line, col := loc.bytePos(de.Position())
	key := []string(de.Key())
	if want, ok := fieldType(reflect.TypeOf(dst), key); ok && len(key) > 0 {
		if got, ok := loc.values[strings.Join(key, "\x00")]; ok && !fits(got, want) {
			// Valid TOML, but a value of the wrong kind for its setting:
			// placed at the value.
			return loc, []Problem{{Line: line, Col: col, Key: key, Msg: fmt.Sprintf("%s must be %s, not %s", strings.Join(key, "."), goKindName(want), tomlKindName(got))}}
		}
	}
	return loc, []Problem{{Line: line, Col: col, Key: key, Msg: "this is not valid TOML: " + strings.TrimPrefix(de.Error(), "toml: ")}}
}

// bytePos turns the decoder's line and byte column into a character
// column, so a line with "ñ" or "年" before the problem is not off.
func (l *Locator) bytePos(line, col int) (int, int) {
	line = max(line, 1)
	start := l.lines.LineStart(line)
	end := start
	for end < len(l.src) && l.src[end] != '\n' {
		end++
	}
	if ln, c := l.lines.Pos(min(start+max(col-1, 0), end)); ln == line {
		return line, c
	}
	return line, 1
}

// fieldType follows key through the types of dst: struct fields by their
// toml tag, map values, pointers, and the elements of a list of tables
// ([[redirects]]), whose key does not count them.
func fieldType(t reflect.Type, key []string) (reflect.Type, bool) {
	for _, part := range key {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Map:
			t = t.Elem()
		case reflect.Struct:
			f, ok := structField(t, part)
			if !ok {
				return nil, false
			}
			t = f
		default:
			return nil, false
		}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t, true
}

// structField finds the type of the field of struct t named name in TOML,
// as the decoder does: a field of t itself first, then one promoted from an
// embedded struct, so an outer field shadows an embedded one of its name.
func structField(t reflect.Type, name string) (reflect.Type, bool) {
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			embedded = append(embedded, f.Type)
			continue
		}
		if strings.EqualFold(tag, name) {
			return f.Type, true
		}
	}
	for _, e := range embedded {
		if ft, ok := structField(e, name); ok {
			return ft, true
		}
	}
	return nil, false
}

// fits says whether a TOML value of kind k can be decoded into t.
func fits(k unstable.Kind, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.String:
		return k == unstable.String
	case reflect.Bool:
		return k == unstable.Bool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return k == unstable.Integer
	case reflect.Float32, reflect.Float64:
		return k == unstable.Float || k == unstable.Integer
	case reflect.Slice, reflect.Array:
		return k == unstable.Array
	case reflect.Map, reflect.Struct:
		return k == unstable.InlineTable || k == unstable.Table
	}
	return true
}

// goKindName says in an author's words what kind of value a setting takes.
func goKindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text in quotes"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list in [ ]"
	case reflect.Map, reflect.Struct:
		return "a table"
	}
	return "a " + t.String()
}

// tomlKindName says in an author's words what kind of value was written.
func tomlKindName(k unstable.Kind) string {
	switch k {
	case unstable.Bool:
		return "true or false"
	case unstable.String:
		return "text in quotes"
	case unstable.Integer:
		return "a whole number"
	case unstable.Float:
		return "a number"
	case unstable.Array:
		return "a list in [ ]"
	case unstable.InlineTable, unstable.Table:
		return "a table"
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		return "a date or time"
	}
	return "a " + k.String()
}
