package corpus

import "strings"

// yamlString writes s as a YAML double-quoted scalar, so that titles with
// colons or leading symbols stay strings. The generated text holds no control
// characters, so escaping the quote and the backslash is enough.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// tomlString writes s as a TOML basic string (same escaping rules as above).
func tomlString(s string) string { return yamlString(s) }
