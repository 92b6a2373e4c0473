package dag

import (
	"errors"
	"reflect"
	"testing"
)

func TestSelectMethodsAndOperators(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		name             string
		include, exclude []string
		want             []string // short IDs in topological order; tests not added indirectly
	}{
		{"name", []string{"fact_ky_sager"}, nil, []string{"fact_ky_sager"}},
		{"all ancestors", []string{"+fact_ky_sager"}, nil, []string{"dim_kommune", "dsa.ky_sag", "stg_ky_sag", "fact_ky_sager"}},
		{"ancestors 1 level", []string{"1+fact_ky_sager"}, nil, []string{"dim_kommune", "stg_ky_sag", "fact_ky_sager"}},
		{"zero levels", []string{"0+fact_ky_sager+0"}, nil, []string{"fact_ky_sager"}},
		{"all descendants", []string{"stg_ky_sag+"}, nil, []string{"stg_ky_sag", "dim_ky_sag_oversigt", "fact_ky_sager", "rpt_ky_borger",
			"assert_rpt_positive", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"}},
		{"descendants 1 level", []string{"stg_ky_sag+1"}, nil, []string{"stg_ky_sag", "dim_ky_sag_oversigt", "fact_ky_sager"}},
		{"both ways", []string{"1+dim_borger+1"}, nil, []string{"stg_borger", "dim_borger", "rpt_ky_borger", "not_null_dim_borger_borger_id"}},
		// @stg_borger: its descendants (dim_borger, rpt, the two tests) and every ancestor of
		// those, which pulls in the whole KY side feeding rpt_ky_borger.
		{"at", []string{"@stg_borger"}, nil, []string{"dim_kommune", "dsa.borger", "stg_borger", "dim_borger", "dsa.ky_sag", "stg_ky_sag",
			"fact_ky_sager", "rpt_ky_borger", "assert_rpt_positive", "not_null_dim_borger_borger_id"}},
		{"wildcard name", []string{"dim_*"}, nil, []string{"dim_kommune", "dim_borger", "dim_ky_sag_oversigt"}},
		{"wildcard class", []string{"stg_[b]*"}, nil, []string{"stg_borger"}},
		{"tag", []string{"tag:monthly"}, nil, []string{"fact_ky_sager", "rpt_ky_borger", "assert_rpt_positive"}},
		{"tag wildcard", []string{"tag:dai?y"}, nil, []string{"dim_borger"}},
		{"area", []string{"area:borger"}, nil, []string{"dsa.borger", "stg_borger", "dim_borger"}},
		{"path folder", []string{"path:models/ky/rapporter"}, nil, []string{"rpt_ky_borger"}},
		{"path folder trailing slash", []string{"path:./models/ky/rapporter/"}, nil, []string{"rpt_ky_borger"}},
		{"path dot is everything", []string{"path:.,resource_type:seed"}, nil, []string{"dim_kommune"}},
		{"path file", []string{"path:models/ky/fact_ky_sager.sql"}, nil, []string{"fact_ky_sager"}},
		{"path glob", []string{"path:models/ky/*.sql"}, nil, []string{"stg_ky_sag", "dim_ky_sag_oversigt", "fact_ky_sager"}},
		{"path glob on folder", []string{"path:models/b*"}, nil, []string{"dsa.borger", "stg_borger", "dim_borger", "not_null_dim_borger_borger_id"}},
		{"source table", []string{"source:dsa.ky_sag"}, nil, []string{"dsa.ky_sag"}},
		{"source all tables", []string{"source:dsa"}, nil, []string{"dsa.borger", "dsa.ky_sag"}},
		{"source star", []string{"source:dsa.*+1"}, nil, []string{"dsa.borger", "stg_borger", "dsa.ky_sag", "stg_ky_sag"}},
		{"config", []string{"config.materialized:incremental"}, nil, []string{"fact_ky_sager"}},
		{"config wildcard", []string{"config.incremental_strategy:*"}, nil, []string{"fact_ky_sager"}},
		{"resource_type", []string{"resource_type:seed resource_type:source"}, nil, []string{"dim_kommune", "dsa.borger", "dsa.ky_sag"}},
		{"test_type singular", []string{"test_type:singular"}, nil, []string{"assert_rpt_positive"}},
		{"test_type generic", []string{"test_type:generic"}, nil, []string{"not_null_dim_borger_borger_id", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"}},
		{"fqn folder", []string{"fqn:ky.rapporter"}, nil, []string{"rpt_ky_borger"}},
		{"fqn path and name", []string{"fqn:ky.fact_ky_sager"}, nil, []string{"fact_ky_sager"}},
		{"fqn name", []string{"fqn:dim_borger"}, nil, []string{"dim_borger"}},
		{"fqn source", []string{"fqn:ky.dsa.ky_sag"}, nil, []string{"dsa.ky_sag"}},
		{"bare word is an area", []string{"borger"}, nil, []string{"dsa.borger", "stg_borger", "dim_borger"}},
		{"bare word is a name before an area", []string{"ky"}, nil, []string{"dsa.ky_sag", "stg_ky_sag", "dim_ky_sag_oversigt", "fact_ky_sager", "rpt_ky_borger"}},
		{"bare area with descendants", []string{"borger+1"}, nil, []string{"dsa.borger", "stg_borger", "dim_borger", "rpt_ky_borger", "not_null_dim_borger_borger_id"}},
		{"bare word is a tag last", []string{"monthly"}, nil, []string{"fact_ky_sager", "rpt_ky_borger", "assert_rpt_positive"}},
		{"bare test name", []string{"assert_rpt_positive"}, nil, []string{"assert_rpt_positive"}},
		{"intersection", []string{"tag:monthly,area:ky"}, nil, []string{"fact_ky_sager", "rpt_ky_borger"}},
		{"intersection with operators", []string{"+rpt_ky_borger,area:borger"}, nil, []string{"dsa.borger", "stg_borger", "dim_borger"}},
		{"empty intersection is not an error", []string{"tag:daily,area:ky"}, nil, nil},
		{"union in one string", []string{"dim_kommune dim_borger"}, nil, []string{"dim_kommune", "dim_borger"}},
		{"union across strings", []string{"dim_kommune", "dim_borger"}, nil, []string{"dim_kommune", "dim_borger"}},
		{"exclude", []string{"+rpt_ky_borger"}, []string{"area:ky", "dim_kommune"}, []string{"dsa.borger", "stg_borger", "dim_borger"}},
		{"exclude with operators", []string{"area:ky"}, []string{"fact_ky_sager+"}, []string{"dsa.ky_sag", "stg_ky_sag", "dim_ky_sag_oversigt"}},
		{"no include is everything", nil, []string{"resource_type:test area:*"}, []string{"dim_kommune"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := g.SelectWith(tt.include, tt.exclude, IndirectEmpty)
			if err != nil {
				t.Fatal(err)
			}
			checkSubsequence(t, g, got)
			if s := short(got); !reflect.DeepEqual(s, orEmpty(tt.want)) {
				t.Errorf("\n got %q\nwant %q", s, tt.want)
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// checkSubsequence checks that a selection comes in the graph's order.
func checkSubsequence(t *testing.T, g *Graph, sel []string) {
	t.Helper()
	order, _ := g.Order()
	k := 0
	for _, id := range order {
		if k < len(sel) && sel[k] == id {
			k++
		}
	}
	if k != len(sel) {
		t.Errorf("selection %q is not in topological order", sel)
	}
}

func TestSelectIndirectTests(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		name             string
		mode             IndirectMode
		include, exclude []string
		want             []string
	}{
		{"eager adds tests with any selected parent", IndirectEager, []string{"fact_ky_sager"}, nil,
			[]string{"fact_ky_sager", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"}},
		{"cautious needs all parents", IndirectCautious, []string{"fact_ky_sager"}, nil,
			[]string{"fact_ky_sager", "unique_fact_ky_sager_sag_id"}},
		{"cautious with all parents", IndirectCautious, []string{"fact_ky_sager dim_ky_sag_oversigt"}, nil,
			[]string{"dim_ky_sag_oversigt", "fact_ky_sager", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"}},
		// dim_ky_sag_oversigt is not upstream of fact_ky_sager, so buildable is cautious here...
		{"buildable, other parent elsewhere", IndirectBuildable, []string{"fact_ky_sager"}, nil,
			[]string{"fact_ky_sager", "unique_fact_ky_sager_sag_id"}},
		// ...while a test whose other parents are all upstream of the selection is added.
		{"buildable, other parents upstream", IndirectBuildable, []string{"rpt_ky_borger"}, nil,
			[]string{"rpt_ky_borger", "assert_rpt_positive"}},
		{"empty adds nothing", IndirectEmpty, []string{"fact_ky_sager"}, nil, []string{"fact_ky_sager"}},
		{"excluding a model excludes its tests", IndirectEager, []string{"fact_ky_sager"}, []string{"dim_ky_sag_oversigt"},
			[]string{"fact_ky_sager", "unique_fact_ky_sager_sag_id"}},
		{"excluding a model excludes its tests from everything", IndirectEager, nil, []string{"stg_ky_sag+"},
			[]string{"dim_kommune", "dsa.borger", "stg_borger", "dim_borger", "dsa.ky_sag", "not_null_dim_borger_borger_id"}},
		{"excluding a test directly", IndirectEager, []string{"fact_ky_sager"}, []string{"unique_*"},
			[]string{"fact_ky_sager", "relationships_fact_ky_sager_sag_id"}},
		{"tests are not added through added tests", IndirectEager, []string{"dim_borger"}, nil,
			[]string{"dim_borger", "not_null_dim_borger_borger_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := g.SelectWith(tt.include, tt.exclude, tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			if s := short(got); !reflect.DeepEqual(s, tt.want) {
				t.Errorf("\n got %q\nwant %q", s, tt.want)
			}
		})
	}
	// Select is SelectWith(..., IndirectEager).
	a, _ := g.Select([]string{"fact_ky_sager"}, nil)
	b, _ := g.SelectWith([]string{"fact_ky_sager"}, nil, IndirectEager)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("Select %q != SelectWith eager %q", a, b)
	}
}

func TestWithTests(t *testing.T) {
	g := fixture(t)
	got, err := g.WithTests([]string{"model.dim_borger", "model.stg_borger"}, IndirectEager)
	if err != nil {
		t.Fatal(err)
	}
	if s := short(got); !reflect.DeepEqual(s, []string{"stg_borger", "dim_borger", "not_null_dim_borger_borger_id"}) {
		t.Errorf("got %q", s)
	}
	if _, err := g.WithTests([]string{"model.nope"}, IndirectEager); err == nil || err.Error() != `unknown node "model.nope"` {
		t.Errorf("error = %v", err)
	}
}

func TestSelectErrors(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		name             string
		include, exclude []string
		want             string
	}{
		{"typo in a name", []string{"fact_ky_sagr"}, nil, `selector "fact_ky_sagr" matches nothing (did you mean "fact_ky_sager"?)`},
		{"typo with operators", []string{"+fact_ky_sagr+"}, nil, `selector "+fact_ky_sagr+" matches nothing (did you mean "fact_ky_sager"?)`},
		{"source table by bare name", []string{"ky_sag"}, nil, `selector "ky_sag" matches nothing (did you mean "source:dsa.ky_sag"?)`},
		{"nothing close", []string{"zzzzzz"}, nil, `selector "zzzzzz" matches nothing`},
		{"tag", []string{"tag:montly"}, nil, `selector "tag:montly" matches nothing (did you mean "tag:monthly"?)`},
		{"area", []string{"area:borgr"}, nil, `selector "area:borgr" matches nothing (did you mean "area:borger"?)`},
		{"path", []string{"path:models/kyy"}, nil, `selector "path:models/kyy" matches nothing (did you mean "path:models/ky"?)`},
		{"source", []string{"source:dsa.ky_sg"}, nil, `selector "source:dsa.ky_sg" matches nothing (did you mean "source:dsa.ky_sag"?)`},
		{"config value", []string{"config.materialized:incremetal"}, nil, `selector "config.materialized:incremetal" matches nothing (did you mean "config.materialized:incremental"?)`},
		{"config key", []string{"config.materalized:table"}, nil, `selector "config.materalized:table" matches nothing (did you mean "config.materialized:table"?)`},
		{"path folder is not a name prefix", []string{"path:models/k"}, nil, `selector "path:models/k" matches nothing (did you mean "path:models/ky" or "path:models" or "path:models/ky/rapporter"?)`},
		{"wildcard matching nothing", []string{"zz_*"}, nil, `selector "zz_*" matches nothing`},
		{"in an intersection", []string{"tag:monthly,area:kyy"}, nil, `selector "area:kyy" matches nothing (did you mean "area:ky"?)`},
		{"in exclude", []string{"area:ky"}, []string{"fact_ky_sagr"}, `selector "fact_ky_sagr" matches nothing (did you mean "fact_ky_sager"?)`},
		{"all reported", []string{"tag:montly ky"}, []string{"area:borgr"}, `selector "tag:montly" matches nothing (did you mean "tag:monthly"?)
selector "area:borgr" matches nothing (did you mean "area:borger"?)`},
		{"syntax first", []string{"2+", "fact_ky_sagr"}, nil, `selector "2+", column 3: expected a name after "2+"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := g.Select(tt.include, tt.exclude)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("\n got %s\nwant %s", err, tt.want)
			}
			var se *SelectorError
			if !errors.As(err, &se) {
				t.Errorf("%T does not unwrap to *SelectorError", err)
			}
		})
	}
}

func TestMatchAndIndirectModes(t *testing.T) {
	g := fixture(t)
	s, err := ParseSelector("@dim_kommune")
	if err != nil {
		t.Fatal(err)
	}
	got, err := g.Match(s)
	if err != nil {
		t.Fatal(err)
	}
	// dim_ky_sag_oversigt comes in as an ancestor of the relationships test downstream.
	want := []string{"dim_kommune", "dsa.borger", "stg_borger", "dim_borger", "dsa.ky_sag", "stg_ky_sag", "dim_ky_sag_oversigt", "fact_ky_sager",
		"rpt_ky_borger", "assert_rpt_positive", "relationships_fact_ky_sager_sag_id", "unique_fact_ky_sager_sag_id"}
	if !reflect.DeepEqual(short(got), want) {
		t.Errorf("Match:\n got %q\nwant %q", short(got), want)
	}
	for _, m := range []IndirectMode{IndirectEager, IndirectCautious, IndirectBuildable, IndirectEmpty} {
		back, err := ParseIndirectMode(m.String())
		if err != nil || back != m {
			t.Errorf("%v round trip: %v, %v", m, back, err)
		}
	}
	if _, err := ParseIndirectMode("eagre"); err == nil || err.Error() != `unknown indirect selection mode "eagre" (did you mean "eager"?)` {
		t.Errorf("error = %v", err)
	}
}

// TestConcurrentReads runs selections and traversals from several goroutines; with -race it
// checks that a Graph really is read-only after New.
func TestConcurrentReads(t *testing.T) {
	g := fixture(t)
	want, _ := g.Select([]string{"@stg_borger"}, nil)
	done := make(chan []string)
	for range 8 {
		go func() {
			got, _ := g.Select([]string{"@stg_borger"}, nil)
			g.Upstream("model.rpt_ky_borger", -1)
			g.Levels()
			done <- got
		}()
	}
	for range 8 {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Errorf("concurrent Select = %q, want %q", got, want)
		}
	}
}
