package dag

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/dominikbraun/graph"
)

// TestStoreMatchesLibraryStore runs the same random operations on the library's default
// memory store and on ours and compares every result: Library() hands our store to code
// that may use any part of the graph.Graph API.
func TestStoreMatchesLibraryStore(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	ref := graph.New(nodeHash, graph.Directed())
	ours := graph.NewWithStore(nodeHash, graph.Store[string, Node](newStore(0, 0)), graph.Directed())
	id := func() string { return fmt.Sprintf("n%d", r.IntN(12)) }
	for step := range 3000 {
		var op string
		var e1, e2 error
		switch k := r.IntN(6); k {
		case 0, 1:
			a := id()
			op = "AddVertex " + a
			e1, e2 = ref.AddVertex(Node{ID: a, Name: a}), ours.AddVertex(Node{ID: a, Name: a})
		case 2:
			a, b := id(), id()
			op = "AddEdge " + a + " " + b
			e1, e2 = ref.AddEdge(a, b, graph.EdgeWeight(step)), ours.AddEdge(a, b, graph.EdgeWeight(step))
		case 3:
			a, b := id(), id()
			op = "RemoveEdge " + a + " " + b
			e1, e2 = ref.RemoveEdge(a, b), ours.RemoveEdge(a, b)
		case 4:
			a := id()
			op = "RemoveVertex " + a
			e1, e2 = ref.RemoveVertex(a), ours.RemoveVertex(a)
		case 5:
			a, b := id(), id()
			op = "UpdateEdge " + a + " " + b
			e1, e2 = ref.UpdateEdge(a, b, graph.EdgeWeight(-step)), ours.UpdateEdge(a, b, graph.EdgeWeight(-step))
		}
		if (e1 == nil) != (e2 == nil) || (e1 != nil && !sameRootError(e1, e2)) {
			t.Fatalf("step %d %s: library %v, ours %v", step, op, e1, e2)
		}
		if step%50 == 0 {
			compareGraphs(t, step, ref, ours)
		}
	}
	compareGraphs(t, -1, ref, ours)
}

func sameRootError(a, b error) bool {
	for _, sentinel := range []error{graph.ErrVertexNotFound, graph.ErrVertexAlreadyExists, graph.ErrEdgeNotFound,
		graph.ErrEdgeAlreadyExists, graph.ErrVertexHasEdges} {
		if errors.Is(a, sentinel) && errors.Is(b, sentinel) {
			return true
		}
	}
	return false
}

func compareGraphs(t *testing.T, step int, ref, ours graph.Graph[string, Node]) {
	t.Helper()
	am1, _ := ref.AdjacencyMap()
	am2, _ := ours.AdjacencyMap()
	if !reflect.DeepEqual(am1, am2) {
		t.Fatalf("step %d: adjacency maps differ:\n%v\n%v", step, am1, am2)
	}
	n1, _ := ref.Order()
	n2, _ := ours.Order()
	if n1 != n2 {
		t.Fatalf("step %d: order %d vs %d", step, n1, n2)
	}
	e1, _ := ref.Edges()
	e2, _ := ours.Edges()
	key := func(e graph.Edge[string]) string {
		return fmt.Sprintf("%s>%s:%d", e.Source, e.Target, e.Properties.Weight)
	}
	k1, k2 := make([]string, len(e1)), make([]string, len(e2))
	for i := range e1 {
		k1[i] = key(e1[i])
	}
	for i := range e2 {
		k2[i] = key(e2[i])
	}
	slices.Sort(k1)
	slices.Sort(k2)
	if !slices.Equal(k1, k2) {
		t.Fatalf("step %d: edges differ:\n%v\n%v", step, k1, k2)
	}
}

func TestLibraryViewMatchesGraph(t *testing.T) {
	g := fixture(t)
	adj, err := g.Library().AdjacencyMap()
	if err != nil {
		t.Fatal(err)
	}
	if len(adj) != g.Len() {
		t.Fatalf("library has %d vertices, graph %d", len(adj), g.Len())
	}
	for id, targets := range adj {
		var kids []string
		for c := range targets {
			kids = append(kids, c)
		}
		slices.Sort(kids)
		if got := g.Children(id); !slices.Equal(got, kids) {
			t.Errorf("%s: Children %q, library %q", id, got, kids)
		}
	}
	n, err := g.Library().Vertex("model.fact_ky_sager")
	if err != nil || n.Config["materialized"] != "incremental" {
		t.Errorf("Vertex = %+v, %v", n, err)
	}
}
