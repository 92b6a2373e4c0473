// Package dag is flis's dependency graph: which node (model, seed, source, test) depends on
// which, the order to build them in, the cycles that make a project unbuildable, and the
// dbt-style selectors (`+fact_ky_sager`, `tag:monthly,area:ky`, `@dim_kommune`) that pick the
// nodes a command works on.
//
// The graph is built through github.com/dominikbraun/graph, so other packages (and tools
// such as its DOT export) get a standard graph value from Library, but every algorithm here
// runs on an ID-sorted, int-indexed copy taken once, in New. The library's TopologicalSort,
// PreventCycles and BFS are O(V·E) or copy the adjacency map on every call (seconds on
// 10,000 nodes); the loops here are O(V+E) and take milliseconds. The library's default
// memory store was itself the largest cost of New (about 40 MB of nested maps for 20,000
// edges), so the graph lives in a slice-backed graph.Store (store.go) and the snapshot is a
// copy of its adjacency lists rather than an AdjacencyMap() map of maps.
//
// A Graph is immutable after New and safe for concurrent use by many goroutines (the runner's
// scheduler reads Parents and Children from several workers).
package dag

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dominikbraun/graph"

	"github.com/flis-dk/flis/compiler/diag"
)

// Node kinds.
const (
	KindModel  = "model"
	KindSeed   = "seed"
	KindSource = "source"
	KindTest   = "test"
)

// Kinds lists the node kinds a selector's resource_type may name.
var Kinds = []string{KindModel, KindSeed, KindSource, KindTest}

// Node is one vertex: what selectors need to know about a model, seed, source table or test.
type Node struct {
	ID     string            // "model.fact_ky_sager", "seed.dim_kommune", "source.dsa.ky_sag", "test.unique_fact_ky_sager_sag_id"
	Kind   string            // model | seed | source | test
	Name   string            // fact_ky_sager; for sources the table name ky_sag
	Source string            // sources only: "dsa"
	Path   string            // file relative to project root: models/ky/fact_ky_sager.sql
	Area   string            // data area (first folder under models/), "" for seeds/tests
	Tags   []string          // tags after folder defaults are applied
	Config map[string]string // flattened config: "materialized" -> "incremental", "schema" -> "dm"
}

// Edge says To depends on From: From is built first.
type Edge struct {
	From, To string
}

// Graph is the dependency graph of a project. Build it with New.
type Graph struct {
	lib graph.Graph[string, Node]

	// Everything below is indexed by a node's position in ids, which is sorted, so "ties by
	// ID" is simply "ties by index" and every loop that walks indices is deterministic.
	ids   []string
	nodes []Node
	index map[string]int32
	up    [][]int32 // parents (dependencies), ascending
	down  [][]int32 // children (dependents), ascending

	order []int32     // topological order; nil when the graph has a cycle
	cycle *CycleError // the cycle that stops ordering, if any
}

func nodeHash(n Node) string { return n.ID }

// New builds the graph. Every edge must join two given nodes; duplicate edges are merged.
// Cycles are not an error here: Order, Levels and Select report them as *CycleError, so a
// caller can still inspect and print a cyclic project.
func New(nodes []Node, edges []Edge) (*Graph, error) {
	st := newStore(len(nodes), len(edges))
	lib := graph.NewWithStore(nodeHash, graph.Store[string, Node](st), graph.Directed())
	var errs []error
	known := make([]string, 0, len(nodes))
	for _, n := range nodes {
		if n.ID == "" {
			errs = append(errs, fmt.Errorf("node %q (%s) has an empty ID", n.Name, n.Path))
			continue
		}
		if err := lib.AddVertex(n); err != nil {
			if errors.Is(err, graph.ErrVertexAlreadyExists) {
				errs = append(errs, fmt.Errorf("duplicate node %q", n.ID))
				continue
			}
			return nil, fmt.Errorf("add node %q: %w", n.ID, err)
		}
		known = append(known, n.ID)
	}
	for _, e := range edges {
		err := lib.AddEdge(e.From, e.To)
		switch {
		case err == nil, errors.Is(err, graph.ErrEdgeAlreadyExists):
		case errors.Is(err, graph.ErrVertexNotFound):
			missing := e.From
			if _, verr := lib.Vertex(e.From); verr == nil {
				missing = e.To
			}
			msg := fmt.Errorf("edge %s → %s: unknown node %q", e.From, e.To, missing)
			if hint := diag.DidYouMean(missing, known); hint != "" {
				msg = fmt.Errorf("%w (%s)", msg, hint)
			}
			errs = append(errs, msg)
		default:
			return nil, fmt.Errorf("add edge %s → %s: %w", e.From, e.To, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	g := snapshot(st)
	g.lib = lib
	return g, nil
}

// snapshot copies the store once into the ID-sorted, int-indexed form the algorithms run on.
// This is the one adjacency snapshot: nothing here ever asks the library again.
func snapshot(st *store) *Graph {
	st.mu.RLock()
	defer st.mu.RUnlock()
	g := &Graph{ids: make([]string, 0, st.live)}
	for si, id := range st.ids {
		if st.alive[si] {
			g.ids = append(g.ids, id)
		}
	}
	slices.Sort(g.ids)
	n := len(g.ids)
	g.index = make(map[string]int32, n)
	g.nodes = make([]Node, n)
	remap := make([]int32, len(st.ids)) // store index → sorted index
	for i, id := range g.ids {
		g.index[id] = int32(i)
		si := st.index[id]
		remap[si] = int32(i)
		g.nodes[i] = st.nodes[si]
	}
	// All adjacency lists are carved from one backing array per direction: two allocations
	// instead of one per node.
	flat := make([]int32, 0, 2*len(st.edges))
	conv := func(adj []int32) []int32 {
		if len(adj) == 0 {
			return nil
		}
		start := len(flat)
		for _, si := range adj {
			flat = append(flat, remap[si])
		}
		out := flat[start:len(flat):len(flat)]
		slices.Sort(out)
		return out
	}
	g.up = make([][]int32, n)
	g.down = make([][]int32, n)
	for i, id := range g.ids {
		si := st.index[id]
		g.up[i] = conv(st.in[si])
		g.down[i] = conv(st.out[si])
	}
	g.order, g.cycle = g.topoSort()
	return g
}

// Library returns the underlying dominikbraun/graph value, e.g. for draw.DOT. Do not modify
// it: the Graph's snapshot would no longer match.
func (g *Graph) Library() graph.Graph[string, Node] { return g.lib }

// Len is the number of nodes.
func (g *Graph) Len() int { return len(g.ids) }

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (Node, bool) {
	i, ok := g.index[id]
	if !ok {
		return Node{}, false
	}
	return g.nodes[i], true
}

// Nodes returns all nodes sorted by ID.
func (g *Graph) Nodes() []Node {
	return append([]Node(nil), g.nodes...)
}

// Parents returns the IDs id depends on directly, sorted; nil for an unknown id.
func (g *Graph) Parents(id string) []string {
	i, ok := g.index[id]
	if !ok {
		return nil
	}
	return g.idsOf(g.up[i])
}

// Children returns the IDs that depend on id directly, sorted; nil for an unknown id.
func (g *Graph) Children(id string) []string {
	i, ok := g.index[id]
	if !ok {
		return nil
	}
	return g.idsOf(g.down[i])
}

func (g *Graph) idsOf(idx []int32) []string {
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = g.ids[i]
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
