package serve

import (
	"fmt"
	"slices"
	"strings"
)

// cspNeed is one kind of request the live-reload client makes, and the
// directives that govern it, most specific first.
type cspNeed struct {
	what   string
	chain  []string
	create string // the directive to add when only default-src governs it
}

func cspNeeds() []cspNeed {
	return []cspNeed{
		{"the live-reload script", []string{"script-src-elem", "script-src", "default-src"}, "script-src"},
		{"the live-reload connection", []string{"connect-src", "default-src"}, "connect-src"},
		{"the error overlay's stylesheet", []string{"style-src-elem", "style-src", "default-src"}, "style-src"},
	}
}

// adjustCSP makes a Content-Security-Policy header value allow what the
// live-reload client loads from the preview's own origin — its script, its
// event stream and its overlay stylesheet — changing nothing else. A value
// may hold several policies separated by commas; each is adjusted.
//
// A policy whose script directive has 'strict-dynamic' ignores 'self', so
// the script is allowed by nonce instead: useNonce reports that the caller
// must put nonce on the injected script tag. notes say what was changed,
// for the terminal.
func adjustCSP(value, nonce string) (out string, useNonce bool, notes []string) {
	policies := strings.Split(value, ",")
	for i, p := range policies {
		fixed, n, ns := adjustPolicy(strings.TrimSpace(p), nonce)
		policies[i] = fixed
		useNonce = useNonce || n
		notes = append(notes, ns...)
	}
	if len(notes) == 0 {
		return value, false, nil
	}
	return strings.Join(policies, ", "), useNonce, notes
}

type directive struct {
	name    string // lower case
	sources []string
}

func adjustPolicy(policy, nonce string) (string, bool, []string) {
	var dirs []directive
	for _, part := range strings.Split(policy, ";") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		dirs = append(dirs, directive{name: strings.ToLower(fields[0]), sources: fields[1:]})
	}
	find := func(name string) int {
		return slices.IndexFunc(dirs, func(d directive) bool { return d.name == name })
	}
	var notes []string
	useNonce := false
	for _, need := range cspNeeds() {
		at := -1
		for _, name := range need.chain {
			if at = find(name); at >= 0 {
				break
			}
		}
		if at < 0 {
			continue // nothing restricts it
		}
		d := dirs[at]
		strict := need.create == "script-src" && hasSource(d.sources, "'strict-dynamic'")
		if !strict && (hasSource(d.sources, "'self'") || hasSource(d.sources, "*")) {
			continue
		}
		add := "'self'"
		if strict {
			add = "'nonce-" + nonce + "'"
			useNonce = true
		}
		sources := slices.DeleteFunc(slices.Clone(d.sources), func(s string) bool { return strings.EqualFold(s, "'none'") })
		sources = append(sources, add)
		if d.name == "default-src" {
			// A new directive rather than a looser default-src, which would
			// loosen images, fonts, frames... as well.
			dirs = append(dirs, directive{name: need.create, sources: sources})
			notes = append(notes, fmt.Sprintf("added %s %s (default-src does not allow %s)", need.create, strings.Join(sources, " "), need.what))
			continue
		}
		dirs[at].sources = sources
		notes = append(notes, fmt.Sprintf("added %s to %s (it did not allow %s)", add, d.name, need.what))
	}
	if len(notes) == 0 {
		return policy, false, nil
	}
	parts := make([]string, len(dirs))
	for i, d := range dirs {
		parts[i] = strings.Join(append([]string{d.name}, d.sources...), " ")
	}
	return strings.Join(parts, "; "), useNonce, notes
}

func hasSource(sources []string, want string) bool {
	return slices.ContainsFunc(sources, func(s string) bool { return strings.EqualFold(s, want) })
}
