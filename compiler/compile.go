package compiler

import (
	"errors"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/flis-dk/flis/compiler/dag"
	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/compiler/project"
)

// Options configure one compile.
type Options struct {
	Root string
	// Vars override the project's variable defaults (from --vars).
	Vars map[string]any
	// TargetName chooses the target from flis.yaml ("" = default_target, else dev); the
	// target decides the schemas models and seeds are written to. Getenv expands ${env:X}
	// in its DSN and lets FLIS_DSN override it (nil = os.Getenv).
	TargetName string
	Getenv     func(string) string
	// CacheDir holds the analysis cache keyed by file content hash; "" disables it.
	CacheDir string
	// Parallelism bounds the SQL analysis workers; 0 means the number of CPUs.
	Parallelism int
}

// Compile runs the pipeline. Diagnostics of every stage are collected; the returned error is a
// diag.ErrorList when any of them is an error (and then the Result is nil).
func Compile(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Parallelism <= 0 {
		opts.Parallelism = runtime.GOMAXPROCS(0)
	}
	var diags diag.List
	stats := Stats{Parallelism: opts.Parallelism}

	t := time.Now()
	proj, ds := project.Load(opts.Root, project.Options{CacheDir: opts.CacheDir})
	diags.Append(ds)
	stats.LoadMS = ms(t)
	if proj == nil || ds.HasErrors() {
		return nil, finish(diags)
	}
	stats.Files = len(proj.Models) + len(proj.Seeds) + len(proj.Tests)

	vars := mergeVars(proj.Config, opts.Vars)
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	target, err := project.ResolveTarget(proj.Config, opts.TargetName, opts.Getenv)
	if err != nil {
		var d diag.Diag
		if !errors.As(err, &d) {
			d = diag.Errorf(diag.Pos{File: "flis.yaml"}, "%v", err)
		}
		diags.Add(d)
		return nil, finish(diags)
	}

	t = time.Now()
	c := &compilation{proj: proj, target: target, vars: vars, nodes: map[string]*Node{}}
	analyses := c.analyseAll(opts, &stats)
	stats.AnalyseMS = ms(t)

	t = time.Now()
	c.addNodes(analyses)
	c.resolve(analyses)
	c.addTests()
	diags.Append(c.diags)
	stats.ResolveMS = ms(t)
	if diags.HasErrors() {
		return nil, finish(diags)
	}

	t = time.Now()
	g, order, ds := c.buildGraph()
	diags.Append(ds)
	stats.GraphMS = ms(t)
	if diags.HasErrors() {
		return nil, finish(diags)
	}
	if ds := c.render(order); ds.HasErrors() {
		diags.Append(ds)
		return nil, finish(diags)
	}
	stats.TotalMS = ms(start)
	diags.Sort()
	return &Result{
		Project: proj, Target: target, Vars: vars, Nodes: c.nodes, Order: order,
		Graph: g, Warnings: diags.Warnings(), Stats: stats,
	}, nil
}

func ms(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }

func finish(l diag.List) error {
	l.Sort()
	return l.Err()
}

// compilation is the state shared by the stages of one Compile.
type compilation struct {
	proj    *project.Project
	target  project.Target
	vars    map[string]any
	nodes   map[string]*Node
	edges   []dag.Edge
	diags   diag.List
	edgePos map[[2]string]srcRef // where the reference behind an edge is written
	sorted  []*Node              // sortedNodes' memo

	byName   map[string]string // model/seed name → node ID
	byQual   map[string]string // "schema.name" (configured schema, no suffix) → node ID
	sources  map[string]string // "source.table" → node ID
	relNames []string          // everything referable, for did-you-mean
}

// mergeVars lays --vars over the project defaults. Overrides of undeclared variables are
// allowed (dbt allows them too), so a model can use a variable with no default only when it
// is given on the command line; using one that is set nowhere is an error at its position.
func mergeVars(cfg *project.Config, over map[string]any) map[string]any {
	vars := map[string]any{}
	for k, v := range cfg.Vars {
		vars[k] = v.Value
	}
	for k, v := range over {
		vars[k] = v
	}
	return vars
}

// schemaFor applies the target's suffix to a configured schema.
func (c *compilation) schemaFor(schema string) string {
	return schema + c.target.SchemaSuffix
}

func modelID(name string) string       { return KindModel + "." + name }
func seedID(name string) string        { return KindSeed + "." + name }
func sourceID(src, name string) string { return KindSource + "." + src + "." + name }
func testID(name string) string        { return KindTest + "." + name }

// addNodes creates a node per model, seed, source table and singular test, and the name
// indexes references are resolved against.
func (c *compilation) addNodes(an map[string]*analysis) {
	c.byName, c.byQual, c.sources = map[string]string{}, map[string]string{}, map[string]string{}
	for _, m := range c.proj.Models {
		n := &Node{ID: modelID(m.Name), Kind: KindModel, Name: m.Name, Path: m.Path, Area: m.Area,
			Tags: m.Config.Tags, Hash: m.Hash, Model: m}
		if m.Config.Materialized != "ephemeral" {
			n.Relation = Relation{Schema: c.schemaFor(m.Config.Schema), Name: relName(m.Config.Alias, m.Name)}
		}
		if a := an[m.Path]; a != nil && a.res != nil && !a.res.Star && !a.res.Fallback {
			for _, col := range a.res.Columns {
				n.Columns = append(n.Columns, col.Name)
			}
		}
		c.nodes[n.ID] = n
		c.byName[m.Name] = n.ID
		c.byQual[m.Config.Schema+"."+relName(m.Config.Alias, m.Name)] = n.ID
		c.relNames = append(c.relNames, m.Name)
	}
	for _, s := range c.proj.Seeds {
		n := &Node{ID: seedID(s.Name), Kind: KindSeed, Name: s.Name, Path: s.Path, Tags: s.Config.Tags,
			Hash: s.Hash, Seed: s, Columns: s.Header,
			Relation: Relation{Schema: c.schemaFor(s.Config.Schema), Name: relName(s.Config.Alias, s.Name)}}
		c.nodes[n.ID] = n
		if prev, dup := c.byName[s.Name]; dup {
			c.diags.Add(diag.Errorf(s.Pos, "seed %q has the same name as %s", s.Name, prev).
				WithHint("rename one of them: names are unique across models and seeds"))
		}
		c.byName[s.Name] = n.ID
		c.byQual[s.Config.Schema+"."+n.Relation.Name] = n.ID
		c.relNames = append(c.relNames, s.Name)
	}
	for _, s := range c.proj.Sources {
		n := &Node{ID: sourceID(s.Source, s.Name), Kind: KindSource, Name: s.Name, Path: s.Path,
			Area: s.Area, Source: s, Relation: Relation{Schema: s.Source, Name: s.Name}}
		for _, col := range s.Columns {
			n.Columns = append(n.Columns, col.Name)
		}
		c.nodes[n.ID] = n
		c.sources[s.Source+"."+s.Name] = n.ID
		c.relNames = append(c.relNames, s.Source+"."+s.Name)
	}
	for _, t := range c.proj.Tests {
		n := &Node{ID: testID(t.Name), Kind: KindTest, Name: t.Name, Path: t.Path, Tags: t.Tags, Hash: t.Hash,
			Test: &Test{Kind: "singular", Severity: severity(t.Severity), Pos: t.Pos}}
		c.nodes[n.ID] = n
	}
	sort.Strings(c.relNames)
}

func relName(alias, name string) string {
	if alias != "" {
		return alias
	}
	return name
}

func severity(s string) string {
	if s == "" {
		return "error"
	}
	return strings.ToLower(s)
}
