// Package compiler turns a flis project on disk into a Result: every model, seed, source and
// data test as a node of one dependency graph, with each model's SQL analysed, its references
// resolved to the target's relations and its variables rendered. It is a pipeline of stages
// (load → analyse → resolve → graph → select) whose result can be printed (`flis ls`) and
// serialised (`target/manifest.json`); every later command starts from it.
package compiler

import (
	"github.com/flis-dk/flis/compiler/dag"
	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/compiler/project"
)

// Node kinds.
const (
	KindModel  = "model"
	KindSeed   = "seed"
	KindSource = "source"
	KindTest   = "test"
)

// Relation is a schema-qualified relation in the warehouse.
type Relation struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
}

// IsZero reports whether the relation is unset (ephemeral models and tests have none).
func (r Relation) IsZero() bool { return r.Name == "" }

// Quoted is the relation as SQL text: "schema"."name".
func (r Relation) Quoted() string { return pgsql.QuoteQualified(r.Schema, r.Name) }

func (r Relation) String() string {
	if r.Schema == "" {
		return r.Name
	}
	return r.Schema + "." + r.Name
}

// Node is one vertex of the project graph. Exactly one of Model, Seed, Source and Test is set,
// according to Kind.
type Node struct {
	ID        string   `json:"unique_id"`
	Kind      string   `json:"resource_type"`
	Name      string   `json:"name"`
	Path      string   `json:"path"`
	Area      string   `json:"area,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Relation  Relation `json:"relation"`
	DependsOn []string `json:"depends_on"`
	Hash      string   `json:"checksum,omitempty"`

	// Columns are the model's output columns as the SQL analysis found them; nil when the
	// select list has a star or the statement could only be read from its tokens.
	Columns []string `json:"columns,omitempty"`
	// CompiledSQL is the SQL that runs: the user's text with relation names replaced by the
	// target's quoted relations, variables rendered as literals and ephemeral models inlined.
	// Built-in run-time variables (${range_start}) are rendered for a full build here; the
	// runner renders them again with RenderMapped.
	CompiledSQL string `json:"compiled_sql,omitempty"`
	// PrevVars are the variables the SQL reads as ${prev.name}: their values when the
	// model's table was last built. The runner records and renders them.
	PrevVars []string `json:"prev_vars,omitempty"`

	Model  *project.Model       `json:"model,omitempty"`
	Seed   *project.Seed        `json:"seed,omitempty"`
	Source *project.SourceTable `json:"source,omitempty"`
	Test   *Test                `json:"test,omitempty"`

	template *template // the parts Render needs; nil for nodes without SQL
}

// Test is a data test node: a generic test instance attached to a model, seed or source
// (Kind not_null, unique, ...), or a singular test from tests/*.sql (Kind "singular").
type Test struct {
	Kind     string         `json:"kind"`
	Attached string         `json:"attached_node,omitempty"` // the node under test
	Column   string         `json:"column,omitempty"`
	Args     map[string]any `json:"args,omitempty"`
	Severity string         `json:"severity"`
	Where    string         `json:"where,omitempty"`
	// To is the relation a relationships test points at, resolved for the target.
	To  Relation `json:"to,omitempty"`
	Pos diag.Pos `json:"pos"`
}

// Result is the compiled project.
type Result struct {
	Project  *project.Project `json:"-"`
	Target   project.Target   `json:"target"`
	Vars     map[string]any   `json:"vars"`
	Nodes    map[string]*Node `json:"nodes"`
	Order    []string         `json:"order"` // every node, dependencies first
	Graph    *dag.Graph       `json:"-"`
	Warnings diag.List        `json:"warnings,omitempty"`
	Stats    Stats            `json:"-"`
}

// Stats says where compile time went; `flis compile --stats` prints it.
type Stats struct {
	Files       int
	Analysed    int // models whose SQL was parsed in this run
	CacheHits   int // models whose analysis came from the cache
	LoadMS      float64
	AnalyseMS   float64
	ResolveMS   float64
	GraphMS     float64
	TotalMS     float64
	Parallelism int
}

// Selected returns the IDs chosen by include/exclude selectors, in graph order, with the data
// tests attached to them (dbt's eager indirect selection). With no include, every node is
// selected.
func (r *Result) Selected(include, exclude []string) ([]string, error) {
	if len(include) > 0 {
		return r.Graph.Select(include, exclude)
	}
	if len(exclude) == 0 {
		return append([]string(nil), r.Order...), nil
	}
	// Everything but the excluded nodes (and the tests of excluded nodes).
	drop, err := r.Graph.Select(exclude, nil)
	if err != nil {
		return nil, err
	}
	gone := make(map[string]bool, len(drop))
	for _, id := range drop {
		gone[id] = true
	}
	var out []string
	for _, id := range r.Order {
		if !gone[id] {
			out = append(out, id)
		}
	}
	return out, nil
}
