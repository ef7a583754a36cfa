package corpus

import (
	"fmt"
	"strings"
)

// hugoSupport returns hugo.toml and the layouts of the Hugo corpus.
//
// The layouts do what Lexsite's pages do and no more, so that the
// comparison measures the generators, not the themes: one base template with
// header, navigation, hreflang alternates and a language switcher; a single
// page with date, tags, table of contents and content; section lists; a home
// page listing every page by section; a 404 page. Taxonomy pages and RSS are
// switched off because Lexsite emits neither; the sitemap stays on because
// Lexsite emits one.
func hugoSupport(g *gen) map[string][]byte {
	files := map[string][]byte{
		"hugo.toml":                    g.hugoConfig(),
		"layouts/_default/baseof.html": []byte(hugoBaseof),
		"layouts/_default/single.html": []byte(hugoSingle),
		"layouts/_default/list.html":   []byte(hugoList),
		"layouts/index.html":           []byte(hugoIndex),
		"layouts/404.html":             []byte(hugo404),
		"static/css/site.css":          []byte(hugoCSS),
	}
	return files
}

func (g *gen) hugoConfig() []byte {
	var b strings.Builder
	b.WriteString("baseURL = \"https://example.org/\"\n")
	b.WriteString("title = \"Corpus\"\n")
	fmt.Fprintf(&b, "defaultContentLanguage = %s\n", tomlString(g.opts.Languages[0]))
	// Lexsite puts every language, the default one too, under /<lang>/.
	b.WriteString("defaultContentLanguageInSubdir = true\n")
	// Lexsite writes a page per tag and language, so Hugo writes its tag
	// term pages too (and its tags index, one page per language more).
	b.WriteString("disableKinds = [\"RSS\"]\n")
	for _, l := range g.opts.Languages {
		if g.locales[l].cjk {
			// What a Hugo user with Chinese content sets, so word
			// counts and summaries treat hanzi as words.
			b.WriteString("hasCJKLanguage = true\n")
			break
		}
	}
	b.WriteString("\n[taxonomies]\ntag = \"tags\"\n")
	b.WriteString("\n[frontmatter]\n# The review date is what a reader is shown and what the sitemap gives.\nlastmod = [\"reviewed\", \":default\"]\n")
	b.WriteString("\n[markup.goldmark.renderer]\nunsafe = false\n")
	b.WriteString("\n[markup.highlight]\nnoClasses = false\n")
	// Language codes are valid bare keys: Validate holds them to letters,
	// digits and '-'.
	for i, l := range g.opts.Languages {
		fmt.Fprintf(&b, "\n[languages.%s]\nweight = %d\nlanguageName = %s\ntitle = \"Corpus\"\n",
			l, i+1, tomlString(g.locales[l].name))
	}
	return []byte(b.String())
}

const hugoBaseof = `<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
{{- with .Params.summary }}
<meta name="description" content="{{ . }}">
{{- end }}
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{- end }}
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<header>
<a class="site" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav aria-label="Sections"><ul>
{{- range .Site.Sections }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul></nav>
<nav aria-label="Languages"><ul>
<li aria-current="true" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</li>
{{- range .Translations }}
<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>
{{- end }}
</ul></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{- with .Params.summary }}
<p class="summary">{{ . }}</p>
{{- end }}
{{- if not .Lastmod.IsZero }}
<p class="reviewed"><time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod | time.Format ":date_long" }}</time></p>
{{- end }}
{{- with .Params.tags }}
<ul class="tags">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>
{{- end }}
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
</article>
{{ end }}
`

const hugoList = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{- end }}
</ul>
{{ end }}
`

const hugoIndex = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- range .Site.Sections }}
<section>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
</section>
{{- end }}
{{ end }}
`

const hugo404 = `{{ define "main" }}
<h1>404</h1>
<p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>
{{ end }}
`

const hugoCSS = `body { max-width: 44rem; margin: 0 auto; padding: 0 1rem; font-family: system-ui, sans-serif; line-height: 1.5; }
header nav ul { display: flex; gap: 1rem; list-style: none; padding: 0; }
.toc { font-size: 0.9rem; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.25rem 0.5rem; }
`
