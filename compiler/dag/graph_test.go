package dag

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// fixture is a small FLIS-shaped project:
//
//	dsa.ky_sag → stg_ky_sag → fact_ky_sager ─┐
//	                       └→ dim_ky_sag_oversigt
//	dim_kommune ─────────────→ fact_ky_sager  ├→ rpt_ky_borger
//	dsa.borger → stg_borger → dim_borger ─────┘
//
// plus tests attached to fact_ky_sager, dim_ky_sag_oversigt, dim_borger and rpt_ky_borger.
func fixture(t testing.TB) *Graph {
	t.Helper()
	g, err := New(fixtureNodes(), fixtureEdges())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func fixtureNodes() []Node {
	model := func(area, name, mat string, tags ...string) Node {
		dir := "models/" + area
		if name == "rpt_ky_borger" {
			dir += "/rapporter"
		}
		return Node{ID: "model." + name, Kind: KindModel, Name: name, Path: dir + "/" + name + ".sql",
			Area: area, Tags: tags, Config: map[string]string{"materialized": mat, "schema": "dm"}}
	}
	test := func(name, path string, tags ...string) Node {
		return Node{ID: "test." + name, Kind: KindTest, Name: name, Path: path, Tags: tags}
	}
	return []Node{
		{ID: "source.dsa.ky_sag", Kind: KindSource, Name: "ky_sag", Source: "dsa", Path: "models/ky/_sources.yml", Area: "ky"},
		{ID: "source.dsa.borger", Kind: KindSource, Name: "borger", Source: "dsa", Path: "models/borger/_sources.yml", Area: "borger"},
		{ID: "seed.dim_kommune", Kind: KindSeed, Name: "dim_kommune", Path: "seeds/dim_kommune.csv", Config: map[string]string{"schema": "dm"}},
		model("ky", "stg_ky_sag", "view", "ky"),
		{ID: "model.fact_ky_sager", Kind: KindModel, Name: "fact_ky_sager", Path: "models/ky/fact_ky_sager.sql", Area: "ky",
			Tags:   []string{"ky", "monthly"},
			Config: map[string]string{"materialized": "incremental", "incremental_strategy": "range", "schema": "dm"}},
		model("ky", "dim_ky_sag_oversigt", "table", "ky"),
		model("borger", "stg_borger", "view", "borger"),
		model("borger", "dim_borger", "table", "borger", "daily"),
		model("ky", "rpt_ky_borger", "table", "ky", "monthly"),
		test("unique_fact_ky_sager_sag_id", "models/ky/fact_ky_sager.yml"),
		test("relationships_fact_ky_sager_sag_id", "models/ky/fact_ky_sager.yml"),
		test("not_null_dim_borger_borger_id", "models/borger/dim_borger.yml"),
		test("assert_rpt_positive", "tests/assert_rpt_positive.sql", "monthly"),
	}
}

func fixtureEdges() []Edge {
	return []Edge{
		{"source.dsa.ky_sag", "model.stg_ky_sag"},
		{"model.stg_ky_sag", "model.fact_ky_sager"},
		{"model.stg_ky_sag", "model.dim_ky_sag_oversigt"},
		{"seed.dim_kommune", "model.fact_ky_sager"},
		{"source.dsa.borger", "model.stg_borger"},
		{"model.stg_borger", "model.dim_borger"},
		{"model.fact_ky_sager", "model.rpt_ky_borger"},
		{"model.dim_borger", "model.rpt_ky_borger"},
		{"model.fact_ky_sager", "model.rpt_ky_borger"}, // duplicate: merged
		{"model.fact_ky_sager", "test.unique_fact_ky_sager_sag_id"},
		{"model.fact_ky_sager", "test.relationships_fact_ky_sager_sag_id"},
		{"model.dim_ky_sag_oversigt", "test.relationships_fact_ky_sager_sag_id"},
		{"model.dim_borger", "test.not_null_dim_borger_borger_id"},
		{"model.rpt_ky_borger", "test.assert_rpt_positive"},
	}
}

// short drops the kind prefix of IDs so expectations stay readable.
func short(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		_, rest, _ := strings.Cut(id, ".")
		out[i] = rest
	}
	return out
}

