package dag

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dominikbraun/graph"
)

// generate builds a deterministic layered project of n models with about 2n edges, spread
// over 20 data areas, with tags, like a large FLIS installation.
func generate(n int) ([]Node, []Edge) {
	r := rand.New(rand.NewPCG(1, 2))
	nodes := make([]Node, n)
	var edges []Edge
	for i := range n {
		area := fmt.Sprintf("a%02d", i%20)
		name := fmt.Sprintf("m%05d", i)
		tags := []string{area}
		if i%7 == 0 {
			tags = append(tags, "monthly")
		}
		nodes[i] = Node{ID: "model." + name, Kind: KindModel, Name: name, Area: area, Tags: tags,
			Path:   "models/" + area + "/" + name + ".sql",
			Config: map[string]string{"materialized": []string{"view", "table", "incremental"}[i%3]}}
		if i == 0 {
			continue
		}
		// Two parents among the previous nodes, biased towards recent ones so the graph is
		// deep as well as wide.
		for k := 0; k < 2; k++ {
			lo := max(0, i-200)
			p := lo + r.IntN(i-lo)
			edges = append(edges, Edge{From: nodes[p].ID, To: nodes[i].ID})
		}
	}
	return nodes, edges
}

func TestLargeGraph(t *testing.T) {
	nodes, edges := generate(10_000)
	g, err := New(nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	order, err := g.Order()
	if err != nil {
		t.Fatal(err)
	}
	checkTopological(t, g, order)
	sel, err := g.Select([]string{"+m05000+", "tag:monthly,area:a03"}, []string{"area:a07"})
	if err != nil {
		t.Fatal(err)
	}
	checkSubsequence(t, g, sel)
	if len(sel) < 1000 {
		t.Errorf("selection suspiciously small: %d", len(sel))
	}
}

func BenchmarkBuildAndOrder(b *testing.B) {
	nodes, edges := generate(10_000)
	b.ReportAllocs()
	for b.Loop() {
		g, err := New(nodes, edges)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.Order(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSelect(b *testing.B) {
	nodes, edges := generate(10_000)
	g, err := New(nodes, edges)
	if err != nil {
		b.Fatal(err)
	}
	include := []string{"+m05000+", "tag:monthly,area:a03", "@m09000", "2+m07000+3"}
	exclude := []string{"area:a07 config.materialized:view,m0*"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Select(include, exclude); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUpstream(b *testing.B) {
	nodes, edges := generate(10_000)
	g, err := New(nodes, edges)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g.Upstream("model.m09999", 3)
	}
}

// BenchmarkBuildOrderSelect is the whole cost a command pays: build, order, select.
func BenchmarkBuildOrderSelect(b *testing.B) {
	nodes, edges := generate(10_000)
	b.ReportAllocs()
	for b.Loop() {
		g, err := New(nodes, edges)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.Order(); err != nil {
			b.Fatal(err)
		}
		if _, err := g.Select([]string{"+m05000+", "tag:monthly,area:a03"}, []string{"area:a07"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLibraryMemoryStore is the baseline store.go replaces: the library's default
// memory store plus one AdjacencyMap snapshot, for the same graph.
func BenchmarkLibraryMemoryStore(b *testing.B) {
	nodes, edges := generate(10_000)
	b.ReportAllocs()
	for b.Loop() {
		lib := graph.New(nodeHash, graph.Directed())
		for _, n := range nodes {
			_ = lib.AddVertex(n)
		}
		for _, e := range edges {
			_ = lib.AddEdge(e.From, e.To)
		}
		if _, err := lib.AdjacencyMap(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOrderMatchesNaiveReference checks the heap-based Kahn against the obvious O(V²)
// definition: repeatedly take the smallest ID whose parents are all placed.
func TestOrderMatchesNaiveReference(t *testing.T) {
	nodes, edges := generate(600)
	g, err := New(nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := g.Order()
	placed := map[string]bool{}
	var want []string
	for len(want) < g.Len() {
		for _, n := range g.Nodes() { // sorted by ID
			if placed[n.ID] {
				continue
			}
			ready := true
			for _, p := range g.Parents(n.ID) {
				ready = ready && placed[p]
			}
			if ready {
				placed[n.ID] = true
				want = append(want, n.ID)
				break
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Error("Order differs from the naive smallest-ready-first order")
	}
}
