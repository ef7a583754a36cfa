package site

import (
	"cmp"
	"slices"

	"github.com/lexsite/lexsite/internal/cite"
)

// maxRelated is how many related guides a page lists: enough to lead on,
// few enough to read on a phone.
const maxRelated = 5

// ranker finds, in one language, the guides that share most articles with
// a set of articles. An article cited by many guides says less about what
// two pages share than a rare one, so each shared article counts 1/n, n
// being how many guides cite it. A guide's related guides and a flow
// outcome's further reading are both ranked so.
type ranker struct {
	guides []*Group            // every guide citing an article, in the site's order
	index  map[provision][]int // article → guides citing it, by index
	mine   map[*Group]provSet  // each guide's articles in this language
	score  []float64           // scratch, one per guide; zero between calls
}

type provSet = map[provision]bool

func (s *Site) newRanker(guides []*Group, lang string) *ranker {
	rk := &ranker{guides: guides, index: map[provision][]int{}, mine: map[*Group]provSet{}, score: make([]float64, len(guides))}
	for i, g := range guides {
		set := s.cites[g][lang]
		rk.mine[g] = set
		for p := range set {
			rk.index[p] = append(rk.index[p], i)
		}
	}
	return rk
}

// best returns the guides sharing most of want, best first, at most
// maxRelated, without guide self (an index, or -1). Equal scores keep the
// site's order. The articles are summed in a fixed order, so that equal
// shares give equal scores on every run.
func (rk *ranker) best(want provSet, self int) []*Group {
	ps := make([]provision, 0, len(want))
	for p := range want {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b provision) int {
		return cmp.Or(cmp.Compare(a.law, b.law), cmp.Compare(a.article, b.article))
	})
	var touched []int
	for _, p := range ps {
		citers := rk.index[p]
		w := 1 / float64(len(citers))
		for _, j := range citers {
			if j == self {
				continue
			}
			if rk.score[j] == 0 {
				touched = append(touched, j)
			}
			rk.score[j] += w
		}
	}
	better := func(a, b int) bool {
		return rk.score[a] > rk.score[b] || rk.score[a] == rk.score[b] && a < b
	}
	// The best maxRelated by insertion: touched can hold every guide of a
	// large site, and only a few are kept.
	var top []int
	for _, j := range touched {
		if len(top) == maxRelated && !better(j, top[len(top)-1]) {
			continue
		}
		k := len(top)
		for k > 0 && better(j, top[k-1]) {
			k--
		}
		if len(top) < maxRelated {
			top = append(top, 0)
		}
		copy(top[k+1:], top[k:len(top)-1])
		top[k] = j
	}
	var out []*Group
	for _, j := range top {
		out = append(out, rk.guides[j])
	}
	for _, j := range touched {
		rk.score[j] = 0
	}
	return out
}

// citingGuides returns the guides that cite any article, in the site's
// order.
func (s *Site) citingGuides() []*Group {
	var guides []*Group
	for _, g := range s.Groups {
		if s.cites[g] != nil {
			guides = append(guides, g)
		}
	}
	return guides
}

// relate finds, for every guide, the other guides that cite the same
// articles in the same language, and keeps each language's ranker for
// GuidesCiting.
func (s *Site) relate() {
	s.related = map[*Group]map[string][]*Group{}
	s.rankers = map[string]*ranker{}
	guides := s.citingGuides()
	for _, lang := range s.Langs {
		rk := s.newRanker(guides, lang)
		s.rankers[lang] = rk
		for i, g := range guides {
			mine := rk.mine[g]
			if len(mine) == 0 {
				continue
			}
			if out := rk.best(mine, i); len(out) > 0 {
				if s.related[g] == nil {
					s.related[g] = map[string][]*Group{}
				}
				s.related[g][lang] = out
			}
		}
	}
}

// GuidesCiting returns the guides written in lang that share most of the
// articles refs names, best first, at most maxRelated: what a flow's
// outcome lists as further reading. It is safe for concurrent use.
func (s *Site) GuidesCiting(lang string, refs []cite.Ref) []*Group {
	want := provSet{}
	for _, r := range refs {
		if r.Article > 0 {
			want[provision{r.Law, "", r.Article}] = true
		}
	}
	shared := s.rankers[lang]
	if len(want) == 0 || shared == nil {
		return nil
	}
	// Pages render in parallel: a scratch score of its own.
	rk := *shared
	rk.score = make([]float64, len(rk.guides))
	return rk.best(want, -1)
}