func TestOrderIsTopologicalAndDeterministic(t *testing.T) {
	g := fixture(t)
	got, err := g.Order()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// Ready nodes leave smallest ID first, so dsa.borger's chain runs before dsa.ky_sag.
		"dim_kommune", "dsa.borger", "stg_borger", "dim_borger", "dsa.ky_sag", "stg_ky_sag",
		"dim_ky_sag_oversigt", "fact_ky_sager", "rpt_ky_borger", "assert_rpt_positive",
		"not_null_dim_borger_borger_id", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id",
	}
	if !reflect.DeepEqual(short(got), want) {
		t.Errorf("Order:\n got %q\nwant %q", short(got), want)
	}
	checkTopological(t, g, got)
	// Same nodes and edges in another input order: same result.
	nodes, edges := fixtureNodes(), fixtureEdges()
	reverse(nodes)
	reverse(edges)
	g2, err := New(nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	got2, _ := g2.Order()
	if !reflect.DeepEqual(got, got2) {
		t.Errorf("order depends on input order:\n%q\n%q", got, got2)
	}
}

func reverse[T any](s []T) {
	for a, b := 0, len(s)-1; a < b; a, b = a+1, b-1 {
		s[a], s[b] = s[b], s[a]
	}
}

func checkTopological(t *testing.T, g *Graph, order []string) {
	t.Helper()
	if len(order) != g.Len() {
		t.Fatalf("order has %d nodes, graph %d", len(order), g.Len())
	}
	pos := map[string]int{}
	for i, id := range order {
		pos[id] = i
	}
	for _, id := range order {
		for _, p := range g.Parents(id) {
			if pos[p] >= pos[id] {
				t.Errorf("%s comes before its parent %s", id, p)
			}
		}
	}
}

