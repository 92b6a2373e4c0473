package dag

import "slices"

// Upstream returns the ancestors of id (the nodes it depends on, directly or not) up to depth
// levels away, sorted by ID and without id itself. depth < 0 means unlimited; depth 0 returns
// nothing. An unknown id returns nil. The cost is proportional to what is reached, not to the
// size of the graph.
func (g *Graph) Upstream(id string, depth int) []string {
	return g.reach(id, depth, g.up)
}

// Downstream returns the descendants of id (the nodes depending on it, directly or not) up to
// depth levels away, sorted by ID and without id itself; depth < 0 means unlimited.
func (g *Graph) Downstream(id string, depth int) []string {
	return g.reach(id, depth, g.down)
}

func (g *Graph) reach(id string, depth int, adj [][]int32) []string {
	i, ok := g.index[id]
	if !ok {
		return nil
	}
	seen := map[int32]bool{i: true}
	frontier := []int32{i}
	var found []int32
	for d := 0; len(frontier) > 0 && (depth < 0 || d < depth); d++ {
		var next []int32
		for _, v := range frontier {
			for _, w := range adj[v] {
				if !seen[w] {
					seen[w] = true
					next = append(next, w)
				}
			}
		}
		found = append(found, next...)
		frontier = next
	}
	slices.Sort(found)
	return g.idsOf(found)
}

// nodeSet is a set of node indices as a dense bitmap: selections routinely hold thousands of
// nodes, and set operations over a []bool of 10,000 entries cost microseconds.
type nodeSet []bool

func (g *Graph) newSet() nodeSet { return make(nodeSet, len(g.ids)) }

func (s nodeSet) members() []int32 {
	var out []int32
	for i, in := range s {
		if in {
			out = append(out, int32(i))
		}
	}
	return out
}

func (s nodeSet) empty() bool { return !slices.Contains(s, true) }

func (s nodeSet) union(o nodeSet) {
	for i, in := range o {
		if in {
			s[i] = true
		}
	}
}

func (s nodeSet) intersect(o nodeSet) {
	for i := range s {
		s[i] = s[i] && o[i]
	}
}

func (s nodeSet) subtract(o nodeSet) {
	for i, in := range o {
		if in {
			s[i] = false
		}
	}
}

// expand adds to out every node within depth steps of a seed along adj (depth < 0:
// unlimited), seeds excluded unless already in out. All seeds start together (multi-source
// BFS), so `+tag:monthly` costs one traversal, not one per tagged model, and a node is
// reached at its distance from the nearest seed.
func (g *Graph) expand(seeds []int32, depth int, adj [][]int32, out nodeSet) {
	if depth == 0 {
		return
	}
	seen := g.newSet()
	for _, s := range seeds {
		seen[s] = true
	}
	frontier := seeds
	for d := 0; len(frontier) > 0 && (depth < 0 || d < depth); d++ {
		var next []int32
		for _, v := range frontier {
			for _, w := range adj[v] {
				if !seen[w] {
					seen[w] = true
					out[w] = true
					next = append(next, w)
				}
			}
		}
		frontier = next
	}
}
