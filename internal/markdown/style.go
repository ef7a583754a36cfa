package markdown

import (
	"bytes"
	"fmt"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// StyleSheet returns the CSS for highlighted code: the light style, and the
// dark one inside a prefers-color-scheme query, so highlighting follows the
// reader's setting without any script.
func StyleSheet(light, dark string) ([]byte, error) {
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	ls, err := style(light)
	if err != nil {
		return nil, err
	}
	ds, err := style(dark)
	if err != nil {
		return nil, err
	}
	b.WriteString("/* Code highlighting, generated from the chroma styles " + light + " and " + dark + ". */\n")
	if err := f.WriteCSS(&b, ls); err != nil {
		return nil, err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&b, ds); err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

func style(name string) (*chroma.Style, error) {
	s, ok := styles.Registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown highlight style %q (see the chroma style gallery for names such as github, monokai, dracula)", name)
	}
	return s, nil
}
