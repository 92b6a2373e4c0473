package dag

import (
	"fmt"
	"path"
	"strings"

	"github.com/flis-dk/flis/compiler/diag"
)

// suggest builds the did-you-mean hint for an atom that matched nothing, from the values its
// method could have matched, written the way the user would write them ("tag:monthly").
func (g *Graph) suggest(a Atom) string {
	var cands []string
	prefix := ""
	if a.Method != "" {
		prefix = a.Method + ":"
	}
	names, areas, tags := g.vocabulary()
	switch a.Method {
	case "":
		// A bare word never names a source table; point to the method that does.
		var tables []string
		m := matcher(a.Value)
		for _, n := range g.nodes {
			if n.Kind == KindSource && m(n.Name) {
				tables = append(tables, n.Source+"."+n.Name)
			}
		}
		if len(tables) > 0 {
			return didYouMean("source:", tables[:min(3, len(tables))], "")
		}
		cands = append(append(append(cands, names...), areas...), tags...)
	case "tag":
		cands = tags
	case "area":
		cands = areas
	case "path":
		cands = g.paths()
	case "source":
		cands = g.sources()
	case "config":
		prefix = "config." + a.Key + ":"
		cands = g.configValues(a.Key)
		if len(cands) == 0 {
			// Nobody has that key: the key is the likely typo.
			keys := g.configKeys()
			if c := diag.Closest(a.Key, keys, 3); len(c) > 0 {
				return didYouMean("config.", c, ":"+a.Value)
			}
			if len(keys) > 0 {
				return "config keys in use: " + strings.Join(keys, ", ")
			}
			return ""
		}
	case "resource_type", "test_type":
		return ""
	case "fqn":
		cands = names
	}
	c := diag.Closest(a.Value, cands, 3)
	if len(c) == 0 {
		return ""
	}
	return didYouMean(prefix, c, "")
}

// didYouMean renders like diag.DidYouMean, with the method around each candidate.
func didYouMean(prefix string, cands []string, suffix string) string {
	q := make([]string, len(cands))
	for i, c := range cands {
		q[i] = fmt.Sprintf("%q", prefix+c+suffix)
	}
	return "did you mean " + strings.Join(q, " or ") + "?"
}

func (g *Graph) paths() []string {
	seen := map[string]bool{}
	for _, n := range g.nodes {
		for q := n.Path; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if seen[q] {
				break
			}
			seen[q] = true
		}
	}
	return sortedKeys(seen)
}

func (g *Graph) sources() []string {
	seen := map[string]bool{}
	for _, n := range g.nodes {
		if n.Kind == KindSource {
			seen[n.Source] = true
			seen[n.Source+"."+n.Name] = true
		}
	}
	return sortedKeys(seen)
}

func (g *Graph) configValues(key string) []string {
	seen := map[string]bool{}
	for _, n := range g.nodes {
		if v, ok := n.Config[key]; ok {
			seen[v] = true
		}
	}
	return sortedKeys(seen)
}

func (g *Graph) configKeys() []string {
	seen := map[string]bool{}
	for _, n := range g.nodes {
		for k := range n.Config {
			seen[k] = true
		}
	}
	return sortedKeys(seen)
}

// vocabulary returns the sorted names (of all but sources), areas and tags, for hints. It
// runs only when a selector failed, so it is not worth keeping on the Graph.
func (g *Graph) vocabulary() (names, areas, tags []string) {
	ns, as, ts := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, n := range g.nodes {
		if n.Kind != KindSource && n.Name != "" {
			ns[n.Name] = true
		}
		if n.Area != "" {
			as[n.Area] = true
		}
		for _, t := range n.Tags {
			ts[t] = true
		}
	}
	return sortedKeys(ns), sortedKeys(as), sortedKeys(ts)
}
