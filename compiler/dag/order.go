package dag

import "strings"

// CycleError says the graph cannot be ordered. Path is one full cycle in dependency
// direction (each node is a parent of the next), every node once and the first again at the
// end: [a b c a] means b depends on a, c on b and a on c. The cycle starts at its smallest ID,
// so the same project always reports the same path.
type CycleError struct {
	Path []string
}

// Error renders "cycle: a → b → c → a".
func (e *CycleError) Error() string {
	return "cycle: " + strings.Join(e.Path, " → ")
}

// Order returns every node ID in topological order: each node after all its parents. Among
// nodes that are ready at the same time the smallest ID comes first, so the order is a pure
// function of the graph. It was computed once by New, in O((V+E) log V): Kahn's algorithm with
// a min-heap for the ties. A cyclic graph returns a *CycleError.
func (g *Graph) Order() ([]string, error) {
	if g.cycle != nil {
		return nil, g.cycle
	}
	return g.idsOf(g.order), nil
}

// Levels groups the nodes by longest-path depth: level 0 holds the nodes without parents,
// level k the nodes whose deepest parent is at level k-1. All nodes of one level can run in
// parallel once the levels before it are done. Each level is sorted by ID.
func (g *Graph) Levels() ([][]string, error) {
	if g.cycle != nil {
		return nil, g.cycle
	}
	level := make([]int32, len(g.ids))
	var levels [][]string
	for _, i := range g.order {
		l := int32(0)
		for _, p := range g.up[i] {
			// Parents come earlier in the order, so their level is final.
			if level[p]+1 > l {
				l = level[p] + 1
			}
		}
		level[i] = l
		for int(l) >= len(levels) {
			levels = append(levels, nil)
		}
	}
	// Fill by index so every level comes out sorted by ID without a sort.
	for i := range g.ids {
		levels[level[i]] = append(levels[level[i]], g.ids[i])
	}
	return levels, nil
}

// topoSort is Kahn's algorithm over the int-indexed snapshot. When some nodes are never
// released the graph has a cycle, and findCycle extracts one from what is left.
func (g *Graph) topoSort() ([]int32, *CycleError) {
	n := len(g.ids)
	indeg := make([]int32, n)
	ready := make(minHeap, 0, n)
	for i := range n {
		indeg[i] = int32(len(g.up[i]))
		if indeg[i] == 0 {
			// Indices are pushed ascending, so the slice is already a valid heap.
			ready = append(ready, int32(i))
		}
	}
	order := make([]int32, 0, n)
	for len(ready) > 0 {
		i := ready.pop()
		order = append(order, i)
		for _, c := range g.down[i] {
			indeg[c]--
			if indeg[c] == 0 {
				ready.push(c)
			}
		}
	}
	if len(order) == n {
		return order, nil
	}
	return nil, g.findCycle(indeg)
}

// findCycle returns a cycle among the nodes Kahn's algorithm could not release (indeg > 0).
// Each of them still has a parent that was not released either, so walking from the
// smallest one to its smallest unreleased parent, again and again, must revisit a node; the
// walk from that node's first visit is a cycle. O(V+E).
func (g *Graph) findCycle(indeg []int32) *CycleError {
	start := int32(-1)
	for i, d := range indeg {
		if d > 0 {
			start = int32(i)
			break
		}
	}
	seenAt := make(map[int32]int)
	var walk []int32
	cur := start
	for {
		if at, ok := seenAt[cur]; ok {
			walk = walk[at:]
			break
		}
		seenAt[cur] = len(walk)
		walk = append(walk, cur)
		next := int32(-1)
		for _, p := range g.up[cur] {
			if indeg[p] > 0 {
				next = p
				break
			}
		}
		cur = next
	}
	// The walk follows parent links; reverse it into dependency direction.
	for a, b := 0, len(walk)-1; a < b; a, b = a+1, b-1 {
		walk[a], walk[b] = walk[b], walk[a]
	}
	// Rotate to start at the smallest ID.
	minAt := 0
	for k, i := range walk {
		if i < walk[minAt] {
			minAt = k
		}
	}
	path := make([]string, 0, len(walk)+1)
	for k := range walk {
		path = append(path, g.ids[walk[(minAt+k)%len(walk)]])
	}
	path = append(path, path[0])
	return &CycleError{Path: path}
}

// minHeap is a binary min-heap of node indices; the smallest index (= smallest ID) pops
// first. Hand-written rather than container/heap, whose interface boxes every int32.
type minHeap []int32

func (h *minHeap) push(x int32) {
	s := append(*h, x)
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if s[p] <= s[i] {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
	*h = s
}

func (h *minHeap) pop() int32 {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(s) && s[l] < s[m] {
			m = l
		}
		if r < len(s) && s[r] < s[m] {
			m = r
		}
		if m == i {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
	return top
}