func TestParentsChildren(t *testing.T) {
	g := fixture(t)
	if got := short(g.Parents("model.rpt_ky_borger")); !reflect.DeepEqual(got, []string{"dim_borger", "fact_ky_sager"}) {
		t.Errorf("Parents = %q", got)
	}
	want := []string{"rpt_ky_borger", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"}
	if got := short(g.Children("model.fact_ky_sager")); !reflect.DeepEqual(got, want) {
		t.Errorf("Children = %q, want %q", got, want)
	}
	if g.Parents("model.nope") != nil || g.Children("source.dsa.ky_sag") == nil {
		t.Error("unknown or leaf handling wrong")
	}
	if n, ok := g.Node("seed.dim_kommune"); !ok || n.Name != "dim_kommune" {
		t.Errorf("Node = %+v, %v", n, ok)
	}
	if _, ok := g.Node("seed.nope"); ok {
		t.Error("Node found an unknown id")
	}
	if len(g.Nodes()) != 13 || g.Nodes()[0].ID != "model.dim_borger" {
		t.Errorf("Nodes not sorted by ID: %v", g.Nodes()[0].ID)
	}
}

func TestUpstreamDownstream(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		name  string
		fn    func(string, int) []string
		id    string
		depth int
		want  []string
	}{
		{"up all", g.Upstream, "model.rpt_ky_borger", -1, []string{"dim_borger", "fact_ky_sager", "stg_borger", "stg_ky_sag", "dim_kommune", "dsa.borger", "dsa.ky_sag"}},
		{"up 1", g.Upstream, "model.rpt_ky_borger", 1, []string{"dim_borger", "fact_ky_sager"}},
		{"up 2", g.Upstream, "model.rpt_ky_borger", 2, []string{"dim_borger", "fact_ky_sager", "stg_borger", "stg_ky_sag", "dim_kommune"}},
		{"up 0", g.Upstream, "model.rpt_ky_borger", 0, []string{}},
		{"up root", g.Upstream, "source.dsa.ky_sag", -1, []string{}},
		{"down all", g.Downstream, "source.dsa.ky_sag", -1, []string{"dim_ky_sag_oversigt", "fact_ky_sager", "rpt_ky_borger", "stg_ky_sag", "assert_rpt_positive", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"}},
		{"down 2", g.Downstream, "source.dsa.ky_sag", 2, []string{"dim_ky_sag_oversigt", "fact_ky_sager", "stg_ky_sag"}},
		{"unknown", g.Downstream, "model.nope", -1, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := short(tt.fn(tt.id, tt.depth)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLevels(t *testing.T) {
	g := fixture(t)
	levels, err := g.Levels()
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, l := range levels {
		got = append(got, short(l))
	}
	want := [][]string{
		{"dim_kommune", "dsa.borger", "dsa.ky_sag"},
		{"stg_borger", "stg_ky_sag"},
		{"dim_borger", "dim_ky_sag_oversigt", "fact_ky_sager"},
		// rpt_ky_borger is at level 3 although dim_kommune, one of its ancestors, is at 0:
		// the level is the longest path.
		{"rpt_ky_borger", "not_null_dim_borger_borger_id", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"},
		{"assert_rpt_positive"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Levels:\n got %q\nwant %q", got, want)
	}
}

func TestCycles(t *testing.T) {
	tests := []struct {
		name  string
		ids   []string
		edges [][2]string
		want  string
	}{
		{"self loop", []string{"a"}, [][2]string{{"a", "a"}}, "cycle: a → a"},
		{"two", []string{"a", "b"}, [][2]string{{"a", "b"}, {"b", "a"}}, "cycle: a → b → a"},
		{"three starts at smallest", []string{"a", "b", "c"}, [][2]string{{"c", "a"}, {"a", "b"}, {"b", "c"}}, "cycle: a → b → c → a"},
		{"direction follows edges", []string{"a", "b", "c"}, [][2]string{{"a", "c"}, {"c", "b"}, {"b", "a"}}, "cycle: a → c → b → a"},
		{"cycle downstream of a dag", []string{"root", "x", "y", "z", "leaf"},
			[][2]string{{"root", "x"}, {"x", "y"}, {"y", "z"}, {"z", "x"}, {"z", "leaf"}}, "cycle: x → y → z → x"},
		{"only the cycle, not its tail", []string{"a", "m", "n"},
			[][2]string{{"m", "n"}, {"n", "m"}, {"n", "a"}}, "cycle: m → n → m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var nodes []Node
			for _, id := range tt.ids {
				nodes = append(nodes, Node{ID: id, Kind: KindModel, Name: id})
			}
			var edges []Edge
			for _, e := range tt.edges {
				edges = append(edges, Edge{e[0], e[1]})
			}
			g, err := New(nodes, edges)
			if err != nil {
				t.Fatal(err)
			}
			_, err = g.Order()
			var ce *CycleError
			if !errors.As(err, &ce) {
				t.Fatalf("Order error = %v, want *CycleError", err)
			}
			if ce.Error() != tt.want {
				t.Errorf("got %q, want %q", ce.Error(), tt.want)
			}
			if ce.Path[0] != ce.Path[len(ce.Path)-1] {
				t.Errorf("path does not close: %q", ce.Path)
			}
			for k := 0; k+1 < len(ce.Path); k++ {
				if !contains(g.Children(ce.Path[k]), ce.Path[k+1]) {
					t.Errorf("%s → %s is not an edge", ce.Path[k], ce.Path[k+1])
				}
			}
			if _, err := g.Levels(); !errors.As(err, &ce) {
				t.Errorf("Levels error = %v", err)
			}
			if _, err := g.Select(nil, nil); !errors.As(err, &ce) {
				t.Errorf("Select error = %v", err)
			}
		})
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func TestNewErrors(t *testing.T) {
	nodes := []Node{{ID: "model.fact_ky_sager"}, {ID: "model.fact_ky_sager"}, {Name: "x", Path: "models/x.sql"}}
	edges := []Edge{{"model.fact_ky_sagr", "model.fact_ky_sager"}, {"model.fact_ky_sager", "model.zzz"}}
	_, err := New(nodes, edges)
	want := `duplicate node "model.fact_ky_sager"
node "x" (models/x.sql) has an empty ID
edge model.fact_ky_sagr → model.fact_ky_sager: unknown node "model.fact_ky_sagr" (did you mean "model.fact_ky_sager"?)
edge model.fact_ky_sager → model.zzz: unknown node "model.zzz"`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestEmptyGraph(t *testing.T) {
	g, err := New(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o, err := g.Order(); err != nil || len(o) != 0 {
		t.Errorf("Order = %v, %v", o, err)
	}
	if l, err := g.Levels(); err != nil || len(l) != 0 {
		t.Errorf("Levels = %v, %v", l, err)
	}
	if s, err := g.Select(nil, nil); err != nil || len(s) != 0 {
		t.Errorf("Select = %v, %v", s, err)
	}
}
