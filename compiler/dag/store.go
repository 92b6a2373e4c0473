package dag

import (
	"sync"

	"github.com/dominikbraun/graph"
)

// store is a graph.Store kept in slices indexed by insertion order. The library's default
// memory store keeps two nested maps of full Edge values per vertex, which for 10,000 nodes
// and 20,000 edges allocates about 40 MB and dominated New; here an edge is two int32s in
// adjacency lists plus its properties in one map. It also lets New read the adjacency
// without AdjacencyMap building a map of maps: the snapshot is a copy of two slices.
//
// It honours the whole Store contract (removal included), because Library hands the graph to
// code that may call any method.
type store struct {
	mu    sync.RWMutex
	index map[string]int32
	ids   []string
	nodes []Node
	props []graph.VertexProperties
	alive []bool // RemoveVertex leaves a tombstone so indices stay stable
	live  int
	out   [][]int32 // out[i]: targets of i, in insertion order
	in    [][]int32 // in[i]: sources of i
	edges map[[2]int32]graph.EdgeProperties
}

var _ graph.Store[string, Node] = (*store)(nil)

func newStore(nodes, edges int) *store {
	return &store{
		index: make(map[string]int32, nodes),
		ids:   make([]string, 0, nodes),
		nodes: make([]Node, 0, nodes),
		props: make([]graph.VertexProperties, 0, nodes),
		alive: make([]bool, 0, nodes),
		out:   make([][]int32, 0, nodes),
		in:    make([][]int32, 0, nodes),
		edges: make(map[[2]int32]graph.EdgeProperties, edges),
	}
}

func (s *store) AddVertex(hash string, value Node, p graph.VertexProperties) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.index[hash]; ok {
		if s.alive[i] {
			return graph.ErrVertexAlreadyExists
		}
		s.nodes[i], s.props[i], s.alive[i] = value, p, true
		s.live++
		return nil
	}
	s.index[hash] = int32(len(s.ids))
	s.ids = append(s.ids, hash)
	s.nodes = append(s.nodes, value)
	s.props = append(s.props, p)
	s.alive = append(s.alive, true)
	s.out = append(s.out, nil)
	s.in = append(s.in, nil)
	s.live++
	return nil
}

// lookup returns the index of a live vertex. The caller holds the lock.
func (s *store) lookup(hash string) (int32, bool) {
	i, ok := s.index[hash]
	if !ok || !s.alive[i] {
		return 0, false
	}
	return i, true
}

func (s *store) Vertex(hash string) (Node, graph.VertexProperties, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.lookup(hash)
	if !ok {
		return Node{}, graph.VertexProperties{}, graph.ErrVertexNotFound
	}
	return s.nodes[i], s.props[i], nil
}

func (s *store) RemoveVertex(hash string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.lookup(hash)
	if !ok {
		return graph.ErrVertexNotFound
	}
	if len(s.out[i]) > 0 || len(s.in[i]) > 0 {
		return graph.ErrVertexHasEdges
	}
	s.alive[i], s.nodes[i], s.props[i] = false, Node{}, graph.VertexProperties{}
	s.live--
	return nil
}

func (s *store) ListVertices() ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, s.live)
	for i, id := range s.ids {
		if s.alive[i] {
			out = append(out, id)
		}
	}
	return out, nil
}

func (s *store) VertexCount() (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.live, nil
}

func (s *store) AddEdge(source, target string, e graph.Edge[string]) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.lookup(source)
	if !ok {
		return graph.ErrVertexNotFound
	}
	b, ok := s.lookup(target)
	if !ok {
		return graph.ErrVertexNotFound
	}
	key := [2]int32{a, b}
	if _, ok := s.edges[key]; ok {
		return graph.ErrEdgeAlreadyExists
	}
	s.edges[key] = e.Properties
	s.out[a] = append(s.out[a], b)
	s.in[b] = append(s.in[b], a)
	return nil
}

func (s *store) UpdateEdge(source, target string, e graph.Edge[string]) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.edgeKey(source, target)
	if !ok {
		return graph.ErrEdgeNotFound
	}
	s.edges[key] = e.Properties
	return nil
}

func (s *store) RemoveEdge(source, target string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.edgeKey(source, target)
	if !ok {
		return graph.ErrEdgeNotFound
	}
	delete(s.edges, key)
	s.out[key[0]] = without(s.out[key[0]], key[1])
	s.in[key[1]] = without(s.in[key[1]], key[0])
	return nil
}

func (s *store) edgeKey(source, target string) ([2]int32, bool) {
	a, ok1 := s.lookup(source)
	b, ok2 := s.lookup(target)
	key := [2]int32{a, b}
	if !ok1 || !ok2 {
		return key, false
	}
	_, ok := s.edges[key]
	return key, ok
}

func (s *store) Edge(source, target string) (graph.Edge[string], error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	key, ok := s.edgeKey(source, target)
	if !ok {
		return graph.Edge[string]{}, graph.ErrEdgeNotFound
	}
	return graph.Edge[string]{Source: source, Target: target, Properties: s.edges[key]}, nil
}

// ListEdges lists edges by source, then in insertion order, so it is deterministic.
func (s *store) ListEdges() ([]graph.Edge[string], error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]graph.Edge[string], 0, len(s.edges))
	for a, targets := range s.out {
		for _, b := range targets {
			out = append(out, graph.Edge[string]{Source: s.ids[a], Target: s.ids[b],
				Properties: s.edges[[2]int32{int32(a), b}]})
		}
	}
	return out, nil
}

func without(s []int32, x int32) []int32 {
	for k, v := range s {
		if v == x {
			return append(s[:k], s[k+1:]...)
		}
	}
	return s
}
